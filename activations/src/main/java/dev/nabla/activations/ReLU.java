package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.tensor.PointwiseFunction;

/**
 * Rectified linear unit, element-wise (Nair &amp; Hinton, ICML 2010), no parameters.
 * <pre>
 *   f(x) = max(x, 0)          f′(x) = [x &gt; 0]     (f′(0) = 0, PyTorch's convention)
 * </pre>
 * The fused kernel runs in float lanes and is exact. Its backward reads x and ∂L/∂y once and
 * writes ∂L/∂x, where the core {@code relu} op (its Tensor form, {@link #compose}) first writes a
 * mask [x &gt; 0] and then multiplies: two passes and two more arrays through memory.
 */
public final class ReLU extends ElementwiseFunction implements PointwiseFunction.FloatInPlace {
    static final ReLU FUNCTION = new ReLU();
    static final Activations.Entry ENTRY = Activations.ElementwiseEntry
            .of("relu", FUNCTION, "Nair & Hinton, Rectified linear units improve restricted Boltzmann machines, ICML 2010")
            .notes("no parameters")
            .build();

    private ReLU() {
        super("relu");
    }

    @Override
    public double value(double x, double[] theta) {
        return Math.max(x, 0);
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        return x > 0 ? 1 : 0;
    }

    @Override
    public void valueRangeF32(float[] x, float[] y, int from, int to, double[] theta) {
        for (int i = from; i < to; i++) y[i] = Math.max(x[i], 0f);
    }

    /** f′ = [x &gt; 0], branch-free ({@link Indicator#positive}). */
    @Override
    public void gradientRangeF32(float[] x, float[] g, float[] dx, int from, int to, double[] theta) {
        for (int i = from; i < to; i++) dx[i] = g[i] * Indicator.positive(x[i]);
    }

    /** The core relu op. */
    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        return x.relu();
    }

    /** Not differentiable at 0: inputs keep away from it. */
    @Override
    public Domain gradcheckDomain(double[] theta) {
        return Domain.real().avoiding(0);
    }
}
