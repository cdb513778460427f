package dev.nabla.nn;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.ShapeException;

/**
 * The mean over each channel's image, flattened: {@code AdaptiveAvgPool2d(1)} followed by
 * {@code Flatten()} in one step. Shapes: x (N, C, H, W) → y (N, C).
 */
public final class GlobalAvgPool2d extends Module {

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4) throw new ShapeException("global_avg_pool2d: expected input (N, C, H, W), got input.shape=" + x.shape());
        return x.globalAvgPool2d();
    }
}
