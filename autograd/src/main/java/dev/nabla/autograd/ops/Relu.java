package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.NDArray;

/**
 * Rectified linear unit. At 0 the derivative is 0, as in PyTorch (∇relu(0) = 0).
 * <pre>
 *   forward   y = max(x, 0)
 *   backward  ∂L/∂x = ∂L/∂y · [x > 0]
 * </pre>
 * Shapes: x (*) → y (*).
 */
public final class Relu {
    private Relu() {}

    public static Tensor apply(Tensor x) {
        return Tensor.fromOp("relu", x.value().relu(), (g, y) -> new Tensor[] {g.mul(Tensor.of(x.value().gt(NDArray.scalar(0, x.dtype()))))}, x);
    }
}
