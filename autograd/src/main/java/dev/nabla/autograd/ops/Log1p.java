package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * ln(1 + x), accurate for small x.
 * <pre>
 *   forward   y = ln(1 + x)
 *   backward  ∂L/∂x = ∂L/∂y / (1 + x)
 * </pre>
 * Shapes: x (*) → y (*).
 */
public final class Log1p {
    private Log1p() {}

    public static Tensor apply(Tensor x) {
        return Tensor.fromOp("log1p", x.value().log1p(), (g, y) -> new Tensor[] {g.div(x.add(1))}, x);
    }
}
