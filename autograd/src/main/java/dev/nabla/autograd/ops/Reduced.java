package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.Shape;

/**
 * Gradients of reductions have the reduced shape; this puts them back: a reduced dim becomes an
 * extent-1 dim again (undoing {@code keepDim=false}) and is then broadcast over the input.
 */
final class Reduced {
    private Reduced() {}

    /** {@code g}, of the shape x reduced over {@code dims}, reshaped with those dims kept as 1 and expanded to x's shape. */
    static Tensor expandBack(Tensor g, Shape inputShape, int[] dims) {
        return keepDims(g, inputShape, dims).expand(inputShape.dims());
    }

    /** {@code g} reshaped so that the reduced dims are present with extent 1. */
    static Tensor keepDims(Tensor g, Shape inputShape, int[] dims) {
        int[] kept = inputShape.dims();
        for (int d : dims) kept[inputShape.axis(d, "reduce")] = 1;
        return g.reshape(kept);
    }

    /** The number of input elements that fold into each output element. */
    static int count(Shape inputShape, int[] dims) {
        int n = 1;
        for (int d : dims) n *= inputShape.dim(d);
        return n;
    }
}
