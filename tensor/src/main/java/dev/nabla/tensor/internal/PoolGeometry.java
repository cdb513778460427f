package dev.nabla.tensor.internal;

/**
 * The extents of one 2-d pooling, already checked by {@code Convolution}: input
 * {@code (N, C, H, W)}, window {@code KH × KW} with stride and padding, output {@code (N, C, OH, OW)},
 * as in PyTorch's {@code MaxPool2d}/{@code AvgPool2d} (floor mode, no dilation).
 *
 * <p>Pooling treats each of the {@code N·C} planes on its own; kernels read dense row-major storage.
 */
public record PoolGeometry(int batch, int channels, int height, int width,
                           int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                           int outH, int outW) {

    /** Number of (H, W) planes: N·C. */
    public int planes() {
        return batch * channels;
    }

    /** Elements of one input plane: H·W. */
    public int inPlane() {
        return height * width;
    }

    /** Elements of one output plane: OH·OW. */
    public int outPlane() {
        return outH * outW;
    }

    /** Elements of one window: KH·KW, the divisor of average pooling (padding counts, as PyTorch's default). */
    public int windowSize() {
        return kernelH * kernelW;
    }
}
