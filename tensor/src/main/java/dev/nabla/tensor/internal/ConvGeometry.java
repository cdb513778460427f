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

    /**
     * The geometry of backward-input written as a forward convolution: gradX = conv(gradOut, w′) with
     * input gradOut (N, OC, OH, OW), C output channels, stride 1 and padding d·(K − 1) − p, where
     * {@code w′[g·C/G + ci][oc′][kh][kw] = w[g·OC/G + oc′][ci][KH−1−kh][KW−1−kw]} (see
     * {@code ScalarConv.conv2dBackwardInput}). Its output extents are H and W again, since with stride 1
     * {@code OH + 2·(d·(KH − 1) − pH) − d·(KH − 1) = H}. Only valid when {@link #hasTransposedForward()}.
     */
    public ConvGeometry transposedForward() {
        return new ConvGeometry(batch, outChannels, outH, outW, channels, kernelH, kernelW, height, width,
                1, 1, dilationH * (kernelH - 1) - padH, dilationW * (kernelW - 1) - padW, dilationH, dilationW, groups);
    }

    /** Stride 1 and padding at most d·(K − 1) in both directions: then {@link #transposedForward()} exists. */
    public boolean hasTransposedForward() {
        return strideH == 1 && strideW == 1 && padH <= dilationH * (kernelH - 1) && padW <= dilationW * (kernelW - 1);
    }

    /**
     * Stride 1 and OW = W: then each row of the im2col matrix is a shifted input plane with the
     * padding masked, and the GEMM packs it from x directly ({@link #patches()}).
     */
    public boolean hasShiftedPatches() {
        return strideH == 1 && strideW == 1 && outW == width;
    }

    /** The im2col tables of this geometry (see {@link PackedGemm.Patches}); only when {@link #hasShiftedPatches()}. */
    public PackedGemm.Patches patches() {
        return PackedGemm.Patches.of(height, width, outH, kernelH, kernelW, dilationH, dilationW, padH, padW);
    }

    /** A 1×1 kernel with stride 1 and no padding: the input image is its own im2col matrix. */
    public boolean isPointwise() {
        return kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1 && padH == 0 && padW == 0;
    }
}
