package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.NDArray;

/**
 * Maximum (or minimum) over a set of dims. The gradient goes to the elements that attain the
 * extreme; when several tie, it is split evenly among them (PyTorch's {@code amax} rule), so the
 * result does not depend on an arbitrary choice of winner.
 * <pre>
 *   forward   y = max_dims x                      (min_dims x for the minimum)
 *   backward  ∂L/∂x = ∂L/∂y · [x = y] / #{x = y}
 * </pre>
 */
public final class Amax {
    private Amax() {}

    public static Tensor max(Tensor x, int[] dims, boolean keepDim) {
        return Tensor.fromOp("max", x.value().max(dims, keepDim), (g, y) -> splitAmongWinners(g, x, y, dims), x);
    }

    public static Tensor min(Tensor x, int[] dims, boolean keepDim) {
        return Tensor.fromOp("min", x.value().min(dims, keepDim), (g, y) -> splitAmongWinners(g, x, y, dims), x);
    }

    private static Tensor[] splitAmongWinners(Tensor g, Tensor x, Tensor y, int[] dims) {
        NDArray winners = x.value().eq(Reduced.keepDims(y, x.shape(), dims).value());
        NDArray share = winners.div(winners.sum(dims, true));
        return new Tensor[] {Reduced.expandBack(g, x.shape(), dims).mul(Tensor.of(share))};
    }
}
