package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.PointwiseFunction;
import dev.nabla.tensor.internal.BlockMath;
import dev.nabla.tensor.internal.ReferenceMath;

/**
 * Hyperbolic tangent (PyTorch's {@code nn.Tanh}), no parameters:
 * <pre>
 *   f(x)  = tanh x = (e^x − e^(−x)) / (e^x + e^(−x))
 *   f′(x) = 1 − tanh² x = sech² x = 4·e^(−2|x|) / (1 + e^(−2|x|))²
 * </pre>
 * The last form of f′ is the stable one: 1 − tanh² x rounds to 0 once tanh x rounds to ±1
 * (|x| &gt; 19 in double), while e^(−2|x|) keeps f′ relatively accurate until it underflows.
 */
public final class Tanh extends ElementwiseFunction implements PointwiseFunction.FloatInPlace {
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
        return 4 * ReferenceMath.sigmoidSlope(2 * x); // 4·e^(−2|x|)/(1 + e^(−2|x|))²
    }

    /**
     * F32: one SIMD loop per direction ({@link BlockMath#tanh}: sign(x)·(−m)/(2 + m) with
     * m = e^(−2|x|) − 1 from the float expm1, relatively accurate near 0; the slope as 4·σ′(2x),
     * {@link BlockMath#logisticGradient}).
     */
    @Override
    public void valueRangeF32(float[] x, float[] y, int from, int to, double[] theta) {
        BlockMath.tanh(x, y, from, to);
    }

    @Override
    public void gradientRangeF32(float[] x, float[] g, float[] dx, int from, int to, double[] theta) {
        BlockMath.logisticGradient(x, g, dx, from, to, 4, 2);
    }

    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        return x.tanh();
    }
}
