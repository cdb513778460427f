package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.PointwiseFunction;
import dev.nabla.tensor.internal.BlockMath;

/**
 * dSiLU, the derivative of SiLU used as an activation (Elfwing, Uchibe &amp; Doya, Neural Networks
 * 107 (2018), arXiv 1702.03118); no parameters. Sigmoid-like with a dip to ≈ −0.0998 near
 * x = −2.4 and an overshoot to ≈ 1.0998 near x = 2.4.
 * <pre>
 *   f(x)  = σ(x)·(1 + x·(1 − σ(x)))             f(x) + f(−x) = 1,  f(0) = ½
 *   f′(x) = σ(x)(1 − σ(x))·(2 + x·(1 − 2σ(x)))  (even)
 * </pre>
 * Stable form, with e = e^(−|x|): f = σ(x) + x·s where s = σ(x)σ(−x) = e/(1 + e)² ({@link Swish}'s
 * helpers), and 1 − 2σ(x) = −sign(x)·(1 − e)/(1 + e), so
 * <pre>
 *   f′ = s·(2 − |x|·(1 − e)/(1 + e))
 * </pre>
 */
public final class Dsilu extends ElementwiseFunction implements PointwiseFunction.FloatValues, PointwiseFunction.FloatDerivatives {
    static final Dsilu FUNCTION = new Dsilu();
    static final Activations.Entry ENTRY = Activations.ElementwiseEntry
            .of("dsilu", FUNCTION, "Elfwing, Uchibe & Doya, Sigmoid-weighted linear units for neural network function approximation "
                    + "in reinforcement learning, Neural Networks 107 (2018), arXiv 1702.03118")
            .notes("no parameters; the SiLU derivative sigma(x)(1 + x(1 - sigma(x)))")
            .build();

    private static final float[] ONES = new float[PointwiseBlock.FLOAT_SIZE];

    static {
        java.util.Arrays.fill(ONES, 1f);
    }

    private Dsilu() {
        super("dsilu");
    }

    @Override
    public double value(double x, double[] theta) {
        return Silu.slope(x);
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        return curvature(x, Math.exp(-Math.abs(x)));
    }

    /** Float lanes: SiLU′, SiLU's own gradient kernel with ∂L/∂y = 1. */
    @Override
    public void valueBlockF32(PointwiseBlock b) {
        BlockMath.swishGradient(b.xf, ONES, b.outf, 0, b.n, 1f);
    }

    /** Float lanes: f′ = s·(2 − |x|·(1 − e)/(1 + e)), e from the float exp pass. */
    @Override
    public void derivativeBlockF32(PointwiseBlock b) {
        float[] x = b.xf, e = Sigmoid.expOfMinusAbs(b, 1), out = b.outf;
        for (int i = 0; i < b.n; i++) {
            float ei = e[i];
            out[i] = ei / ((1 + ei) * (1 + ei)) * (2 - Math.abs(x[i]) * (1 - ei) / (1 + ei));
        }
    }

    /** σ(x)·(1 + x·(1 − σ(x))). */
    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        Tensor s = x.sigmoid();
        return s.mul(x.mul(s.neg().add(1)).add(1));
    }

    /** f′ = s·(2 − |x|·(1 − e)/(1 + e)), given e = e^(−|x|). */
    private static double curvature(double x, double e) {
        return Swish.spread(e) * (2 - Math.abs(x) * (1 - e) / (1 + e));
    }
}
