package dev.nabla.nn;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.ShapeException;

/**
 * Adaptive average pooling to a fixed output size, as PyTorch's {@code nn.AdaptiveAvgPool2d};
 * only output size 1 (the mean over each channel's image) is supported.
 * Shapes: x (N, C, H, W) → y (N, C, 1, 1).
 */
public final class AdaptiveAvgPool2d extends Module {

    public AdaptiveAvgPool2d(int outputSize) {
        if (outputSize != 1) {
            throw new IllegalArgumentException("adaptive_avg_pool2d: only output size 1 is supported, got " + outputSize
                    + " (use AvgPool2d with kernel = stride = H / outputSize for other sizes)");
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4) throw new ShapeException("adaptive_avg_pool2d: expected input (N, C, H, W), got input.shape=" + x.shape());
        return x.mean(new int[] {2, 3}, true);
    }

    @Override
    protected String extraRepr() {
        return "output_size=1";
    }
}
