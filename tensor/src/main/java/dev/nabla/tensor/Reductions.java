package dev.nabla.tensor;

/** Reductions over sets of dims, softmax, and batch-norm statistics. (Being written.) */
final class Reductions {
    private Reductions() {}

    static NDArray sum(NDArray x, int[] dims, boolean keepDim) {
        throw new UnsupportedOperationException("sum: not implemented yet");
    }

    static NDArray mean(NDArray x, int[] dims, boolean keepDim) {
        throw new UnsupportedOperationException("mean: not implemented yet");
    }

    static NDArray max(NDArray x, int[] dims, boolean keepDim) {
        throw new UnsupportedOperationException("max: not implemented yet");
    }

    static NDArray min(NDArray x, int[] dims, boolean keepDim) {
        throw new UnsupportedOperationException("min: not implemented yet");
    }

    static NDArray logsumexp(NDArray x, int[] dims, boolean keepDim) {
        throw new UnsupportedOperationException("logsumexp: not implemented yet");
    }
    static NDArray var(NDArray x, int[] dims, boolean unbiased, boolean keepDim) {
        throw new UnsupportedOperationException("var: not implemented yet");
    }

    static NDArray argmax(NDArray x, int dim, boolean keepDim) {
        throw new UnsupportedOperationException("argmax: not implemented yet");
    }

    static NDArray argmin(NDArray x, int dim, boolean keepDim) {
        throw new UnsupportedOperationException("argmin: not implemented yet");
    }

    static NDArray softmax(NDArray x, int dim) {
        throw new UnsupportedOperationException("softmax: not implemented yet");
    }

    static NDArray logSoftmax(NDArray x, int dim) {
        throw new UnsupportedOperationException("logSoftmax: not implemented yet");
    }

    static BatchNormStats batchNormStats(NDArray x) {
        throw new UnsupportedOperationException("batchNormStats: not implemented yet");
    }
}
