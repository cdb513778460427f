package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Natural logarithm.
 * <pre>
 *   forward   y = ln x
 *   backward  ∂L/∂x = ∂L/∂y / x
 * </pre>
 * Shapes: x (*) → y (*).
 */
public final class Log {
    private Log() {}

    public static Tensor apply(Tensor x) {
        return Tensor.fromOp("log", x.value().log(), (g, y) -> new Tensor[] {g.div(x)}, x);
    }
}
