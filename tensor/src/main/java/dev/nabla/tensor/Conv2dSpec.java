package dev.nabla.tensor;

/**
 * Geometry of a 2-d convolution, as in PyTorch's {@code Conv2d}: stride, zero padding and dilation
 * per spatial dimension, and the number of groups.
 *
 * <p>With input {@code (N, C, H, W)} and weight {@code (OC, C/groups, KH, KW)} the output is
 * {@code (N, OC, OH, OW)} with
 * {@code OH = (H + 2·padH − dilationH·(KH − 1) − 1) / strideH + 1} (integer division), likewise OW.
 */
public record Conv2dSpec(int strideH, int strideW, int padH, int padW, int dilationH, int dilationW, int groups) {

    public Conv2dSpec {
        if (strideH < 1 || strideW < 1) throw new IllegalArgumentException("conv2d: stride must be >= 1, got (" + strideH + ", " + strideW + ")");
        if (padH < 0 || padW < 0) throw new IllegalArgumentException("conv2d: padding must be >= 0, got (" + padH + ", " + padW + ")");
        if (dilationH < 1 || dilationW < 1) throw new IllegalArgumentException("conv2d: dilation must be >= 1, got (" + dilationH + ", " + dilationW + ")");
        if (groups < 1) throw new IllegalArgumentException("conv2d: groups must be >= 1, got " + groups);
    }

    /** Stride 1, no padding, no dilation, one group. */
    public static Conv2dSpec defaults() {
        return new Conv2dSpec(1, 1, 0, 0, 1, 1, 1);
    }

    /** Square stride and padding, no dilation, one group. */
    public static Conv2dSpec of(int stride, int padding) {
        return new Conv2dSpec(stride, stride, padding, padding, 1, 1, 1);
    }

    public Conv2dSpec withDilation(int dilation) {
        return new Conv2dSpec(strideH, strideW, padH, padW, dilation, dilation, groups);
    }

    public Conv2dSpec withGroups(int groups) {
        return new Conv2dSpec(strideH, strideW, padH, padW, dilationH, dilationW, groups);
    }
}
