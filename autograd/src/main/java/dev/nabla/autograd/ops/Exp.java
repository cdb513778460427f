package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Exponential.
 * <pre>
 *   forward   y = eˣ
 *   backward  ∂L/∂x = ∂L/∂y · y          (saves y: no second exp)
 * </pre>
 * Shapes: x (*) → y (*).
 */
public final class Exp {
    private Exp() {}

    public static Tensor apply(Tensor x) {
        return Tensor.fromOp("exp", x.value().exp(), (g, y) -> new Tensor[] {g.mul(y)}, x);
    }
}
