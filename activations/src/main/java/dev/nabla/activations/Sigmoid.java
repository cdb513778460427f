package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.PointwiseFunction;
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
public final class Sigmoid extends ElementwiseFunction implements PointwiseFunction.FloatValues, PointwiseFunction.FloatDerivatives {
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

    /**
     * Float lanes: with e = e^(−|x|) from the float exp pass and h = [x ≥ 0], σ = (h + e·(1 − h))/(1 + e),
     * the two stable branches (1/(1 + e) and e/(1 + e)) picked without a branch; within a few float
     * ulps, no cancellation on either side.
     */
    @Override
    public void valueBlockF32(PointwiseBlock b) {
        float[] x = b.xf, out = b.outf, e = expOfMinusAbs(b, 1);
        for (int i = 0; i < b.n; i++) {
            float h = 1 - Math.max(Math.signum(-x[i]), 0f); // [x ≥ 0]
            out[i] = (h + e[i] * (1 - h)) / (1 + e[i]);
        }
    }

    /** Float lanes: f′ = e/(1 + e)² with e = e^(−|x|). */
    @Override
    public void derivativeBlockF32(PointwiseBlock b) {
        float[] out = b.outf, e = expOfMinusAbs(b, 1);
        for (int i = 0; i < b.n; i++) out[i] = e[i] / ((1 + e[i]) * (1 + e[i]));
    }

    /** floatScratch(0) = e^(−scale·|x|), by one float exp pass (also {@link Tanh}'s, {@link Dsilu}'s, {@link Serf}'s and {@link Swish}'s, with scale |β|). */
    static float[] expOfMinusAbs(PointwiseBlock b, float scale) {
        float[] e = b.floatScratch(0), x = b.xf;
        for (int i = 0; i < b.n; i++) e[i] = -scale * Math.abs(x[i]);
        BlockMath.exp(e, e, b.n);
        return e;
    }

    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        return x.sigmoid();
    }
}
