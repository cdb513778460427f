package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * The error function.
 * <pre>
 *   forward   y = erf x = (2/√π) ∫₀ˣ e^(−t²) dt
 *   backward  ∂L/∂x = ∂L/∂y · (2/√π) · e^(−x²)
 * </pre>
 * Shapes: x (*) → y (*).
 */
public final class Erf {
    /** 2/√π, the derivative of erf at 0. */
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    private Erf() {}

    public static Tensor apply(Tensor x) {
        return Tensor.fromOp("erf", x.value().erf(), (g, y) -> new Tensor[] {g.mul(x.square().neg().exp()).mul(TWO_OVER_SQRT_PI)}, x);
    }
}
