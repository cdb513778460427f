package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Mean over a set of dims, of n = the product of their extents.
 * <pre>
 *   forward   y = (1/n) Σ_dims x
 *   backward  ∂L/∂x = ∂L/∂y / n, broadcast back over the reduced dims
 * </pre>
 */
public final class Mean {
    private Mean() {}

    public static Tensor apply(Tensor x, int[] dims, boolean keepDim) {
        int n = Reduced.count(x.shape(), dims);
        return Tensor.fromOp("mean", x.value().mean(dims, keepDim),
                (g, y) -> new Tensor[] {Reduced.expandBack(g, x.shape(), dims).div(n)}, x);
    }
}
