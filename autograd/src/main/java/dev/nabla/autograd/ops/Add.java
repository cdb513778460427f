package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Element-wise sum, with broadcasting.
 * <pre>
 *   forward   y = a + b
 *   backward  ∂L/∂a = Σ_broadcast ∂L/∂y,   ∂L/∂b = Σ_broadcast ∂L/∂y
 * </pre>
 */
public final class Add {
    private Add() {}

    public static Tensor apply(Tensor a, Tensor b) {
        return Tensor.fromOp("add", a.value().add(b.value()),
                (g, y) -> new Tensor[] {Broadcasting.reduceTo(g, a), Broadcasting.reduceTo(g, b)}, a, b);
    }
}
