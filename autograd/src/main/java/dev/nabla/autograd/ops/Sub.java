package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Element-wise difference, with broadcasting.
 * <pre>
 *   forward   y = a − b
 *   backward  ∂L/∂a = Σ_broadcast ∂L/∂y,   ∂L/∂b = −Σ_broadcast ∂L/∂y
 * </pre>
 */
public final class Sub {
    private Sub() {}

    public static Tensor apply(Tensor a, Tensor b) {
        return Tensor.fromOp("sub", a.value().sub(b.value()),
                (g, y) -> new Tensor[] {Broadcasting.reduceTo(g, a), Broadcasting.reduceTo(g.neg(), b)}, a, b);
    }
}
