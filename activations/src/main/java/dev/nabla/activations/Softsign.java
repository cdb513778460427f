package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.tensor.PointwiseBlock;
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
public final class Softsign extends ElementwiseFunction implements PointwiseFunction.FloatValues, PointwiseFunction.FloatDerivatives {
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
    public void valueBlockF32(PointwiseBlock b) {
        float[] x = b.xf, out = b.outf;
        for (int i = 0; i < b.n; i++) out[i] = x[i] / (1 + Math.abs(x[i]));
    }

    /** Float lanes: 1/(1 + |x|)², 0 once (1 + |x|)² overflows (|x| &gt; 1.8e19), where the exact value is below 3e-39. */
    @Override
    public void derivativeBlockF32(PointwiseBlock b) {
        float[] x = b.xf, out = b.outf;
        for (int i = 0; i < b.n; i++) {
            float d = 1 + Math.abs(x[i]);
            out[i] = 1 / (d * d);
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
