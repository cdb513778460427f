package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.PointwiseFunction;
import dev.nabla.tensor.internal.BlockMath;

/**
 * Exponential linear unit (Clevert, Unterthiner &amp; Hochreiter, ICLR 2016, arXiv 1511.07289;
 * PyTorch's {@code nn.ELU}), with a fixed α (default 1):
 * <pre>
 *   f(x)     = x                (x &gt; 0)        = α·(e^x − 1)   (x ≤ 0)
 *   ∂f/∂x    = 1                (x &gt; 0)        = α·e^x  (= f + α)   (x ≤ 0; α at 0, PyTorch's convention)
 *   ∂f/∂α    = 0                (x &gt; 0)        = e^x − 1       (x ≤ 0)
 * </pre>
 * e^x − 1 is evaluated as expm1, so f keeps its relative accuracy near 0. f → −α as x → −∞.
 * The kink at 0 (f′ jumps from α to 1, f″ from α to 0) is kept out of gradient checks.
 *
 * <p>{@link Selu} is λ·ELU with fixed (λ, α): the static helpers here take the scale λ.
 */
public final class Elu extends ElementwiseFunction implements PointwiseFunction.FloatValues, PointwiseFunction.FloatDerivatives {
    static final Elu FUNCTION = new Elu();
    static final Activations.Entry ENTRY = Activations.ElementwiseEntry
            .of("elu", FUNCTION, "Clevert, Unterthiner & Hochreiter, Fast and accurate deep network learning by exponential linear units "
                    + "(ELUs), ICLR 2016, arXiv 1511.07289")
            .parameter("alpha", 1, false)
            .notes("alpha fixed (PyTorch's nn.ELU); f'(0) = alpha, PyTorch's convention")
            .gradchecks("elu", "elu(alpha=0.5)")
            .build();

    private Elu() {
        super("elu", "alpha");
    }

    @Override
    public double value(double x, double[] theta) {
        return value(x, Math.expm1(Math.min(x, 0)), 1, theta[0]);
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        dTheta[0] = x > 0 ? 0 : Math.expm1(x);
        return slope(x, Math.exp(Math.min(x, 0)), 1, theta[0]);
    }

    @Override
    public void valueBlockF32(PointwiseBlock b) {
        valuesF32(b, 1, (float) b.theta[0]);
    }

    /** Float lanes: {@link #slopesF32}, and ∂f/∂α = e^min(x,0) − 1 (0 for x &gt; 0 without a select) when α trains. */
    @Override
    public void derivativeBlockF32(PointwiseBlock b) {
        slopesF32(b, 1, (float) b.theta[0]);
        if (!b.wanted[0]) return;
        float[] dAlpha = b.dThetaf[0], x = b.xf;
        for (int i = 0; i < b.n; i++) dAlpha[i] = Math.min(x[i], 0f);
        BlockMath.expm1(dAlpha, dAlpha, b.n);
    }

    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        return compose(x, 1, theta[0]);
    }

    @Override
    public Domain gradcheckDomain(double[] theta) {
        return Domain.real().avoiding(0);
    }

    /** λ·f at x, given m = e^min(x,0) − 1. */
    static double value(double x, double expm1, double scale, double alpha) {
        return x > 0 ? scale * x : scale * alpha * expm1;
    }

    /** λ·∂f/∂x at x, given e = e^min(x,0). */
    static double slope(double x, double exp, double scale, double alpha) {
        return x > 0 ? scale : scale * alpha * exp;
    }

    /**
     * Float lanes: outf = λ·(max(x, 0) + α·expm1(min(x, 0))), the two branches summed without a
     * select (one of the terms is always 0), expm1 from the float pass (a few ulps, relative near 0).
     */
    static void valuesF32(PointwiseBlock b, float scale, float alpha) {
        float[] m = b.floatScratch(0), x = b.xf, out = b.outf;
        for (int i = 0; i < b.n; i++) m[i] = Math.min(x[i], 0f);
        BlockMath.expm1(m, m, b.n);
        for (int i = 0; i < b.n; i++) out[i] = scale * (Math.max(x[i], 0f) + alpha * m[i]);
    }

    /** Float lanes: outf = λ·(h + (1 − h)·α·e^min(x,0)) with h = [x &gt; 0] = max(signum x, 0), one float exp pass. */
    static void slopesF32(PointwiseBlock b, float scale, float alpha) {
        float[] e = b.floatScratch(0), x = b.xf, out = b.outf;
        for (int i = 0; i < b.n; i++) e[i] = Math.min(x[i], 0f);
        BlockMath.exp(e, e, b.n);
        for (int i = 0; i < b.n; i++) {
            float h = Math.max(Math.signum(x[i]), 0f);
            out[i] = scale * (h + (1 - h) * alpha * e[i]);
        }
    }

    /** λ·f in Tensor ops: where(x &gt; 0, x, α·expm1(where(x &gt; 0, 0, x)))·λ (the exp never sees a large x). */
    static Tensor compose(Tensor x, double scale, Tensor alpha) {
        NDArray zeroValue = NDArray.scalar(0, x.dtype());
        Tensor positive = Tensor.of(x.value().gt(zeroValue)), zero = Tensor.of(zeroValue);
        Tensor negative = alpha.mul(Tensor.where(positive, zero, x).expm1());
        Tensor f = Tensor.where(positive, x, negative);
        return scale == 1 ? f : f.mul(scale);
    }
}
