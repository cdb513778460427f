package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Shape;

/**
 * The entries {@code index[0], index[1], …} along one dim. An entry picked k times receives the
 * sum of its k gradients, which is a scatter-add.
 * <pre>
 *   forward   y[…, j, …] = x[…, index[j], …]
 *   backward  ∂L/∂x = zeros(x.shape) with ∂L/∂y[…, j, …] added at […, index[j], …]
 * </pre>
 * Shapes: x (*, D, *), index (K) I64 → y (*, K, *).
 */
public final class IndexSelect {
    private IndexSelect() {}

    public static Tensor apply(Tensor x, int dim, NDArray index) {
        int d = x.shape().axis(dim, "indexSelect");
        return Tensor.fromOp("index_select", x.value().indexSelect(d, index), (g, y) -> {
            Tensor zeros = Tensor.of(NDArray.zeros(g.dtype(), x.shape().dims()));
            return new Tensor[] {zeros.scatterAdd(d, alongDim(index, d, g.shape()), g)};
        }, x);
    }

    /** A 1-d index laid along {@code dim} and broadcast to {@code shape}: the gather/scatter form of an index-select. */
    static NDArray alongDim(NDArray index, int dim, Shape shape) {
        int[] along = new int[shape.rank()];
        java.util.Arrays.fill(along, 1);
        along[dim] = index.numel();
        return index.reshape(along).expand(shape.dims());
    }
}
