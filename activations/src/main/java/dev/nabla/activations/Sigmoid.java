package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.internal.BlockMath;
import dev.nabla.tensor.internal.ReferenceMath;

/**
 * Logistic sigmoid (PyTorch's {@code nn.Sigmoid}), no parameters:
 * <pre>
 *   f(x)  = σ(x) = 1 / (1 + e^(−x))
 *   f′(x) = σ(x)·(1 − σ(x)) = e^(−|x|) / (1 + e^(−|x|))²
 * </pre>
 * Stable forms: σ in two branches (1/(1 + e^(−x)) for x ≥ 0, e^x/(1 + e^x) for x &lt; 0) keeps its
 * relative accuracy for x ≪ 0; f′ through e^(−|x|) keeps it on both sides, where 1 − σ(x) would
 * round to 0 for x &gt; 37.
 */
public final class Sigmoid extends ElementwiseFunction {
    static final Sigmoid FUNCTION = new Sigmoid();
    static final Activations.Entry ENTRY = Activations.ElementwiseEntry
            .of("sigmoid", FUNCTION, "PyTorch nn.Sigmoid (docs.pytorch.org)")
            .notes("no parameters")
            .build();

    private Sigmoid() {
        super("sigmoid");
    }

    @Override
    public double value(double x, double[] theta) {
        return ReferenceMath.sigmoid(x);
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        double e = Math.exp(-Math.abs(x));
        return e / ((1 + e) * (1 + e));
    }

    @Override
    public void valueBlock(PointwiseBlock b) {
        BlockMath.sigmoid(b.x, b.out, b.n);
    }

    @Override
    public void derivativeBlock(PointwiseBlock b) {
        double[] e = b.out;
        for (int i = 0; i < b.n; i++) e[i] = -Math.abs(b.x[i]);
        BlockMath.exp(e, e, b.n);
        for (int i = 0; i < b.n; i++) e[i] = e[i] / ((1 + e[i]) * (1 + e[i]));
    }

    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        return x.sigmoid();
    }
}
