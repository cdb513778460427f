package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;

/**
 * Conversion between F32 and F64. The gradient is converted back to the input's type.
 * <pre>
 *   forward   y = (T) x
 *   backward  ∂L/∂x = (type of x) ∂L/∂y
 * </pre>
 */
public final class AsType {
    private AsType() {}

    public static Tensor apply(Tensor x, DType target) {
        if (target == x.dtype()) return x;
        if (!target.isFloating()) throw new IllegalArgumentException("astype: a differentiable conversion needs F32 or F64, got " + target);
        return Tensor.fromOp("astype", x.value().astype(target), (g, y) -> new Tensor[] {g.astype(x.dtype())}, x);
    }
}
