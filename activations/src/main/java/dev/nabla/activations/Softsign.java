package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.tensor.PointwiseBlock;

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
public final class Softsign extends ElementwiseFunction {
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

    /** The element form in a loop of this final class, so that it inlines (the inherited loop's call is megamorphic). */
    @Override
    public void valueBlock(PointwiseBlock b) {
        for (int i = 0; i < b.n; i++) b.out[i] = value(b.x[i], b.theta);
    }

    /** As {@link #valueBlock}: the element form, inlined. */
    @Override
    public void derivativeBlock(PointwiseBlock b) {
        double[] noParameters = {};
        for (int i = 0; i < b.n; i++) b.out[i] = derivatives(b.x[i], b.theta, noParameters);
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
