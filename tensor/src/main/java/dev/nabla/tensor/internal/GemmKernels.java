package dev.nabla.tensor.internal;

/**
 * GEMM facade: {@code C = A·B} (or {@code C += A·B}) for matrices given by base array, offset and
 * row/column strides, so that transposed views are read without copying.
 * <pre>
 *   A is (M,K): A[i][p] = a[aOff + i·aRowStride + p·aColStride]
 *   B is (K,N): B[p][j] = b[bOff + p·bRowStride + j·bColStride]
 *   C is (M,N), row-major with leading dimension ldc: C[i][j] = c[cOff + i·ldc + j]
 * </pre>
 * (Interim implementation: plain loops. The packed, register-tiled SIMD kernel replaces it.)
 */
public final class GemmKernels {
    private GemmKernels() {}

    public static void sgemm(int m, int n, int k,
                             float[] a, int aOff, int aRowStride, int aColStride,
                             float[] b, int bOff, int bRowStride, int bColStride,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int p = 0; p < k; p++) s += a[aOff + i * aRowStride + p * aColStride] * b[bOff + p * bRowStride + j * bColStride];
                int at = cOff + i * ldc + j;
                c[at] = accumulate ? c[at] + s : s;
            }
        }
    }

    public static void dgemm(int m, int n, int k,
                             double[] a, int aOff, int aRowStride, int aColStride,
                             double[] b, int bOff, int bRowStride, int bColStride,
                             double[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += a[aOff + i * aRowStride + p * aColStride] * b[bOff + p * bRowStride + j * bColStride];
                int at = cOff + i * ldc + j;
                c[at] = accumulate ? c[at] + s : s;
            }
        }
    }
}
