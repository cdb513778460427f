package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.PointwiseFunction;
import dev.nabla.tensor.internal.BlockMath;

/**
 * DGELU: the derivative of GELU used as an activation, a sigmoid-like curve with a dip below 0
 * and an overshoot above 1; no parameters.
 * <pre>
 *   f(x)  = GELU′(x) = Φ(x) + x·φ(x)        f(x) + f(−x) = 1,  f(0) = ½
 *   f′(x) = GELU″(x) = (2 − x²)·φ(x)        (even; zero at ±√2, where f is extremal)
 * </pre>
 * AMBIGUOUS: the Zorro paper (arXiv 2409.19239) names DGELU among the curves it approximates
 * without defining it; docs/activations.md §4.3 and §8.5 read it as GELU′, by analogy with
 * Elfwing's dSiLU = SiLU′ ({@link Dsilu}). Φ goes through erfc (relative accuracy for x ≪ 0);
 * the φ terms use {@link Gelu}'s helpers, x clamped to ±40 where φ underflows anyway.
 */
public final class Dgelu extends ElementwiseFunction implements PointwiseFunction.FloatValues, PointwiseFunction.FloatDerivatives {
    static final Dgelu FUNCTION = new Dgelu();
    static final Activations.Entry ENTRY = Activations.ElementwiseEntry
            .of("dgelu", FUNCTION, "GELU' (Hendrycks & Gimpel, arXiv 1606.08415) as an activation, named in Roodschild et al., "
                    + "Zorro, arXiv 2409.19239")
            .notes("no parameters; AMBIGUOUS: read as the GELU derivative Phi(x) + x*phi(x), see docs/activations.md")
            .build();

    private Dgelu() {
        super("dgelu");
    }

    @Override
    public double value(double x, double[] theta) {
        return Gelu.slope(x);
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        return Gelu.curvature(x);
    }

    /** Float lanes: GELU′, from GELU's gradient kernel ({@link BlockMath#geluSlope}). */
    @Override
    public void valueBlockF32(PointwiseBlock b) {
        BlockMath.geluSlope(b.xf, b.outf, 0, b.n);
    }

    /** Float lanes: f′ = (2 − t²)·φ(t), t = x clamped to ±15; near its zeros ±√2 the error is about 1e-7 absolute. */
    @Override
    public void derivativeBlockF32(PointwiseBlock b) {
        float[] gauss = Gelu.gaussBlockF32(b), t = b.floatScratch(2), out = b.outf;
        for (int i = 0; i < b.n; i++) out[i] = (2 - t[i] * t[i]) * gauss[i] * (float) Gelu.INV_SQRT_2PI;
    }

    /** Φ(x) + x·e^(−x²/2)/√(2π). */
    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        return Gelu.cdf(x).add(x.mul(x.square().mul(-0.5).exp()).mul(Gelu.INV_SQRT_2PI));
    }
}
