package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Element-wise quotient, with broadcasting.
 * <pre>
 *   forward   y = a / b
 *   backward  ∂L/∂a = Σ_broadcast ∂L/∂y / b,   ∂L/∂b = −Σ_broadcast ∂L/∂y · a / b²
 * </pre>
 */
public final class Div {
    private Div() {}

    public static Tensor apply(Tensor a, Tensor b) {
        return Tensor.fromOp("div", a.value().div(b.value()),
                (g, y) -> new Tensor[] {
                    Broadcasting.reduceTo(g.div(b), a),
                    Broadcasting.reduceTo(g.mul(a).div(b.square()).neg(), b)}, a, b);
    }
}
