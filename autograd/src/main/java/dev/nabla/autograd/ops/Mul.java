package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Element-wise product, with broadcasting.
 * <pre>
 *   forward   y = a · b
 *   backward  ∂L/∂a = Σ_broadcast ∂L/∂y · b,   ∂L/∂b = Σ_broadcast ∂L/∂y · a
 * </pre>
 */
public final class Mul {
    private Mul() {}

    public static Tensor apply(Tensor a, Tensor b) {
        return Tensor.fromOp("mul", a.value().mul(b.value()),
                (g, y) -> new Tensor[] {Broadcasting.reduceTo(g.mul(b), a), Broadcasting.reduceTo(g.mul(a), b)}, a, b);
    }
}
