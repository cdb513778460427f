package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.NDArray;

/**
 * Element-wise selection, with broadcasting of all three operands. The condition is not
 * differentiable; each branch gets the gradient where it was chosen.
 * <pre>
 *   forward   y = c ≠ 0 ? a : b
 *   backward  ∂L/∂a = Σ_broadcast (c ≠ 0 ? ∂L/∂y : 0),   ∂L/∂b = Σ_broadcast (c ≠ 0 ? 0 : ∂L/∂y)
 * </pre>
 */
public final class Where {
    private Where() {}

    public static Tensor apply(Tensor condition, Tensor a, Tensor b) {
        NDArray c = condition.value();
        return Tensor.fromOp("where", NDArray.where(c, a.value(), b.value()), (g, y) -> {
            Tensor zero = Tensor.of(NDArray.scalar(0, g.dtype()));
            return new Tensor[] {
                null,
                Broadcasting.reduceTo(Tensor.where(condition, g, zero), a),
                Broadcasting.reduceTo(Tensor.where(condition, zero, g), b)};
        }, condition, a, b);
    }
}
