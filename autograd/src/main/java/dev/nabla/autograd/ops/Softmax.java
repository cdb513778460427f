package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Softmax along one dim, computed stably.
 * <pre>
 *   forward   yᵢ = e^(xᵢ) / Σⱼ e^(xⱼ)
 *   backward  ∂L/∂xᵢ = yᵢ · (∂L/∂yᵢ − Σⱼ ∂L/∂yⱼ · yⱼ)      (the Jacobian diag(y) − y·yᵀ, applied)
 * </pre>
 */
public final class Softmax {
    private Softmax() {}

    public static Tensor apply(Tensor x, int dim) {
        int[] dims = {dim};
        return Tensor.fromOp("softmax", x.value().softmax(dim),
                (g, y) -> new Tensor[] {y.mul(g.sub(g.mul(y).sum(dims, true)))}, x);
    }
}
