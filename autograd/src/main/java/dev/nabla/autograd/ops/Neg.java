package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Negation.
 * <pre>
 *   forward   y = −x
 *   backward  ∂L/∂x = −∂L/∂y
 * </pre>
 * Shapes: x (*) → y (*).
 */
public final class Neg {
    private Neg() {}

    public static Tensor apply(Tensor x) {
        return Tensor.fromOp("neg", x.value().neg(), (g, y) -> new Tensor[] {g.neg()}, x);
    }
}
