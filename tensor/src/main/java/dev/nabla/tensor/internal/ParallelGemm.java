package dev.nabla.tensor.internal;

/**
 * SGEMM on the worker pool: the algorithm of {@link PackedGemm}, whose two inner steps (packing
 * the B block, and computing each fixed row block of C) run as chunks of {@link Parallel#forEach}.
 * The row-block grid depends only on M and every C element is summed in the same order whichever
 * thread computes it, so results are bit-identical on 1 or N threads. Reference twin:
 * {@link ReferenceGemm#sgemm}, within the tolerance of the micro-kernel's tier.
 */
public final class ParallelGemm {
    private ParallelGemm() {}

    /** {@code C (+)= A·B} with the given micro-kernel; other arguments as in {@link GemmKernels#sgemm}. */
    @ReferenceTwin(reference = ReferenceGemm.class, method = "sgemm", parityTest = "dev.nabla.tensor.internal.GemmParityTest")
    public static void sgemm(int m, int n, int k,
                             float[] a, int aOff, int aRowStride, int aColStride,
                             float[] b, int bOff, int bRowStride, int bColStride,
                             float[] c, int cOff, int ldc, boolean accumulate, PackedGemm.MicroKernel kernel) {
        PackedGemm.sgemm(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride,
                c, cOff, ldc, accumulate, kernel, PackedGemm.ChunkRunner.POOL);
    }
}
