package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * eˣ − 1, accurate for small x.
 * <pre>
 *   forward   y = eˣ − 1
 *   backward  ∂L/∂x = ∂L/∂y · (y + 1)
 * </pre>
 * Shapes: x (*) → y (*).
 */
public final class Expm1 {
    private Expm1() {}

    public static Tensor apply(Tensor x) {
        return Tensor.fromOp("expm1", x.value().expm1(), (g, y) -> new Tensor[] {g.mul(y.add(1))}, x);
    }
}
