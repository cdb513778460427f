package dev.nabla.tensor.internal;

/**
 * The extents of one 2-d convolution, already checked by {@code Convolution}: input
 * {@code x (N, C, H, W)}, weight {@code (OC, C/G, KH, KW)}, output {@code (N, OC, OH, OW)}, with
 * stride, zero padding, dilation and {@code G} groups as in PyTorch's {@code Conv2d}.
 *
 * <p>Kernels read every array as dense row-major storage starting at index 0.
 */
public record ConvGeometry(int batch, int channels, int height, int width,
                           int outChannels, int kernelH, int kernelW, int outH, int outW,
                           int strideH, int strideW, int padH, int padW,
                           int dilationH, int dilationW, int groups) {

    /** Input channels per group: C/G. */
    public int groupChannels() {
        return channels / groups;
    }

    /** Output channels per group: OC/G. */
    public int groupOutChannels() {
        return outChannels / groups;
    }

    /** Rows of one group's im2col matrix and columns of its weight matrix: C/G·KH·KW. */
    public int groupPatch() {
        return groupChannels() * kernelH * kernelW;
    }

    /** Elements of one input plane: H·W. */
    public int inPlane() {
        return height * width;
    }

    /** Elements of one output plane: OH·OW. */
    public int outPlane() {
        return outH * outW;
    }

    /** Elements of the im2col matrix of one image: (C·KH·KW) × (OH·OW). */
    public int columnSize() {
        return channels * kernelH * kernelW * outPlane();
    }

    /** Elements of the weight: OC·C/G·KH·KW. */
    public int weightSize() {
        return outChannels * groupPatch();
    }

    /** Multiply-adds of the forward pass (each backward pass does the same number). */
    public long macs() {
        return (long) batch * outChannels * outPlane() * groupPatch();
    }

    /** A 1×1 kernel with stride 1 and no padding: the input image is its own im2col matrix. */
    public boolean isPointwise() {
        return kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1 && padH == 0 && padW == 0;
    }
}
