package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Logistic sigmoid.
 * <pre>
 *   forward   y = σ(x) = 1 / (1 + e^(−x))
 *   backward  ∂L/∂x = ∂L/∂y · y · (1 − y)      (saves y: cheaper and stabler than σ(x) again)
 * </pre>
 * Shapes: x (*) → y (*).
 */
public final class Sigmoid {
    private Sigmoid() {}

    public static Tensor apply(Tensor x) {
        return Tensor.fromOp("sigmoid", x.value().sigmoid(), (g, y) -> new Tensor[] {g.mul(y).mul(y.neg().add(1))}, x);
    }
}
