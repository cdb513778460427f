package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.tensor.PointwiseFunction;

/**
 * Softsign (PyTorch's {@code nn.Softsign}; studied by Glorot &amp; Bengio, AISTATS 2010), no
 * parameters:
 * <pre>
 *   f(x)  = x / (1 + |x|)              range (−1, 1), f → ±1 like 1 − 1/|x|
 *   f′(x) = 1 / (1 + |x|)²             f″(x) = −2·sign(x) / (1 + |x|)³
 * </pre>
 * f is C¹ but f″ jumps from 2 to −2 at 0, so gradcheck (which checks second order too) keeps away
 * from 0. Nothing overflows: 1 + |x| is ∞ only for |x| = ∞.
 */
public final class Softsign extends ElementwiseFunction implements PointwiseFunction.FloatInPlace {
    static final Softsign FUNCTION = new Softsign();
    static final Activations.Entry ENTRY = Activations.ElementwiseEntry
            .of("softsign", FUNCTION, "PyTorch nn.Softsign (docs.pytorch.org); Glorot & Bengio, Understanding the difficulty of training deep "
                    + "feedforward neural networks, AISTATS 2010")
            .notes("no parameters")
            .build();

    private Softsign() {
        super("softsign");
    }

    @Override
    public double value(double x, double[] theta) {
        return x / (1 + Math.abs(x));
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        double d = 1 + Math.abs(x);
        return 1 / (d * d);
    }

    /** Float lanes: x/(1 + |x|), one rounding of the denominator and one of the quotient. */
    @Override
    public void valueRangeF32(float[] x, float[] y, int from, int to, double[] theta) {
        for (int i = from; i < to; i++) y[i] = x[i] / (1 + Math.abs(x[i]));
    }

    /** Float lanes: 1/(1 + |x|)², 0 once (1 + |x|)² overflows (|x| &gt; 1.8e19), where the exact value is below 3e-39. */
    @Override
    public void gradientRangeF32(float[] x, float[] g, float[] dx, int from, int to, double[] theta) {
        for (int i = from; i < to; i++) {
            float d = 1 + Math.abs(x[i]);
            dx[i] = g[i] * (1 / (d * d));
        }
    }

    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        return x.div(x.abs().add(1));
    }

    @Override
    public Domain gradcheckDomain(double[] theta) {
        return Domain.real().avoiding(0);
    }
}
