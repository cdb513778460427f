package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;

/**
 * Elements {@code start, start+step, …} below {@code end} along one dim (a view). The gradient
 * of the input is zero except at the picked positions, where it is the output's gradient: a
 * scatter-add of ∂L/∂y into zeros (whose own backward is this slice again).
 * <pre>
 *   forward   y = x[…, start:end:step, …]
 *   backward  ∂L/∂x = zeros(x.shape) with ∂L/∂y added at [start:end:step] along dim
 * </pre>
 */
public final class Slice {
    private Slice() {}

    public static Tensor apply(Tensor x, int dim, int start, int end, int step) {
        NDArray y = x.value().slice(dim, start, end, step);
        int d = x.shape().axis(dim, "slice");
        return Tensor.fromOp("slice", y, (g, out) -> {
            // the input positions the slice picked, by the very same slicing rule
            NDArray picked = NDArray.arange(0, x.size(d), 1, DType.I64).slice(0, start, end, step);
            Tensor zeros = Tensor.of(NDArray.zeros(g.dtype(), x.shape().dims()));
            return new Tensor[] {zeros.scatterAdd(d, IndexSelect.alongDim(picked, d, g.shape()), g)};
        }, x);
    }
}
