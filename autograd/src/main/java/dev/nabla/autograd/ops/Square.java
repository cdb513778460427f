package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Square.
 * <pre>
 *   forward   y = x²
 *   backward  ∂L/∂x = ∂L/∂y · 2x
 * </pre>
 * Shapes: x (*) → y (*).
 */
public final class Square {
    private Square() {}

    public static Tensor apply(Tensor x) {
        return Tensor.fromOp("square", x.value().square(), (g, y) -> new Tensor[] {g.mul(x).mul(2)}, x);
    }
}
