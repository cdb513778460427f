package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Sine.
 * <pre>
 *   forward   y = sin x
 *   backward  ∂L/∂x = ∂L/∂y · cos x
 * </pre>
 * Shapes: x (*) → y (*).
 */
public final class Sin {
    private Sin() {}

    public static Tensor apply(Tensor x) {
        return Tensor.fromOp("sin", x.value().sin(), (g, y) -> new Tensor[] {g.mul(x.cos())}, x);
    }
}
