package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * The same elements in another shape (a view when the strides allow it). Each element keeps its
 * row-major position, so the gradient is reshaped back.
 * <pre>
 *   forward   y = reshape(x, shape)
 *   backward  ∂L/∂x = reshape(∂L/∂y, x.shape)
 * </pre>
 * Squeeze, unsqueeze and flatten are reshapes.
 */
public final class Reshape {
    private Reshape() {}

    public static Tensor apply(Tensor x, int... shape) {
        return Tensor.fromOp("reshape", x.value().reshape(shape), (g, y) -> new Tensor[] {g.reshape(x.shape().dims())}, x);
    }
}
