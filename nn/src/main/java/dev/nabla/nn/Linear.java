package dev.nabla.nn;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.ShapeException;

/**
 * Fully connected layer, as PyTorch's {@code nn.Linear}.
 * <pre>
 *   y = x · Wᵀ + b
 * </pre>
 * Parameters {@code weight} (out, in) and {@code bias} (out), both initialized from
 * U(−1/√in, 1/√in) (PyTorch's kaiming_uniform with a = √5). Shapes: x (N, *, in) → y (N, *, out).
 *
 * <pre>{@code
 * Linear fc = new Linear(784, 10, true, new Rng(1));
 * Tensor logits = fc.forward(images.reshape(-1, 784));   // (N, 10)
 * }</pre>
 */
public final class Linear extends Module {
    private final int inFeatures, outFeatures;
    private final Parameter weight, bias;

    /** F32 weight and bias from the default stream ({@link Init#defaultRng()}). */
    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    public Linear(int inFeatures, int outFeatures, boolean bias) {
        this(inFeatures, outFeatures, bias, DType.F32, Init.defaultRng());
    }

    public Linear(int inFeatures, int outFeatures, boolean bias, Rng rng) {
        this(inFeatures, outFeatures, bias, DType.F32, rng);
    }

    public Linear(int inFeatures, int outFeatures, boolean bias, DType dtype, Rng rng) {
        if (inFeatures < 0 || outFeatures < 0) {
            throw new IllegalArgumentException("linear: feature counts must be >= 0, got in=" + inFeatures + ", out=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = registerParameter("weight", new Parameter(Init.defaultWeight(Shape.of(outFeatures, inFeatures), dtype, rng)));
        this.bias = bias ? registerParameter("bias", new Parameter(Init.defaultBias(outFeatures, inFeatures, dtype, rng))) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 1 || x.size(-1) != inFeatures) {
            throw new ShapeException("linear: input's last dim must be in_features=" + inFeatures + ": input.shape=" + x.shape()
                    + ", weight.shape=" + weight.shape());
        }
        Tensor y = x.matmul(weight.tensor().transpose(0, 1));
        return bias == null ? y : y.add(bias.tensor());
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null if built without one. */
    public Parameter bias() {
        return bias;
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null);
    }
}
