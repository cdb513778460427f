package dev.nabla.tensor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.tensor.Rng;
import dev.nabla.tensor.internal.ReductionKernels.Rows;
import dev.nabla.tensor.internal.simd.Lanes;
import dev.nabla.tensor.testing.Cases;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The fast reduction kernels (parallel tier over the scalar leaves, and over the SIMD leaves when
 * the Vector API is on) against {@link ReferenceReductions}, over layouts with row lengths 0, 1,
 * lanes±1, a piece ±1 and just past the parallel chunk size, contiguous and segmented; and
 * bit-identity of the parallel tier on 1 and 2 threads. The column kernels (outputs adjacent, one
 * element per matrix row) are checked over heights around their 64-row blocks and widths around
 * the lane count and their 512-column blocks.
 *
 * <p>Tolerances. SIMD sums add at most 64 terms per float lane, then a 6-level lane tree: error
 * ≤ 70·2^-24·Σ|x| per piece, pieces added in double; we allow 80·2^-24·Σ|x|. Scalar sums
 * accumulate in double: 2^-40·Σ|x| is generous. Moments: squared deviations from a float shift
 * (exact by Sterbenz for the test data, whose spread is small against the offset) summed ≤ 128
 * per lane: M2 within 2e-5 relative; the mean within the sum bound divided by n.
 * Max, min, argmax, argmin are exact. Softmax and logsumexp: the scalar leaves compute in double
 * and round once (½ ulp); the SIMD leaves use float exp (1 ulp) and float-lane sums (as above),
 * so 80·2^-24 relative (for log-softmax and logsumexp: of 1 + |value|).
 */
class ReductionParityTest {
    private static final int LANES = Simd.ENABLED ? Lanes.F32.length() : 16;

    private record Tier(String name, ReductionKernels.Leaves leaves, double sumTolerance, double softmaxTolerance) {}

    private static List<Tier> tiers() {
        List<Tier> tiers = new ArrayList<>();
        tiers.add(new Tier("scalar", ReductionKernels.scalarLeaves(), 0x1p-40, 0x1p-24));
        if (Simd.ENABLED) tiers.add(new Tier("simd", ReductionKernels.vectorLeaves(), 80 * 0x1p-24, 80 * 0x1p-24));
        return tiers;
    }

    /** Row lengths every kernel must get right. */
    private static int[] lengths() {
        int[] edge = Cases.edgeSizes(LANES, ParallelReductions.CHUNK_ELEMENTS);
        int[] all = Arrays.copyOf(edge, edge.length + 4);
        all[edge.length] = ParallelReductions.PIECE - 1;
        all[edge.length + 1] = ParallelReductions.PIECE + 1;
        all[edge.length + 2] = 4 * LANES - 1;
        all[edge.length + 3] = 4 * LANES + 1;
        return all;
    }

    /** A layout and its data: contiguous rows, or segmented (C rows of N runs, as (N, C, S) per channel). */
    private record Layout(float[] x, Rows rows) {
        double[] asDouble() {
            double[] d = new double[x.length];
            for (int i = 0; i < x.length; i++) d[i] = x[i];
            return d;
        }
    }

    private static Layout layout(Rng rng, int length, boolean segmented, double offset) {
        int rows = length > 10_000 ? 2 : Cases.size(rng, 1, 5);
        int segments = segmented ? Cases.size(rng, 2, 3) : 1;
        int pad = Cases.size(rng, 0, 3);
        Rows r = segmented ? new Rows(pad, rows, segments, length, length, rows * length)
                : new Rows(pad, rows, 1, length, length + Cases.size(rng, 0, 2), 0);
        float[] x = Cases.floats(rng, pad + rows * segments * Math.max(length, r.rowStride()) + 8, offset - 1, offset + 1);
        return new Layout(x, r);
    }

    /** Fails at the first i with |actual[i] − expected[i]| > tolerance(i) (NaN and ±∞ match only themselves). */
    private static void assertWithin(String what, double[] actual, double[] expected, IntToDoubleFunction tolerance) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            boolean ok = Double.isNaN(expected[i]) ? Double.isNaN(actual[i])
                    : actual[i] == expected[i] || Math.abs(actual[i] - expected[i]) <= tolerance.applyAsDouble(i);
            if (!ok) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + ", reference " + expected[i]
                        + ", tolerance " + tolerance.applyAsDouble(i));
            }
        }
    }

    private static double sumAbs(Layout l, int o) {
        double s = 0;
        for (int j = 0; j < l.rows.segments(); j++) {
            for (int k = 0; k < l.rows.length(); k++) s += Math.abs(l.x[l.rows.start(o, j) + k]);
        }
        return s;
    }

    @Test
    void sumMatchesReference() {
        for (Tier tier : tiers()) {
            Cases.forAll(tier.name + " sum", 2, (rng, c) -> {
                for (int length : lengths()) {
                    Layout l = layout(rng, length, c == 1, c == 1 ? 50 : 0);
                    assertWithin(tier.name + " sum, length " + length, ParallelReductions.sum(l.x, l.rows, tier.leaves),
                            ReferenceReductions.sum(l.asDouble(), l.rows), o -> tier.sumTolerance * sumAbs(l, o));
                }
            });
        }
    }

    @Test
    void maxAndMinMatchReferenceExactly_includingNaN() {
        for (Tier tier : tiers()) {
            Cases.forAll(tier.name + " max/min", 2, (rng, c) -> {
                for (int length : lengths()) {
                    if (length == 0) continue;
                    Layout l = layout(rng, length, c == 1, 0);
                    if (rng.nextDouble() < 0.5) l.x[l.rows.start(0, 0) + (int) rng.nextLong(length)] = Float.NaN;
                    assertThat(ParallelReductions.max(l.x, l.rows, tier.leaves)).as("%s max length %d", tier.name, length)
                            .containsExactly(ReferenceReductions.max(l.asDouble(), l.rows));
                    assertThat(ParallelReductions.min(l.x, l.rows, tier.leaves)).as("%s min length %d", tier.name, length)
                            .containsExactly(ReferenceReductions.min(l.asDouble(), l.rows));
                }
            });
        }
    }

    @Test
    void momentsMatchReference() {
        for (Tier tier : tiers()) {
            Cases.forAll(tier.name + " moments", 2, (rng, c) -> {
                for (int length : lengths()) {
                    if (length == 0) continue;
                    Layout l = layout(rng, length, c == 1, c == 1 ? 100 : 0);
                    double[][] fast = ParallelReductions.moments(l.x, l.rows, tier.leaves);
                    double[][] ref = ReferenceReductions.moments(l.asDouble(), l.rows);
                    int n = l.rows.count();
                    assertWithin(tier.name + " mean, length " + length, fast[0], ref[0], o -> 80 * 0x1p-24 * sumAbs(l, o) / n);
                    assertWithin(tier.name + " M2, length " + length, fast[1], ref[1], o -> 2e-5 * ref[1][o]);
                }
            });
        }
    }

    @Test
    void columnKernelsMatchReference() {
        int[] heights = {1, 2, 63, 64, 65, 300};
        int[] widths = {1, LANES - 1, LANES + 1, 513, 600};
        for (Tier tier : tiers()) {
            Cases.forAll(tier.name + " columns", 2, (rng, c) -> {
                for (int j : heights) {
                    for (int o : widths) {
                        int pad = Cases.size(rng, 0, 3), stride = o + Cases.size(rng, 0, 2);
                        Layout l = new Layout(Cases.floats(rng, pad + j * stride, c == 1 ? 99 : -1, c == 1 ? 101 : 1),
                                new Rows(pad, o, j, 1, 1, stride));
                        String where = tier.name + " (" + j + ", " + o + ")";
                        assertWithin(where + " sum", ParallelReductions.sumColumns(l.x, l.rows, tier.leaves),
                                ReferenceReductions.sum(l.asDouble(), l.rows), k -> tier.sumTolerance * sumAbs(l, k));
                        double[][] refMoments = ReferenceReductions.moments(l.asDouble(), l.rows);
                        double[][] moments = ParallelReductions.momentsColumns(l.x, l.rows, tier.leaves);
                        assertWithin(where + " mean", moments[0], refMoments[0], k -> 80 * 0x1p-24 * sumAbs(l, k) / j);
                        assertWithin(where + " M2", moments[1], refMoments[1], k -> 2e-5 * refMoments[1][k]);
                        if (rng.nextDouble() < 0.5) l.x[pad + (int) rng.nextLong(j) * stride + (int) rng.nextLong(o)] = Float.NaN;
                        assertThat(ParallelReductions.maxColumns(l.x, l.rows, tier.leaves)).as(where + " max")
                                .containsExactly(ReferenceReductions.max(l.asDouble(), l.rows));
                        assertThat(ParallelReductions.minColumns(l.x, l.rows, tier.leaves)).as(where + " min")
                                .containsExactly(ReferenceReductions.min(l.asDouble(), l.rows));
                    }
                }
            });
        }
    }

    @Test
    void rowKernelsMatchReference() {
        Cases.forAll("argmax/argmin", 2, (rng, c) -> {
            for (int length : lengths()) {
                Layout l = layout(rng, length, c == 1, 0);
                // values on a coarse grid so that ties occur
                for (int i = 0; i < l.x.length; i++) l.x[i] = Math.round(l.x[i] * 8) * 100f;
                double[] xd = l.asDouble();
                if (length > 0) {
                    assertThat(ParallelReductions.argmax(l.x, l.rows)).containsExactly(ReferenceReductions.argmax(xd, l.rows));
                    assertThat(ParallelReductions.argmin(l.x, l.rows)).containsExactly(ReferenceReductions.argmin(xd, l.rows));
                }
            }
        });
    }

    @Test
    void logsumexpMatchesReference() {
        for (Tier tier : tiers()) {
            Cases.forAll(tier.name + " logsumexp", 2, (rng, c) -> {
                for (int length : lengths()) {
                    Layout l = layout(rng, length, c == 1, c == 1 ? 1000 : 0);
                    double[] ref = ReferenceReductions.logsumexp(l.asDouble(), l.rows);
                    assertWithin(tier.name + " logsumexp, length " + length, ParallelReductions.logsumexp(l.x, l.rows, tier.leaves),
                            ref, o -> tier.softmaxTolerance * (1 + Math.abs(ref[o])));
                }
            });
        }
    }

    @Test
    void softmaxMatchesReference() {
        for (Tier tier : tiers()) {
            Cases.forAll(tier.name + " softmax", 2, (rng, c) -> {
                for (int cols : lengths()) {
                    int rows = cols > 10_000 ? 2 : Cases.size(rng, 1, 5), from = Cases.size(rng, 0, 3);
                    float[] x = Cases.floats(rng, from + rows * cols, c == 1 ? 990 : -10, c == 1 ? 1010 : 10);
                    double[] xd = new double[x.length];
                    for (int i = 0; i < x.length; i++) xd[i] = x[i];
                    for (boolean log : new boolean[] {false, true}) {
                        float[] out = new float[rows * cols];
                        double[] ref = new double[rows * cols];
                        ParallelReductions.softmax(x, from, rows, cols, out, log, tier.leaves);
                        ReferenceReductions.softmax(xd, from, rows, cols, ref, log);
                        double[] actual = new double[out.length];
                        for (int i = 0; i < out.length; i++) actual[i] = out[i];
                        assertWithin(tier.name + " log=" + log + " cols " + cols, actual, ref,
                                i -> tier.softmaxTolerance * (log ? 1 + Math.abs(ref[i]) : ref[i]) + 1e-30);
                    }
                }
            });
        }
    }

    /**
     * Batch-norm forward: every F32 tier gives the same bits as the float expression
     * ((x − μ)·σ⁻¹)·γ + β evaluated element by element, and stays within 4 float roundings of the
     * double reference.
     */
    @Test
    void batchNormForwardMatchesReference() {
        int[] spatial = {1, 2, LANES - 1, LANES, LANES + 1, 2 * LANES + 3, 196};
        Cases.forAll("batchNormForwardMatchesReference", 2, (rng, k) -> {
            for (Tier tier : tiers()) {
                for (int s : spatial) {
                    int n = Cases.size(rng, 1, 3), c = Cases.size(rng, 1, 3);
                    float[] x = Cases.floats(rng, n * c * s, -3, 3), mean = Cases.floats(rng, c, -1, 1), invStd = Cases.floats(rng, c, 0.5, 2);
                    boolean affine = rng.nextDouble() < 0.5;
                    float[] gamma = affine ? Cases.floats(rng, c, -2, 2) : null, beta = affine ? Cases.floats(rng, c, -1, 1) : null;
                    float[] y = new float[x.length];
                    double[] want = new double[x.length];
                    ParallelReductions.batchNormForward(x, y, n, c, s, mean, invStd, gamma, beta, tier.leaves);
                    ReferenceReductions.batchNormForward(toDouble(x), want, n, c, s, toDouble(mean), toDouble(invStd),
                            affine ? toDouble(gamma) : null, affine ? toDouble(beta) : null);
                    String what = tier.name + " batchNormForward n=" + n + " c=" + c + " s=" + s;
                    for (int i = 0; i < x.length; i++) {
                        int ch = i / s % c;
                        float g = affine ? gamma[ch] : 1, b = affine ? beta[ch] : 0;
                        assertThat(y[i]).as(what + " at " + i).isEqualTo(((x[i] - mean[ch]) * invStd[ch]) * g + b);
                    }
                    assertWithin(what, toDouble(y), want, i -> {
                        int ch = i / s % c;
                        double scaled = Math.abs((x[i] - mean[ch]) * invStd[ch] * (affine ? gamma[ch] : 1));
                        return 4 * 0x1p-24 * (scaled + (affine ? Math.abs(beta[ch]) : 0) + Math.abs(mean[ch] * invStd[ch] * (affine ? gamma[ch] : 1)));
                    });
                }
            }
        });
    }

    /**
     * Batch-norm backward, F32 tiers against the double reference on the same (float) data. The
     * sums are bounded like {@link #sumMatchesReference}'s (Σ|g| and Σ|g·(x − μ)|, with slack for
     * the float x − μ); gx element-wise within 1e-4 of the size of its terms, k·(|g| + |mg| + |x − μ|·|q|).
     */
    @Test
    void batchNormBackwardMatchesReference() {
        int[] spatial = {1, 2, LANES - 1, LANES, LANES + 1, 2 * LANES + 3, 196, ParallelReductions.PIECE + 1};
        Cases.forAll("batchNormBackwardMatchesReference", 2, (rng, k) -> {
            for (Tier tier : tiers()) {
                for (int s : spatial) {
                    int n = Cases.size(rng, 2, 4), c = Cases.size(rng, 1, 3);
                    float[] x = Cases.floats(rng, n * c * s, 2, 4), g = Cases.floats(rng, n * c * s, -1, 1);
                    double[] xd = toDouble(x), gd = toDouble(g), mean = new double[c], invStd = new double[c];
                    double[] gamma = rng.nextDouble() < 0.5 ? null : Cases.doubles(rng, c, -2, 2);
                    for (int ch = 0; ch < c; ch++) {
                        mean[ch] = (float) (3 + 0.1 * rng.nextDouble());
                        invStd[ch] = 1 / Math.sqrt(1.0 / 3 + 1e-5);
                    }
                    float[] gx = new float[x.length];
                    double[] sumG = new double[c], sumGC = new double[c], wantGx = new double[x.length];
                    double[] wantG = new double[c], wantGC = new double[c];
                    ParallelReductions.batchNormBackward(x, g, gx, n, c, s, mean, invStd, gamma, sumG, sumGC, tier.leaves);
                    ReferenceReductions.batchNormBackward(xd, gd, wantGx, n, c, s, mean, invStd, gamma, wantG, wantGC);
                    String what = tier.name + " batchNormBackward n=" + n + " c=" + c + " s=" + s;
                    double[] absG = new double[c], absGC = new double[c];
                    for (int i = 0; i < x.length; i++) {
                        int ch = i / s % c;
                        absG[ch] += Math.abs(gd[i]);
                        absGC[ch] += Math.abs(gd[i] * (xd[i] - mean[ch]));
                    }
                    assertWithin(what + " sumG", sumG, wantG, ch -> 80 * 0x1p-24 * absG[ch]);
                    assertWithin(what + " sumGC", sumGC, wantGC, ch -> 200 * 0x1p-24 * absGC[ch]);
                    assertWithin(what + " gx", toDouble(gx), wantGx, i -> {
                        int ch = i / s % c;
                        double q = invStd[ch] * invStd[ch] * wantGC[ch] / (n * s), kk = (gamma == null ? 1 : gamma[ch]) * invStd[ch];
                        return 1e-4 * Math.abs(kk) * (Math.abs(gd[i]) + Math.abs(wantG[ch] / (n * s)) + Math.abs((xd[i] - mean[ch]) * q));
                    });
                }
            }
        });
    }

    @Test
    void batchNormForwardAndBackwardAreBitIdenticalOnOneAndTwoThreads() {
        Rng rng = new Rng(7);
        int n = 3, c = 5, s = 1000;
        float[] x = Cases.floats(rng, n * c * s, -1, 1), g = Cases.floats(rng, n * c * s, -1, 1);
        double[] mean = Cases.doubles(rng, c, -0.1, 0.1), invStd = Cases.doubles(rng, c, 1, 2), gamma = Cases.doubles(rng, c, -1, 1);
        int before = Parallel.threads();
        try {
            for (Tier tier : tiers()) {
                float[][] gx = new float[2][x.length];
                double[][] sums = new double[4][c];
                for (int t = 1; t <= 2; t++) {
                    Parallel.setThreads(t);
                    ParallelReductions.batchNormBackward(x, g, gx[t - 1], n, c, s, mean, invStd, gamma, sums[2 * t - 2], sums[2 * t - 1], tier.leaves);
                }
                assertThat(gx[1]).as(tier.name + " gx").isEqualTo(gx[0]);
                assertThat(sums[2]).as(tier.name + " sumG").isEqualTo(sums[0]);
                assertThat(sums[3]).as(tier.name + " sumGC").isEqualTo(sums[1]);
                float[][] y = new float[2][x.length];
                float[] meanF = Cases.floats(rng, c, -0.1, 0.1), invStdF = Cases.floats(rng, c, 1, 2), gammaF = Cases.floats(rng, c, -1, 1);
                for (int t = 1; t <= 2; t++) {
                    Parallel.setThreads(t);
                    ParallelReductions.batchNormForward(x, y[t - 1], n, c, s, meanF, invStdF, gammaF, meanF, tier.leaves);
                }
                assertThat(y[1]).as(tier.name + " forward").isEqualTo(y[0]);
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = x[i];
        return d;
    }

    @Test
    void parallelResultsAreBitIdenticalOnOneAndTwoThreads() {
        Rng rng = new Rng(42);
        float[] x = Cases.floats(rng, 3 * ParallelReductions.CHUNK_ELEMENTS + 17, -1, 1);
        Rows whole = Rows.contiguous(0, 1, x.length), channels = new Rows(0, 3, 7, 1000, 1000, 3000);
        Rows columns = new Rows(0, 700, 280, 1, 1, 700);
        List<Object> one, two;
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            one = runAll(x, whole, channels, columns);
            Parallel.setThreads(2);
            two = runAll(x, whole, channels, columns);
        } finally {
            Parallel.setThreads(before);
        }
        for (int i = 0; i < one.size(); i++) {
            assertThat(Arrays.deepEquals(new Object[] {one.get(i)}, new Object[] {two.get(i)})).as("result %d", i).isTrue();
        }
    }

    private static List<Object> runAll(float[] x, Rows whole, Rows channels, Rows columns) {
        List<Object> results = new ArrayList<>();
        for (Tier tier : tiers()) {
            results.add(ParallelReductions.sumColumns(x, columns, tier.leaves));
            results.add(ParallelReductions.maxColumns(x, columns, tier.leaves));
            results.add(ParallelReductions.momentsColumns(x, columns, tier.leaves));
            for (Rows r : new Rows[] {whole, channels}) {
                results.add(ParallelReductions.sum(x, r, tier.leaves));
                results.add(ParallelReductions.max(x, r, tier.leaves));
                results.add(ParallelReductions.moments(x, r, tier.leaves));
            }
        }
        for (Tier tier : tiers()) results.add(ParallelReductions.logsumexp(x, channels, tier.leaves));
        results.add(ParallelReductions.argmax(x, whole));
        float[] soft = new float[x.length];
        for (Tier tier : tiers()) {
            ParallelReductions.softmax(x, 0, 8, x.length / 8, soft, false, tier.leaves);
            results.add(soft.clone());
        }
        results.add(ReductionKernels.sum(x, whole));
        return results;
    }
}
