package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.PointwiseBlock;
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
 * near 0 ({@link ReferenceMath#erf}, {@link BlockMath#erf}). For large x, e^(−sp²) underflows to 0
 * and σ(x) → 1, so f′ = 1 exactly; for x → −∞, σ(x) underflows first, so x·σ(x) stays finite.
 */
public final class Serf extends ElementwiseFunction {
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

    @Override
    public void valueBlock(PointwiseBlock b) {
        double[] sp = b.scratch(0), tmp = b.scratch(1);
        BlockMath.softplus(b.x, sp, tmp, b.n);
        BlockMath.erf(sp, b.out, tmp, b.n);
        for (int i = 0; i < b.n; i++) b.out[i] *= b.x[i];
    }

    /**
     * One exp pass serves both sp and σ: with t = e^(−|x|), sp = max(x, 0) + log1p(t) and
     * σ(x) = 1/(1 + t) for x ≥ 0, t/(1 + t) for x &lt; 0 (the stable forms of §0).
     */
    @Override
    public void derivativeBlock(PointwiseBlock b) {
        double[] t = b.scratch(0), sp = b.scratch(1), tmp = b.scratch(2), gauss = b.scratch(3);
        for (int i = 0; i < b.n; i++) t[i] = -Math.abs(b.x[i]);
        BlockMath.exp(t, t, b.n);
        BlockMath.log1p(t, sp, b.n);
        for (int i = 0; i < b.n; i++) sp[i] += Math.max(b.x[i], 0);
        BlockMath.erf(sp, b.out, tmp, b.n);
        for (int i = 0; i < b.n; i++) gauss[i] = -sp[i] * sp[i];
        BlockMath.exp(gauss, gauss, b.n);
        for (int i = 0; i < b.n; i++) {
            double x = b.x[i], sigma = (x >= 0 ? 1 : t[i]) / (1 + t[i]);
            b.out[i] += x * TWO_OVER_SQRT_PI * gauss[i] * sigma;
        }
    }

    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        return x.mul(x.softplus().erf());
    }
}
