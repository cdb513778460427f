package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.PointwiseFunction;
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
 * element forms are {@link ReferenceMath#gelu} and {@link ReferenceMath#geluSlope}. The F32
 * kernels run in place, one SIMD loop per direction ({@link BlockMath#gelu},
 * {@link BlockMath#geluGradient}), with Φ from a one-piece erfc that is within 8 float ulps.
 * {@link Dgelu} (f′ used as an activation) and {@link SAU} reuse these helpers.
 */
public final class Gelu extends ElementwiseFunction implements PointwiseFunction.FloatInPlace {
    static final Gelu FUNCTION = new Gelu();
    static final Activations.Entry ENTRY = Activations.ElementwiseEntry
            .of("gelu", FUNCTION, "Hendrycks & Gimpel, Gaussian error linear units (GELUs), arXiv 1606.08415 (2016)")
            .notes("exact form x*Phi(x) with Phi through erfc (PyTorch's approximate='none'); gelu_tanh is the tanh form")
            .build();

    /** |x| past which φ(x) underflows to 0 in double. */
    static final double TAIL = ReferenceMath.GAUSS_TAIL;
    /** |x| past which φ(x) underflows to 0 in float (e^−104 at |x| = 14.4), for the φ terms in float lanes. */
    static final float TAIL_F = 15;
    static final double SQRT_HALF = ReferenceMath.SQRT_HALF;
    static final double INV_SQRT_2PI = ReferenceMath.INV_SQRT_2PI;

    private Gelu() {
        super("gelu");
    }

    @Override
    public double value(double x, double[] theta) {
        return ReferenceMath.gelu(x);
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        return ReferenceMath.geluSlope(x);
    }

    @Override
    public void valueRangeF32(float[] x, float[] y, int from, int to, double[] theta) {
        BlockMath.gelu(x, y, from, to);
    }

    @Override
    public void gradientRangeF32(float[] x, float[] g, float[] dx, int from, int to, double[] theta) {
        BlockMath.geluGradient(x, g, dx, from, to);
    }

    /** x·½·erfc(−x/√2). */
    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        return x.mul(cdf(x));
    }

    /** Φ(x) = ½·erfc(−x/√2) (also {@link SAU}'s). */
    static double cdf(double x) {
        return ReferenceMath.normalCdf(x);
    }

    /** f′(x) = Φ(x) + x·φ(x) in double. */
    static double slope(double x) {
        return ReferenceMath.geluSlope(x);
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

    /** f″ = (2 − t²)·φ(t) at t = tail(x), given e^(−t²/2). */
    static double curvature(double t, double gauss) {
        return (2 - t * t) * gauss * INV_SQRT_2PI;
    }

    /** cdf[i] = Φ(z[i]) = ½·erfc(−z[i]/√2) for i &lt; n, by one float erfc pass (also {@link SAU}'s). */
    static void cdfF32(float[] z, float[] cdf, int n) {
        for (int i = 0; i < n; i++) cdf[i] = -z[i] * (float) SQRT_HALF;
        BlockMath.erfc(cdf, cdf, n);
        for (int i = 0; i < n; i++) cdf[i] *= 0.5f;
    }

    /** floatScratch(2) = t = x clamped to ±{@value #TAIL_F} and floatScratch(0) = e^(−t²/2) (returned), by one float exp pass. */
    static float[] gaussBlockF32(PointwiseBlock b) {
        float[] gauss = b.floatScratch(0), t = b.floatScratch(2), x = b.xf;
        for (int i = 0; i < b.n; i++) t[i] = Math.min(Math.max(x[i], -TAIL_F), TAIL_F);
        for (int i = 0; i < b.n; i++) gauss[i] = -0.5f * t[i] * t[i];
        BlockMath.exp(gauss, gauss, b.n);
        return gauss;
    }

    /** Φ(x) = ½·erfc(−x/√2) in Tensor ops (also {@link SAU}'s). */
    static Tensor cdf(Tensor x) {
        return x.mul(-SQRT_HALF).erfc().mul(0.5);
    }
}
