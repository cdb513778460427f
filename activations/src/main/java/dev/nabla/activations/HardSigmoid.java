package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.tensor.PointwiseFunction;

/**
 * Hard sigmoid as PyTorch defines it ({@code nn.Hardsigmoid}: relu6(x + 3)/6; not Keras's
 * 0.2·x + 0.5), no parameters:
 * <pre>
 *   f(x) = 0            (x ≤ −3)          f′(x) = 0     (x ≤ −3)
 *   f(x) = x/6 + 1/2    (−3 &lt; x &lt; 3)      f′(x) = 1/6   (−3 &lt; x &lt; 3)
 *   f(x) = 1            (x ≥ 3)           f′(x) = 0     (x ≥ 3)
 * </pre>
 * f′ jumps at ±3; there it is 0, PyTorch's backward (which passes the gradient only for
 * −3 &lt; x &lt; 3, strictly). Gradcheck keeps away from ±3.
 */
public final class HardSigmoid extends ElementwiseFunction implements PointwiseFunction.FloatInPlace {
    static final HardSigmoid FUNCTION = new HardSigmoid();
    static final Activations.Entry ENTRY = Activations.ElementwiseEntry
            .of("hardsigmoid", FUNCTION, "PyTorch nn.Hardsigmoid (docs.pytorch.org)")
            .notes("no parameters; PyTorch's definition relu6(x+3)/6, f'(+-3) = 0")
            .build();

    private static final double SIXTH = 1.0 / 6;

    private HardSigmoid() {
        super("hardsigmoid");
    }

    /** PyTorch's expression, min(max(x + 3, 0), 6)/6: branch-free. */
    @Override
    public double value(double x, double[] theta) {
        return Math.min(Math.max(x + 3, 0), 6) / 6;
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        return x > -3 && x < 3 ? SIXTH : 0;
    }

    /** Float lanes: min(max(x + 3, 0), 6)/6, correctly rounded but for the one rounding of x + 3. */
    @Override
    public void valueRangeF32(float[] x, float[] y, int from, int to, double[] theta) {
        for (int i = from; i < to; i++) y[i] = Math.min(Math.max(x[i] + 3f, 0f), 6f) / 6f;
    }

    /** Float lanes, branch-free and exact: f′ = [|x| &lt; 3]/6 with the indicator [3 − |x| &gt; 0] ({@link Indicator#positive}). */
    @Override
    public void gradientRangeF32(float[] x, float[] g, float[] dx, int from, int to, double[] theta) {
        for (int i = from; i < to; i++) dx[i] = g[i] * (Indicator.positive(3f - Math.abs(x[i])) * (float) SIXTH);
    }

    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        return x.add(3).clamp(0, 6).div(6);
    }

    /** [−5, 5], so that every piece is checked, without bands around the kinks ±3. */
    @Override
    public Domain gradcheckDomain(double[] theta) {
        return Domain.range(-5, 5).avoiding(-3, 3);
    }
}
