package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.PointwiseFunction;
import dev.nabla.tensor.internal.BlockMath;
import dev.nabla.tensor.internal.ReferenceMath;

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
 * <p>{@link Selu} is λ·ELU with fixed (λ, α); both evaluate {@link ReferenceMath#elu} and
 * {@link BlockMath#elu}, which take the scale λ.
 */
public final class Elu extends ElementwiseFunction implements PointwiseFunction.FloatInPlace {
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
        return ReferenceMath.elu(x, 1, theta[0]);
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        dTheta[0] = x > 0 ? 0 : Math.expm1(x);
        return ReferenceMath.eluSlope(x, 1, theta[0]);
    }

    /** F32: one SIMD loop per direction with the float expm1/exp inside ({@link BlockMath#elu}). */
    @Override
    public void valueRangeF32(float[] x, float[] y, int from, int to, double[] theta) {
        BlockMath.elu(x, y, from, to, 1, (float) theta[0]);
    }

    @Override
    public void gradientRangeF32(float[] x, float[] g, float[] dx, int from, int to, double[] theta) {
        BlockMath.eluGradient(x, g, dx, from, to, 1, (float) theta[0]);
    }

    /** ∂L/∂x, and Σ g·∂f/∂α = Σ g·(e^min(x,0) − 1) through a float block: an expm1 pass and {@link BlockMath#dot}. */
    @Override
    public void backwardRangeF32(float[] x, float[] g, float[] dx, int from, PointwiseBlock b) {
        float[] dAlpha = b.floatScratch(0);
        for (int i = 0; i < b.n; i++) dAlpha[i] = Math.min(x[from + i], 0f);
        BlockMath.expm1(dAlpha, dAlpha, b.n);
        b.parameterSums[0] = BlockMath.dot(g, from, dAlpha, b.n); // before dx is written: dx may be g
        gradientRangeF32(x, g, dx, from, from + b.n, b.theta);
    }

    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        return compose(x, 1, theta[0]);
    }

    @Override
    public Domain gradcheckDomain(double[] theta) {
        return Domain.real().avoiding(0);
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
