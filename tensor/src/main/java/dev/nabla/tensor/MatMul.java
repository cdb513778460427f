package dev.nabla.tensor;

import dev.nabla.tensor.internal.GemmKernels;
import java.util.Arrays;

/**
 * {@link NDArray#matmul}: PyTorch's {@code matmul} rules, then one GEMM per batch element.
 * <pre>
 *   1-d · 1-d      (K) · (K)                 → ()            dot product
 *   2-d · 2-d      (M,K) · (K,N)             → (M,N)         C[i][j] = Σ_p A[i][p]·B[p][j]
 *   1-d · n-d      (K) · (…,K,N)             → (…,N)         a is read as (1,K); the 1 is removed
 *   n-d · 1-d      (…,M,K) · (K)             → (…,M)         b is read as (K,1); the 1 is removed
 *   n-d · n-d      (…a,M,K) · (…b,K,N)       → (…,M,N)       batch dims …a and …b broadcast to …
 * </pre>
 * Example: (2,1,3,4)·(5,4,6) → (2,5,3,6). Operands are read through their strides, so transposed,
 * sliced and expanded views cost no copy. F32·F32 runs the fast SGEMM; anything with F64 runs in
 * F64; I64 and rank-0 operands are rejected.
 */
final class MatMul {
    private MatMul() {}

    static NDArray matmul(NDArray a, NDArray b) {
        checkOperands(a, b);
        DType dtype = DType.promote(a.dtype, b.dtype);
        NDArray x = a.astype(dtype);
        NDArray y = b.astype(dtype);
        // x is (…a,M,K) and y is (…b,K,N) once a 1-d operand is read as a matrix.
        boolean aVector = x.rank() == 1;
        boolean bVector = y.rank() == 1;
        int[] xDims = aVector ? new int[] {1, x.shape.raw()[0]} : x.shape.raw();
        int[] yDims = bVector ? new int[] {y.shape.raw()[0], 1} : y.shape.raw();
        int[] xStrides = aVector ? new int[] {0, x.strides[0]} : x.strides;
        int[] yStrides = bVector ? new int[] {y.strides[0], 0} : y.strides;
        int m = xDims[xDims.length - 2];
        int k = xDims[xDims.length - 1];
        int n = yDims[yDims.length - 1];
        if (yDims[yDims.length - 2] != k) throw innerMismatch(a, b);
        int[] batch = broadcastBatch(a, b, xDims, yDims);

        int batchCount = Shape.of(batch).numel();
        NDArray out = NDArray.zeros(dtype, concat(batch, m, n));
        int[] aBatchStrides = batchStrides(xDims, xStrides, batch);
        int[] bBatchStrides = batchStrides(yDims, yStrides, batch);
        int[] index = new int[batch.length];
        for (int t = 0; t < batchCount; t++) {
            int aOff = x.offset;
            int bOff = y.offset;
            for (int d = 0; d < batch.length; d++) {
                aOff += index[d] * aBatchStrides[d];
                bOff += index[d] * bBatchStrides[d];
            }
            gemm(dtype, m, n, k, x, aOff, xStrides[xStrides.length - 2], xStrides[xStrides.length - 1],
                    y, bOff, yStrides[yStrides.length - 2], yStrides[yStrides.length - 1], out, t * m * n);
            increment(index, batch);
        }
        int[] resultDims = out.shape.raw();
        if (aVector) resultDims = removeDim(resultDims, resultDims.length - 2);
        if (bVector) resultDims = removeDim(resultDims, resultDims.length - 1);
        return NDArray.wrap(out.data, dtype, Shape.of(resultDims));
    }

    /** One (M,K)·(K,N) product into the contiguous (M,N) block of {@code out} at {@code cOff}. */
    private static void gemm(DType dtype, int m, int n, int k,
                             NDArray x, int aOff, int aRowStride, int aColStride,
                             NDArray y, int bOff, int bRowStride, int bColStride, NDArray out, int cOff) {
        if (dtype == DType.F32) {
            GemmKernels.sgemm(m, n, k, x.f32(), aOff, aRowStride, aColStride,
                    y.f32(), bOff, bRowStride, bColStride, out.f32(), cOff, n, false);
        } else {
            GemmKernels.dgemm(m, n, k, x.f64(), aOff, aRowStride, aColStride,
                    y.f64(), bOff, bRowStride, bColStride, out.f64(), cOff, n, false);
        }
    }

    private static void checkOperands(NDArray a, NDArray b) {
        if (a.dtype == DType.I64 || b.dtype == DType.I64) {
            throw new IllegalArgumentException("matmul: I64 operands are not supported (convert with astype(F32) or "
                    + "astype(F64)): a.dtype=" + a.dtype + ", b.dtype=" + b.dtype
                    + ", a.shape=" + a.shape + ", b.shape=" + b.shape);
        }
        if (a.rank() == 0 || b.rank() == 0) {
            throw new ShapeException("matmul: both operands must have at least 1 dimension: a.shape=" + a.shape
                    + ", b.shape=" + b.shape + " (" + (a.rank() == 0 ? "a" : "b") + " is a scalar; use mul)");
        }
    }

    /** The contracted dims of a and b differ; names them as the user sees them. */
    private static ShapeException innerMismatch(NDArray a, NDArray b) {
        int aDim = a.rank() - 1;
        int bDim = b.rank() == 1 ? 0 : b.rank() - 2;
        return new ShapeException("matmul: inner dimensions must match: a.shape=" + a.shape + ", b.shape=" + b.shape
                + " (a[" + aDim + "]=" + a.shape.raw()[aDim] + " != b[" + bDim + "]=" + b.shape.raw()[bDim] + ")");
    }

    /** NumPy broadcasting of the dims before the last two: aligned at the right, 1 stretches. */
    private static int[] broadcastBatch(NDArray a, NDArray b, int[] xDims, int[] yDims) {
        int xBatch = xDims.length - 2;
        int yBatch = yDims.length - 2;
        int rank = Math.max(xBatch, yBatch);
        int[] batch = new int[rank];
        for (int d = 0; d < rank; d++) {
            int xi = d - (rank - xBatch);
            int yi = d - (rank - yBatch);
            int xs = xi >= 0 ? xDims[xi] : 1;
            int ys = yi >= 0 ? yDims[yi] : 1;
            if (xs != ys && xs != 1 && ys != 1) {
                throw new ShapeException("matmul: batch dimensions are not broadcastable: a.shape=" + a.shape
                        + ", b.shape=" + b.shape + " (dim " + (d - rank - 2) + ": " + xs + " vs " + ys + ")");
            }
            batch[d] = Math.max(xs, ys);
        }
        return batch;
    }

    /** Strides of an operand along the broadcast batch dims: 0 where it is missing or has extent 1. */
    private static int[] batchStrides(int[] dims, int[] strides, int[] batch) {
        int own = dims.length - 2;
        int[] result = new int[batch.length];
        for (int d = 0; d < batch.length; d++) {
            int i = d - (batch.length - own);
            result[d] = i >= 0 && dims[i] != 1 ? strides[i] : 0;
        }
        return result;
    }

    /** Advances a row-major multi-index over {@code dims}. */
    private static void increment(int[] index, int[] dims) {
        for (int d = index.length - 1; d >= 0; d--) {
            if (++index[d] < dims[d]) return;
            index[d] = 0;
        }
    }

    private static int[] concat(int[] batch, int m, int n) {
        int[] dims = Arrays.copyOf(batch, batch.length + 2);
        dims[batch.length] = m;
        dims[batch.length + 1] = n;
        return dims;
    }

    private static int[] removeDim(int[] dims, int dim) {
        int[] result = new int[dims.length - 1];
        System.arraycopy(dims, 0, result, 0, dim);
        System.arraycopy(dims, dim + 1, result, dim, dims.length - dim - 1);
        return result;
    }
}
