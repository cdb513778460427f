package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Sum over a set of dims. Every input element contributes once to its output element.
 * <pre>
 *   forward   y = Σ_dims x
 *   backward  ∂L/∂x = ∂L/∂y broadcast back over the summed dims
 * </pre>
 * Shapes: x (*) → y (* without dims, or with extent 1 there if keepDim).
 */
public final class Sum {
    private Sum() {}

    public static Tensor apply(Tensor x, int[] dims, boolean keepDim) {
        return Tensor.fromOp("sum", x.value().sum(dims, keepDim),
                (g, y) -> new Tensor[] {Reduced.expandBack(g, x.shape(), dims)}, x);
    }
}
