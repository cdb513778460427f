package dev.nabla.tensor.internal;

/**
 * The specification of GEMM: plain triple loops, never optimized.
 * <pre>
 *   C[i][j] = (accumulate ? C[i][j] : 0) + Σ_p A[i][p]·B[p][j]
 *   A is (M,K): A[i][p] = a[aOff + i·aRowStride + p·aColStride]
 *   B is (K,N): B[p][j] = b[bOff + p·bRowStride + j·bColStride]
 *   C is (M,N): C[i][j] = c[cOff + i·ldc + j]
 * </pre>
 * The F32 version sums in double and rounds once, so it is (nearly) the exact product that the
 * fast kernels are compared with.
 */
public final class ReferenceGemm {
    private ReferenceGemm() {}

    public static void sgemm(int m, int n, int k,
                             float[] a, int aOff, int aRowStride, int aColStride,
                             float[] b, int bOff, int bRowStride, int bColStride,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += (double) a[aOff + i * aRowStride + p * aColStride] * b[bOff + p * bRowStride + j * bColStride];
                }
                int at = cOff + i * ldc + j;
                c[at] = (float) (accumulate ? c[at] + sum : sum);
            }
        }
    }

    public static void dgemm(int m, int n, int k,
                             double[] a, int aOff, int aRowStride, int aColStride,
                             double[] b, int bOff, int bRowStride, int bColStride,
                             double[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += a[aOff + i * aRowStride + p * aColStride] * b[bOff + p * bRowStride + j * bColStride];
                }
                int at = cOff + i * ldc + j;
                c[at] = accumulate ? c[at] + sum : sum;
            }
        }
    }
}
