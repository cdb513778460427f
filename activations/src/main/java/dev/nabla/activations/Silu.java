package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.PointwiseFunction;
import dev.nabla.tensor.internal.BlockMath;

/**
 * Sigmoid-weighted linear unit, SiLU (Elfwing, Uchibe &amp; Doya, Neural Networks 107 (2018),
 * arXiv 1702.03118; Hendrycks &amp; Gimpel's "SiLU"; PyTorch's {@code nn.SiLU}); no parameters.
 * It is {@link Swish} at β = 1 and is evaluated by Swish's helpers (one exp of −|x|); in F32 by
 * Swish's in-place SIMD loops ({@code BlockMath.swish}, {@code BlockMath.swishGradient}).
 * <pre>
 *   f(x)  = x·σ(x)
 *   f′(x) = σ(x) + x·σ(x)·(1 − σ(x))  (= Elfwing's dSiLU, {@link Dsilu})
 * </pre>
 * Minimum −0.2784645428 at x = −1.278464543; f(x) − f(−x) = x.
 */
public final class Silu extends ElementwiseFunction implements PointwiseFunction.FloatInPlace {
    static final Silu FUNCTION = new Silu();
    static final Activations.Entry ENTRY = Activations.ElementwiseEntry
            .of("silu", FUNCTION, "Elfwing, Uchibe & Doya, Sigmoid-weighted linear units for neural network function approximation "
                    + "in reinforcement learning, Neural Networks 107 (2018), arXiv 1702.03118")
            .notes("no parameters; swish with beta = 1")
            .build();

    private Silu() {
        super("silu");
    }

    @Override
    public double value(double x, double[] theta) {
        return x * Swish.sigmoid(x, Math.exp(-Math.abs(x)));
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        return slope(x);
    }

    @Override
    public void valueRangeF32(float[] x, float[] y, int from, int to, double[] theta) {
        BlockMath.swish(x, y, from, to, 1f);
    }

    @Override
    public void gradientRangeF32(float[] x, float[] g, float[] dx, int from, int to, double[] theta) {
        BlockMath.swishGradient(x, g, dx, from, to, 1f);
    }

    /** x·σ(x). */
    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        return x.mul(x.sigmoid());
    }

    /** f′(x) = σ(x) + x·σ(x)σ(−x) in double. */
    static double slope(double x) {
        double e = Math.exp(-Math.abs(x));
        return Swish.slope(x, e, Swish.spread(e));
    }
}
