package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.Convolution;
import dev.nabla.tensor.MaxPool2dResult;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Pool2dSpec;
import dev.nabla.tensor.Shape;

/**
 * 2-d max pooling. Each window's gradient goes to the element that won it (ties: the first in
 * row-major window order, as the forward chose); windows that overlap add up.
 * <pre>
 *   forward   y[n,c,i,j] = max over the window of x[n,c,·,·],  idx = where it was
 *   backward  ∂L/∂x[n,c,idx[n,c,i,j]] += ∂L/∂y[n,c,i,j]
 * </pre>
 * The backward is linear in ∂L/∂y; its adjoint reads h at the winners: a gather, which gives
 * second order. Shapes: x (N, C, H, W) → y (N, C, OH, OW).
 */
public final class MaxPool2d {
    private MaxPool2d() {}

    public static Tensor apply(Tensor x, Pool2dSpec spec) {
        MaxPool2dResult r = Convolution.maxPool2d(x.value(), spec);
        return Tensor.fromOp("max_pool2d", r.values(), (g, y) -> new Tensor[] {routeToWinners(g, r.indices(), x.shape())}, x);
    }

    private static Tensor routeToWinners(Tensor g, NDArray indices, Shape inputShape) {
        return Tensor.fromOp("max_pool2d_backward", Convolution.maxPool2dBackward(g.value(), indices, inputShape),
                (h, out) -> new Tensor[] {readAtWinners(h, indices, g.shape())}, g);
    }

    /** h (N, C, H, W) read at the winners' flat plane indices → (N, C, OH, OW). */
    private static Tensor readAtWinners(Tensor h, NDArray indices, Shape outputShape) {
        int n = h.size(0), c = h.size(1);
        return h.reshape(n, c, -1).gather(2, indices.reshape(n, c, -1)).reshape(outputShape.dims());
    }
}
