package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.PointwiseFunction;
import dev.nabla.tensor.internal.BlockMath;
import dev.nabla.tensor.internal.ReferenceMath;

/**
 * Serf, "log-Softplus ERror activation Function" (Nag &amp; Bhattacharyya, arXiv 2108.09598, WACV
 * 2023; docs/activations.md §2), no parameters:
 * <pre>
 *   f(x)  = x·erf(sp(x)),   sp(x) = ln(1 + e^x)
 *   f′(x) = erf(sp(x)) + x·(2/√π)·e^(−sp(x)²)·σ(x)          (sp′ = σ; f′(0) = erf(ln 2))
 * </pre>
 * Smooth and non-monotonic, bounded below (minimum −0.3484374588 at x = −1.193059969),
 * f(x) → x for large x.
 *
 * <p>Stable evaluation: sp(x) = max(x, 0) + log1p(e^(−|x|)) never overflows (the naive
 * ln(1 + e^x) does for x &gt; 709) and stays relatively accurate where it is tiny. For very negative x,
 * sp(x) ≈ e^x and f(x) ≈ (2/√π)·x·e^x, tiny but not zero: that needs an erf with relative accuracy
 * near 0 ({@link ReferenceMath#erf}, and {@link BlockMath#erfOfNonNegative} in the F32 kernels). For large x,
 * e^(−sp²) underflows to 0 and σ(x) → 1, so f′ = 1 exactly; for x → −∞, σ(x) underflows first, so x·σ(x) stays finite.
 */
public final class Serf extends ElementwiseFunction implements PointwiseFunction.FloatValues, PointwiseFunction.FloatDerivatives {
    static final Serf FUNCTION = new Serf();
    static final Activations.Entry ENTRY = Activations.ElementwiseEntry
            .of("serf", FUNCTION, "Nag & Bhattacharyya, SERF: Towards better training of deep neural networks using log-Softplus ERror "
                    + "activation Function, arXiv 2108.09598 (WACV 2023)")
            .notes("no parameters; x*erf(softplus(x)) with the stable softplus")
            .build();

    /** 2/√π, the derivative of erf at 0. */
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private Serf() {
        super("serf");
    }

    @Override
    public double value(double x, double[] theta) {
        return x * ReferenceMath.erf(ReferenceMath.softplus(x));
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        double sp = ReferenceMath.softplus(x);
        return ReferenceMath.erf(sp) + x * TWO_OVER_SQRT_PI * Math.exp(-sp * sp) * ReferenceMath.sigmoid(x);
    }

    /**
     * Float lanes: f = x·erf(sp), sp from {@link #softplusF32}, erf from the float erf pass for
     * non-negative arguments (sp ≥ 0; relative near 0, two pieces instead of four).
     */
    @Override
    public void valueBlockF32(PointwiseBlock b) {
        float[] sp = softplusF32(b), erf = b.floatScratch(2), x = b.xf, out = b.outf;
        BlockMath.erfOfNonNegative(sp, erf, b.n);
        for (int i = 0; i < b.n; i++) out[i] = x[i] * erf[i];
    }

    /**
     * Float lanes: f′ = erf(sp) + x·(2/√π)·e^(−sp²)·σ(x), σ(x) = (h + t·(1 − h))/(1 + t) from the same
     * t = e^(−|x|) (h = [x ≥ 0]). For huge x, sp² overflows to ∞ and e^(−∞) = 0 (the exp pass clamps),
     * so the second term is x·0 = 0; for x → −∞, t = 0 makes σ and sp 0 first. Near the zero of f′
     * (x ≈ −1.19) the terms cancel to about 1e-7 absolute.
     */
    @Override
    public void derivativeBlockF32(PointwiseBlock b) {
        float[] sp = softplusF32(b), t = b.floatScratch(0), erf = b.floatScratch(2), gauss = b.floatScratch(3), x = b.xf, out = b.outf;
        BlockMath.erfOfNonNegative(sp, erf, b.n);
        for (int i = 0; i < b.n; i++) gauss[i] = -sp[i] * sp[i];
        BlockMath.exp(gauss, gauss, b.n);
        for (int i = 0; i < b.n; i++) {
            float h = 1 - Math.max(Math.signum(-x[i]), 0f), sigma = (h + t[i] * (1 - h)) / (1 + t[i]);
            out[i] = erf[i] + x[i] * (float) TWO_OVER_SQRT_PI * gauss[i] * sigma;
        }
    }

    /**
     * floatScratch(0) = t = e^(−|x|) and floatScratch(1) = sp(x) = max(x, 0) + log1p(t) (returned), by
     * a float exp and a float log1p pass: relatively accurate for x ≪ 0, where sp ≈ e^x.
     */
    private static float[] softplusF32(PointwiseBlock b) {
        float[] t = Sigmoid.expOfMinusAbs(b, 1), sp = b.floatScratch(1), x = b.xf;
        BlockMath.log1p(t, sp, b.n);
        for (int i = 0; i < b.n; i++) sp[i] += Math.max(x[i], 0f);
        return sp;
    }

    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        return x.mul(x.softplus().erf());
    }
}
