package dev.nabla.tensor.internal;

/**
 * Double-precision special functions that {@code java.lang.Math} lacks, written for accuracy
 * rather than speed: they are the specification the fast kernels are tested against.
 *
 * <p>Everything here is built on {@link StrictMath}, whose results are the same bits on every JVM,
 * so the reference kernels are reproducible across JDKs and CPUs.
 *
 * <p>Accuracy (MathAccuracyTest, against 50-digit mpmath values and identities on dense grids):
 * erf within 1 ulp (measured 0.58), erfc within 2 ulp (measured 1.71) over its whole
 * non-underflowing range (x up to ~27.2), sigmoid and softplus within 2 ulp.
 */
public final class ReferenceMath {
    private ReferenceMath() {}

    // Coefficients: fdlibm's s_erf.c (Sun Microsystems, 1993), checked against its hex bit patterns.

    /** erf(c) for c = 0.84506291151 rounded to float: the constant term of erf on [0.84375, 1.25]. */
    public static final double ERX = 8.45062911510467529297e-01;
    /** 2/√π − 1, for erf(x) ≈ x + EFX·x when |x| < 2^−28. */
    private static final double EFX = 1.28379167095512586316e-01;

    // erf(x) = x + x·P(x²)/Q(x²) on |x| < 0.84375; |P/Q − (erf(x) − x)/x| <= 2^−57.9
    private static final double[] PP = {1.28379167095512558561e-01, -3.25042107247001499370e-01,
        -2.84817495755985104766e-02, -5.77027029648944159157e-03, -2.37630166566501626084e-05};
    private static final double[] QQ = {1, 3.97917223959155352819e-01, 6.50222499887672944485e-02,
        5.08130628187576562776e-03, 1.32494738004321644526e-04, -3.96022827877536812320e-06};
    // erf(1 + s) = ERX + P(s)/Q(s) on 0.84375 <= |x| < 1.25, s = |x| − 1
    private static final double[] PA = {-2.36211856075265944077e-03, 4.14856118683748331666e-01,
        -3.72207876035701323847e-01, 3.18346619901161753674e-01, -1.10894694282396677476e-01,
        3.54783043256182359371e-02, -2.16637559486879084300e-03};
    private static final double[] QA = {1, 1.06420880400844228286e-01, 5.40397917702171048937e-01,
        7.18286544141962662868e-02, 1.26171219808761642112e-01, 1.36370839120290507362e-02,
        1.19844998467991074170e-02};
    // erfc(x) = exp(−x² − 0.5625 + R(1/x²)/S(1/x²))/x on 1.25 <= x < 1/0.35
    private static final double[] RA = {-9.86494403484714822705e-03, -6.93858572707181764372e-01,
        -1.05586262253232909814e+01, -6.23753324503260060396e+01, -1.62396669462573470355e+02,
        -1.84605092906711035994e+02, -8.12874355063065934246e+01, -9.81432934416914548592e+00};
    private static final double[] SA = {1, 1.96512716674392571292e+01, 1.37657754143519042600e+02,
        4.34565877475229228821e+02, 6.45387271733267880336e+02, 4.29008140027567833386e+02,
        1.08635005541779435134e+02, 6.57024977031928170135e+00, -6.04244152148580987438e-02};
    // the same form on 1/0.35 <= x < 28
    private static final double[] RB = {-9.86494292470009928597e-03, -7.99283237680523006574e-01,
        -1.77579549177547519889e+01, -1.60636384855821916062e+02, -6.37566443368389627722e+02,
        -1.02509513161107724954e+03, -4.83519191608651397019e+02};
    private static final double[] SB = {1, 3.03380607434824582924e+01, 3.25792512996573918826e+02,
        1.53672958608443695994e+03, 3.19985821950859553908e+03, 2.55305040643316442583e+03,
        4.74528541206955367215e+02, -2.24409524465858183362e+01};

    private static final double ONE_OVER_035 = 1 / 0.35;

    /**
     * The error function {@code erf(x) = 2/√π ∫₀ˣ e^(−t²) dt}, within 1 ulp, relative to the
     * result even for tiny x ({@code erf(1e-300) = 1.128…e-300}, not 0).
     *
     * <p>Method (Sun's fdlibm {@code s_erf.c}, reimplemented from its description and published
     * coefficients): a rational approximation in x² on |x| < 0.84375; one in s = |x| − 1 around 1;
     * beyond 1.25, {@code erf = 1 − erfc(|x|)} with the tail form of {@link #erfc}; ±1 from |x| = 6.
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) return x;
        double ax = Math.abs(x);
        if (ax < 0.84375) {
            if (ax < 0x1p-28) {
                // erf(x) = 2x/√π·(1 − x²/3 + …): x²/3 is below 2^−57 here. Scaling by 8 keeps
                // subnormal x from losing bits in the product.
                return ax < 0x1p-1018 ? 0.125 * (8 * x + 8 * EFX * x) : x + EFX * x;
            }
            return x + x * smallRatio(x * x);
        }
        if (ax < 1.25) {
            double r = ERX + aroundOneRatio(ax - 1);
            return x >= 0 ? r : -r;
        }
        if (ax >= 6) return x > 0 ? 1 : -1; // 1 − erfc(6) = 1 − 2.2e−17 rounds to 1
        double r = 1 - tail(ax);
        return x > 0 ? r : -r;
    }

    /**
     * The complementary error function {@code erfc(x) = 1 − erf(x)}, within 2 ulp, relative to the
     * result also in the right tail ({@code erfc(26) = 5.663…e-296}); it underflows to 0 only
     * beyond x ≈ 27.2, and is 2 for x ≤ −6 to double precision.
     *
     * <p>Same method as {@link #erf}: near 0, {@code 1 − erf(x)} loses nothing (erf < 0.77 there);
     * for |x| ≥ 1.25, {@code erfc(|x|) = e^(−x²−0.5625)·e^(R/S)/|x|} with x² split exactly (below)
     * and {@code erfc(−x) = 2 − erfc(x)}.
     */
    public static double erfc(double x) {
        if (Double.isNaN(x)) return x;
        double ax = Math.abs(x);
        if (ax < 0.84375) {
            if (ax < 0x1p-56) return 1 - x;
            double r = x * smallRatio(x * x);
            // below 1/4 the sum x + r is small against 1; above, subtract from 1/2 to keep bits
            return x < 0.25 ? 1 - (x + r) : 0.5 - ((x - 0.5) + r);
        }
        if (ax < 1.25) {
            double p = aroundOneRatio(ax - 1);
            return x >= 0 ? (1 - ERX) - p : 1 + (ERX + p);
        }
        if (ax >= 28) return x > 0 ? 0 : 2;
        if (x < 0 && ax >= 6) return 2; // 2 − erfc(6) = 2 − 2.2e−17 rounds to 2
        double r = tail(ax);
        return x > 0 ? r : 2 - r;
    }

    /** P(z)/Q(z) of the |x| < 0.84375 piece, z = x². */
    private static double smallRatio(double z) {
        return poly(PP, z) / poly(QQ, z);
    }

    /** P(s)/Q(s) of the piece around 1, s = |x| − 1. */
    private static double aroundOneRatio(double s) {
        return poly(PA, s) / poly(QA, s);
    }

    /**
     * erfc(x) for 1.25 ≤ x < 28. {@code e^(−x²)} is computed as {@code e^(−z²)·e^((z−x)(z+x))}
     * with z = x with its low 32 significand bits cleared: z² is then exact in double, and the
     * small correction {@code (z−x)(z+x)} is exact to the last bit, so the tail keeps full
     * relative accuracy although x² itself is not representable.
     */
    private static double tail(double x) {
        double s = 1 / (x * x);
        double ratio = x < ONE_OVER_035 ? poly(RA, s) / poly(SA, s) : poly(RB, s) / poly(SB, s);
        double z = Double.longBitsToDouble(Double.doubleToRawLongBits(x) & 0xffffffff00000000L);
        return StrictMath.exp(-z * z - 0.5625) * StrictMath.exp((z - x) * (z + x) + ratio) / x;
    }

    /** The coefficient tables of erf/erfc's pieces, lowest degree first, for the SIMD kernels. */
    public enum ErfPiece { PP, QQ, PA, QA, RA, SA, RB, SB }

    /** A copy of the coefficients of one piece of erf/erfc (see the comments on the tables above). */
    public static double[] erfCoefficients(ErfPiece piece) {
        return switch (piece) {
            case PP -> PP.clone();
            case QQ -> QQ.clone();
            case PA -> PA.clone();
            case QA -> QA.clone();
            case RA -> RA.clone();
            case SA -> SA.clone();
            case RB -> RB.clone();
            case SB -> SB.clone();
        };
    }

    /** c[0] + c[1]·t + c[2]·t² + … by Horner's rule. */
    private static double poly(double[] c, double t) {
        double r = c[c.length - 1];
        for (int i = c.length - 2; i >= 0; i--) r = r * t + c[i];
        return r;
    }

    /**
     * The logistic sigmoid {@code σ(t) = 1/(1 + e^(−t))}, as {@code e^t/(1 + e^t)} for t < 0 so
     * that large negative t keeps its relative accuracy instead of rounding 1 + e^(−t) first.
     */
    public static double sigmoid(double t) {
        if (t >= 0) return 1 / (1 + StrictMath.exp(-t));
        double e = StrictMath.exp(t);
        return e / (1 + e);
    }

    /** σ′(t) = σ(t)·(1 − σ(t)) as e^(−|t|)/(1 + e^(−|t|))², relatively accurate on both sides. */
    public static double sigmoidSlope(double t) {
        double e = StrictMath.exp(-Math.abs(t));
        return e / ((1 + e) * (1 + e));
    }

    /**
     * PyTorch's {@code Softplus(β, threshold)}: x where βx &gt; threshold (linear, as PyTorch), else
     * {@code softplus(βx)/β} in the stable form of {@link #softplus(double)}.
     */
    public static double softplus(double x, double beta, double threshold) {
        double z = beta * x;
        return z > threshold ? x : softplus(z) / beta;
    }

    /** Its slope: 1 where βx &gt; threshold, else σ(βx). */
    public static double softplusSlope(double x, double beta, double threshold) {
        double z = beta * x;
        return z > threshold ? 1 : sigmoid(z);
    }

    /** Swish {@code x·σ(βx)} (SiLU at β = 1). */
    public static double swish(double x, double beta) {
        return x * sigmoid(beta * x);
    }

    /** Its slope ∂(x·σ(βx))/∂x = σ(z) + z·σ(z)(1 − σ(z)) with z = βx (the last term 0 where it underflows, also for infinite z). */
    public static double swishSlope(double x, double beta) {
        double z = beta * x, s = sigmoid(z), spread = s * (1 - s);
        return spread == 0 ? s : s + z * spread;
    }

    /**
     * ELU scaled by λ (SELU with PyTorch's constants): {@code λ·x} for x &gt; 0, {@code λ·α·(e^x − 1)}
     * below, with expm1, so that f keeps its relative accuracy near 0.
     */
    public static double elu(double x, double scale, double alpha) {
        return x > 0 ? scale * x : scale * alpha * Math.expm1(x);
    }

    /** Its slope: λ for x &gt; 0, λ·α·e^x below (λ·α at 0, PyTorch's convention). */
    public static double eluSlope(double x, double scale, double alpha) {
        return x > 0 ? scale : scale * alpha * Math.exp(x);
    }

    /**
     * GELU {@code x·Φ(x)} with the normal CDF Φ(x) = ½·erfc(−x/√2) through erfc, so that x ≪ 0 keeps
     * its relative accuracy (the activations' {@code Gelu} gives the math).
     */
    public static double gelu(double x) {
        return x * normalCdf(x);
    }

    /**
     * GELU's slope {@code Φ(x) + x·φ(x)}, φ(x) = e^(−x²/2)/√(2π), with x clamped to ±40 in the φ term
     * (where φ underflows to 0 in double anyway; x² stays finite for any x).
     */
    public static double geluSlope(double x) {
        double t = Math.max(-GAUSS_TAIL, Math.min(GAUSS_TAIL, x));
        return normalCdf(x) + t * Math.exp(-0.5 * t * t) * INV_SQRT_2PI;
    }

    /** Φ(x) = ½·erfc(−x/√2). */
    public static double normalCdf(double x) {
        return 0.5 * erfc(-x * SQRT_HALF);
    }

    /** 1/√2 and 1/√(2π), rounded to double. */
    public static final double SQRT_HALF = 0.7071067811865476, INV_SQRT_2PI = 0.3989422804014327;
    /** |x| past which φ(x) = e^(−x²/2)/√(2π) underflows to 0 in double (φ(40) &lt; 1e-347). */
    public static final double GAUSS_TAIL = 40;

    /**
     * Soft-Root-Sign {@code f(x) = x/(x/α + e^(−x/β))} (the activations' {@code SoftRootSign} derives
     * it) in its stable form: with t = e^(−|x|/β) ≤ 1, {@code x/(x/α + t)} for x ≥ 0 and
     * {@code x·t/(1 + x·t/α)} (numerator and denominator times t) below, so nothing overflows.
     */
    public static double softRootSign(double x, double alpha, double beta) {
        double t = Math.exp(-Math.abs(x) / beta);
        return x >= 0 ? x / (x / alpha + t) : x * t / (1 + x * t / alpha);
    }

    /**
     * Its derivatives, with t and den the stable form's ({@code x/α + t}, or {@code 1 + x·t/α} below 0):
     * returns ∂f/∂x = (1 + x/β)·t/den² and writes ∂f/∂α = (f/α)² and ∂f/∂β = −(x/den)²·t/β² into
     * {@code dAlphaBeta[0]} and {@code [1]}.
     */
    public static double softRootSignDerivatives(double x, double alpha, double beta, double[] dAlphaBeta) {
        double t = Math.exp(-Math.abs(x) / beta);
        double den = x >= 0 ? x / alpha + t : 1 + x * t / alpha;
        double f = (x >= 0 ? x : x * t) / den;
        double xOverDen = x / den;
        dAlphaBeta[0] = (f / alpha) * (f / alpha);
        dAlphaBeta[1] = -xOverDen * xOverDen * t / (beta * beta);
        return (1 + x / beta) * t / (den * den);
    }

    /**
     * {@code softplus(t) = ln(1 + e^t) = max(t, 0) + log1p(e^(−|t|))}: never overflows, and is
     * relatively accurate for large negative t (where it equals e^t).
     */
    public static double softplus(double t) {
        if (Double.isNaN(t)) return t;
        return Math.max(t, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(t)));
    }
}
