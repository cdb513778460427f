package dev.nabla.tensor;

/** {@link NDArray#matmul}: rank rules, batch broadcasting, then the GEMM kernels. (Being written.) */
final class MatMul {
    private MatMul() {}

    static NDArray matmul(NDArray a, NDArray b) {
        throw new UnsupportedOperationException("matmul: not implemented yet");
    }
}
