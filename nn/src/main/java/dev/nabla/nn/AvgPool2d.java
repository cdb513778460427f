package dev.nabla.nn;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.Pool2dSpec;
import dev.nabla.tensor.ShapeException;

/**
 * 2-d avg pooling over square windows, as PyTorch's {@code nn.AvgPool2d} (floor mode; the
 * stride defaults to the window size). Uses the autograd op {@code avg_pool2d}.
 * Shapes: x (N, C, H, W) → y (N, C, OH, OW), OH = (H + 2·padding − kernel) / stride + 1.
 */
public final class AvgPool2d extends Module {
    private final Pool2dSpec spec;

    /** Stride = kernel, no padding. */
    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    public AvgPool2d(int kernel, int stride, int padding) {
        this.spec = Pool2dSpec.of(kernel, stride, padding);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4) throw new ShapeException("avg_pool2d: expected input (N, C, H, W), got input.shape=" + x.shape());
        return x.avgPool2d(spec);
    }

    @Override
    protected String extraRepr() {
        return "kernel=" + spec.kernelH() + ", stride=" + spec.strideH() + ", padding=" + spec.padH();
    }
}
