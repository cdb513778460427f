package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * The complementary error function, accurate in relative terms for large x.
 * <pre>
 *   forward   y = erfc x = 1 − erf x
 *   backward  ∂L/∂x = −∂L/∂y · (2/√π) · e^(−x²)
 * </pre>
 * Shapes: x (*) → y (*).
 */
public final class Erfc {
    /** 2/√π, the derivative of erf at 0. */
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    private Erfc() {}

    public static Tensor apply(Tensor x) {
        return Tensor.fromOp("erfc", x.value().erfc(), (g, y) -> new Tensor[] {g.mul(x.square().neg().exp()).mul(-TWO_OVER_SQRT_PI)}, x);
    }
}
