package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * ln Σ eˣ over a set of dims, computed stably (shifted by the maximum).
 * <pre>
 *   forward   y = ln Σ_dims eˣ
 *   backward  ∂L/∂x = ∂L/∂y · e^(x − y)          (the softmax of x over dims)
 * </pre>
 */
public final class LogSumExp {
    private LogSumExp() {}

    public static Tensor apply(Tensor x, int[] dims, boolean keepDim) {
        return Tensor.fromOp("logsumexp", x.value().logsumexp(dims, keepDim), (g, y) -> {
            Tensor softmax = x.sub(Reduced.keepDims(y, x.shape(), dims)).exp();
            return new Tensor[] {Reduced.expandBack(g, x.shape(), dims).mul(softmax)};
        }, x);
    }
}
