package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.PointwiseFunction;
import dev.nabla.tensor.internal.BlockMath;

/**
 * Hyperbolic tangent (PyTorch's {@code nn.Tanh}), no parameters:
 * <pre>
 *   f(x)  = tanh x = (e^x − e^(−x)) / (e^x + e^(−x))
 *   f′(x) = 1 − tanh² x = sech² x = 4·e^(−2|x|) / (1 + e^(−2|x|))²
 * </pre>
 * The last form of f′ is the stable one: 1 − tanh² x rounds to 0 once tanh x rounds to ±1
 * (|x| &gt; 19 in double), while e^(−2|x|) keeps f′ relatively accurate until it underflows.
 */
public final class Tanh extends ElementwiseFunction implements PointwiseFunction.FloatValues, PointwiseFunction.FloatDerivatives {
    static final Tanh FUNCTION = new Tanh();
    static final Activations.Entry ENTRY = Activations.ElementwiseEntry
            .of("tanh", FUNCTION, "PyTorch nn.Tanh (docs.pytorch.org)")
            .notes("no parameters")
            .build();

    private Tanh() {
        super("tanh");
    }

    @Override
    public double value(double x, double[] theta) {
        return Math.tanh(x);
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        double e = Math.exp(-2 * Math.abs(x));
        return 4 * e / ((1 + e) * (1 + e));
    }

    /**
     * Float lanes: tanh x = sign(x)·(−m)/(2 + m) with m = e^(−2|x|) − 1 ∈ (−1, 0] from the float expm1
     * pass, relatively accurate near 0 (where 1 − e^(−2|x|) would cancel); within a few float ulps.
     */
    @Override
    public void valueBlockF32(PointwiseBlock b) {
        float[] m = b.floatScratch(0), x = b.xf, out = b.outf;
        for (int i = 0; i < b.n; i++) m[i] = -2 * Math.abs(x[i]);
        BlockMath.expm1(m, m, b.n);
        for (int i = 0; i < b.n; i++) out[i] = Math.signum(x[i]) * (-m[i] / (2 + m[i]));
    }

    /** Float lanes: f′ = 4e/(1 + e)² with e = e^(−2|x|) from the float exp pass, within a few float ulps. */
    @Override
    public void derivativeBlockF32(PointwiseBlock b) {
        float[] out = b.outf, e = Sigmoid.expOfMinusAbs(b, 2);
        for (int i = 0; i < b.n; i++) out[i] = 4 * e[i] / ((1 + e[i]) * (1 + e[i]));
    }

    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        return x.tanh();
    }
}
