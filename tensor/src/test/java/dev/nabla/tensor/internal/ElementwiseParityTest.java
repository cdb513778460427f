package dev.nabla.tensor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.tensor.Rng;
import dev.nabla.tensor.internal.simd.Lanes;
import dev.nabla.tensor.internal.simd.VectorElementwise;
import dev.nabla.tensor.testing.Cases;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every fast element-wise kernel against its reference twin, over sizes 0, 1, around the float and
 * double lane counts, and past the parallel chunk, with ±0, ±∞, NaN, subnormals and overflowing
 * values mixed into the data.
 *
 * <p>Tolerances: the scalar tier is bit-identical to the reference (same double math, one rounding).
 * The SIMD tier is bit-identical for the exact IEEE ops and within 1 F32 ulp for the transcendental
 * ones (double-lane polynomials with ~1e-10 relative error, then one rounding: the result can only
 * differ from the reference's rounding of its own ≤1-ulp double when both sit next to a tie).
 */
class ElementwiseParityTest {
    private static final int LANES = Simd.ENABLED ? Lanes.F32.length() : 16;
    /** Ops whose SIMD result must equal the reference bit for bit. */
    private static final Set<UnaryOp> EXACT = EnumSet.of(UnaryOp.NEG, UnaryOp.ABS, UnaryOp.SIGN, UnaryOp.RELU,
            UnaryOp.SQUARE, UnaryOp.SQRT, UnaryOp.RSQRT, UnaryOp.RECIPROCAL);
    private static final float[] SPECIALS = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f,
        88.72f, 88.73f, -87.3f, -103.9f, -104f, 1e-30f, -1e-30f, 20f, -20f, 9.5f, -9.5f};

    /**
     * Sizes at the SIMD edges (float lanes and the half as many double lanes) and a few thousand.
     * Leaf kernels never see the parallel chunking (ElementwisePropertiesTest covers sizes past it).
     */
    private static int[] sizes() {
        return IntStream.concat(IntStream.of(Cases.edgeSizes(LANES, 4099)),
                IntStream.of(Cases.edgeSizes(LANES / 2, 100))).distinct().sorted().toArray();
    }

    /** Half moderate values, half log-uniform magnitudes from 2^−140 to 2^130 (under- and overflow), 5% specials. */
    private static float[] data(Rng rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            if (u < 0.05) x[i] = SPECIALS[(int) rng.nextLong(SPECIALS.length)];
            else if (u < 0.5) x[i] = (float) (-30 + 60 * rng.nextDouble());
            else x[i] = (float) ((rng.nextDouble() < 0.5 ? -1 : 1) * Math.pow(2, -140 + 270 * rng.nextDouble()));
        }
        return x;
    }

    /** Distance in float ulps of the reference value; 0 when both are the same NaN-or-value, ∞ on NaN/∞ mismatch. */
    static double ulps(float got, float want) {
        if (Float.floatToIntBits(got) == Float.floatToIntBits(want)) return 0;
        if (Float.isNaN(got) || Float.isNaN(want) || Float.isInfinite(got) || Float.isInfinite(want)) return Double.POSITIVE_INFINITY;
        if (got == want) return 0.5; // +0 vs −0: a sign difference, allowed only where ulps are
        return Math.abs((double) got - want) / Math.ulp(want);
    }

    private static void assertWithin(float[] got, float[] want, int from, int n, double maxUlps, String what) {
        for (int i = 0; i < n; i++) {
            double e = ulps(got[from + i], want[from + i]);
            if (e > maxUlps) {
                throw new AssertionError(what + ": element " + i + " of " + n + ": got " + got[from + i] + ", reference "
                        + want[from + i] + " (" + e + " ulps > " + maxUlps + ")");
            }
        }
    }

    @Test
    void scalarUnaryMatchesReferenceBitForBit() {
        Cases.forAll("scalarUnaryMatchesReferenceBitForBit", 3, (rng, c) -> {
            for (UnaryOp op : UnaryOp.values()) {
                for (int n : sizes()) {
                    int off = (int) rng.nextLong(3);
                    float[] x = data(rng, n + off), want = new float[n + 1], got = new float[n + 1];
                    ReferenceElementwise.unary(op, x, off, want, 1, n);
                    ScalarElementwise.unary(op, x, off, got, 1, n);
                    assertWithin(got, want, 1, n, 0, "scalar " + op.opName() + " n=" + n);
                }
            }
        });
    }

    @Test
    void vectorUnaryMatchesReference() {
        if (!Simd.ENABLED) return; // nothing to compare: the facade never calls the vector tier
        Cases.forAll("vectorUnaryMatchesReference", 3, (rng, c) -> {
            for (UnaryOp op : UnaryOp.values()) {
                for (int n : sizes()) {
                    int off = (int) rng.nextLong(3);
                    float[] x = data(rng, n + off), want = new float[n + 1], got = new float[n + 1];
                    ReferenceElementwise.unary(op, x, off, want, 1, n);
                    ElementwiseKernels.unary(op, x, off, got, 1, n); // SIMD where it has a kernel
                    assertWithin(got, want, 1, n, EXACT.contains(op) ? 0 : 1, "simd " + op.opName() + " n=" + n);
                }
            }
        });
    }

    @Test
    void vectorTranscendentalsStayWithinOneUlpOnADenseGridOfAllFloats() {
        if (!Simd.ENABLED) return;
        // every 16381st bit pattern: 262K floats, ~500 per sign and exponent, with subnormals, ±∞ and NaNs
        int step = 16381, n = (int) ((1L << 32) / step);
        float[] x = new float[n], want = new float[n], got = new float[n];
        for (int i = 0; i < n; i++) x[i] = Float.intBitsToFloat(Integer.MIN_VALUE + i * step);
        for (UnaryOp op : UnaryOp.values()) {
            if (EXACT.contains(op)) continue;
            ReferenceElementwise.unary(op, x, 0, want, 0, n);
            ElementwiseKernels.unary(op, x, 0, got, 0, n);
            assertWithin(got, want, 0, n, 1, "simd " + op.opName() + " on the dense grid");
        }
    }

    @Test
    void binaryTiersMatchReferenceBitForBitForEveryStridePattern() {
        int[][] vectorStrides = {{1, 1}, {0, 1}, {1, 0}, {0, 0}};
        int[][] scalarStrides = {{1, 1}, {0, 1}, {1, 0}, {3, 1}, {1, 2}};
        Cases.forAll("binaryTiersMatchReferenceBitForBitForEveryStridePattern", 2, (rng, c) -> {
            for (BinaryOp op : BinaryOp.values()) {
                for (int n : sizes()) {
                    for (int[] s : scalarStrides) {
                        compareBinary(rng, op, n, s, false);
                    }
                    if (Simd.ENABLED && op != BinaryOp.POW) {
                        for (int[] s : vectorStrides) compareBinary(rng, op, n, s, true);
                    }
                }
            }
        });
    }

    private static void compareBinary(Rng rng, BinaryOp op, int n, int[] strides, boolean vector) {
        float[] a = data(rng, Math.max(1, n * strides[0] + 2)), b = data(rng, Math.max(1, n * strides[1] + 2));
        if (rng.nextDouble() < 0.3) System.arraycopy(a, 0, b, 0, Math.min(a.length, b.length)); // many ties for comparisons
        float[] want = new float[n], got = new float[n];
        ReferenceElementwise.binary(op, a, 1, strides[0], b, 1, strides[1], want, 0, n);
        if (vector) VectorElementwise.binary(op, a, 1, strides[0], b, 1, strides[1], got, 0, n);
        else ScalarElementwise.binary(op, a, 1, strides[0], b, 1, strides[1], got, 0, n);
        assertWithin(got, want, 0, n, 0, (vector ? "simd " : "scalar ") + op.opName() + " n=" + n + " strides=" + strides[0] + "," + strides[1]);
    }

    @Test
    void vectorClampMatchesReferenceBitForBit() {
        if (!Simd.ENABLED) return;
        Cases.forAll("vectorClampMatchesReferenceBitForBit", 20, (rng, c) -> {
            float lo = (float) (-3 + 4 * rng.nextDouble()), hi = (float) (-1 + 4 * rng.nextDouble()); // sometimes lo > hi
            for (int n : sizes()) {
                float[] x = data(rng, n), want = new float[n], got = new float[n];
                ReferenceElementwise.clamp(x, 0, want, 0, n, lo, hi);
                VectorElementwise.clamp(x, 0, got, 0, n, lo, hi);
                assertWithin(got, want, 0, n, 0, "simd clamp n=" + n);
            }
        });
    }

    @Test
    void parallelRangesCoverEveryElementOnceInFixedChunks() {
        for (int n : new int[] {0, 1, ElementwiseKernels.CHUNK, ElementwiseKernels.CHUNK + 1, 5 * ElementwiseKernels.CHUNK - 3}) {
            int[] hits = new int[n];
            ParallelElementwise.forRanges(n, ElementwiseKernels.CHUNK, (start, end) -> {
                assertThat(start % ElementwiseKernels.CHUNK).isZero();
                for (int i = start; i < end; i++) hits[i]++;
            });
            assertThat(java.util.Arrays.stream(hits).allMatch(h -> h == 1)).as("every element exactly once, n=%d", n).isTrue();
        }
    }
}
