package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Broadcast to a larger shape (a view with stride 0). Each input element is read by every output
 * element it was broadcast to, so the gradient sums over those.
 * <pre>
 *   forward   y = expand(x, shape)
 *   backward  ∂L/∂x = Σ_broadcast ∂L/∂y
 * </pre>
 */
public final class Expand {
    private Expand() {}

    public static Tensor apply(Tensor x, int... shape) {
        return Tensor.fromOp("expand", x.value().expand(shape), (g, y) -> new Tensor[] {Broadcasting.reduceTo(g, x)}, x);
    }
}
