package dev.nabla.tensor;

import dev.nabla.tensor.internal.ConvGeometry;
import dev.nabla.tensor.internal.ConvKernels;
import dev.nabla.tensor.internal.PoolGeometry;

/**
 * 2-d convolution and pooling over {@code (N, C, H, W)} arrays, forward and backward, with
 * PyTorch's semantics ({@code torch.nn.functional.conv2d}, {@code max_pool2d}, {@code avg_pool2d}).
 *
 * <p>Letters: N images, C input channels, H×W input plane, OC output channels, KH×KW kernel,
 * OH×OW output plane, G groups. All ops accept F32 and F64; mixing them gives F64; I64 is rejected.
 * Inputs may be any view (transposed, sliced, expanded); they are made contiguous first.
 *
 * <pre>{@code
 * NDArray x = NDArray.arange(1, 10, 1, DType.F32).reshape(1, 1, 3, 3);   // [[1,2,3],[4,5,6],[7,8,9]]
 * NDArray w = NDArray.ones(DType.F32, 1, 1, 2, 2);
 * NDArray y = Convolution.conv2d(x, w, null, Conv2dSpec.defaults());     // [[12,16],[24,28]], shape (1,1,2,2)
 * }</pre>
 * (This example runs in {@code ConvolutionTest.conv2d_example}.)
 */
public final class Convolution {
    private Convolution() {}

    /**
     * 2-d cross-correlation (what deep learning calls convolution), as PyTorch's {@code conv2d}:
     * <pre>
     *   out[n][oc][oh][ow] = bias[oc] + Σ_{ci, kh, kw} x[n][g·C/G + ci][oh·sH − pH + kh·dH][ow·sW − pW + kw·dW] · w[oc][ci][kh][kw]
     *   g = oc / (OC/G),  ci < C/G,  x = 0 in the padding
     *   OH = ⌊(H + 2·pH − dH·(KH − 1) − 1) / sH⌋ + 1,  likewise OW
     * </pre>
     *
     * @param x      input (N, C, H, W)
     * @param weight (OC, C/G, KH, KW); C must equal weight.shape[1]·G and OC must be a multiple of G
     * @param bias   (OC), or null for none
     * @param spec   stride s, zero padding p, dilation d, groups G
     * @return (N, OC, OH, OW)
     * @throws ShapeException when ranks, channels, groups, bias or the output size do not fit
     */
    public static NDArray conv2d(NDArray x, NDArray weight, NDArray bias, Conv2dSpec spec) {
        String op = "conv2d";
        ConvGeometry g = convGeometry(op, x.shape(), weight.shape(), spec);
        if (bias != null && (bias.rank() != 1 || bias.size(0) != g.outChannels())) {
            throw new ShapeException(op + ": bias must have shape [OC]: bias.shape=" + bias.shape() + ", weight.shape="
                    + weight.shape() + " (OC=" + g.outChannels() + ")");
        }
        DType type = bias == null ? computeType(op, "x", x, "weight", weight)
                : computeType(op, "x", x, "weight", weight, "bias", bias);
        Shape outShape = Shape.of(g.batch(), g.outChannels(), g.outH(), g.outW());
        if (type == DType.F32) {
            float[] out = new float[outShape.numel()];
            ConvKernels.conv2dForward(g, floats(x), floats(weight), bias == null ? null : floats(bias), out);
            return NDArray.wrap(out, type, outShape);
        }
        double[] out = new double[outShape.numel()];
        ConvKernels.conv2dForward(g, doubles(x), doubles(weight), bias == null ? null : doubles(bias), out);
        return NDArray.wrap(out, type, outShape);
    }

    /**
     * ∂L/∂x of {@link #conv2d}: the transposed convolution of gradOut with the weight,
     * <pre>
     *   gradX[n][c][ih][iw] = Σ_{oc, kh, kw : ih = oh·sH − pH + kh·dH, iw = ow·sW − pW + kw·dW} gradOut[n][oc][oh][ow] · w[oc][ci][kh][kw]
     * </pre>
     * (c = g·C/G + ci with g the group of oc).
     *
     * @param gradOut    (N, OC, OH, OW), the gradient of conv2d's output
     * @param weight     (OC, C/G, KH, KW)
     * @param inputShape x's shape (N, C, H, W)
     * @return (N, C, H, W)
     */
    public static NDArray conv2dBackwardInput(NDArray gradOut, NDArray weight, Shape inputShape, Conv2dSpec spec) {
        String op = "conv2dBackwardInput";
        ConvGeometry g = convGeometry(op, inputShape, weight.shape(), spec);
        requireGradOutShape(op, gradOut, g, "inputShape=" + inputShape + ", weight.shape=" + weight.shape());
        DType type = computeType(op, "gradOut", gradOut, "weight", weight);
        if (type == DType.F32) {
            float[] gradX = new float[inputShape.numel()];
            ConvKernels.conv2dBackwardInput(g, floats(gradOut), floats(weight), gradX);
            return NDArray.wrap(gradX, type, inputShape);
        }
        double[] gradX = new double[inputShape.numel()];
        ConvKernels.conv2dBackwardInput(g, doubles(gradOut), doubles(weight), gradX);
        return NDArray.wrap(gradX, type, inputShape);
    }

    /**
     * ∂L/∂weight of {@link #conv2d}: the correlation of x with gradOut,
     * <pre>
     *   gradW[oc][ci][kh][kw] = Σ_{n, oh, ow} gradOut[n][oc][oh][ow] · x[n][g·C/G + ci][oh·sH − pH + kh·dH][ow·sW − pW + kw·dW]
     * </pre>
     *
     * @param gradOut     (N, OC, OH, OW)
     * @param x           the input (N, C, H, W)
     * @param weightShape the weight's shape (OC, C/G, KH, KW)
     * @return (OC, C/G, KH, KW)
     */
    public static NDArray conv2dBackwardWeight(NDArray gradOut, NDArray x, Shape weightShape, Conv2dSpec spec) {
        String op = "conv2dBackwardWeight";
        ConvGeometry g = convGeometry(op, x.shape(), weightShape, spec);
        requireGradOutShape(op, gradOut, g, "x.shape=" + x.shape() + ", weightShape=" + weightShape);
        DType type = computeType(op, "gradOut", gradOut, "x", x);
        if (type == DType.F32) {
            float[] gradW = new float[weightShape.numel()];
            ConvKernels.conv2dBackwardWeight(g, floats(gradOut), floats(x), gradW);
            return NDArray.wrap(gradW, type, weightShape);
        }
        double[] gradW = new double[weightShape.numel()];
        ConvKernels.conv2dBackwardWeight(g, doubles(gradOut), doubles(x), gradW);
        return NDArray.wrap(gradW, type, weightShape);
    }

    /**
     * ∂L/∂bias of {@link #conv2d}: {@code gradBias[oc] = Σ_{n, oh, ow} gradOut[n][oc][oh][ow]}.
     *
     * @param gradOut (N, OC, OH, OW)
     * @return (OC)
     */
    public static NDArray conv2dBackwardBias(NDArray gradOut) {
        String op = "conv2dBackwardBias";
        requireRank4(op, "gradOut", gradOut.shape(), "(N, OC, OH, OW)");
        DType type = computeType(op, "gradOut", gradOut);
        int[] d = gradOut.shape().raw();
        int plane = d[2] * d[3];
        Shape outShape = Shape.of(d[1]);
        if (type == DType.F32) {
            float[] gradBias = new float[d[1]];
            ConvKernels.conv2dBackwardBias(d[0], d[1], plane, floats(gradOut), gradBias);
            return NDArray.wrap(gradBias, type, outShape);
        }
        double[] gradBias = new double[d[1]];
        ConvKernels.conv2dBackwardBias(d[0], d[1], plane, doubles(gradOut), gradBias);
        return NDArray.wrap(gradBias, type, outShape);
    }

    /**
     * Max pooling with the argmax, as PyTorch's {@code max_pool2d(..., return_indices=True)}:
     * <pre>
     *   out[n][c][oh][ow] = max_{kh < KH, kw < KW} x[n][c][oh·sH − pH + kh][ow·sW − pW + kw]   (padding acts as −∞)
     *   OH = ⌊(H + 2·pH − KH) / sH⌋ + 1,  likewise OW
     * </pre>
     * {@code indices} holds the flat index {@code ih·W + iw} of each maximum within its (H, W)
     * plane (I64). Ties pick the first element in row-major window order; NaN propagates.
     *
     * @param x (N, C, H, W)
     * @return values and indices, both (N, C, OH, OW)
     */
    public static MaxPool2dResult maxPool2d(NDArray x, Pool2dSpec spec) {
        String op = "maxPool2d";
        PoolGeometry p = poolGeometry(op, x.shape(), spec);
        DType type = computeType(op, "x", x);
        Shape outShape = Shape.of(p.batch(), p.channels(), p.outH(), p.outW());
        long[] indices = new long[outShape.numel()];
        NDArray values;
        if (type == DType.F32) {
            float[] out = new float[outShape.numel()];
            ConvKernels.maxPool2d(p, floats(x), out, indices);
            values = NDArray.wrap(out, type, outShape);
        } else {
            double[] out = new double[outShape.numel()];
            ConvKernels.maxPool2d(p, doubles(x), out, indices);
            values = NDArray.wrap(out, type, outShape);
        }
        return new MaxPool2dResult(values, NDArray.wrap(indices, DType.I64, outShape));
    }

    /**
     * ∂L/∂x of {@link #maxPool2d}: each gradient goes to the element that won its window,
     * {@code gradX[n][c][indices[n][c][oh][ow]] += gradOut[n][c][oh][ow]}; where windows overlap
     * the gradients of one element add up.
     *
     * @param gradOut    (N, C, OH, OW)
     * @param indices    (N, C, OH, OW), I64, from {@link #maxPool2d}
     * @param inputShape x's shape (N, C, H, W)
     * @return (N, C, H, W), gradOut's dtype
     */
    public static NDArray maxPool2dBackward(NDArray gradOut, NDArray indices, Shape inputShape) {
        String op = "maxPool2dBackward";
        requireRank4(op, "gradOut", gradOut.shape(), "(N, C, OH, OW)");
        requireRank4(op, "inputShape", inputShape, "(N, C, H, W)");
        int[] in = inputShape.raw(), o = gradOut.shape().raw();
        if (indices.dtype() != DType.I64 || !indices.shape().equals(gradOut.shape()) || in[0] != o[0] || in[1] != o[1]) {
            throw new ShapeException(op + ": need I64 indices of gradOut's shape and inputShape with gradOut's N and C: gradOut.shape="
                    + gradOut.shape() + ", indices.shape=" + indices.shape() + " (" + indices.dtype() + "), inputShape=" + inputShape);
        }
        DType type = computeType(op, "gradOut", gradOut);
        // Only the extents matter here: the indices say where each gradient goes, whatever the window was.
        PoolGeometry p = new PoolGeometry(in[0], in[1], in[2], in[3], 0, 0, 0, 0, 0, 0, o[2], o[3]);
        long[] idx = indices.contiguous().toLongArray();
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= p.inPlane()) {
                throw new IllegalArgumentException(op + ": index " + idx[i] + " at flat position " + i
                        + " is outside the input plane of H·W=" + p.inPlane() + " elements (inputShape=" + inputShape + ")");
            }
        }
        if (type == DType.F32) {
            float[] gradX = new float[inputShape.numel()];
            ConvKernels.maxPool2dBackward(p, floats(gradOut), idx, gradX);
            return NDArray.wrap(gradX, type, inputShape);
        }
        double[] gradX = new double[inputShape.numel()];
        ConvKernels.maxPool2dBackward(p, doubles(gradOut), idx, gradX);
        return NDArray.wrap(gradX, type, inputShape);
    }

    /**
     * Average pooling, as PyTorch's {@code avg_pool2d} with its default {@code count_include_pad=True}:
     * padding counts as zeros and every window divides by KH·KW,
     * <pre>
     *   out[n][c][oh][ow] = (1 / (KH·KW)) · Σ_{kh, kw} x[n][c][oh·sH − pH + kh][ow·sW − pW + kw]
     * </pre>
     *
     * @param x (N, C, H, W)
     * @return (N, C, OH, OW), OH = ⌊(H + 2·pH − KH) / sH⌋ + 1
     */
    public static NDArray avgPool2d(NDArray x, Pool2dSpec spec) {
        String op = "avgPool2d";
        PoolGeometry p = poolGeometry(op, x.shape(), spec);
        DType type = computeType(op, "x", x);
        Shape outShape = Shape.of(p.batch(), p.channels(), p.outH(), p.outW());
        if (type == DType.F32) {
            float[] out = new float[outShape.numel()];
            ConvKernels.avgPool2d(p, floats(x), out);
            return NDArray.wrap(out, type, outShape);
        }
        double[] out = new double[outShape.numel()];
        ConvKernels.avgPool2d(p, doubles(x), out);
        return NDArray.wrap(out, type, outShape);
    }

    /**
     * ∂L/∂x of {@link #avgPool2d}: every input element receives gradOut/(KH·KW) from each window
     * that contains it.
     *
     * @param gradOut    (N, C, OH, OW)
     * @param inputShape x's shape (N, C, H, W)
     * @return (N, C, H, W)
     */
    public static NDArray avgPool2dBackward(NDArray gradOut, Shape inputShape, Pool2dSpec spec) {
        String op = "avgPool2dBackward";
        PoolGeometry p = poolGeometry(op, inputShape, spec);
        Shape expected = Shape.of(p.batch(), p.channels(), p.outH(), p.outW());
        if (!gradOut.shape().equals(expected)) {
            throw new ShapeException(op + ": gradOut.shape must be [N, C, OH, OW] = " + expected + " for inputShape="
                    + inputShape + " and " + spec + ", got gradOut.shape=" + gradOut.shape());
        }
        DType type = computeType(op, "gradOut", gradOut);
        if (type == DType.F32) {
            float[] gradX = new float[inputShape.numel()];
            ConvKernels.avgPool2dBackward(p, floats(gradOut), gradX);
            return NDArray.wrap(gradX, type, inputShape);
        }
        double[] gradX = new double[inputShape.numel()];
        ConvKernels.avgPool2dBackward(p, doubles(gradOut), gradX);
        return NDArray.wrap(gradX, type, inputShape);
    }

    /**
     * Mean over H and W: {@code out[n][c] = (1 / (H·W)) · Σ_{h, w} x[n][c][h][w]}, (N,C,H,W) → (N,C).
     * An empty plane (H·W = 0) gives NaN, as 0/0.
     */
    public static NDArray globalAvgPool2d(NDArray x) {
        String op = "globalAvgPool2d";
        requireRank4(op, "x", x.shape(), "(N, C, H, W)");
        DType type = computeType(op, "x", x);
        int[] d = x.shape().raw();
        Shape outShape = Shape.of(d[0], d[1]);
        if (type == DType.F32) {
            float[] out = new float[outShape.numel()];
            ConvKernels.globalAvgPool2d(d[0] * d[1], d[2] * d[3], floats(x), out);
            return NDArray.wrap(out, type, outShape);
        }
        double[] out = new double[outShape.numel()];
        ConvKernels.globalAvgPool2d(d[0] * d[1], d[2] * d[3], doubles(x), out);
        return NDArray.wrap(out, type, outShape);
    }

    // ---- checks (messages built only on failure) ------------------------------------------------

    private static ConvGeometry convGeometry(String op, Shape x, Shape w, Conv2dSpec s) {
        requireRank4(op, "x", x, "(N, C, H, W)");
        requireRank4(op, "weight", w, "(OC, C/groups, KH, KW)");
        int[] xd = x.raw(), wd = w.raw();
        if ((long) wd[1] * s.groups() != xd[1]) {
            throw new ShapeException(op + ": input channels must equal weight.shape[1]·groups: x.shape=" + x + ", weight.shape=" + w
                    + " (x[1]=" + xd[1] + " != " + wd[1] + "·" + s.groups() + ")");
        }
        if (wd[0] % s.groups() != 0) {
            throw new ShapeException(op + ": output channels must be divisible by groups: x.shape=" + x + ", weight.shape=" + w
                    + " (weight[0]=" + wd[0] + " is not a multiple of groups=" + s.groups() + ")");
        }
        int oh = outExtent(xd[2], s.padH(), s.dilationH() * (wd[2] - 1) + 1, s.strideH());
        int ow = outExtent(xd[3], s.padW(), s.dilationW() * (wd[3] - 1) + 1, s.strideW());
        if (oh <= 0 || ow <= 0) {
            throw new ShapeException(op + ": output size must be positive: x.shape=" + x + ", weight.shape=" + w
                    + " with stride=(" + s.strideH() + ", " + s.strideW() + "), padding=(" + s.padH() + ", " + s.padW()
                    + "), dilation=(" + s.dilationH() + ", " + s.dilationW() + ") give OH=" + oh + ", OW=" + ow
                    + " (need H + 2·padH >= dilationH·(KH−1) + 1, likewise W)");
        }
        return new ConvGeometry(xd[0], xd[1], xd[2], xd[3], wd[0], wd[2], wd[3], oh, ow,
                s.strideH(), s.strideW(), s.padH(), s.padW(), s.dilationH(), s.dilationW(), s.groups());
    }

    private static PoolGeometry poolGeometry(String op, Shape x, Pool2dSpec s) {
        requireRank4(op, "x", x, "(N, C, H, W)");
        int[] d = x.raw();
        int oh = outExtent(d[2], s.padH(), s.kernelH(), s.strideH());
        int ow = outExtent(d[3], s.padW(), s.kernelW(), s.strideW());
        if (oh <= 0 || ow <= 0) {
            throw new ShapeException(op + ": output size must be positive: x.shape=" + x + " with kernel=(" + s.kernelH() + ", "
                    + s.kernelW() + "), stride=(" + s.strideH() + ", " + s.strideW() + "), padding=(" + s.padH() + ", " + s.padW()
                    + ") give OH=" + oh + ", OW=" + ow + " (need H + 2·padH >= KH, likewise W)");
        }
        return new PoolGeometry(d[0], d[1], d[2], d[3], s.kernelH(), s.kernelW(), s.strideH(), s.strideW(), s.padH(), s.padW(), oh, ow);
    }

    /** ⌊(extent + 2·pad − window) / stride⌋ + 1, or 0 when the window does not fit even once. */
    private static int outExtent(int extent, int pad, int window, int stride) {
        long room = (long) extent + 2L * pad - window;
        return room < 0 ? 0 : (int) (room / stride + 1);
    }

    private static void requireGradOutShape(String op, NDArray gradOut, ConvGeometry g, String operands) {
        Shape expected = Shape.of(g.batch(), g.outChannels(), g.outH(), g.outW());
        if (!gradOut.shape().equals(expected)) {
            throw new ShapeException(op + ": gradOut.shape must be [N, OC, OH, OW] = " + expected + " for " + operands
                    + ", got gradOut.shape=" + gradOut.shape());
        }
    }

    private static void requireRank4(String op, String name, Shape shape, String layout) {
        if (shape.rank() != 4) {
            throw new ShapeException(op + ": " + name + " must be 4-d " + layout + ", got " + name + ".shape=" + shape
                    + " (rank " + shape.rank() + ")");
        }
    }

    /** F32 if every operand is F32, F64 if some is F64; I64 operands are rejected. Arguments: name, array, name, array, … */
    private static DType computeType(String op, Object... namedOperands) {
        DType type = DType.F32;
        for (int i = 1; i < namedOperands.length; i += 2) {
            DType t = ((NDArray) namedOperands[i]).dtype();
            if (t == DType.I64) throw new IllegalArgumentException(op + ": needs F32 or F64 operands, got " + describeTypes(namedOperands));
            if (t == DType.F64) type = DType.F64;
        }
        return type;
    }

    private static String describeTypes(Object[] namedOperands) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < namedOperands.length; i += 2) {
            NDArray a = (NDArray) namedOperands[i + 1];
            if (i > 0) sb.append(", ");
            sb.append(namedOperands[i]).append(".dtype=").append(a.dtype()).append(" (shape ").append(a.shape()).append(')');
        }
        return sb.toString();
    }

    /** The elements as a dense float[] from index 0 (the array's own storage when it already is one). */
    private static float[] floats(NDArray a) {
        NDArray c = a.astype(DType.F32).contiguous();
        return (c.offset == 0 ? c : c.copy()).f32();
    }

    private static double[] doubles(NDArray a) {
        NDArray c = a.astype(DType.F64).contiguous();
        return (c.offset == 0 ? c : c.copy()).f64();
    }
}
