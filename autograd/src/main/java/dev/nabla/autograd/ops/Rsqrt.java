package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Reciprocal square root.
 * <pre>
 *   forward   y = 1/√x
 *   backward  ∂L/∂x = −∂L/∂y · y³ / 2
 * </pre>
 * Shapes: x (*) → y (*).
 */
public final class Rsqrt {
    private Rsqrt() {}

    public static Tensor apply(Tensor x) {
        return Tensor.fromOp("rsqrt", x.value().rsqrt(), (g, y) -> new Tensor[] {g.mul(y.pow(3)).mul(-0.5)}, x);
    }
}
