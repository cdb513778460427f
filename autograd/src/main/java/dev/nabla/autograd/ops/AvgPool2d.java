package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.Convolution;
import dev.nabla.tensor.Pool2dSpec;
import dev.nabla.tensor.Shape;

/**
 * 2-d average pooling (padding counts as zeros in the mean, PyTorch's default). Each input
 * element receives 1/(KH·KW) of the gradient of every window it lies in.
 * <pre>
 *   forward   y = avgPool(x)                    a linear map A
 *   backward  ∂L/∂x = Aᵀ ∂L/∂y                   and the adjoint of Aᵀ is A again (second order)
 * </pre>
 * Shapes: x (N, C, H, W) → y (N, C, OH, OW).
 */
public final class AvgPool2d {
    private AvgPool2d() {}

    public static Tensor apply(Tensor x, Pool2dSpec spec) {
        return Tensor.fromOp("avg_pool2d", Convolution.avgPool2d(x.value(), spec),
                (g, y) -> new Tensor[] {spreadOverWindows(g, x.shape(), spec)}, x);
    }

    private static Tensor spreadOverWindows(Tensor g, Shape inputShape, Pool2dSpec spec) {
        return Tensor.fromOp("avg_pool2d_backward", Convolution.avgPool2dBackward(g.value(), inputShape, spec),
                (h, out) -> new Tensor[] {apply(h, spec)}, g);
    }
}
