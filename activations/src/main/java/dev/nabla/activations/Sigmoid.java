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
public final class Sigmoid extends ElementwiseFunction implements PointwiseFunction.FloatInPlace {
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
        return ReferenceMath.sigmoidSlope(x);
    }

    /** F32: one SIMD loop per direction with the float exp inside ({@link BlockMath#sigmoid}, {@link BlockMath#logisticGradient}). */
    @Override
    public void valueRangeF32(float[] x, float[] y, int from, int to, double[] theta) {
        BlockMath.sigmoid(x, y, from, to);
    }

    @Override
    public void gradientRangeF32(float[] x, float[] g, float[] dx, int from, int to, double[] theta) {
        BlockMath.logisticGradient(x, g, dx, from, to, 1, 1);
    }

    /** floatScratch(0) = e^(−scale·|x|), by one float exp pass: the float blocks of {@link Dsilu}, {@link Serf} and {@link Swish} (scale |β|). */
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
