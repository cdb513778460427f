package dev.nabla.tensor.internal;

import dev.nabla.tensor.internal.simd.VectorGemm;

/**
 * GEMM facade: {@code C = A·B} (or {@code C += A·B}) for matrices given by base array, offset and
 * row/column strides, so that transposed views are read without copying.
 * <pre>
 *   A is (M,K): A[i][p] = a[aOff + i·aRowStride + p·aColStride]
 *   B is (K,N): B[p][j] = b[bOff + p·bRowStride + j·bColStride]
 *   C is (M,N), row-major with leading dimension ldc: C[i][j] = c[cOff + i·ldc + j]
 * </pre>
 * F32 runs the packed, register-tiled kernel ({@link VectorGemm} with the Vector API, else
 * {@link ScalarGemm}), on the worker pool when the product is large enough; F64 runs the reference
 * loops (F64 serves gradient checks and reference computations, where exactness matters more than
 * speed). Arguments are not checked here: the caller (the {@code matmul} op) validates shapes.
 */
public final class GemmKernels {
    /**
     * Products with fewer multiply-adds than this (M·N·K, about 64³) run on the calling thread: they
     * take under ~10 µs on one core, the order of the cost of waking the workers.
     */
    static final long PARALLEL_MIN_WORK = 1L << 18;

    private GemmKernels() {}

    public static void sgemm(int m, int n, int k,
                             float[] a, int aOff, int aRowStride, int aColStride,
                             float[] b, int bOff, int bRowStride, int bColStride,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        if (n == 1 && m > 1 && ldc == 1) {
            // A matrix times a vector would fill 1 of the NR columns of each register tile; its
            // transpose Cᵀ = Bᵀ·Aᵀ (1,M) fills whole tiles and writes the same contiguous C, with
            // the same products summed in the same order.
            sgemm(1, m, k, b, bOff, bColStride, bRowStride, a, aOff, aColStride, aRowStride, c, cOff, m, accumulate);
            return;
        }
        if ((long) m * n * k >= PARALLEL_MIN_WORK) {
            PackedGemm.MicroKernel kernel = Simd.ENABLED ? VectorGemm.KERNEL : ScalarGemm.KERNEL;
            ParallelGemm.sgemm(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride,
                    c, cOff, ldc, accumulate, kernel);
        } else if (Simd.ENABLED) {
            VectorGemm.sgemm(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride,
                    c, cOff, ldc, accumulate);
        } else {
            ScalarGemm.sgemm(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride,
                    c, cOff, ldc, accumulate);
        }
    }

    public static void dgemm(int m, int n, int k,
                             double[] a, int aOff, int aRowStride, int aColStride,
                             double[] b, int bOff, int bRowStride, int bColStride,
                             double[] c, int cOff, int ldc, boolean accumulate) {
        ReferenceGemm.dgemm(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride,
                c, cOff, ldc, accumulate);
    }
}
