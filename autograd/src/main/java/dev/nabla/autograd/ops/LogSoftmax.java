package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Log-softmax along one dim: x − logsumexp(x), computed stably.
 * <pre>
 *   forward   yᵢ = xᵢ − ln Σⱼ e^(xⱼ)
 *   backward  ∂L/∂xᵢ = ∂L/∂yᵢ − e^(yᵢ) · Σⱼ ∂L/∂yⱼ
 * </pre>
 */
public final class LogSoftmax {
    private LogSoftmax() {}

    public static Tensor apply(Tensor x, int dim) {
        int[] dims = {dim};
        return Tensor.fromOp("log_softmax", x.value().logSoftmax(dim),
                (g, y) -> new Tensor[] {g.sub(y.exp().mul(g.sum(dims, true)))}, x);
    }
}
