package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Softplus, evaluated stably as max(x, 0) + ln(1 + e^(−|x|)).
 * <pre>
 *   forward   y = ln(1 + eˣ)
 *   backward  ∂L/∂x = ∂L/∂y · σ(x)
 * </pre>
 * Shapes: x (*) → y (*).
 */
public final class Softplus {
    private Softplus() {}

    public static Tensor apply(Tensor x) {
        return Tensor.fromOp("softplus", x.value().softplus(), (g, y) -> new Tensor[] {g.mul(x.sigmoid())}, x);
    }
}
