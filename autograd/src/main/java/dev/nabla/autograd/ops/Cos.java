package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Cosine.
 * <pre>
 *   forward   y = cos x
 *   backward  ∂L/∂x = −∂L/∂y · sin x
 * </pre>
 * Shapes: x (*) → y (*).
 */
public final class Cos {
    private Cos() {}

    public static Tensor apply(Tensor x) {
        return Tensor.fromOp("cos", x.value().cos(), (g, y) -> new Tensor[] {g.mul(x.sin()).neg()}, x);
    }
}
