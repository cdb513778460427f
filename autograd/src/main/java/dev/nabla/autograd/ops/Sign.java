package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.NDArray;

/**
 * Sign: −1, 0 or 1. Piecewise constant, so its derivative is 0 wherever it exists, and PyTorch's
 * convention of 0 at the jump is used.
 * <pre>
 *   forward   y = sign x
 *   backward  ∂L/∂x = 0
 * </pre>
 * Shapes: x (*) → y (*).
 */
public final class Sign {
    private Sign() {}

    public static Tensor apply(Tensor x) {
        return Tensor.fromOp("sign", x.value().sign(),
                (g, y) -> new Tensor[] {Tensor.of(NDArray.zeros(x.dtype(), x.shape().dims()))}, x);
    }
}
