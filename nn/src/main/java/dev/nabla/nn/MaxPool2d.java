package dev.nabla.nn;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.Pool2dSpec;
import dev.nabla.tensor.ShapeException;

/**
 * 2-d max pooling over square windows, as PyTorch's {@code nn.MaxPool2d} (floor mode; the
 * stride defaults to the window size). Uses the autograd op {@code max_pool2d}.
 * Shapes: x (N, C, H, W) → y (N, C, OH, OW), OH = (H + 2·padding − kernel) / stride + 1.
 */
public final class MaxPool2d extends Module {
    private final Pool2dSpec spec;

    /** Stride = kernel, no padding. */
    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    public MaxPool2d(int kernel, int stride, int padding) {
        this.spec = Pool2dSpec.of(kernel, stride, padding);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4) throw new ShapeException("max_pool2d: expected input (N, C, H, W), got input.shape=" + x.shape());
        return x.maxPool2d(spec);
    }

    @Override
    protected String extraRepr() {
        return "kernel=" + spec.kernelH() + ", stride=" + spec.strideH() + ", padding=" + spec.padH();
    }
}
