package dev.nabla.tensor.internal.simd;

import dev.nabla.tensor.internal.PackedGemm;
import dev.nabla.tensor.internal.ReferenceGemm;
import dev.nabla.tensor.internal.ReferenceTwin;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * SGEMM with the Vector API: the blocked, packed algorithm of {@link PackedGemm} with a register
 * tile of MR = 8 rows by NR = 2 vectors (32 columns with 16-lane AVX-512): 16 accumulators, two
 * B vectors and one broadcast A value stay in registers while the kernel streams the packed
 * panels, one fused multiply-add per accumulator per step of p.
 *
 * <p>Reference twin: {@link ReferenceGemm#sgemm}. Each C element is a K-long sum of fused
 * multiply-adds in order of p, blocked by KC, so it is within about K·2^-24·Σ|A[i][p]·B[p][j]|
 * of the exact product.
 */
public final class VectorGemm {
    private static final VectorSpecies<Float> S = Lanes.F32;
    private static final int L = S.length();
    /** Rows of the register tile. */
    static final int MR = 8;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;

    /** The SIMD micro-kernel (see {@link PackedGemm.MicroKernel}), for the serial and the parallel driver. */
    public static final PackedGemm.MicroKernel KERNEL = new PackedGemm.MicroKernel(MR, NR) {
        @Override
        protected void compute(int kc, float[] packedA, int aAt, int aRowStep, int aDepthStep, float[] packedB, int bAt,
                               float[] c, int cAt, int ldc, int rows, int cols, boolean accumulate, float[] tile) {
            microKernel(kc, packedA, aAt, aRowStep, aDepthStep, packedB, bAt, c, cAt, ldc, rows, cols, accumulate, tile);
        }

        @Override
        protected void packB(float[] src, int srcAt, int widthStride, int depthStride, int valid, int kc,
                             float[] dst, int dstAt) {
            if (widthStride == 1) {
                copyPanel(src, srcAt, depthStride, valid, kc, dst, dstAt);
            } else if (valid < NR) {
                super.packB(src, srcAt, widthStride, depthStride, valid, kc, dst, dstAt);
            } else {
                gatherPanel(src, srcAt, widthStride, depthStride, kc, dst, dstAt);
            }
        }
    };

    private VectorGemm() {}

    /** {@code C (+)= A·B} on the calling thread; arguments as in {@code GemmKernels.sgemm}. */
    @ReferenceTwin(reference = ReferenceGemm.class, method = "sgemm", parityTest = "dev.nabla.tensor.internal.GemmParityTest")
    public static void sgemm(int m, int n, int k,
                             float[] a, int aOff, int aRowStride, int aColStride,
                             float[] b, int bOff, int bRowStride, int bColStride,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        PackedGemm.sgemm(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride,
                c, cOff, ldc, accumulate, KERNEL, PackedGemm.ChunkRunner.SERIAL);
    }

    /**
     * A (kc, NR) B panel from a source with adjacent columns, two vectors per step of p:
     * {@code dst[dstAt + p·NR + j] = src[srcAt + j + p·depthStride]} for j < valid, 0 for
     * valid ≤ j < NR (masked loads read only the valid columns). A {@code System.arraycopy} of 32
     * floats (and a fill of the padding) per step costs a stub call each: see 0002-kernels.md.
     */
    private static void copyPanel(float[] src, int srcAt, int depthStride, int valid, int kc, float[] dst, int dstAt) {
        if (valid == NR) {
            for (int p = 0; p < kc; p++) {
                int from = srcAt + p * depthStride;
                int to = dstAt + p * NR;
                FloatVector.fromArray(S, src, from).intoArray(dst, to);
                FloatVector.fromArray(S, src, from + L).intoArray(dst, to + L);
            }
            return;
        }
        VectorMask<Float> first = S.indexInRange(0, valid);
        VectorMask<Float> second = S.indexInRange(L, valid);
        for (int p = 0; p < kc; p++) {
            int from = srcAt + p * depthStride;
            int to = dstAt + p * NR;
            FloatVector.fromArray(S, src, from, first).intoArray(dst, to);
            FloatVector.fromArray(S, src, from + L, second).intoArray(dst, to + L);
        }
    }

    /**
     * A full (kc, NR) B panel from a source whose columns are {@code widthStride} apart (B read
     * through a transposed view, such as the conv weight gradient's gradOutᵀ), with one gather per
     * vector: {@code dst[dstAt + p·NR + j] = src[srcAt + j·widthStride + p·depthStride]}. Measured
     * against the cache-blocked scalar transpose of {@code PackedGemm.packPanel}: see 0002-kernels.md.
     */
    private static void gatherPanel(float[] src, int srcAt, int widthStride, int depthStride, int kc,
                                    float[] dst, int dstAt) {
        int[] columns = new int[L];
        for (int j = 0; j < L; j++) columns[j] = j * widthStride;
        int secondHalf = L * widthStride;
        for (int p = 0; p < kc; p++) {
            int from = srcAt + p * depthStride;
            int to = dstAt + p * NR;
            FloatVector.fromArray(S, src, from, columns, 0).intoArray(dst, to);
            FloatVector.fromArray(S, src, from + secondHalf, columns, 0).intoArray(dst, to + L);
        }
    }

    // Apanel is (KC,MR) with Apanel[p][R] = pa[aR + p·depthStep], Bpanel is (KC,NR), tile is (MR,NR): accumulator cRV holds row R, vector V.
    // The sums go through the scratch tile, so full and partial tiles take the same path. (Storing
    // straight to C behind a full-tile test made C2 box the accumulators: 12 instead of ~95 GFLOP/s
    // for this kernel on JDK 25; the extra 16 stores and loads per tile cost under 1 %.)
    private static void microKernel(int kc, float[] pa, int aAt, int rowStep, int depthStep, float[] pb, int bAt,
                                    float[] c, int cAt, int ldc, int rows, int cols, boolean accumulate, float[] tile) {
        int a0 = aAt, a1 = a0 + rowStep, a2 = a1 + rowStep, a3 = a2 + rowStep;
        int a4 = a3 + rowStep, a5 = a4 + rowStep, a6 = a5 + rowStep, a7 = a6 + rowStep;
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bp = bAt + p * NR;
            int ap = p * depthStep;
            FloatVector b0 = FloatVector.fromArray(S, pb, bp);
            FloatVector b1 = FloatVector.fromArray(S, pb, bp + L);
            FloatVector ai = FloatVector.broadcast(S, pa[a0 + ap]);
            c00 = ai.fma(b0, c00); c01 = ai.fma(b1, c01);
            ai = FloatVector.broadcast(S, pa[a1 + ap]);
            c10 = ai.fma(b0, c10); c11 = ai.fma(b1, c11);
            ai = FloatVector.broadcast(S, pa[a2 + ap]);
            c20 = ai.fma(b0, c20); c21 = ai.fma(b1, c21);
            ai = FloatVector.broadcast(S, pa[a3 + ap]);
            c30 = ai.fma(b0, c30); c31 = ai.fma(b1, c31);
            ai = FloatVector.broadcast(S, pa[a4 + ap]);
            c40 = ai.fma(b0, c40); c41 = ai.fma(b1, c41);
            ai = FloatVector.broadcast(S, pa[a5 + ap]);
            c50 = ai.fma(b0, c50); c51 = ai.fma(b1, c51);
            ai = FloatVector.broadcast(S, pa[a6 + ap]);
            c60 = ai.fma(b0, c60); c61 = ai.fma(b1, c61);
            ai = FloatVector.broadcast(S, pa[a7 + ap]);
            c70 = ai.fma(b0, c70); c71 = ai.fma(b1, c71);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, NR); c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR); c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR); c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR); c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR); c51.intoArray(tile, 5 * NR + L);
        c60.intoArray(tile, 6 * NR); c61.intoArray(tile, 6 * NR + L);
        c70.intoArray(tile, 7 * NR); c71.intoArray(tile, 7 * NR + L);
        writeTile(tile, c, cAt, ldc, rows, cols, accumulate);
    }

    /** {@code C[i][j] = (accumulate ? C[i][j] : 0) + tile[i][j]} for i < rows, j < cols; tile is (MR,NR). */
    private static void writeTile(float[] tile, float[] c, int cAt, int ldc, int rows, int cols, boolean accumulate) {
        int vectorCols = cols / L * L;
        for (int i = 0; i < rows; i++) {
            int row = cAt + i * ldc;
            for (int j = 0; j < vectorCols; j += L) {
                FloatVector t = FloatVector.fromArray(S, tile, i * NR + j);
                if (accumulate) t = t.add(FloatVector.fromArray(S, c, row + j));
                t.intoArray(c, row + j);
            }
            for (int j = vectorCols; j < cols; j++) {
                c[row + j] = accumulate ? tile[i * NR + j] + c[row + j] : tile[i * NR + j];
            }
        }
    }
}
