package dev.nabla.nn;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.Conv2dSpec;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.ShapeException;

/**
 * 2-d convolution (cross-correlation, as PyTorch's {@code nn.Conv2d}) with square kernel, stride,
 * padding and dilation, and channel groups.
 * <pre>
 *   y[n, o, i, j] = b[o] + Σ_{c, u, v} W[o, c, u, v] · x[n, g·C/groups + c, s·i + d·u − p, s·j + d·v − p]
 *   (g the group of output channel o; x is zero outside the image)
 *   OH = (H + 2p − d·(K − 1) − 1) / s + 1,  likewise OW
 * </pre>
 * Parameters {@code weight} (OC, C/groups, K, K) and {@code bias} (OC), initialized from
 * U(−1/√fan_in, 1/√fan_in) with fan_in = C/groups·K·K (PyTorch's default).
 * Shapes: x (N, C, H, W) → y (N, OC, OH, OW).
 *
 * <pre>{@code
 * Conv2d conv = new Conv2d(1, 32, 3, 1, 1);              // prints Conv2d(1, 32, kernel=3, stride=1, padding=1)
 * Tensor features = conv.forward(images);               // (N, 1, 28, 28) → (N, 32, 28, 28)
 * }</pre>
 */
public final class Conv2d extends Module {
    private final int inChannels, outChannels, kernelSize;
    private final Conv2dSpec spec;
    private final Parameter weight, bias;

    /** No dilation, one group, with bias; F32 from the default stream ({@link Init#defaultRng()}). */
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(inChannels, outChannels, kernelSize, stride, padding, 1, 1, true);
    }

    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups, boolean bias) {
        this(inChannels, outChannels, kernelSize, stride, padding, dilation, groups, bias, DType.F32, Init.defaultRng());
    }

    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups, boolean bias, Rng rng) {
        this(inChannels, outChannels, kernelSize, stride, padding, dilation, groups, bias, DType.F32, rng);
    }

    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups, boolean bias,
                  DType dtype, Rng rng) {
        if (inChannels < 1 || outChannels < 1 || kernelSize < 1) {
            throw new IllegalArgumentException("conv2d: in_channels, out_channels and kernel_size must be >= 1, got " + inChannels
                    + ", " + outChannels + ", " + kernelSize);
        }
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("conv2d: groups must divide in_channels and out_channels, got in_channels=" + inChannels
                    + ", out_channels=" + outChannels + ", groups=" + groups);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize;
        this.spec = Conv2dSpec.of(stride, padding).withDilation(dilation).withGroups(groups);
        Shape weightShape = Shape.of(outChannels, inChannels / groups, kernelSize, kernelSize);
        this.weight = registerParameter("weight", new Parameter(Init.defaultWeight(weightShape, dtype, rng)));
        this.bias = bias ? registerParameter("bias", new Parameter(Init.defaultBias(outChannels, Init.fans(weightShape)[0], dtype, rng))) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.size(1) != inChannels) {
            throw new ShapeException("conv2d: expected input (N, " + inChannels + ", H, W), got input.shape=" + x.shape()
                    + " for weight.shape=" + weight.shape());
        }
        return x.conv2d(weight.tensor(), bias == null ? null : bias.tensor(), spec);
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null if built without one. */
    public Parameter bias() {
        return bias;
    }

    public Conv2dSpec spec() {
        return spec;
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder().append(inChannels).append(", ").append(outChannels).append(", kernel=").append(kernelSize)
                .append(", stride=").append(spec.strideH()).append(", padding=").append(spec.padH());
        if (spec.dilationH() != 1) s.append(", dilation=").append(spec.dilationH());
        if (spec.groups() != 1) s.append(", groups=").append(spec.groups());
        if (bias == null) s.append(", bias=false");
        return s.toString();
    }
}
