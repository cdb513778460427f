package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Hyperbolic tangent.
 * <pre>
 *   forward   y = tanh x
 *   backward  ∂L/∂x = ∂L/∂y · (1 − y²)      (saves y)
 * </pre>
 * Shapes: x (*) → y (*).
 */
public final class Tanh {
    private Tanh() {}

    public static Tensor apply(Tensor x) {
        return Tensor.fromOp("tanh", x.value().tanh(), (g, y) -> new Tensor[] {g.mul(y.square().neg().add(1))}, x);
    }
}
