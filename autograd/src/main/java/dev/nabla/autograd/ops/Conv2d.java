package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.Conv2dSpec;
import dev.nabla.tensor.Convolution;
import dev.nabla.tensor.Shape;

/**
 * 2-d convolution (cross-correlation, as PyTorch) with stride, padding, dilation and groups.
 * <pre>
 *   forward   y[n,o,i,j] = b[o] + Σ_{c,p,q} x[n, c, i·s + p·d − pad, j·s + q·d − pad] · w[o,c,p,q]
 *   backward  ∂L/∂x = convT(∂L/∂y, w)            the adjoint of x ↦ conv(x, w)
 *             ∂L/∂w = convW(∂L/∂y, x)            the adjoint of w ↦ conv(x, w)
 *             ∂L/∂b = Σ_{n,i,j} ∂L/∂y[n,·,i,j]
 * </pre>
 * Shapes: x (N, C, H, W), w (OC, C/groups, KH, KW), b (OC) or null → y (N, OC, OH, OW).
 *
 * <p>The conv is bilinear in (x, w), and so are convT and convW; each is the adjoint of the
 * others in one argument, which makes their own backward passes one line each
 * ({@link InputGrad}, {@link WeightGrad}) and gives second-order gradients.
 */
public final class Conv2d {
    private Conv2d() {}

    /** {@code bias} may be null. */
    public static Tensor apply(Tensor x, Tensor w, Tensor bias, Conv2dSpec spec) {
        var y = Convolution.conv2d(x.value(), w.value(), bias == null ? null : bias.value(), spec);
        Tensor[] inputs = bias == null ? new Tensor[] {x, w} : new Tensor[] {x, w, bias};
        return Tensor.fromOp("conv2d", y, (g, out) -> {
            Tensor gx = x.requiresGrad() ? InputGrad.apply(g, w, x.shape(), spec) : null;
            Tensor gw = w.requiresGrad() ? WeightGrad.apply(g, x, w.shape(), spec) : null;
            if (bias == null) return new Tensor[] {gx, gw};
            return new Tensor[] {gx, gw, g.sum(new int[] {0, 2, 3}, false)};
        }, inputs);
    }

    /**
     * convT(g, w) = ∂⟨conv(x, w), g⟩/∂x, the gradient of the input.
     * <pre>
     *   backward  ∂L/∂g = conv(h, w),   ∂L/∂w = convW(g, h)       with h = ∂L/∂convT
     * </pre>
     * since ⟨convT(g, w), h⟩ = ⟨g, conv(h, w)⟩ = ⟨w, convW(g, h)⟩.
     */
    static final class InputGrad {
        private InputGrad() {}

        static Tensor apply(Tensor g, Tensor w, Shape inputShape, Conv2dSpec spec) {
            return Tensor.fromOp("conv2d_input_grad", Convolution.conv2dBackwardInput(g.value(), w.value(), inputShape, spec),
                    (h, out) -> new Tensor[] {
                        Conv2d.apply(h, w, null, spec),
                        w.requiresGrad() ? WeightGrad.apply(g, h, w.shape(), spec) : null}, g, w);
        }
    }

    /**
     * convW(g, x) = ∂⟨conv(x, w), g⟩/∂w, the gradient of the weight.
     * <pre>
     *   backward  ∂L/∂g = conv(x, h),   ∂L/∂x = convT(g, h)       with h = ∂L/∂convW
     * </pre>
     * since ⟨convW(g, x), h⟩ = ⟨g, conv(x, h)⟩ = ⟨x, convT(g, h)⟩.
     */
    static final class WeightGrad {
        private WeightGrad() {}

        static Tensor apply(Tensor g, Tensor x, Shape weightShape, Conv2dSpec spec) {
            return Tensor.fromOp("conv2d_weight_grad", Convolution.conv2dBackwardWeight(g.value(), x.value(), weightShape, spec),
                    (h, out) -> new Tensor[] {
                        Conv2d.apply(x, h, null, spec),
                        x.requiresGrad() ? InputGrad.apply(g, h, x.shape(), spec) : null}, g, x);
        }
    }
}
