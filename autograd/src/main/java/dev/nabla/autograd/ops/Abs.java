package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Absolute value. At 0 the subgradient is 0 (PyTorch's sign(0) = 0).
 * <pre>
 *   forward   y = |x|
 *   backward  ∂L/∂x = ∂L/∂y · sign(x)
 * </pre>
 * Shapes: x (*) → y (*).
 */
public final class Abs {
    private Abs() {}

    public static Tensor apply(Tensor x) {
        return Tensor.fromOp("abs", x.value().abs(), (g, y) -> new Tensor[] {g.mul(x.sign())}, x);
    }
}
