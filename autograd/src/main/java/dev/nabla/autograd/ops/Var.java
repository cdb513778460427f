package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Variance over a set of dims, biased (divide by n) or unbiased (divide by n − 1).
 * <pre>
 *   forward   y = Σ_dims (x − x̄)² / (n − c),      x̄ the mean, c = 1 if unbiased else 0
 *   backward  ∂L/∂x = ∂L/∂y · 2 (x − x̄) / (n − c)
 * </pre>
 * (The term through x̄ vanishes because Σ (x − x̄) = 0.)
 */
public final class Var {
    private Var() {}

    public static Tensor apply(Tensor x, int[] dims, boolean unbiased, boolean keepDim) {
        int n = Reduced.count(x.shape(), dims);
        double denominator = unbiased ? n - 1 : n;
        return Tensor.fromOp("var", x.value().var(dims, unbiased, keepDim), (g, y) -> {
            Tensor centred = x.sub(x.mean(dims, true));
            return new Tensor[] {Reduced.expandBack(g, x.shape(), dims).mul(centred).mul(2 / denominator)};
        }, x);
    }
}
