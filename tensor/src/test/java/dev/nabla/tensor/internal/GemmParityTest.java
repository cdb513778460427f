package dev.nabla.tensor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.tensor.Rng;
import dev.nabla.tensor.internal.simd.Lanes;
import dev.nabla.tensor.internal.simd.VectorGemm;
import dev.nabla.tensor.testing.Cases;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every fast SGEMM tier against {@link ReferenceGemm#sgemm} (which sums in double), over generated
 * M, N, K that include the edges of every blocking step, with transposed and padded operands,
 * non-zero offsets and {@code accumulate}.
 *
 * <p>Tolerance: a fast kernel sums K float products (fused or not) in some order, so by the
 * standard bound its error is at most γ_K·Σ_p|A[i][p]·B[p][j]| with γ_K ≈ K·2^-24; accumulating
 * into C adds one rounding of |C| + Σ|A·B|. We allow (K + 2)·2^-24·(|C₀| + Σ_p|A[i][p]·B[p][j]|),
 * the bound itself with two extra roundings, computed per element.
 */
class GemmParityTest {
    /** A GEMM with the facade's signature. */
    private interface Sgemm {
        void run(int m, int n, int k, float[] a, int aOff, int aRowStride, int aColStride,
                 float[] b, int bOff, int bRowStride, int bColStride, float[] c, int cOff, int ldc, boolean accumulate);
    }

    private record Tier(String name, Sgemm gemm) {}

    /** The tiers this JVM can run: scalar always, SIMD when the Vector API is on; serial and parallel. */
    private static List<Tier> tiers() {
        List<Tier> tiers = new ArrayList<>();
        tiers.add(new Tier("ScalarGemm", ScalarGemm::sgemm));
        tiers.add(new Tier("ParallelGemm(scalar)", (m, n, k, a, ao, ar, ac, b, bo, br, bc, c, co, ldc, acc) ->
                ParallelGemm.sgemm(m, n, k, a, ao, ar, ac, b, bo, br, bc, c, co, ldc, acc, ScalarGemm.KERNEL)));
        if (Simd.ENABLED) {
            tiers.add(new Tier("VectorGemm", VectorGemm::sgemm));
            tiers.add(new Tier("ParallelGemm(vector)", (m, n, k, a, ao, ar, ac, b, bo, br, bc, c, co, ldc, acc) ->
                    ParallelGemm.sgemm(m, n, k, a, ao, ar, ac, b, bo, br, bc, c, co, ldc, acc, VectorGemm.KERNEL)));
        }
        tiers.add(new Tier("GemmKernels", GemmKernels::sgemm));
        return tiers;
    }

    /** Sizes at the edges of the lanes, of the scalar and SIMD register tiles, and of the KC blocking. */
    private static int[] edgeSizes() {
        List<Integer> sizes = new ArrayList<>(List.of(0, 1, 2, ScalarGemm.MR - 1, ScalarGemm.MR + 1,
                ScalarGemm.NR - 1, ScalarGemm.NR + 1, PackedGemm.KC - 1, PackedGemm.KC + 1));
        if (Simd.ENABLED) {
            int lanes = Lanes.F32.length();
            int mr = VectorGemm.KERNEL.mr;
            int nr = VectorGemm.KERNEL.nr;
            sizes.addAll(List.of(lanes - 1, lanes, lanes + 1, mr - 1, mr + 1, nr - 1, nr + 1, 3 * nr + 5));
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A matrix stored in a larger array at an offset, row-major or column-major, with padded leading dim. */
    private record Operand(float[] data, int offset, int rowStride, int colStride) {
        static Operand random(Rng rng, int rows, int cols) {
            boolean transposed = rng.nextLong(2) == 0;
            int pad = (int) rng.nextLong(3);
            int offset = (int) rng.nextLong(5);
            int ld = (transposed ? rows : cols) + pad;
            int size = offset + ld * (transposed ? cols : rows) + 1;
            float[] data = Cases.floats(rng, size, -1, 1);
            return transposed ? new Operand(data, offset, 1, ld) : new Operand(data, offset, ld, 1);
        }

        float at(int i, int j) {
            return data[offset + i * rowStride + j * colStride];
        }
    }

    @Test
    void fastKernelsMatchReference() {
        int[] edges = edgeSizes();
        for (Tier tier : tiers()) {
            Cases.forAll(tier.name() + " matches ReferenceGemm", 40, (rng, i) -> {
                int m = pick(rng, edges, 40);
                int n = pick(rng, edges, 40);
                int k = pick(rng, edges, 40);
                checkAgainstReference(tier, rng, m, n, k);
            });
        }
    }

    @Test
    void fastKernelsMatchReferenceAboveBlockSizesAndParallelThreshold() {
        // more rows than one row block (MC), more columns than one B block (NC), K over two KC blocks,
        // and work above GemmKernels.PARALLEL_MIN_WORK
        int[][] shapes = {
            {PackedGemm.MC + 9, 70, 2 * PackedGemm.KC + 3},
            {3, PackedGemm.NC + 37, 5},
            {97, 83, 65},
            {65, 64, 64},
        };
        for (Tier tier : tiers()) {
            Cases.forAll(tier.name() + " matches ReferenceGemm on large shapes", shapes.length, (rng, i) ->
                    checkAgainstReference(tier, rng, shapes[i][0], shapes[i][1], shapes[i][2]));
        }
    }

    @Test
    void matrixTimesVectorMatchesReference() {
        // N = 1 with a contiguous C: the facade computes the transpose Cᵀ = Bᵀ·Aᵀ instead
        Cases.forAll("GemmKernels matches ReferenceGemm for a matrix times a vector", 6, (rng, i) -> {
            int m = Cases.size(rng, 2, 300);
            int k = Cases.size(rng, 1, 300);
            Operand a = Operand.random(rng, m, k);
            Operand b = Operand.random(rng, k, 1);
            boolean accumulate = i % 2 == 0;
            float[] c0 = Cases.floats(rng, m, -1, 1);
            float[] fast = c0.clone();
            float[] expected = c0.clone();
            run(new Tier("GemmKernels", GemmKernels::sgemm), m, 1, k, a, b, fast, 0, 1, accumulate);
            ReferenceGemm.sgemm(m, 1, k, a.data(), a.offset(), a.rowStride(), a.colStride(),
                    b.data(), b.offset(), b.rowStride(), b.colStride(), expected, 0, 1, accumulate);
            for (int row = 0; row < m; row++) {
                double absSum = accumulate ? Math.abs(c0[row]) : 0;
                for (int p = 0; p < k; p++) absSum += Math.abs((double) a.at(row, p) * b.at(p, 0));
                assertThat((double) fast[row]).as("C[%d] of %dx1x%d", row, m, k)
                        .isCloseTo(expected[row], within((k + 2) * 0x1p-24 * absSum + Float.MIN_NORMAL));
            }
        });
    }

    @Test
    void resultsAreBitIdenticalOnOneAndTwoThreads() {
        int before = Parallel.threads();
        try {
            for (Tier tier : tiers()) {
                Cases.forAll(tier.name() + " is bit-identical on 1 and 2 threads", 3, (rng, i) -> {
                    // above GemmKernels.PARALLEL_MIN_WORK, several row blocks, two KC blocks
                    int m = Cases.size(rng, 70, 160);
                    int n = Cases.size(rng, 60, 120);
                    int k = Cases.size(rng, PackedGemm.KC + 4, 400);
                    Operand a = Operand.random(rng, m, k);
                    Operand b = Operand.random(rng, k, n);
                    float[] one = new float[m * n];
                    float[] two = new float[m * n];
                    Parallel.setThreads(1);
                    run(tier, m, n, k, a, b, one, 0, n, false);
                    Parallel.setThreads(2);
                    run(tier, m, n, k, a, b, two, 0, n, false);
                    assertThat(two).as("%s %dx%dx%d", tier.name(), m, n, k).containsExactly(one);
                });
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void parallelTierIsBitIdenticalToItsSerialLeaf() {
        // the blocking, not the thread that runs a block, fixes the summation order
        Cases.forAll("ParallelGemm equals its serial leaf bit for bit", 3, (rng, i) -> {
            int m = Cases.size(rng, 150, 260);
            int n = Cases.size(rng, 50, 150);
            int k = Cases.size(rng, 250, 520);
            Operand a = Operand.random(rng, m, k);
            Operand b = Operand.random(rng, k, n);
            float[] serial = new float[m * n];
            float[] parallel = new float[m * n];
            run(new Tier("ScalarGemm", ScalarGemm::sgemm), m, n, k, a, b, serial, 0, n, false);
            ParallelGemm.sgemm(m, n, k, a.data(), a.offset(), a.rowStride(), a.colStride(),
                    b.data(), b.offset(), b.rowStride(), b.colStride(), parallel, 0, n, false, ScalarGemm.KERNEL);
            assertThat(parallel).containsExactly(serial);
            if (Simd.ENABLED) {
                run(new Tier("VectorGemm", VectorGemm::sgemm), m, n, k, a, b, serial, 0, n, false);
                ParallelGemm.sgemm(m, n, k, a.data(), a.offset(), a.rowStride(), a.colStride(),
                        b.data(), b.offset(), b.rowStride(), b.colStride(), parallel, 0, n, false, VectorGemm.KERNEL);
                assertThat(parallel).containsExactly(serial);
            }
        });
    }

    private static int pick(Rng rng, int[] edges, int randomMax) {
        return rng.nextLong(3) == 0 ? Cases.size(rng, 0, randomMax) : edges[(int) rng.nextLong(edges.length)];
    }

    /**
     * Runs the tier and the reference on the same random operands and C (padded, at an offset,
     * accumulate or not), checks every C element within the tolerance and that nothing outside
     * the (M,N) block of C changed.
     */
    private static void checkAgainstReference(Tier tier, Rng rng, int m, int n, int k) {
        Operand a = Operand.random(rng, m, k);
        Operand b = Operand.random(rng, k, n);
        boolean accumulate = rng.nextLong(2) == 0;
        int cOff = (int) rng.nextLong(4);
        int ldc = Math.max(1, n + (int) rng.nextLong(3));
        float[] c0 = Cases.floats(rng, cOff + ldc * m + 3, -1, 1);
        float[] fast = c0.clone();
        float[] expected = c0.clone();
        run(tier, m, n, k, a, b, fast, cOff, ldc, accumulate);
        ReferenceGemm.sgemm(m, n, k, a.data(), a.offset(), a.rowStride(), a.colStride(),
                b.data(), b.offset(), b.rowStride(), b.colStride(), expected, cOff, ldc, accumulate);
        for (int at = 0; at < c0.length; at++) {
            int i = (at - cOff) / ldc;
            int j = (at - cOff) % ldc;
            boolean inside = at >= cOff && i < m && j < n;
            if (!inside) {
                if (Float.floatToRawIntBits(fast[at]) != Float.floatToRawIntBits(c0[at])) {
                    fail("%s %dx%dx%d wrote outside C at storage index %d", tier.name(), m, n, k, at);
                }
                continue;
            }
            double absSum = accumulate ? Math.abs(c0[at]) : 0;
            for (int p = 0; p < k; p++) absSum += Math.abs((double) a.at(i, p) * b.at(p, j));
            double tolerance = (k + 2) * 0x1p-24 * absSum + Float.MIN_NORMAL;
            if (Math.abs(fast[at] - expected[at]) > tolerance) {
                fail("%s %dx%dx%d (accumulate=%s, A %s, B %s): C[%d][%d] = %s, reference %s, tolerance %s",
                        tier.name(), m, n, k, accumulate, a.colStride() == 1 ? "row-major" : "transposed",
                        b.colStride() == 1 ? "row-major" : "transposed", i, j, fast[at], expected[at], tolerance);
            }
        }
    }

    private static void run(Tier tier, int m, int n, int k, Operand a, Operand b, float[] c, int cOff, int ldc,
                            boolean accumulate) {
        tier.gemm().run(m, n, k, a.data(), a.offset(), a.rowStride(), a.colStride(),
                b.data(), b.offset(), b.rowStride(), b.colStride(), c, cOff, ldc, accumulate);
    }
}
