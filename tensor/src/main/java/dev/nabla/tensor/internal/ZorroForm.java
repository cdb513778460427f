package dev.nabla.tensor.internal;

import java.util.Arrays;

/**
 * A Zorro function (Roodschild et al., arXiv 2409.19239; the activation and its variants are
 * {@code dev.nabla.activations.Zorro}) with its parameters fixed: f(x) = lo + scale·Z(μ·x + c),
 * where Z is linear on [0, 1] between two smooth tails, each the building block h with its own
 * (a, b) (the same pair unless the function is asymmetric). This is the double-precision
 * specification ({@link #value}, {@link #derivatives}) that {@code BlockMath.zorro}'s one-loop float
 * kernels are tested against.
 *
 * <p><b>Building block</b>, for v ≤ 0:
 * <pre>
 *   h(v; a, b) = k·v·G,   G = σ(a(v − b)),   k = 1 + e^(ab),   s = 1 − G = σ(a(b − v))
 *   h′(v)      = k·G·(1 + a·v·s)                               (h(0) = 0, h′(0) = k·G(0) = 1)
 *   ∂h/∂a      = v·s·(k·G·v + b·G·(e^(av) − 1))
 *   ∂h/∂b      = a·v·G·s·(e^(av) − 1)
 * </pre>
 * (docs/activations.md §4.1 gives ∂h/∂a and ∂h/∂b as v·[b·E·G + k·G·s·(v − b)] and
 * v·[a·E·G − a·k·G·s], E = e^(ab); they are rewritten here with E·G − k·G·s = G·s·(e^(av) − 1), which
 * has no cancellation near v = 0.) e^(ab) is never formed: k·G = exp(sp(ab) − sp(a(b − v))) with
 * sp the softplus, so a·b = 800 works.
 *
 * <p><b>Z</b>(u) = h(u; aLeft, bLeft) for u &lt; 0, u on [0, 1], 1 − h(1 − u; aRight, bRight) for
 * u &gt; 1 (at a boundary itself the linear branch: the same value and slope as the tail). Its
 * derivatives, with v = u or 1 − u in the tails:
 * <pre>
 *   ∂f/∂x          = scale·μ·Z′(u),   Z′ = h′(v) in both tails, 1 on [0, 1]
 *   ∂f/∂μ          = scale·x·Z′(u)
 *   ∂f/∂{aL, bL}   = scale·∂h/∂{a, b}(u)        for u &lt; 0, else 0
 *   ∂f/∂{aR, bR}   = −scale·∂h/∂{a, b}(1 − u)   for u &gt; 1, else 0
 * </pre>
 *
 * @param mu     the slope μ of u = μ·x + c, &gt; 0
 * @param c      the shift of u
 * @param scale  f's scale
 * @param lo     f's offset
 * @param aLeft  the left tail's steepness a &gt; 0
 * @param bLeft  the left tail's shift b (a·b ≥ −700, so that e^(−ab) is a finite double)
 * @param aRight the right tail's a
 * @param bRight the right tail's b
 */
public record ZorroForm(double mu, double c, double scale, double lo, double aLeft, double bLeft, double aRight, double bRight) {
    /** The partial derivatives {@link #derivatives} writes: ∂f/∂μ, then the left and the right tail's ∂f/∂a, ∂f/∂b. */
    public static final int PARTIALS = 5;
    /** Where each partial is in {@link #derivatives}' array (and in {@code BlockMath.zorroGradient}'s sums). */
    public static final int D_MU = 0, D_A_LEFT = 1, D_B_LEFT = 2, D_A_RIGHT = 3, D_B_RIGHT = 4;

    /** f(x). */
    public double value(double x) {
        double u = mu * x + c;
        if (u < 0) return lo + scale * h(u, aLeft, bLeft);
        if (u > 1) return lo + scale - scale * h(1 - u, aRight, bRight);
        return scale * mu * x + (lo + scale * c); // lo + scale·u, without Tanh-Zorro's cancellation near 0
    }

    /** Returns ∂f/∂x and writes the {@value #PARTIALS} partials (∂f/∂μ, ∂f/∂aLeft, ∂f/∂bLeft, ∂f/∂aRight, ∂f/∂bRight) into d. */
    public double derivatives(double x, double[] d) {
        Arrays.fill(d, 0, PARTIALS, 0);
        double u = mu * x + c, zPrime;
        if (u < 0) zPrime = hDerivatives(u, aLeft, bLeft, scale, d, D_A_LEFT, D_B_LEFT);
        else if (u > 1) zPrime = hDerivatives(1 - u, aRight, bRight, -scale, d, D_A_RIGHT, D_B_RIGHT);
        else zPrime = Double.isNaN(u) ? Double.NaN : 1;
        d[D_MU] = scale * x * zPrime;
        return scale * mu * zPrime;
    }

    /**
     * The constants of {@code BlockMath.zorro}'s float kernels, rounded to float once. Each element
     * needs t = e^(a·v) and E = e^(a·v − a·b) = ε·t of its tail, ε = e^(−ab). The SIMD loop takes one
     * exp, t, and E = ε·t. That needs ε finite in float and t normal wherever E matters, which holds for
     * a·b ≥ {@value #ONE_EXP_MIN_AB} in both tails ({@code oneExp}; every source has b &gt; 0): t is then
     * subnormal (a·v &lt; −87) only where E &lt; e^(−47) and the value is below 1e-18. Below, the scalar
     * loop runs, with E = e^(a·v − a·b) from its own exp. The SIMD gradient also folds the slope into
     * a constant with 2^−64 ({@code simd.VectorMath}), so {@code oneExp} also asks for a slope of at
     * least {@value #ONE_EXP_MIN_SLOPE}, where that constant is a normal float.
     *
     * @param mu        the slope μ of u = μ·x + c
     * @param c         the shift c of u
     * @param scale     f's scale
     * @param slope     the slope of f's linear part slope·x + intercept (on [xLo, xHi], u in [0, 1]): scale·μ
     * @param intercept lo + scale·c
     * @param xLo       the x where u = 0
     * @param xHi       the x where u = 1
     * @param yLo       f at xLo: lo, the left tail's limit
     * @param yHi       f at xHi: lo + scale, the right tail's limit
     * @param left      the left tail's constants (u &lt; 0)
     * @param right     the right tail's constants (u &gt; 1)
     * @param oneExp    whether the SIMD loops apply (see above)
     */
    public record Floats(float mu, float c, float scale, float slope, float intercept, float xLo, float xHi, float yLo, float yHi,
            Tail left, Tail right, boolean oneExp) {}

    /**
     * One tail's constants in float. The SIMD loops take k·G = (1 + ε)·t/(1 + ε·t), ε = e^(−ab), from
     * t·2^64, so their ε and 1 + ε come with the factor 2^−64 ({@code simd.VectorMath}).
     *
     * @param a                the steepness a
     * @param b                the shift b
     * @param ab               a·b, in double
     * @param rate             a/scale: a·v = ±(a/scale)·(f's linear part − the tail's limit), − on the right
     * @param scaledEps        ε·2^−64 (subnormal or 0 only where ε &lt; 2^−62, and ε·t is negligible against 1)
     * @param scaledOnePlusEps (1 + ε)·2^−64, with 1 + ε rounded to float first
     * @param slopeScaledOnePlusEps f's slope times scaledOnePlusEps, rounded once (the gradients' constant)
     */
    public record Tail(float a, float b, double ab, float rate, float scaledEps, float scaledOnePlusEps, float slopeScaledOnePlusEps) {
        static Tail of(double a, double b, double scale, float slope) {
            double exact = Math.exp(-a * b);
            float eps = (float) exact, onePlusEps = (float) (1 + exact);
            return new Tail((float) a, (float) b, a * b, (float) (a / scale), eps * 0x1p-64f, onePlusEps * 0x1p-64f,
                    (float) (onePlusEps * 0x1p-64 * slope));
        }
    }

    /** The smallest a·b of the one-exp SIMD loop (see {@link Floats}). */
    public static final double ONE_EXP_MIN_AB = -40;
    /** The smallest slope scale·μ of the SIMD loops (see {@link Floats}). */
    public static final double ONE_EXP_MIN_SLOPE = 0x1p-60;

    /**
     * This function's {@link Floats}: u = μ·x + c, f's linear part slope·x + intercept with
     * slope = scale·μ and intercept = lo + scale·c, clamped to x in [xLo, xHi] (u in [0, 1]) where it
     * reaches lo and lo + scale, and each tail's constants.
     */
    public Floats floats() {
        float slope = (float) (scale * mu);
        return new Floats((float) mu, (float) c, (float) scale, slope, (float) (lo + scale * c),
                (float) (-c / mu), (float) ((1 - c) / mu), (float) lo, (float) (lo + scale),
                Tail.of(aLeft, bLeft, scale, slope), Tail.of(aRight, bRight, scale, slope),
                Math.min(aLeft * bLeft, aRight * bRight) >= ONE_EXP_MIN_AB && scale * mu >= ONE_EXP_MIN_SLOPE);
    }

    /** h(v; a, b) = k·v·σ(a(v − b)) for v ≤ 0, as v·exp(sp(ab) − sp(a(b − v))). */
    public static double h(double v, double a, double b) {
        return v * Math.exp(ReferenceMath.softplus(a * b) - ReferenceMath.softplus(a * (b - v)));
    }

    /** Returns h′(v) and writes sign·∂h/∂a, sign·∂h/∂b into d[ia], d[ib]. */
    public static double hDerivatives(double v, double a, double b, double sign, double[] d, int ia, int ib) {
        double w = a * (b - v);
        double kG = Math.exp(ReferenceMath.softplus(a * b) - ReferenceMath.softplus(w));
        double s = ReferenceMath.sigmoid(w), g = ReferenceMath.sigmoid(-w), em1 = Math.expm1(a * v);
        d[ia] = sign * v * s * (kG * v + b * g * em1);
        d[ib] = sign * a * v * g * s * em1;
        return kG * (1 + a * v * s);
    }
}
