package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.internal.BlockMath;
import dev.nabla.tensor.internal.ReferenceMath;

/**
 * Gaussian error linear unit, exact form (Hendrycks &amp; Gimpel, arXiv 1606.08415; PyTorch's
 * {@code nn.GELU()} with {@code approximate='none'}); no parameters. {@link GeluTanh} is the tanh
 * approximation.
 * <pre>
 *   f(x)   = x·Φ(x),        Φ(x) = ½·erfc(−x/√2)   (the standard-normal CDF)
 *   f′(x)  = Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π)
 *   f″(x)  = (2 − x²)·φ(x)
 * </pre>
 * Stable form: Φ through erfc, not ½(1 + erf), so that for x ≪ 0 f keeps its relative accuracy
 * (f(−20) ≈ −5.5e-88 instead of 0). Minimum −0.1699712075 at x = −0.7517915247.
 *
 * <p>The φ terms are evaluated at x clamped to ±40: beyond it φ(x) &lt; 1e-347
 * underflows to 0 in double, so this changes nothing but keeps x² finite for any x (no ∞·0). The
 * F32 block forms take Φ from a SIMD erfc pass and e^(−x²/2) from {@code BlockExp}.
 * {@link Dgelu} (f′ used as an activation) reuses these helpers.
 */
public final class Gelu extends ElementwiseFunction {
    static final Gelu FUNCTION = new Gelu();
    static final Activations.Entry ENTRY = Activations.ElementwiseEntry
            .of("gelu", FUNCTION, "Hendrycks & Gimpel, Gaussian error linear units (GELUs), arXiv 1606.08415 (2016)")
            .notes("exact form x*Phi(x) with Phi through erfc (PyTorch's approximate='none'); gelu_tanh is the tanh form")
            .build();

    /** |x| past which φ(x) underflows to 0 in double. */
    static final double TAIL = 40;
    static final double SQRT_HALF = 0.7071067811865476;
    static final double INV_SQRT_2PI = 0.3989422804014327;

    private Gelu() {
        super("gelu");
    }

    @Override
    public double value(double x, double[] theta) {
        return x * cdf(x);
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        return slope(x);
    }

    @Override
    public void valueBlock(PointwiseBlock b) {
        double[] cdf = cdfBlock(b);
        for (int i = 0; i < b.n; i++) b.out[i] = b.x[i] * cdf[i];
    }

    @Override
    public void derivativeBlock(PointwiseBlock b) {
        double[] cdf = cdfBlock(b), gauss = gaussBlock(b);
        for (int i = 0; i < b.n; i++) b.out[i] = slope(cdf[i], tail(b.x[i]), gauss[i]);
    }

    /** x·½·erfc(−x/√2). */
    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        return x.mul(cdf(x));
    }

    /** Φ(x) = ½·erfc(−x/√2). */
    static double cdf(double x) {
        return 0.5 * ReferenceMath.erfc(-x * SQRT_HALF);
    }

    /** f′(x) = Φ(x) + x·φ(x) in double. */
    static double slope(double x) {
        double t = tail(x);
        return slope(cdf(x), t, Math.exp(-0.5 * t * t));
    }

    /** f″(x) = (2 − x²)·φ(x) in double. */
    static double curvature(double x) {
        double t = tail(x);
        return curvature(t, Math.exp(-0.5 * t * t));
    }

    /** x clamped to ±{@link #TAIL}, for the φ terms. */
    static double tail(double x) {
        return Math.max(-TAIL, Math.min(TAIL, x));
    }

    /** f′ = Φ + t·φ(t) at t = tail(x), given Φ(x) and e^(−t²/2). */
    static double slope(double cdf, double t, double gauss) {
        return cdf + t * gauss * INV_SQRT_2PI;
    }

    /** f″ = (2 − t²)·φ(t) at t = tail(x), given e^(−t²/2). */
    static double curvature(double t, double gauss) {
        return (2 - t * t) * gauss * INV_SQRT_2PI;
    }

    /** scratch(1) = Φ(x), by one SIMD erfc pass (uses scratch 0 and 2). */
    static double[] cdfBlock(PointwiseBlock b) {
        double[] arg = b.scratch(0), cdf = b.scratch(1);
        for (int i = 0; i < b.n; i++) arg[i] = -b.x[i] * SQRT_HALF;
        BlockMath.erfc(arg, cdf, b.scratch(2), b.n);
        for (int i = 0; i < b.n; i++) cdf[i] *= 0.5;
        return cdf;
    }

    /** scratch(0) = e^(−t²/2) with t = tail(x), by one SIMD exp pass (scratch 2 holds −t²/2). */
    static double[] gaussBlock(PointwiseBlock b) {
        double[] g = b.scratch(0), arg = b.scratch(2);
        for (int i = 0; i < b.n; i++) {
            double t = tail(b.x[i]);
            arg[i] = -0.5 * t * t;
        }
        BlockExp.exp(arg, g, b.n);
        return g;
    }

    /** Φ(x) = ½·erfc(−x/√2) in Tensor ops. */
    static Tensor cdf(Tensor x) {
        return x.mul(-SQRT_HALF).erfc().mul(0.5);
    }
}
