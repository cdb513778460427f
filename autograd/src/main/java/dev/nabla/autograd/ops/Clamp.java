package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.NDArray;

/**
 * Clamp to {@code [min, max]}. The gradient passes where min ≤ x ≤ max (bounds included, as in
 * PyTorch) and is 0 outside.
 * <pre>
 *   forward   y = min(max(x, min), max)
 *   backward  ∂L/∂x = ∂L/∂y · [min ≤ x ≤ max]
 * </pre>
 * Shapes: x (*) → y (*).
 */
public final class Clamp {
    private Clamp() {}

    public static Tensor apply(Tensor x, double min, double max) {
        return Tensor.fromOp("clamp", x.value().clamp(min, max), (g, y) -> {
            NDArray inside = x.value().ge(NDArray.scalar(min, x.dtype())).mul(x.value().le(NDArray.scalar(max, x.dtype())));
            return new Tensor[] {g.mul(Tensor.of(inside))};
        }, x);
    }
}
