package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Reciprocal.
 * <pre>
 *   forward   y = 1/x
 *   backward  ∂L/∂x = −∂L/∂y · y²
 * </pre>
 * Shapes: x (*) → y (*).
 */
public final class Reciprocal {
    private Reciprocal() {}

    public static Tensor apply(Tensor x) {
        return Tensor.fromOp("reciprocal", x.value().reciprocal(), (g, y) -> new Tensor[] {g.mul(y.square()).neg()}, x);
    }
}
