package dev.nabla.tensor;

/**
 * Geometry of a 2-d pooling window, as in PyTorch's {@code MaxPool2d}/{@code AvgPool2d}
 * (floor mode, no dilation). Output size {@code OH = (H + 2·padH − kernelH) / strideH + 1}.
 * Padding must be at most half the window, as PyTorch requires.
 */
public record Pool2dSpec(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {

    public Pool2dSpec {
        if (kernelH < 1 || kernelW < 1) throw new IllegalArgumentException("pool2d: kernel must be >= 1, got (" + kernelH + ", " + kernelW + ")");
        if (strideH < 1 || strideW < 1) throw new IllegalArgumentException("pool2d: stride must be >= 1, got (" + strideH + ", " + strideW + ")");
        if (padH < 0 || padW < 0 || 2 * padH > kernelH || 2 * padW > kernelW) {
            throw new IllegalArgumentException("pool2d: padding must be in [0, kernel/2], got padding (" + padH + ", " + padW
                    + ") for kernel (" + kernelH + ", " + kernelW + ")");
        }
    }

    /** A square window whose stride equals its size (the PyTorch default), no padding. */
    public static Pool2dSpec of(int kernel) {
        return new Pool2dSpec(kernel, kernel, kernel, kernel, 0, 0);
    }

    /** A square window with the given stride and padding. */
    public static Pool2dSpec of(int kernel, int stride, int padding) {
        return new Pool2dSpec(kernel, kernel, stride, stride, padding, padding);
    }
}
