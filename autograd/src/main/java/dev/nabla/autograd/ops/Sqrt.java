package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Square root.
 * <pre>
 *   forward   y = √x
 *   backward  ∂L/∂x = ∂L/∂y / (2y)
 * </pre>
 * Shapes: x (*) → y (*).
 */
public final class Sqrt {
    private Sqrt() {}

    public static Tensor apply(Tensor x) {
        return Tensor.fromOp("sqrt", x.value().sqrt(), (g, y) -> new Tensor[] {g.div(y.mul(2))}, x);
    }
}
