package dev.nabla.tensor;

import java.util.List;

/** Gather/scatter, index selection, one-hot, and joining and splitting. (Being written.) */
final class Indexing {
    private Indexing() {}

    static NDArray gather(NDArray x, int dim, NDArray index) {
        throw new UnsupportedOperationException("gather: not implemented yet");
    }

    static NDArray scatterAdd(NDArray x, int dim, NDArray index, NDArray src) {
        throw new UnsupportedOperationException("scatterAdd: not implemented yet");
    }

    static NDArray indexSelect(NDArray x, int dim, NDArray index) {
        throw new UnsupportedOperationException("indexSelect: not implemented yet");
    }

    static NDArray oneHot(NDArray labels, int numClasses, DType dtype) {
        throw new UnsupportedOperationException("oneHot: not implemented yet");
    }

    static NDArray cat(int dim, List<NDArray> arrays) {
        throw new UnsupportedOperationException("cat: not implemented yet");
    }

    static NDArray stack(int dim, List<NDArray> arrays) {
        throw new UnsupportedOperationException("stack: not implemented yet");
    }

    static List<NDArray> split(NDArray x, int dim, int[] sizes) {
        throw new UnsupportedOperationException("split: not implemented yet");
    }
}
