package dev.nabla.tensor.internal;

import java.util.Arrays;

/**
 * SGEMM without the Vector API: the blocked, packed algorithm of {@link PackedGemm} with a
 * plain-Java MR×NR micro-kernel. Reference twin: {@link ReferenceGemm#sgemm}. The sums are
 * reassociated only by the blocking over K (KC-long partial sums added to C in order), so the
 * result is within about K·2^-24·Σ|A[i][p]·B[p][j]| of the exact product.
 */
public final class ScalarGemm {
    /** Rows of the register tile. */
    static final int MR = 4;
    /** Columns of the register tile: a loop of 16 that C2 may auto-vectorize. */
    static final int NR = 16;

    /** The scalar micro-kernel: accumulates the MR×NR sums in {@code tile}, then writes C. */
    static final PackedGemm.MicroKernel KERNEL = new PackedGemm.MicroKernel(MR, NR) {
        @Override
        protected void compute(int kc, float[] packedA, int aAt, int aRowStep, int aDepthStep, float[] packedB, int bAt,
                               float[] c, int cAt, int ldc, int rows, int cols, boolean accumulate, float[] acc) {
            // Apanel is (KC,MR), Bpanel is (KC,NR), acc is (MR,NR)
            Arrays.fill(acc, 0, MR * NR, 0f);
            for (int p = 0; p < kc; p++) {
                int bp = bAt + p * NR;
                for (int i = 0; i < MR; i++) {
                    float ai = packedA[aAt + i * aRowStep + p * aDepthStep];
                    int row = i * NR;
                    for (int j = 0; j < NR; j++) acc[row + j] += ai * packedB[bp + j];
                }
            }
            for (int i = 0; i < rows; i++) {
                int at = cAt + i * ldc;
                for (int j = 0; j < cols; j++) c[at + j] = accumulate ? c[at + j] + acc[i * NR + j] : acc[i * NR + j];
            }
        }
    };

    private ScalarGemm() {}

    /** {@code C (+)= A·B} on the calling thread; arguments as in {@link GemmKernels#sgemm}. */
    @ReferenceTwin(reference = ReferenceGemm.class, method = "sgemm", parityTest = "dev.nabla.tensor.internal.GemmParityTest")
    public static void sgemm(int m, int n, int k,
                             float[] a, int aOff, int aRowStride, int aColStride,
                             float[] b, int bOff, int bRowStride, int bColStride,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        PackedGemm.sgemm(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride,
                c, cOff, ldc, accumulate, KERNEL, PackedGemm.ChunkRunner.SERIAL);
    }
}
