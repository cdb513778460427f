package dev.nabla.nn.functional;

import dev.nabla.autograd.Grad;
import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.BatchNormStats;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.ShapeException;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch normalization in training mode as one fused op: each channel of an {@code (N, C, *)}
 * input is normalized with the mean and biased variance of that channel over N and the spatial
 * dims, then scaled and shifted.
 * <pre>
 *   forward   μ = mean(x),  σ² = mean((x − μ)²)     (per channel c, over n = N · Π spatial elements)
 *             x̂ = (x − μ) / √(σ² + ε),   y = γ · x̂ + β
 *   backward  ∂L/∂x = (γ / √(σ² + ε)) · (g − mean(g) − x̂ · mean(g · x̂))
 *             ∂L/∂γ = Σ g · x̂,   ∂L/∂β = Σ g                              (g = ∂L/∂y; means and sums per channel)
 * </pre>
 * Why fused: the composition of mean, var, sub, rsqrt, mul records about ten nodes and keeps as
 * many full-size temporaries; the forward here is one pass of {@link NDArray#batchNormStats()} and
 * one of {@link BatchNormStats#normalize}, and the backward is the closed form above: a fused two-pass kernel
 * ({@link BatchNormStats#backward}) in a plain backward, and the same formulas written with
 * {@link Tensor} ops (x̂ and σ recomputed from x) when {@code createGraph} records the backward,
 * so second-order gradients work. Registered as {@code batch_norm} in {@link NnOps} and tested against the
 * composition and against PyTorch.
 *
 * <p>Shapes: x (N, C, *), γ and β (C) or null (no affine), y like x.
 */
public final class BatchNorm {
    private BatchNorm() {}

    /** The output and the batch statistics it was normalized with (for the running estimates). */
    public record Result(Tensor output, BatchNormStats stats) {}

    /**
     * Normalizes {@code x} with its own batch statistics; {@code weight} (γ) and {@code bias} (β)
     * may both be null (no affine transform).
     */
    public static Result train(Tensor x, Tensor weight, Tensor bias, double eps) {
        checkShapes("batch_norm", x, weight, bias);
        BatchNormStats stats = x.value().batchNormStats();
        if (stats.count() < 2) {
            throw new ShapeException("batch_norm: expected more than 1 value per channel when training, got input shape " + x.shape());
        }
        NDArray y = stats.normalize(x.value(), weight == null ? null : weight.value(), bias == null ? null : bias.value(), eps);
        List<Tensor> inputs = new ArrayList<>(List.of(x));
        if (weight != null) inputs.addAll(List.of(weight, bias));
        Tensor out = Tensor.fromOp("batch_norm", y, (g, output) -> Grad.isEnabled() ? backward(g, x, weight, bias, eps)
                : fusedBackward(g, x, weight, stats, eps), inputs.toArray(Tensor[]::new));
        return new Result(out, stats);
    }

    /**
     * The closed-form gradients in one fused kernel ({@link BatchNormStats#backward}: two passes
     * over x and g instead of about ten Tensor-op passes), with the forward's statistics. Used when
     * the backward itself is not recorded (no {@code createGraph}), which is every training step.
     */
    private static Tensor[] fusedBackward(Tensor g, Tensor x, Tensor weight, BatchNormStats stats, double eps) {
        BatchNormStats.Gradients d = stats.backward(x.value(), g.value(), weight == null ? null : weight.value(), eps);
        Tensor gx = x.requiresGrad() ? Tensor.of(d.input()) : null;
        if (weight == null) return new Tensor[] {gx};
        return new Tensor[] {gx, Tensor.of(d.weight().astype(weight.dtype())), Tensor.of(d.bias().astype(weight.dtype()))};
    }

    /**
     * The closed-form gradients, built from Tensor ops so that they can be differentiated again
     * (used when {@code createGraph} records the backward).
     */
    private static Tensor[] backward(Tensor g, Tensor x, Tensor weight, Tensor bias, double eps) {
        int[] dims = reducedDims(x.rank());
        int[] c = channelShape(x);
        Tensor centred = x.sub(x.mean(dims, true));
        Tensor invStd = x.var(dims, false, true).add(eps).rsqrt();
        Tensor xHat = centred.mul(invStd);
        Tensor scale = weight == null ? invStd : invStd.mul(weight.reshape(c));
        Tensor gx = x.requiresGrad() ? g.sub(g.mean(dims, true)).sub(xHat.mul(g.mul(xHat).mean(dims, true))).mul(scale) : null;
        if (weight == null) return new Tensor[] {gx};
        Tensor gWeight = weight.requiresGrad() ? g.mul(xHat).sum(dims, false) : null;
        Tensor gBias = bias.requiresGrad() ? g.sum(dims, false) : null;
        return new Tensor[] {gx, gWeight, gBias};
    }

    /**
     * Evaluation mode: the affine map with fixed statistics, composed of ordinary ops.
     * <pre>
     *   y = (x − mean) · γ / √(var + ε) + β
     * </pre>
     * {@code weight} and {@code bias} may both be null.
     */
    public static Tensor eval(Tensor x, NDArray mean, NDArray var, Tensor weight, Tensor bias, double eps) {
        checkShapes("batch_norm", x, weight, bias);
        int[] c = channelShape(x);
        Tensor scale = Tensor.of(var.astype(x.dtype()).add(eps).rsqrt().reshape(c));
        if (weight != null) scale = scale.mul(weight.reshape(c));
        Tensor y = x.sub(Tensor.of(mean.astype(x.dtype()).reshape(c))).mul(scale);
        return bias == null ? y : y.add(bias.reshape(c));
    }

    /** Dims 0, 2, 3, …: every dim but the channel dim. */
    static int[] reducedDims(int rank) {
        int[] dims = new int[rank - 1];
        for (int d = 2; d < rank; d++) dims[d - 1] = d;
        return dims;
    }

    /** (1, C, 1, …, 1) of x's rank, to broadcast per-channel values against x. */
    private static int[] channelShape(Tensor x) {
        int[] shape = new int[x.rank()];
        java.util.Arrays.fill(shape, 1);
        shape[1] = x.size(1);
        return shape;
    }

    private static void checkShapes(String op, Tensor x, Tensor weight, Tensor bias) {
        if (x.rank() < 2) throw new ShapeException(op + ": expected an (N, C, *) input of rank >= 2, got shape " + x.shape());
        if ((weight == null) != (bias == null)) throw new IllegalArgumentException(op + ": weight and bias must both be given or both be null");
        if (weight != null && (weight.rank() != 1 || weight.size(0) != x.size(1) || !bias.shape().equals(weight.shape()))) {
            throw new ShapeException(op + ": weight and bias must have shape [" + x.size(1) + "] (the channels of input shape "
                    + x.shape() + "), got weight.shape=" + weight.shape() + ", bias.shape=" + bias.shape());
        }
    }
}
