package dev.nabla.tensor.internal;

import dev.nabla.tensor.internal.simd.VectorBlockMath;

/**
 * Transcendental functions as passes over a block of doubles, for fused F32 kernels written
 * outside the tensor module (the activations): {@code y[i] = f(x[i])} for {@code i < n}.
 *
 * <p>With SIMD these run {@code simd.VectorMath} (double lanes, relative error below 1e-10 for
 * every argument that comes from a float, so a float result is within 1 ulp of the correctly
 * rounded one); without it, {@link Math}/{@link ReferenceMath} per element. Either way they are
 * meant for values that are rounded to float afterwards, never for F64 results.
 *
 * <p>The {@code float[]} passes (exp, log1p, expm1, erf, erfc) compute in float lanes instead: within
 * about 2 float ulps of the exact value (each method states its measured maximum), 3-5x faster per
 * element than widening to the double passes (BlockMathBenchmark), and
 * {@code (float) Math.f}/{@code (float) ReferenceMath.f} per element without SIMD. Their results are the
 * same bits on every run, JIT or not.
 *
 * <p>Arrays must have room for {@code n} rounded up to a multiple of {@link #LANES} (the SIMD pass
 * works on whole vectors; the extra elements get values nobody reads), or of the float lane count for
 * the float passes. Blocks of {@link #BLOCK} elements (and of {@code PointwiseBlock.FLOAT_SIZE} floats)
 * satisfy that. {@code y} may be {@code x} unless a method says otherwise.
 */
public final class BlockMath {
    /** The block length fused kernels use: 2 KiB of doubles per array, comfortably in L1. */
    public static final int BLOCK = 256;
    /** Double lanes of the SIMD passes (1 without SIMD). */
    public static final int LANES = Simd.ENABLED ? dev.nabla.tensor.internal.simd.Lanes.doubleLanes() : 1;

    private BlockMath() {}

    /** y = e^x. */
    public static void exp(double[] x, double[] y, int n) {
        if (Simd.ENABLED) VectorBlockMath.exp(x, y, n);
        else for (int i = 0; i < n; i++) y[i] = Math.exp(x[i]);
    }

    /**
     * y = e^x in float lanes, for fused kernels that stay in float: within 2 ulps of the correctly
     * rounded float with SIMD ({@code simd.VectorMath}), {@code (float) Math.exp} without. Arrays need
     * room for n rounded up to a multiple of the float lane count ({@link #BLOCK} does); y may be x.
     */
    public static void exp(float[] x, float[] y, int n) {
        if (Simd.ENABLED) VectorBlockMath.exp(x, y, n);
        else for (int i = 0; i < n; i++) y[i] = (float) Math.exp(x[i]);
    }

    /**
     * y = ln(1 + x) in float lanes, for x ≥ −1, relatively accurate near 0 (subnormals included):
     * within 1.35 ulps (measured) of the exact value with SIMD ({@code simd.VectorMath.log1p}),
     * {@code (float) Math.log1p} without. log1p(−1) = −∞, x &lt; −1 or NaN → NaN. Arrays as in
     * {@link #exp(float[], float[], int)}; y may be x.
     */
    public static void log1p(float[] x, float[] y, int n) {
        if (Simd.ENABLED) VectorBlockMath.log1p(x, y, n);
        else for (int i = 0; i < n; i++) y[i] = (float) Math.log1p(x[i]);
    }

    /**
     * y = e^x − 1 in float lanes, relatively accurate near 0, −1 below −17.4, ∞ above ~88.72: within
     * 1.12 ulps (measured) of the exact value with SIMD, {@code (float) Math.expm1} without. y may be x.
     */
    public static void expm1(float[] x, float[] y, int n) {
        if (Simd.ENABLED) VectorBlockMath.expm1(x, y, n);
        else for (int i = 0; i < n; i++) y[i] = (float) Math.expm1(x[i]);
    }

    /**
     * y = erf x in float lanes, odd, relatively accurate for tiny x, ±1 for large |x|: within 0.77 ulps
     * (measured) of the exact value with SIMD, {@code (float) ReferenceMath.erf} without. y may be x.
     */
    public static void erf(float[] x, float[] y, int n) {
        if (Simd.ENABLED) VectorBlockMath.erf(x, y, n);
        else for (int i = 0; i < n; i++) y[i] = (float) ReferenceMath.erf(x[i]);
    }

    /**
     * y = erf x in float lanes for x ≥ 0 (or NaN), about twice as fast as {@link #erf(float[], float[], int)}
     * (two pieces instead of four): within 1.87 ulps (measured) of the exact value with SIMD
     * ({@code simd.VectorMath.erfOfNonNegative}), {@code (float) ReferenceMath.erf} without; relatively
     * accurate near 0. Negative x are outside its domain. y may be x.
     */
    public static void erfOfNonNegative(float[] x, float[] y, int n) {
        if (Simd.ENABLED) VectorBlockMath.erfOfNonNegative(x, y, n);
        else for (int i = 0; i < n; i++) y[i] = (float) ReferenceMath.erf(x[i]);
    }

    /**
     * y = erfc x = 1 − erf x in float lanes, relatively accurate in the right tail (so ½·erfc(−x/√2) is
     * the normal CDF accurate far left): within 2.01 ulps (measured) of the exact value where that is a
     * normal float (x up to ~9.19), rounded once to a subnormal up to x ≈ 10.05 and 0 beyond, 2 for
     * x ≤ −4; {@code (float) ReferenceMath.erfc} without SIMD. y may be x.
     */
    public static void erfc(float[] x, float[] y, int n) {
        if (Simd.ENABLED) VectorBlockMath.erfc(x, y, n);
        else for (int i = 0; i < n; i++) y[i] = (float) ReferenceMath.erfc(x[i]);
    }

    /**
     * y[i] = x[i]·σ(β·x[i]) (Swish; SiLU at β = 1) for from ≤ i &lt; to, over whole arrays in one
     * loop (not a block pass: for the in-place activation kernels), within a few float ulps of the
     * exact value: with SIMD the float exp above inside one vector loop ({@code simd.VectorMath.swish}),
     * without it per element in float with {@code (float) Math.exp}. y may be x.
     */
    public static void swish(float[] x, float[] y, int from, int to, float beta) {
        if (Simd.ENABLED) {
            VectorBlockMath.swish(x, y, from, to, beta);
            return;
        }
        for (int i = from; i < to; i++) {
            float z = beta * x[i], e = (float) Math.exp(-Math.abs(z));
            y[i] = x[i] * ((z >= 0 ? 1 : e) / (1 + e));
        }
    }

    /**
     * dx[i] = g[i]·∂(x·σ(βx))/∂x at x[i], for from ≤ i &lt; to, as {@link #swish}: with z = βx and
     * e = e^(−|z|), the slope σ(z) + z·e/(1 + e)² (z clamped to ±128, where that term is 0 anyway,
     * so that an infinite z gives no NaN). dx may be x or g.
     */
    public static void swishGradient(float[] x, float[] g, float[] dx, int from, int to, float beta) {
        if (Simd.ENABLED) {
            VectorBlockMath.swishGradient(x, g, dx, from, to, beta);
            return;
        }
        for (int i = from; i < to; i++) {
            float z = beta * x[i], e = (float) Math.exp(-Math.abs(z)), inverse = 1 / (1 + e);
            float sigma = (z >= 0 ? 1 : e) * inverse;
            dx[i] = g[i] * (sigma + Math.min(Math.max(z, -128f), 128f) * (e * inverse * inverse));
        }
    }

    /**
     * y[i] = GELU(x[i]) = x·Φ(x) for from ≤ i &lt; to, over whole arrays in one loop as {@link #swish}:
     * with SIMD in float lanes ({@code simd.VectorMath.gelu}, Φ from a one-piece erfc, within 8 ulps
     * of {@link ReferenceMath#gelu} where the result is a normal float); without it
     * {@link ReferenceMath#gelu} per element, rounded. y may be x.
     */
    public static void gelu(float[] x, float[] y, int from, int to) {
        if (Simd.ENABLED) {
            VectorBlockMath.gelu(x, y, from, to);
            return;
        }
        for (int i = from; i < to; i++) y[i] = (float) ReferenceMath.gelu(x[i]);
    }

    /**
     * y[i] = GELU′(x[i]) = Φ(x) + x·φ(x) for from ≤ i &lt; to, as {@link #gelu} (within 2e-7 absolute
     * of {@link ReferenceMath#geluSlope} with SIMD). y may be x.
     */
    public static void geluSlope(float[] x, float[] y, int from, int to) {
        geluGradient(x, null, y, from, to);
    }

    /** dx[i] = g[i]·GELU′(x[i]) for from ≤ i &lt; to (GELU′ as {@link #geluSlope}, g = 1 where g is null). dx may be x or g. */
    public static void geluGradient(float[] x, float[] g, float[] dx, int from, int to) {
        if (Simd.ENABLED) {
            VectorBlockMath.geluGradient(x, g, dx, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            float slope = (float) ReferenceMath.geluSlope(x[i]);
            dx[i] = g == null ? slope : g[i] * slope;
        }
    }

    /**
     * y[i] = SRS(x[i]; α, β) = x/(x/α + e^(−x/β)) for from ≤ i &lt; to, over whole arrays in one loop
     * as {@link #swish}, in float with t = e^(−|x|/β) and the stable two cases of
     * {@link ReferenceMath#softRootSign} picked per element (with SIMD the float exp inside one vector
     * loop, {@code simd.VectorMath.softRootSign}; without it per element with {@code (float) Math.exp}).
     * y may be x.
     */
    public static void softRootSign(float[] x, float[] y, int from, int to, double alpha, double beta) {
        if (Simd.ENABLED) {
            VectorBlockMath.softRootSign(x, y, from, to, alpha, beta);
            return;
        }
        float invAlpha = (float) (1 / alpha), invBeta = (float) (1 / beta);
        for (int i = from; i < to; i++) {
            float v = x[i], t = (float) Math.exp(-Math.abs(v) * invBeta), xNum = v > 0 ? v : v * t;
            y[i] = xNum / (xNum * invAlpha + (v > 0 ? t : 1));
        }
    }

    /**
     * dx[i] = g[i]·∂f/∂x for from ≤ i &lt; to, f = SRS as {@link #softRootSign}, and, when sums is not
     * null, sums[0] = Σ g·∂f/∂α and sums[1] = Σ g·∂f/∂β over the range, with the derivatives of
     * {@link ReferenceMath#softRootSignDerivatives} (∂f/∂β's factor −1/β² applied to the sum). With
     * SIMD in one vector loop that sums in float lanes over segments of {@link #BLOCK} elements and
     * the segments in double (the accuracy of {@link #dot}); without it per element, summed in double.
     * dx may be x or g.
     */
    public static void softRootSignGradient(float[] x, float[] g, float[] dx, int from, int to, double alpha, double beta, double[] sums) {
        if (Simd.ENABLED) {
            VectorBlockMath.softRootSignGradient(x, g, dx, from, to, alpha, beta, sums);
            return;
        }
        float invAlpha = (float) (1 / alpha), betaF = (float) beta, invBeta = (float) (1 / beta);
        boolean summing = sums != null;
        double sumAlpha = 0, sumBeta = 0;
        for (int i = from; i < to; i++) {
            float v = x[i], gi = g[i], t = (float) Math.exp(-Math.abs(v) * invBeta), xNum = v > 0 ? v : v * t;
            float inv = 1 / (xNum * invAlpha + (v > 0 ? t : 1));
            dx[i] = gi * ((v + betaF) * t * invBeta * inv * inv);
            if (summing) {
                float fOverAlpha = xNum * inv * invAlpha, xOverDen = v * inv;
                sumAlpha += (double) gi * (fOverAlpha * fOverAlpha);
                sumBeta += (double) gi * (xOverDen * t * xOverDen);
            }
        }
        if (summing) {
            sums[0] = sumAlpha;
            sums[1] = -sumBeta * invBeta * invBeta;
        }
    }

    /**
     * y[i] = σ(x[i]) for from ≤ i &lt; to, over whole arrays in one loop as {@link #swish}, with
     * e = e^(−|x|): 1/(1 + e) for x ≥ 0, e/(1 + e) below (with SIMD in one vector loop,
     * {@code simd.VectorMath.sigmoid}; without it per element with {@code (float) Math.exp}). y may be x.
     */
    public static void sigmoid(float[] x, float[] y, int from, int to) {
        if (Simd.ENABLED) {
            VectorBlockMath.sigmoid(x, y, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            float e = (float) Math.exp(-Math.abs(x[i]));
            y[i] = (x[i] >= 0 ? 1 : e) / (1 + e);
        }
    }

    /**
     * y[i] = tanh x[i] = sign(x)·(−m)/(2 + m) with m = e^(−2|x|) − 1 for from ≤ i &lt; to, as
     * {@link #sigmoid} (m from the float expm1, relatively accurate near 0, where 1 − e^(−2|x|)
     * would cancel). y may be x.
     */
    public static void tanh(float[] x, float[] y, int from, int to) {
        if (Simd.ENABLED) {
            VectorBlockMath.tanh(x, y, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            float m = (float) Math.expm1(-2 * Math.abs(x[i]));
            y[i] = Math.copySign(-m / (2 + m), x[i]);
        }
    }

    /**
     * dx[i] = g[i]·a·σ′(c·x[i]) = g·a·e/(1 + e)² with e = e^(−c·|x|), for from ≤ i &lt; to: σ′ with
     * (a, c) = (1, 1), tanh′ = 4·σ′(2x) with (4, 2) ({@link ReferenceMath#sigmoidSlope}), as
     * {@link #sigmoid}. dx may be x or g.
     */
    public static void logisticGradient(float[] x, float[] g, float[] dx, int from, int to, float a, float c) {
        if (Simd.ENABLED) {
            VectorBlockMath.logisticGradient(x, g, dx, from, to, a, c);
            return;
        }
        for (int i = from; i < to; i++) {
            float e = (float) Math.exp(-c * Math.abs(x[i]));
            dx[i] = g[i] * (a * e / ((1 + e) * (1 + e)));
        }
    }

    /**
     * y[i] = PyTorch's softplus(x[i]; β, threshold) for from ≤ i &lt; to ({@link ReferenceMath#softplus(double, double, double)}),
     * over whole arrays as {@link #swish}, with z = βx, zc = min(z, threshold) and e = e^(−|zc|): x
     * where z &gt; threshold, else (max(zc, 0) + log1p(e))/β (with SIMD the float exp in one vector loop
     * and the float log1p in a second, {@code simd.VectorMath.softplus}; without it per element with
     * {@code (float) Math.exp} and {@code Math.log1p}). y may be x.
     */
    public static void softplus(float[] x, float[] y, int from, int to, float beta, float threshold) {
        if (Simd.ENABLED) {
            VectorBlockMath.softplus(x, y, from, to, beta, threshold);
            return;
        }
        for (int i = from; i < to; i++) {
            float z = beta * x[i], zc = Math.min(z, threshold), e = (float) Math.exp(-Math.abs(zc));
            y[i] = z > threshold ? x[i] : (Math.max(zc, 0f) + (float) Math.log1p(e)) / beta;
        }
    }

    /**
     * dx[i] = g[i]·softplus′(x[i]; β, threshold) for from ≤ i &lt; to: 1 where βx &gt; threshold, else
     * σ(zc) = (1 or e)/(1 + e), as {@link #softplus}. dx may be x or g.
     */
    public static void softplusGradient(float[] x, float[] g, float[] dx, int from, int to, float beta, float threshold) {
        if (Simd.ENABLED) {
            VectorBlockMath.softplusGradient(x, g, dx, from, to, beta, threshold);
            return;
        }
        for (int i = from; i < to; i++) {
            float z = beta * x[i], zc = Math.min(z, threshold), e = (float) Math.exp(-Math.abs(zc));
            dx[i] = g[i] * (z > threshold ? 1 : (zc >= 0 ? 1 : e) / (1 + e));
        }
    }

    /**
     * y[i] = λ·ELU_α(x[i]) = λ·(max(x, 0) + α·(e^min(x, 0) − 1)) for from ≤ i &lt; to (SELU with PyTorch's
     * λ and α), over whole arrays in one loop as {@link #swish}: with SIMD the float expm1 inside one
     * vector loop ({@code simd.VectorMath.elu}, within a few float ulps of {@link ReferenceMath#elu}),
     * without it per element with {@code (float) Math.expm1}. y may be x.
     */
    public static void elu(float[] x, float[] y, int from, int to, float scale, float alpha) {
        if (Simd.ENABLED) {
            VectorBlockMath.elu(x, y, from, to, scale, alpha);
            return;
        }
        for (int i = from; i < to; i++) y[i] = scale * (Math.max(x[i], 0f) + alpha * (float) Math.expm1(Math.min(x[i], 0f)));
    }

    /**
     * dx[i] = g[i]·λ·ELU_α′(x[i]) for from ≤ i &lt; to, the slope λ for x &gt; 0 and λ·α·e^x below
     * ({@link ReferenceMath#eluSlope}), as {@link #elu}. dx may be x or g.
     */
    public static void eluGradient(float[] x, float[] g, float[] dx, int from, int to, float scale, float alpha) {
        if (Simd.ENABLED) {
            VectorBlockMath.eluGradient(x, g, dx, from, to, scale, alpha);
            return;
        }
        for (int i = from; i < to; i++) dx[i] = g[i] * (x[i] > 0 ? scale : scale * alpha * (float) Math.exp(x[i]));
    }

    /*
     * Zorro (ZorroForm) in float as one loop per direction, as SRS above. Per element, with
     * u = μ·x + c, the tail arguments vL = min(u, 0) and vR = min(1 − u, 0) (at most one is non-zero,
     * both are 0 on the segment), a·v = aL·vL + aR·vR, and its tail's t = e^(a·v) and E = e^(a·v − a·b)
     * (ZorroForm.Floats: one exp and E = ε·t in the SIMD loop, two exps in the scalar one):
     *   s = 1/(1 + E),   G = E·s,   k·G = (t + E)·s,   e^(av) − 1 = t − 1
     *   f  = slope·clamp(x, xLo, xHi) + intercept + scale·(vL − vR)·k·G      (lo + scale·Z(u))
     *   f′ = slope·Z′,   Z′ = k·G·(1 + a·v·s) in the tails, 1 on the segment (where a·v = 0)
     * k·G = (1 + ε)·t·s, so no intermediate exceeds 1 when a·b ≥ 0; for a·b < 0, the scalar loop
     * caps E at ZORRO_CAP (1e30), where s = 1e-30 and k·G = 1 to float precision, as for any larger E.
     * Where μ·x overflows float (μ > 1, and x = ±∞) vL or vR is infinite and k·G is 0, which must not
     * give ∞·0. The scalar loop bounds u by ±1e30 (the tails are 0 and 1 long before) and takes
     * Z′ = 0 where k·G = 0 (a·v may still be −∞, for a > 3e8). The SIMD loops floor a·v at −104, their
     * exp's lower bound, where t rounds to 0 and E < e^(−64) (a·b ≥ −40), so Z′ is 0 to float
     * precision there; where they floor a·v the forward gives the tail's limit (lo or lo + scale)
     * and the gradients take t = 0 (their exp gives t·2^64, still normal there), and the loop with
     * the sums bounds u as the scalar one does. f(±∞) is then lo and lo + scale, with slope 0.
     * With P = s·k·G and Q = G·s·(t − 1), ∂h/∂a = v·(P·v + b·Q) and ∂h/∂b = a·v·Q (v = vL + vR), so the
     * kernels sum, per tail, g·vL·(P·v + bL·Q), g·vL·Q, g·vR·(P·v + bR·Q), g·vR·Q, and g·x·Z′ for μ;
     * zorroGradient applies the factors (scale, scale·a, their negatives on the right).
     * Float rounding of u costs up to |a·v|·6e-8 relative in t, which matters only where |a·v| is
     * moderate: values are within a few ulps where they exceed 1e-6, within 1e-6 absolute where t is
     * tiny (ElementwiseActivationPropertiesTest, BlockMathParityTest). Where Z′ crosses zero its terms
     * cancel, leaving an absolute error of about 1e-7, the size that rounding u itself causes.
     */
    /** The bound on |u|: μ·x may overflow float where μ &gt; 1, and ∞·0 would give NaN (see above). */
    public static final float ZORRO_U_BOUND = 1e30f;
    /** The cap on E in the scalar loop (see above). */
    private static final float ZORRO_CAP = 1e30f;

    /**
     * y[i] = f(x[i]) for from ≤ i &lt; to, f the Zorro function of {@code form}, in float as above:
     * with SIMD in one vector loop with one exp ({@code simd.VectorMath.zorro}) where a·b ≥ −40,
     * otherwise per element with {@code (float) Math.exp}. y may be x.
     */
    public static void zorro(float[] x, float[] y, int from, int to, ZorroForm form) {
        ZorroForm.Floats k = form.floats();
        if (Simd.ENABLED && k.oneExp()) {
            VectorBlockMath.zorro(x, y, from, to, k);
            return;
        }
        for (int i = from; i < to; i++) {
            float u = zorroU(x[i], k), vL = Math.min(u, 0f), vR = Math.min(1 - u, 0f), av = k.left().a() * vL + k.right().a() * vR;
            float t = (float) Math.exp(av), e = zorroE(av, u < 0 ? k.left().ab() : k.right().ab());
            y[i] = k.slope() * Math.min(Math.max(x[i], k.xLo()), k.xHi()) + k.intercept() + k.scale() * (vL - vR) * ((t + e) / (1 + e));
        }
    }

    /** u = μ·x + c, bounded by ±{@link #ZORRO_U_BOUND}. */
    private static float zorroU(float x, ZorroForm.Floats k) {
        return Math.min(Math.max(k.mu() * x + k.c(), -ZORRO_U_BOUND), ZORRO_U_BOUND);
    }

    /** E = e^(a·v − a·b), capped at {@link #ZORRO_CAP}. */
    private static float zorroE(float av, double ab) {
        return Math.min((float) Math.exp(av - ab), ZORRO_CAP);
    }

    /**
     * dx[i] = g[i]·f′(x[i]) for from ≤ i &lt; to, f as {@link #zorro}, and, when sums is not null, the
     * range's Σ g·∂f/∂(μ, aLeft, bLeft, aRight, bRight) in {@code sums[ZorroForm.D_MU …]} (the order of
     * {@link ZorroForm#derivatives}). With SIMD (a·b ≥ −40) in one vector loop that sums in float lanes
     * over segments of {@link #BLOCK} elements and the segments in double (as
     * {@link #softRootSignGradient}); otherwise per element, summed in double. dx may be x or g.
     */
    public static void zorroGradient(float[] x, float[] g, float[] dx, int from, int to, ZorroForm form, double[] sums) {
        ZorroForm.Floats k = form.floats();
        if (Simd.ENABLED && k.oneExp()) {
            VectorBlockMath.zorroGradient(x, g, dx, from, to, k, sums);
        } else {
            boolean summing = sums != null;
            if (summing) java.util.Arrays.fill(sums, 0, ZorroForm.PARTIALS, 0);
            for (int i = from; i < to; i++) {
                float u = zorroU(x[i], k), vL = Math.min(u, 0f), vR = Math.min(1 - u, 0f);
                float av = k.left().a() * vL + k.right().a() * vR, t = (float) Math.exp(av), e = zorroE(av, u < 0 ? k.left().ab() : k.right().ab());
                float s = 1 / (1 + e), kG = (t + e) * s, zPrime = av == 0 ? 1 : kG == 0 ? 0 : kG * (1 + av * s);
                dx[i] = g[i] * (k.slope() * zPrime);
                if (summing) {
                    float p = kG * s, q = e * (t - 1) * s * s, pv = p * (vL + vR);
                    double gi = g[i];
                    sums[ZorroForm.D_MU] += gi * (x[i] * zPrime);
                    sums[ZorroForm.D_A_LEFT] += gi * (vL * (pv + k.left().b() * q));
                    sums[ZorroForm.D_B_LEFT] += gi * (vL * q);
                    sums[ZorroForm.D_A_RIGHT] += gi * (vR * (pv + k.right().b() * q));
                    sums[ZorroForm.D_B_RIGHT] += gi * (vR * q);
                }
            }
        }
        if (sums != null) {
            sums[ZorroForm.D_MU] *= form.scale();
            sums[ZorroForm.D_A_LEFT] *= form.scale();
            sums[ZorroForm.D_B_LEFT] *= form.scale() * form.aLeft();
            sums[ZorroForm.D_A_RIGHT] *= -form.scale();
            sums[ZorroForm.D_B_RIGHT] *= -form.scale() * form.aRight();
        }
    }

    /**
     * Σ a[aAt + i]·b[i] for i &lt; n, the parameter-gradient sum of a float block (a is ∂L/∂y in
     * place, b the block's ∂f/∂θ). With SIMD the products are summed per lane in float over segments
     * of {@link #BLOCK} elements (at most 16 products per lane) and the segments' lanes in double, so
     * this is within about 1e-6 of the exact sum of magnitudes; without SIMD, in double
     * ({@link ReferencePointwise#dot}). Deterministic for a given n either way.
     */
    public static double dot(float[] a, int aAt, float[] b, int n) {
        return Simd.ENABLED ? VectorBlockMath.dot(a, aAt, b, n) : ReferencePointwise.dot(a, aAt, b, n);
    }

    /**
     * {Σ max(z, 0)^q, Σ |z|^q} over from ≤ i &lt; to, q = 2 ({@code squares}) or 1 (CAReLU's
     * competition sums), in double: with SIMD each float vector widened into two double vectors and
     * summed per lane, the lanes then added in lane order and the tail after them (a fixed order: the
     * same bits on every run; within a few double ulps of the index-order sum); without SIMD
     * {@link ReferencePointwise#positiveAndAllSums}.
     */
    public static double[] positiveAndAllSums(float[] z, int from, int to, boolean squares) {
        return Simd.ENABLED ? VectorBlockMath.positiveAndAllSums(z, from, to, squares) : ReferencePointwise.positiveAndAllSums(z, from, to, squares);
    }

    /**
     * Σ g[i]·max(σ·z[i], 0) over from ≤ i &lt; to in double (σ ∈ {−1, 0, 1}: CAReLU's ∂L/∂c up to its sign), as
     * {@link #positiveAndAllSums}.
     */
    public static double positivePartDot(float[] z, float[] g, int from, int to, double sign) {
        return Simd.ENABLED ? VectorBlockMath.positivePartDot(z, g, from, to, sign) : ReferencePointwise.positivePartDot(z, g, from, to, sign);
    }

    /** y = e^x − 1, relatively accurate near 0. */
    public static void expm1(double[] x, double[] y, int n) {
        if (Simd.ENABLED) VectorBlockMath.expm1(x, y, n);
        else for (int i = 0; i < n; i++) y[i] = Math.expm1(x[i]);
    }

    /** y = ln(1 + x), relatively accurate near 0. Needs y ≠ x. */
    public static void log1p(double[] x, double[] y, int n) {
        if (Simd.ENABLED) VectorBlockMath.log1p(x, y, n);
        else for (int i = 0; i < n; i++) y[i] = Math.log1p(x[i]);
    }

    /** y = tanh x. Needs y ≠ x. */
    public static void tanh(double[] x, double[] y, int n) {
        if (Simd.ENABLED) VectorBlockMath.tanh(x, y, n);
        else for (int i = 0; i < n; i++) y[i] = Math.tanh(x[i]);
    }

    /** y = σ(x) = 1/(1 + e^(−x)), in the two-branch stable form. Needs y ≠ x. */
    public static void sigmoid(double[] x, double[] y, int n) {
        if (Simd.ENABLED) VectorBlockMath.sigmoid(x, y, n);
        else for (int i = 0; i < n; i++) y[i] = ReferenceMath.sigmoid(x[i]);
    }

    /** y = ln(1 + e^x) = max(x, 0) + ln(1 + e^(−|x|)); tmp is scratch. Needs y ≠ x. */
    public static void softplus(double[] x, double[] y, double[] tmp, int n) {
        if (Simd.ENABLED) VectorBlockMath.softplus(x, y, tmp, n);
        else for (int i = 0; i < n; i++) y[i] = ReferenceMath.softplus(x[i]);
    }

    /** y = erf x, relatively accurate near 0; tmp is scratch. Needs y ≠ x. */
    public static void erf(double[] x, double[] y, double[] tmp, int n) {
        if (Simd.ENABLED) VectorBlockMath.erf(x, y, tmp, n);
        else for (int i = 0; i < n; i++) y[i] = ReferenceMath.erf(x[i]);
    }

    /** y = erfc x = 1 − erf x, relatively accurate in the right tail; tmp is scratch. Needs y ≠ x. */
    public static void erfc(double[] x, double[] y, double[] tmp, int n) {
        if (Simd.ENABLED) VectorBlockMath.erfc(x, y, tmp, n);
        else for (int i = 0; i < n; i++) y[i] = ReferenceMath.erfc(x[i]);
    }
}
