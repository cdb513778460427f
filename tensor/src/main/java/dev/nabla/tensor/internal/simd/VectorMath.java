package dev.nabla.tensor.internal.simd;

import dev.nabla.tensor.internal.BlockMath;
import dev.nabla.tensor.internal.ReferenceMath;
import dev.nabla.tensor.internal.ReferenceMath.ErfPiece;
import dev.nabla.tensor.internal.ZorroForm;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transcendental functions on double lanes, accurate to about 1e-10 relative (far below the
 * 6e-8 of a float ulp) for every input that comes from a float. They serve the F32 kernels:
 * widening a float to double first makes range reduction exact enough without hi/lo tricks and
 * keeps float overflow and subnormal results out of the special cases (2^k stays a normal double).
 * Not meant for F64 results.
 *
 * <p>Each function is a pass over arrays ({@code y[i] = f(x[i])} for i &lt; n, n a multiple of the
 * lane count; y may be x), and composite functions chain passes. Vectors never cross a method
 * boundary except into tiny helpers: C2 inlines a vector method only while its budget lasts, and
 * a vector method that is not inlined boxes every vector and runs ten times slower. Arrays cost a
 * few L1 loads and stores instead, and make the speed independent of JIT order.
 */
final class VectorMath {
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    private static final double LOG2E = 1.4426950408889634;
    /** ln 2 split so that k·LN2_HI is exact for |k| < 2^11 (fdlibm's constants). */
    private static final double LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
    private static final double LN2 = 0.6931471805599453;
    /** Adding and subtracting 1.5·2^52 rounds a double below 2^51 to the nearest integer. */
    private static final double ROUNDER = 0x1.8p52;
    /**
     * 2^k for integral k in [−1022, 1023] without a double→long conversion (whose intrinsic C2 can
     * lose once the method is inlined deep, running {@code convert0} per call): in
     * k + 2^52 + 1023 the low 52 bits are the integer k + 1023, which shifted left by 52 are 2^k's bits.
     */
    private static final double POW2_BIAS = 0x1p52 + 1023;
    /**
     * exp's argument is clamped to [−110, 90]: e^90 > Float.MAX_VALUE and e^−110 is below half the
     * smallest float subnormal, so the float results at and beyond the clamps (∞ and 0) are exact.
     */
    private static final double EXP_LO = -110, EXP_HI = 90;
    /** Past 20, tanh(x) = 1 − 2e−40·… rounds to 1 even in double. */
    private static final double TANH_SATURATION = 20;
    /** 1/k! for k = 10 … 2: e^r − 1 = r·(1 + r/2! + … + r^9/10!), truncation error < 1e−12 for |r| ≤ ln2/2. */
    private static final double[] EXPM1_TAYLOR = {1.0 / 3628800, 1.0 / 362880, 1.0 / 40320, 1.0 / 5040, 1.0 / 720,
        1.0 / 120, 1.0 / 24, 1.0 / 6, 1.0 / 2, 1};
    /** 1/(2k+1) for k = 6 … 0: ln m = 2·atanh(s) = 2s·(1 + s²/3 + … + s^12/13), error < 1e−13 for |s| ≤ 0.172. */
    private static final double[] ATANH_TAYLOR = {1.0 / 13, 1.0 / 11, 1.0 / 9, 1.0 / 7, 1.0 / 5, 1.0 / 3, 1};
    private static final long SIGN_BIT = 0x8000000000000000L;
    /** fdlibm's erf/erfc pieces (see ReferenceMath); the tail tables padded to equal length with zeros. */
    private static final double[] PP = ReferenceMath.erfCoefficients(ErfPiece.PP), QQ = ReferenceMath.erfCoefficients(ErfPiece.QQ),
            PA = ReferenceMath.erfCoefficients(ErfPiece.PA), QA = ReferenceMath.erfCoefficients(ErfPiece.QA),
            RA = ReferenceMath.erfCoefficients(ErfPiece.RA), SA = ReferenceMath.erfCoefficients(ErfPiece.SA),
            RB = Arrays.copyOf(ReferenceMath.erfCoefficients(ErfPiece.RB), RA.length),
            SB = Arrays.copyOf(ReferenceMath.erfCoefficients(ErfPiece.SB), SA.length);

    private VectorMath() {}

    /** y = e^x: x = k·ln2 + r with |r| ≤ ln2/2, e^x = 2^k·(1 + (e^r − 1)). */
    static void exp(double[] x, double[] y, int n) {
        expOrExpm1(x, y, n, false);
    }

    /** y = e^x − 1, relatively accurate near 0: 2^k·(e^r − 1) + (2^k − 1), exact for k = 0. */
    static void expm1(double[] x, double[] y, int n) {
        expOrExpm1(x, y, n, true);
    }

    private static void expOrExpm1(double[] x, double[] y, int n, boolean minusOne) {
        for (int i = 0; i < n; i += D.length()) {
            DoubleVector c = DoubleVector.fromArray(D, x, i).max(EXP_LO).min(EXP_HI); // NaN stays NaN
            DoubleVector k = c.mul(LOG2E).add(ROUNDER).sub(ROUNDER);
            DoubleVector r = c.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
            DoubleVector p = DoubleVector.broadcast(D, EXPM1_TAYLOR[0]); // e^r − 1 by Horner
            for (int j = 1; j < EXPM1_TAYLOR.length; j++) p = p.mul(r).add(EXPM1_TAYLOR[j]);
            p = p.mul(r);
            DoubleVector scale = k.add(POW2_BIAS).reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles(); // 2^k
            (minusOne ? scale.mul(p).add(scale.sub(1)) : scale.mul(p.add(1))).intoArray(y, i);
        }
    }

    /**
     * y = ln x for positive normal doubles (every float is one): x = 2^e·m with m in [√½, √2),
     * ln x = e·ln2 + 2·atanh((m−1)/(m+1)). ln 0 = −∞, ln(x < 0) = NaN, ln ∞ = ∞.
     */
    static void log(double[] x, double[] y, int n) {
        for (int i = 0; i < n; i += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, x, i);
            LongVector bits = v.reinterpretAsLongs();
            DoubleVector e = (DoubleVector) bits.lanewise(VectorOperators.LSHR, 52).sub(1023).convert(VectorOperators.L2D, 0);
            DoubleVector m = bits.and(0x000fffffffffffffL).or(0x3ff0000000000000L).reinterpretAsDoubles(); // [1, 2)
            VectorMask<Double> high = m.compare(VectorOperators.GT, Math.sqrt(2));
            m = m.blend(m.mul(0.5), high);
            e = e.blend(e.add(1), high);
            DoubleVector f = m.sub(1);
            DoubleVector s = f.div(f.add(2));
            DoubleVector s2 = s.mul(s);
            DoubleVector p = DoubleVector.broadcast(D, ATANH_TAYLOR[0]);
            for (int j = 1; j < ATANH_TAYLOR.length; j++) p = p.mul(s2).add(ATANH_TAYLOR[j]);
            DoubleVector r = e.mul(LN2).add(s.mul(2).mul(p));
            r = r.blend(Double.NEGATIVE_INFINITY, v.compare(VectorOperators.EQ, 0));
            r = r.blend(Double.POSITIVE_INFINITY, v.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
            r.blend(Double.NaN, v.compare(VectorOperators.LT, 0).or(v.test(VectorOperators.IS_NAN))).intoArray(y, i);
        }
    }

    /**
     * y = ln(1 + x), relatively accurate for tiny x: with u = 1 + x rounded, ln(1+x) = ln(u)·x/(u−1)
     * corrects the rounding of u to first order (Goldberg's trick); x itself where u = 1. Needs y ≠ x.
     */
    static void log1p(double[] x, double[] y, int n) {
        for (int i = 0; i < n; i += D.length()) DoubleVector.fromArray(D, x, i).add(1).intoArray(y, i);
        log(y, y, n);
        for (int i = 0; i < n; i += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, x, i), d = v.add(1).sub(1);
            DoubleVector r = DoubleVector.fromArray(D, y, i).mul(v.div(d)).blend(v, d.compare(VectorOperators.EQ, 0));
            r.blend(Double.POSITIVE_INFINITY, v.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY)).intoArray(y, i);
        }
    }

    /** y = tanh x = sign(x)·m/(m + 2) with m = e^(2|x|) − 1: no cancellation near 0, saturates past 20. Needs y ≠ x. */
    static void tanh(double[] x, double[] y, int n) {
        for (int i = 0; i < n; i += D.length()) {
            DoubleVector.fromArray(D, x, i).abs().min(TANH_SATURATION).mul(2).intoArray(y, i);
        }
        expm1(y, y, n);
        for (int i = 0; i < n; i += D.length()) {
            DoubleVector m = DoubleVector.fromArray(D, y, i);
            copySign(m.div(m.add(2)), DoubleVector.fromArray(D, x, i)).intoArray(y, i);
        }
    }

    /** y = σ(x) with e = e^(−|x|) ≤ 1: 1/(1 + e) for x ≥ 0, e/(1 + e) for x < 0 (as ReferenceMath.sigmoid). Needs y ≠ x. */
    static void sigmoid(double[] x, double[] y, int n) {
        expOfMinusAbs(x, y, n);
        for (int i = 0; i < n; i += D.length()) {
            DoubleVector e = DoubleVector.fromArray(D, y, i), onePlus = e.add(1);
            DoubleVector.broadcast(D, 1).div(onePlus).blend(e.div(onePlus), DoubleVector.fromArray(D, x, i).compare(VectorOperators.LT, 0))
                    .intoArray(y, i);
        }
    }

    /** y = softplus(x) = max(x, 0) + ln(1 + e^(−|x|)); tmp is scratch. */
    static void softplus(double[] x, double[] y, double[] tmp, int n) {
        expOfMinusAbs(x, tmp, n);
        log1p(tmp, y, n);
        for (int i = 0; i < n; i += D.length()) {
            DoubleVector.fromArray(D, x, i).max(0).add(DoubleVector.fromArray(D, y, i)).intoArray(y, i);
        }
    }

    private static void expOfMinusAbs(double[] x, double[] y, int n) {
        for (int i = 0; i < n; i += D.length()) DoubleVector.fromArray(D, x, i).abs().neg().intoArray(y, i);
        exp(y, y, n);
    }

    /** y = 1/√x, rounded twice as in the reference (√ then ÷). */
    static void rsqrt(double[] x, double[] y, int n) {
        for (int i = 0; i < n; i += D.length()) {
            DoubleVector.broadcast(D, 1).div(DoubleVector.fromArray(D, x, i).sqrt()).intoArray(y, i);
        }
    }

    /**
     * y = erf x for x from a float, with fdlibm's pieces: x + x·P/Q below 0.84375, ±(erx + P/Q)
     * below 1.25, ±(1 − erfc|x|) beyond (see {@link #erfcTail}), chosen per lane. tmp is scratch.
     */
    static void erf(double[] x, double[] y, double[] tmp, int n) {
        erfPieces(x, y, tmp, n, false);
    }

    /** y = erfc x = 1 − erf x for x from a float, relatively accurate in the right tail: the pieces of {@link #erf}. */
    static void erfc(double[] x, double[] y, double[] tmp, int n) {
        erfPieces(x, y, tmp, n, true);
    }

    private static void erfPieces(double[] x, double[] y, double[] tmp, int n, boolean complement) {
        erfcTail(x, tmp, n);
        // |x| < 0.84375: erf = x + x·P(x²)/Q(x²); |x| ≥ 1.25: erf = ±(1 − erfc|x|), erfc(−a) = 2 − erfc(a)
        for (int i = 0; i < n; i += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, x, i), z = v.mul(v), one = DoubleVector.broadcast(D, 1);
            DoubleVector num = DoubleVector.broadcast(D, PP[PP.length - 1]), den = DoubleVector.broadcast(D, QQ[QQ.length - 1]);
            for (int j = PP.length - 2; j >= 0; j--) num = num.mul(z).add(PP[j]);
            for (int j = QQ.length - 2; j >= 0; j--) den = den.mul(z).add(QQ[j]);
            DoubleVector small = v.add(v.mul(num.div(den))), tail = DoubleVector.fromArray(D, tmp, i);
            VectorMask<Double> isSmall = v.abs().compare(VectorOperators.LT, 0.84375);
            DoubleVector r = complement
                    ? tail.blend(DoubleVector.broadcast(D, 2).sub(tail), v.compare(VectorOperators.LT, 0)).blend(one.sub(small), isSmall)
                    : copySign(one.sub(tail), v).blend(small, isSmall);
            r.intoArray(y, i);
        }
        // 0.84375 ≤ |x| < 1.25: erf = ±(erx + p), p = P(|x| − 1)/Q(|x| − 1); erfc = (1 − erx) − p or 1 + (erx + p)
        for (int i = 0; i < n; i += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, x, i), ax = v.abs(), s = ax.sub(1);
            DoubleVector num = DoubleVector.broadcast(D, PA[PA.length - 1]), den = DoubleVector.broadcast(D, QA[QA.length - 1]);
            for (int j = PA.length - 2; j >= 0; j--) num = num.mul(s).add(PA[j]);
            for (int j = QA.length - 2; j >= 0; j--) den = den.mul(s).add(QA[j]);
            DoubleVector p = num.div(den);
            DoubleVector r = complement
                    ? DoubleVector.broadcast(D, 1 - ReferenceMath.ERX).sub(p).blend(p.add(ReferenceMath.ERX).add(1), v.compare(VectorOperators.LT, 0))
                    : copySign(p.add(ReferenceMath.ERX), v);
            VectorMask<Double> aroundOne = ax.compare(VectorOperators.LT, 1.25).andNot(ax.compare(VectorOperators.LT, 0.84375));
            DoubleVector.fromArray(D, y, i).blend(r, aroundOne).intoArray(y, i);
        }
    }

    /**
     * y = erfc(a), a = |x|, for a ≥ 1.25 (other lanes get values nobody uses):
     * e^(−a² − 0.5625 + R(1/a²)/S(1/a²))/a, with fdlibm's (RA, SA) below 1/0.35 and (RB, SB) above,
     * chosen per lane. a² is exact in double because a is a float, so no hi/lo split is needed;
     * beyond a ≈ 10.5 exp's clamp gives results far below float's range.
     */
    private static void erfcTail(double[] x, double[] y, int n) {
        for (int i = 0; i < n; i += D.length()) {
            DoubleVector a = DoubleVector.fromArray(D, x, i).abs();
            DoubleVector s = DoubleVector.broadcast(D, 1).div(a.mul(a));
            VectorMask<Double> inner = a.compare(VectorOperators.LT, 1 / 0.35);
            DoubleVector r = DoubleVector.zero(D), q = DoubleVector.zero(D);
            for (int j = SA.length - 1; j >= 0; j--) {
                q = q.mul(s).add(DoubleVector.broadcast(D, SB[j]).blend(SA[j], inner));
                if (j < RA.length) r = r.mul(s).add(DoubleVector.broadcast(D, RB[j]).blend(RA[j], inner));
            }
            a.mul(a).neg().sub(0.5625).add(r.div(q)).intoArray(y, i);
        }
        exp(y, y, n);
        for (int i = 0; i < n; i += D.length()) {
            DoubleVector.fromArray(D, y, i).div(DoubleVector.fromArray(D, x, i).abs()).intoArray(y, i);
        }
    }

    /*
     * Float lanes, for the fused F32 kernels, where widening to double would cost more than the
     * function (see docs/decisions/0003-activations.md): exp, log1p, expm1, erf and erfc.
     */
    static final VectorSpecies<Float> F = Lanes.F32;
    private static final VectorSpecies<Integer> I = F.withLanes(int.class);
    /** Every lane of a float vector. */
    private static final VectorMask<Float> ALL_LANES = F.maskAll(true);

    /**
     * The lanes of the float vector at index i that lie below {@code to}: all of them but in the
     * last vector. It tests for a whole vector first: JDK 17's indexInRange converts the count to
     * float with vcvtsi2ss, which keeps a false dependency on its destination register, and where
     * C2 had given that register to the loop's last result each iteration waited for the one
     * before (Zorro's forward took 2.05 instead of 0.70 ns per element in cache, its gradient 2.4
     * instead of 0.84).
     */
    private static VectorMask<Float> lanes(int i, int to) {
        return to - i >= F.length() ? ALL_LANES : F.indexInRange(i, to);
    }
    /** ln 2 split for float (Cephes): k·LN2_HI_F is exact for |k| < 2^15. */
    private static final float LN2_HI_F = 0.693359375f, LN2_LO_F = -2.12194440e-4f;
    private static final float LOG2E_F = 1.44269504088896341f;
    /** Adding and subtracting 1.5·2^23 rounds a float below 2^22 to the nearest integer. */
    private static final float ROUNDER_F = 0x1.8p23f;
    /** 2^j from j + 2^23 + 127 as in {@link #POW2_BIAS}, for integral j in [−126, 127]. */
    private static final float POW2_BIAS_F = 0x1p23f + 127;
    /**
     * e^x's argument clamp in float: e^89 > Float.MAX_VALUE (∞ after rounding) and e^−104 is below half
     * the smallest subnormal (0 after rounding), so the clamped results are the correctly rounded ones.
     */
    private static final float EXP_LO_F = -104, EXP_HI_F = 89;
    /** Cephes expf: e^r ≈ 1 + r + r²·(P0 + P1·r + … + P5·r⁵) for |r| ≤ ln2/2. */
    private static final float EXPF_P0 = 5.0000001201e-1f, EXPF_P1 = 1.6666665459e-1f, EXPF_P2 = 4.1665795894e-2f,
            EXPF_P3 = 8.3334519073e-3f, EXPF_P4 = 1.3981999507e-3f, EXPF_P5 = 1.9875691500e-4f;

    /**
     * y = e^x in float lanes, within 2 float ulps of the correctly rounded value over the whole float
     * range, subnormal results included: x = k·ln2 + r (Cody–Waite), e^r by Cephes's
     * polynomial, times 2^⌊k/2⌉·2^(k − ⌊k/2⌉) so that neither factor leaves the normal range (k runs
     * from −150 to 128). NaN stays NaN. y may be x.
     */
    static void exp(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i += F.length()) exp(FloatVector.fromArray(F, x, i)).intoArray(y, i);
    }

    /**
     * e^c lane by lane: the body of {@link #exp(float[], float[], int)}, for erfOfNonNegative too.
     * Its reduction and polynomial are written out again in {@link #expTimes2To64}: as one helper
     * that both call, C2 stopped inlining it inside erfOfNonNegative's loop
     * (NodeCountInliningCutoff), and Serf's forward took 41-54 instead of 28-37 ms on 16M elements
     * (probe, JDK 25).
     */
    private static FloatVector exp(FloatVector c) {
        c = c.blend(EXP_LO_F, c.compare(VectorOperators.LT, EXP_LO_F)); // compare and blend: cheaper than Java's max/min, NaN stays
        c = c.blend(EXP_HI_F, c.compare(VectorOperators.GT, EXP_HI_F));
        FloatVector k = c.fma(LOG2E_F, ROUNDER_F).sub(ROUNDER_F);
        FloatVector r = k.fma(FloatVector.broadcast(F, -LN2_LO_F), k.fma(FloatVector.broadcast(F, -LN2_HI_F), c)); // k·LN2_HI_F is exact
        FloatVector p = r.fma(EXPF_P5, EXPF_P4).fma(r, FloatVector.broadcast(F, EXPF_P3)).fma(r, FloatVector.broadcast(F, EXPF_P2))
                .fma(r, FloatVector.broadcast(F, EXPF_P1)).fma(r, FloatVector.broadcast(F, EXPF_P0)).fma(r.mul(r), r).add(1f);
        FloatVector half = k.mul(0.5f).add(ROUNDER_F).sub(ROUNDER_F);
        FloatVector s1 = half.add(POW2_BIAS_F).reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = k.sub(half).add(POW2_BIAS_F).reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    /**
     * e^c for c ≤ 0 (or NaN), as {@link #exp(FloatVector)} without its upper clamp: the one-loop
     * kernels' arguments −|z| (Swish, SRS, sigmoid, ELU, softplus) are never positive, and two fewer
     * operations per lane took SRS's backward from 8.5 to 7.9 ms per 8M elements (scratch, JDK 25).
     * The product with 2^−64 is the only one that rounds, so a subnormal result is rounded once, as
     * with exp's two factors. Within 1 ulp of e^c over [−104, 0] (measured at every 64th float).
     */
    private static FloatVector expOfNonPositive(FloatVector c) {
        return expTimes2To64(c.blend(EXP_LO_F, c.compare(VectorOperators.LT, EXP_LO_F))).mul(0x1p-64f);
    }

    /**
     * e^c·2^64 for c in [{@link #EXP_LO_F}, 0] or NaN, for a caller that bounds c itself and applies
     * the 2^−64 ({@link #expOfNonPositive}; Zorro's loops fold it into their constants): the
     * reduction and polynomial of {@link #exp(FloatVector)}, and one factor for 2^k instead of two.
     * Here k = round(c·log2 e) runs from −150 to 0, so 2^(k + 64) is a normal float, built by one
     * shift (its exponent field k + 64 + 127 sits in the low bits of k + 64 + 127 + 2^23), and so is
     * e^c·2^64 = e^r·2^(k + 64). Six operations per lane fewer than exp's two factors: Zorro's
     * forward took 5.3 instead of 6.5 ms per 8M elements in cache (scratch timing, JDK 25).
     */
    private static FloatVector expTimes2To64(FloatVector c) {
        FloatVector k = c.fma(LOG2E_F, ROUNDER_F).sub(ROUNDER_F);
        FloatVector r = k.fma(FloatVector.broadcast(F, -LN2_LO_F), k.fma(FloatVector.broadcast(F, -LN2_HI_F), c));
        FloatVector p = r.fma(EXPF_P5, EXPF_P4).fma(r, FloatVector.broadcast(F, EXPF_P3)).fma(r, FloatVector.broadcast(F, EXPF_P2))
                .fma(r, FloatVector.broadcast(F, EXPF_P1)).fma(r, FloatVector.broadcast(F, EXPF_P0)).fma(r.mul(r), r).add(1f);
        return p.mul(k.add(POW2_BIAS_F + 64).reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
    }

    /*
     * Swish (SiLU at β = 1) as one loop over whole arrays, for the fused activation kernels that run
     * in place (PointwiseFunction.FloatInPlace): with z = βx and e = e^(−|z|) from the float exp
     * above, σ(z) = 1/(1 + e) for z ≥ 0 and e/(1 + e) below (a blend, no cancellation on either
     * side), and
     *   y  = x·σ(z)
     *   y′ = σ(z) + z·σ(z)(1 − σ(z)) = σ(z) + z·e/(1 + e)²     (z clamped to ±128: the second term
     *                                                            is 0 there, and z may be ±∞)
     * Reading x (and ∂L/∂y) once and writing once, the exp hides under the memory traffic: SiLU's
     * forward + backward on 16M elements took 12.8 ms this way against 29 ms through the float
     * blocks (scratch timing, JDK 25). The last, partial vector is masked, so that every element
     * gets the same arithmetic wherever it sits.
     */

    /** y[i] = x[i]·σ(β·x[i]) for from ≤ i &lt; to; y may be x. */
    static void swish(float[] x, float[] y, int from, int to, float beta) {
        int i = from;
        for (int whole = from + F.loopBound(to - from); i < whole; i += F.length()) {
            swish(FloatVector.fromArray(F, x, i), beta).intoArray(y, i);
        }
        if (i < to) {
            VectorMask<Float> m = lanes(i, to);
            swish(FloatVector.fromArray(F, x, i, m), beta).intoArray(y, i, m);
        }
    }

    /** dx[i] = g[i]·y′(x[i]) for from ≤ i &lt; to, y′ = ∂(x·σ(βx))/∂x; dx may be x or g. */
    static void swishGradient(float[] x, float[] g, float[] dx, int from, int to, float beta) {
        int i = from;
        for (int whole = from + F.loopBound(to - from); i < whole; i += F.length()) {
            swishSlope(FloatVector.fromArray(F, x, i), beta).mul(FloatVector.fromArray(F, g, i)).intoArray(dx, i);
        }
        if (i < to) {
            VectorMask<Float> m = lanes(i, to);
            swishSlope(FloatVector.fromArray(F, x, i, m), beta).mul(FloatVector.fromArray(F, g, i, m)).intoArray(dx, i, m);
        }
    }

    private static FloatVector swish(FloatVector x, float beta) {
        FloatVector z = x.mul(beta), e = expOfNonPositive(z.abs().neg());
        return x.mul(e.blend(1f, z.compare(VectorOperators.GE, 0f)).div(e.add(1f)));
    }

    private static FloatVector swishSlope(FloatVector x, float beta) {
        FloatVector z = x.mul(beta), e = expOfNonPositive(z.abs().neg()), inverse = FloatVector.broadcast(F, 1f).div(e.add(1f));
        FloatVector sigma = e.blend(1f, z.compare(VectorOperators.GE, 0f)).mul(inverse);
        return sigma.add(z.max(-128f).min(128f).mul(e.mul(inverse).mul(inverse)));
    }

    /*
     * GELU f = x·Φ(x) and its slope f′ = Φ(x) + x·φ(x) as one loop, as Swish above. The float erfc
     * pass below is accurate to 2 ulps but evaluates four rational pieces per lane, too big to
     * inline into a loop like this one; here Φ comes from Numerical Recipes' one-piece erfc
     * (Press et al., "erfcc", fractional error below 1.2e-7 for every argument):
     *   erfc(a) = t·e^(−a² + P(t)),  t = 1/(1 + a/2),  a = |x|/√2,  P(t) = Σ cₖ·tᵏ (degree 9)
     *   Φ(x)    = ½·erfc(a) for x ≤ 0,  1 − ½·erfc(a) for x > 0
     *   φ(x)    = e^(−x²/2)/√(2π)
     * −a² = −x²/2 is split exactly, from x (not from the rounded a): x = xh + (x − xh) with xh of 12
     * significant bits, so −x²/2 = −xh²/2 − (x − xh)(x + xh)/2 with the first part exact, which
     * enters exp's Cody–Waite reduction as an exact part and a small one (as in erfc below). x is
     * clamped to ±15 first, where Φ is 0 or 1 and φ is 0 in float, so x² stays finite. Measured:
     * values within 8 ulps of ReferenceMath.gelu where they are normal floats, slopes within 2e-7
     * absolute (BlockMathParityTest). The exp is written out (no vector helper, see the note below
     * the Swish kernels): with it as a helper C2 did not inline, the backward took 31-49 ms instead
     * of 15 on 16M elements (scratch timing, JDK 25).
     */
    /** Numerical Recipes' erfcc coefficients c₀ … c₉. */
    private static final float ERFCC_0 = -1.26551223f, ERFCC_1 = 1.00002368f, ERFCC_2 = 0.37409196f, ERFCC_3 = 0.09678418f,
            ERFCC_4 = -0.18628806f, ERFCC_5 = 0.27886807f, ERFCC_6 = -1.13520398f, ERFCC_7 = 1.48851587f, ERFCC_8 = -0.82215223f,
            ERFCC_9 = 0.17087277f;
    private static final float GELU_CLAMP = 15, SQRT_HALF_F = (float) ReferenceMath.SQRT_HALF, INV_SQRT_2PI_F = (float) ReferenceMath.INV_SQRT_2PI;
    /** Keeps 12 significant bits of a float: its square is exact. */
    private static final int GELU_SPLIT_MASK = 0xfffff000;

    /** Numerical Recipes' erfcc exponent polynomial P(t) = c₀ + c₁·t + … + c₉·t⁹, lane by lane (Horner). */
    private static FloatVector erfccExponent(FloatVector t) {
        return t.fma(ERFCC_9, ERFCC_8).fma(t, FloatVector.broadcast(F, ERFCC_7)).fma(t, FloatVector.broadcast(F, ERFCC_6))
                .fma(t, FloatVector.broadcast(F, ERFCC_5)).fma(t, FloatVector.broadcast(F, ERFCC_4)).fma(t, FloatVector.broadcast(F, ERFCC_3))
                .fma(t, FloatVector.broadcast(F, ERFCC_2)).fma(t, FloatVector.broadcast(F, ERFCC_1)).fma(t, FloatVector.broadcast(F, ERFCC_0));
    }

    /**
     * out[i] = x·Φ(x) (derivative false) or g[i]·(Φ(x) + x·φ(x)) (derivative true; g = 1 where g is
     * null) at x = x[i], for from ≤ i &lt; to; out may be x or g.
     */
    static void gelu(float[] x, float[] g, float[] out, int from, int to, boolean derivative) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int i = from; i < to; i += F.length()) {
            VectorMask<Float> m = lanes(i, to); // all lanes but in the last vector
            FloatVector v = FloatVector.fromArray(F, x, i, m), c = v.max(-GELU_CLAMP).min(GELU_CLAMP);
            FloatVector ch = c.reinterpretAsInts().and(GELU_SPLIT_MASK).reinterpretAsFloats();
            FloatVector exact = ch.mul(ch).mul(-0.5f), small = c.sub(ch).mul(c.add(ch)).mul(-0.5f); // −x²/2
            FloatVector t = one.div(c.abs().mul(SQRT_HALF_F).mul(0.5f).add(1f));
            FloatVector p = erfccExponent(t);
            // e^(exact + small + P) by Cody–Waite (exact − k·LN2_HI_F is exact) and Cephes's polynomial
            FloatVector tailB = small.add(p), k = exact.add(tailB).mul(LOG2E_F).add(ROUNDER_F).sub(ROUNDER_F);
            FloatVector r = exact.sub(k.mul(LN2_HI_F)).add(tailB.sub(k.mul(LN2_LO_F)));
            FloatVector e = r.fma(EXPF_P5, EXPF_P4).fma(r, FloatVector.broadcast(F, EXPF_P3)).fma(r, FloatVector.broadcast(F, EXPF_P2))
                    .fma(r, FloatVector.broadcast(F, EXPF_P1)).fma(r, FloatVector.broadcast(F, EXPF_P0)).mul(r.mul(r)).add(r).add(1);
            FloatVector half = k.mul(0.5f).add(ROUNDER_F).sub(ROUNDER_F); // k in [−166, 1]: 2^k as two normal factors
            e = e.mul(half.add(POW2_BIAS_F).reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(k.sub(half).add(POW2_BIAS_F).reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            FloatVector halfErfc = t.mul(e).mul(0.5f), cdf = halfErfc.blend(one.sub(halfErfc), v.compare(VectorOperators.GT, 0f));
            if (!derivative) {
                v.mul(cdf).intoArray(out, i, m);
                continue;
            }
            // φ: e^(exact + small), the same reduction
            FloatVector kg = exact.add(small).mul(LOG2E_F).add(ROUNDER_F).sub(ROUNDER_F);
            FloatVector rg = exact.sub(kg.mul(LN2_HI_F)).add(small.sub(kg.mul(LN2_LO_F)));
            FloatVector gauss = rg.fma(EXPF_P5, EXPF_P4).fma(rg, FloatVector.broadcast(F, EXPF_P3)).fma(rg, FloatVector.broadcast(F, EXPF_P2))
                    .fma(rg, FloatVector.broadcast(F, EXPF_P1)).fma(rg, FloatVector.broadcast(F, EXPF_P0)).mul(rg.mul(rg)).add(rg).add(1);
            FloatVector halfG = kg.mul(0.5f).add(ROUNDER_F).sub(ROUNDER_F);
            gauss = gauss.mul(halfG.add(POW2_BIAS_F).reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(kg.sub(halfG).add(POW2_BIAS_F).reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            FloatVector slope = cdf.add(c.mul(gauss).mul(INV_SQRT_2PI_F));
            (g == null ? slope : slope.mul(FloatVector.fromArray(F, g, i, m))).intoArray(out, i, m);
        }
    }

    /*
     * Soft-Root-Sign f = x/(x/α + e^(−x/β)) as one loop per direction, as Swish above. With
     * t = e^(−|x|/β) ≤ 1 the two stable cases of ReferenceMath.softRootSign are picked per lane
     * (x > 0: num = 1, den = x/α + t; otherwise num = t, den = 1 + x·t/α), and
     *   f      = x·num/den                    f′     = (t + x·t/β)/den²
     *   ∂f/∂α  = (f/α)²                       ∂f/∂β  = −(x·t)·(x/den²)/β²
     * (f′ and ∂f/∂β multiply x by t ≤ 1 first, so that they stay finite, 0, where (x + β)/β or x²
     * would overflow a float; |x·t| ≤ β/e, and x/den² ≤ α²/x for x > 0). The gradient loop also sums
     * g·∂f/∂α and g·(x·t)·(x/den²) per lane
     * in float over segments of BlockMath.BLOCK elements (at most 16 products per lane, as dot),
     * widens each segment's lanes into double lanes, and at the end adds those (low and high halves
     * added) in lane order, −1/β² applied to the second sum: SRS's backward on 16M elements took
     * 10.1 ms this way against 23.4 through float blocks (scratch timing, JDK 25). Adding each
     * segment's float lanes one by one in double instead took 13.1 ms.
     */

    /** y[i] = SRS(x[i]; α, β) for from ≤ i &lt; to; y may be x. */
    static void softRootSign(float[] x, float[] y, int from, int to, double alpha, double beta) {
        float invAlpha = (float) (1 / alpha), invBeta = (float) (1 / beta);
        int i = from;
        for (int whole = from + F.loopBound(to - from); i < whole; i += F.length()) {
            softRootSign(FloatVector.fromArray(F, x, i), invAlpha, invBeta).intoArray(y, i);
        }
        if (i < to) {
            VectorMask<Float> m = lanes(i, to);
            softRootSign(FloatVector.fromArray(F, x, i, m), invAlpha, invBeta).intoArray(y, i, m);
        }
    }

    private static FloatVector softRootSign(FloatVector x, float invAlpha, float invBeta) {
        FloatVector t = expOfNonPositive(x.abs().mul(-invBeta));
        VectorMask<Float> positive = x.compare(VectorOperators.GT, 0f);
        FloatVector xNum = x.mul(t.blend(1f, positive));
        return xNum.div(xNum.fma(FloatVector.broadcast(F, invAlpha), FloatVector.broadcast(F, 1f).blend(t, positive)));
    }

    /**
     * dx[i] = g[i]·f′(x[i]) for from ≤ i &lt; to and, when sums is not null, sums[0] = Σ g·∂f/∂α and
     * sums[1] = Σ g·∂f/∂β over the range; dx may be x or g.
     */
    static void softRootSignGradient(float[] x, float[] g, float[] dx, int from, int to, double alpha, double beta, double[] sums) {
        float invAlpha = (float) (1 / alpha), invBeta = (float) (1 / beta);
        boolean summing = sums != null;
        // each segment's float lanes, widened, are added to double lanes: low and high halves
        // (the preferred float and double species have the same shape, so a float vector is two double vectors)
        DoubleVector alphaLow = DoubleVector.zero(D), alphaHigh = DoubleVector.zero(D), betaLow = DoubleVector.zero(D), betaHigh = DoubleVector.zero(D);
        for (int segment = from; segment < to; segment += BlockMath.BLOCK) {
            int end = Math.min(segment + BlockMath.BLOCK, to);
            FloatVector alphaTerms = FloatVector.zero(F), betaTerms = FloatVector.zero(F);
            for (int i = segment; i < end; i += F.length()) {
                VectorMask<Float> m = lanes(i, end); // all lanes but in the last vector
                FloatVector v = FloatVector.fromArray(F, x, i, m), gv = FloatVector.fromArray(F, g, i, m);
                FloatVector t = expOfNonPositive(v.abs().mul(-invBeta));
                VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
                FloatVector xNum = v.mul(t.blend(1f, positive));
                FloatVector one = FloatVector.broadcast(F, 1f), inv = one.div(xNum.fma(FloatVector.broadcast(F, invAlpha), one.blend(t, positive)));
                FloatVector tx = t.mul(v), overDenSquared = inv.mul(inv); // t first: x·t = 0 for huge x
                tx.fma(FloatVector.broadcast(F, invBeta), t).mul(overDenSquared).mul(gv).intoArray(dx, i, m); // (t + t·x/β)/den², times g
                if (summing) { // f² and (x·t)·(x/den²); the factors 1/α² and −1/β² come at the end (masked lanes: g = 0)
                    FloatVector f = xNum.mul(inv);
                    alphaTerms = f.mul(f).fma(gv, alphaTerms);
                    betaTerms = tx.fma(v.mul(overDenSquared).mul(gv), betaTerms); // x·t ≤ β/e and x/den² ≤ α²/x for x > 0: x²·t or x² could overflow
                }
            }
            if (summing) {
                alphaLow = alphaLow.add((DoubleVector) alphaTerms.convertShape(VectorOperators.F2D, D, 0));
                alphaHigh = alphaHigh.add((DoubleVector) alphaTerms.convertShape(VectorOperators.F2D, D, 1));
                betaLow = betaLow.add((DoubleVector) betaTerms.convertShape(VectorOperators.F2D, D, 0));
                betaHigh = betaHigh.add((DoubleVector) betaTerms.convertShape(VectorOperators.F2D, D, 1));
            }
        }
        if (summing) { // no vector crosses a call here: a helper that C2 left out would box them (2.3 ms more)
            double[] lanes = new double[D.length()];
            alphaLow.add(alphaHigh).intoArray(lanes, 0);
            sums[0] = sumInOrder(lanes) * invAlpha * invAlpha;
            betaLow.add(betaHigh).intoArray(lanes, 0);
            sums[1] = -sumInOrder(lanes) * invBeta * invBeta;
        }
    }

    /*
     * The logistic sigmoid and tanh as one loop per direction, as Swish above, with e = e^(−|z|):
     *   σ(x)    = 1/(1 + e) for x ≥ 0, e/(1 + e) below            (z = x)
     *   tanh x  = sign(x)·(−m)/(2 + m),  m = e^(−2|x|) − 1        (expm1: relative near 0)
     *   a·σ′(c·x) = a·e/(1 + e)²                                    (z = c·x: σ′ with (1, 1), tanh′ = 4·σ′(2x))
     */

    /** y[i] = σ(x[i]) for from ≤ i &lt; to; y may be x. */
    static void sigmoid(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i += F.length()) {
            VectorMask<Float> m = lanes(i, to);
            FloatVector v = FloatVector.fromArray(F, x, i, m), e = expOfNonPositive(v.abs().neg());
            e.blend(1f, v.compare(VectorOperators.GE, 0f)).div(e.add(1f)).intoArray(y, i, m);
        }
    }

    /** y[i] = tanh x[i] for from ≤ i &lt; to; y may be x. */
    static void tanh(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i += F.length()) {
            VectorMask<Float> m = lanes(i, to);
            FloatVector v = FloatVector.fromArray(F, x, i, m), e = expm1(v.abs().mul(-2f));
            FloatVector magnitude = e.neg().div(e.add(2f)); // ≥ 0: x's sign bit goes on (−0 stays −0)
            magnitude.reinterpretAsInts().or(v.reinterpretAsInts().and(SIGN_BIT_F)).reinterpretAsFloats().intoArray(y, i, m);
        }
    }

    /** dx[i] = g[i]·a·σ′(c·x[i]) for from ≤ i &lt; to; dx may be x or g. */
    static void logisticGradient(float[] x, float[] g, float[] dx, int from, int to, float a, float c) {
        for (int i = from; i < to; i += F.length()) {
            VectorMask<Float> m = lanes(i, to);
            FloatVector v = FloatVector.fromArray(F, x, i, m), e = expOfNonPositive(v.abs().mul(-c)), onePlus = e.add(1f);
            e.mul(a).div(onePlus.mul(onePlus)).mul(FloatVector.fromArray(F, g, i, m)).intoArray(dx, i, m);
        }
    }

    /*
     * PyTorch's Softplus(β, threshold), its gradient as one loop and its value as two (see softplus),
     * as Swish above: with z = βx, the
     * softplus branch at zc = min(z, threshold) (finite even where βx overflows) and e = e^(−|zc|),
     *   f  = x where z > threshold, else (max(zc, 0) + log1p(e))/β
     *   f′ = 1 where z > threshold, else σ(zc) = (1 or e)/(1 + e)
     * with the float exp and log1p above (a few ulps each).
     */

    /**
     * y[i] = softplus(x[i]; β, threshold) for from ≤ i &lt; to; y may be x. Two loops over the range, e
     * into y, then f from x and y, each its own method: with the exp and the log1p in one loop (or two
     * loops in one method) C2 stopped inlining (NodeCountInliningCutoff) and boxed the log1p's
     * vectors, 26 ms on 16M elements against 12 this way (19 through float blocks). The range (a
     * chunk, 64 KB) stays in cache between the two.
     */
    static void softplus(float[] x, float[] y, int from, int to, float beta, float threshold) {
        softplusExp(x, y, from, to, beta, threshold);
        softplusFromExp(x, y, from, to, beta, threshold);
    }

    /** y[i] = e^(−|min(β·x[i], threshold)|). */
    private static void softplusExp(float[] x, float[] y, int from, int to, float beta, float threshold) {
        for (int i = from; i < to; i += F.length()) {
            VectorMask<Float> m = lanes(i, to);
            FloatVector z = FloatVector.fromArray(F, x, i, m).mul(beta);
            expOfNonPositive(z.blend(threshold, z.compare(VectorOperators.GT, threshold)).abs().neg()).intoArray(y, i, m);
        }
    }

    /** y[i] = x where βx &gt; threshold, else (max(zc, 0) + log1p(y[i]))/β, with y[i] = e from {@link #softplusExp}. */
    private static void softplusFromExp(float[] x, float[] y, int from, int to, float beta, float threshold) {
        float invBeta = 1 / beta;
        for (int i = from; i < to; i += F.length()) {
            VectorMask<Float> m = lanes(i, to);
            FloatVector v = FloatVector.fromArray(F, x, i, m), z = v.mul(beta);
            VectorMask<Float> linear = z.compare(VectorOperators.GT, threshold);
            FloatVector zc = z.blend(threshold, linear), e = FloatVector.fromArray(F, y, i, m);
            FloatVector sp = FloatVector.zero(F).blend(zc, zc.compare(VectorOperators.GT, 0f)).add(log1pOfFinite(e));
            sp.mul(invBeta).blend(v, linear).intoArray(y, i, m);
        }
    }

    /** dx[i] = g[i]·softplus′(x[i]; β, threshold) for from ≤ i &lt; to; dx may be x or g. */
    static void softplusGradient(float[] x, float[] g, float[] dx, int from, int to, float beta, float threshold) {
        for (int i = from; i < to; i += F.length()) {
            VectorMask<Float> m = lanes(i, to);
            FloatVector z = FloatVector.fromArray(F, x, i, m).mul(beta);
            VectorMask<Float> linear = z.compare(VectorOperators.GT, threshold);
            FloatVector zc = z.blend(threshold, linear), e = expOfNonPositive(zc.abs().neg());
            FloatVector sigma = e.blend(1f, zc.compare(VectorOperators.GE, 0f)).div(e.add(1f));
            sigma.blend(1f, linear).mul(FloatVector.fromArray(F, g, i, m)).intoArray(dx, i, m);
        }
    }

    /*
     * ELU scaled by λ (SELU: PyTorch's λ and α) as one loop per direction, as Swish above:
     *   f  = λ·(max(x, 0) + α·expm1(min(x, 0)))     (the two halves picked by a blend on x > 0)
     *   f′ = λ for x > 0, λ·α·e^min(x, 0) below
     * with the float expm1 above (within 1.12 ulps, relative near 0) and exp without its upper clamp.
     */

    /** y[i] = λ·ELU_α(x[i]) for from ≤ i &lt; to; y may be x. */
    static void elu(float[] x, float[] y, int from, int to, float scale, float alpha) {
        FloatVector scaledAlpha = FloatVector.broadcast(F, scale * alpha);
        for (int i = from; i < to; i += F.length()) {
            VectorMask<Float> m = lanes(i, to);
            FloatVector v = FloatVector.fromArray(F, x, i, m);
            VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
            expm1(v.blend(0f, positive)).fma(scaledAlpha, FloatVector.zero(F).blend(v, positive).mul(scale)).intoArray(y, i, m);
        }
    }

    /** dx[i] = g[i]·λ·ELU_α′(x[i]) for from ≤ i &lt; to; dx may be x or g. */
    static void eluGradient(float[] x, float[] g, float[] dx, int from, int to, float scale, float alpha) {
        float scaledAlpha = scale * alpha;
        for (int i = from; i < to; i += F.length()) {
            VectorMask<Float> m = lanes(i, to);
            FloatVector v = FloatVector.fromArray(F, x, i, m);
            VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
            FloatVector slope = expOfNonPositive(v.blend(0f, positive)).mul(scaledAlpha).blend(scale, positive);
            slope.mul(FloatVector.fromArray(F, g, i, m)).intoArray(dx, i, m);
        }
    }

    /*
     * Zorro as one loop per direction (the algorithm is BlockMath's, above zorro there), with one exp:
     * t = e^(a·v) and E = ε·t (for a·b ≥ −40, see ZorroForm.Floats). The tail's constants (a and ε)
     * are picked per lane by the left-tail mask, so one loop serves both tails, symmetric or not.
     * The exp is expTimes2To64, t·2^64, a normal float down to a·v = −104, and 2^−64 sits in the
     * constants instead of a multiply per lane:
     *   k·G = (1 + ε)·t/(1 + ε·t) = [(1 + ε)·2^−64]·(t·2^64) / ([ε·2^−64]·(t·2^64) + 1)
     * (ε·2^−64 loses digits to the subnormal range only where ε < 2^−62, and ε·t is then
     * negligible against 1).
     * The forward works on f's linear part lin = slope·x + intercept (= lo + scale·u) instead of u:
     * with the tail's limit yLo = lo or yHi = lo + scale as bound (lin itself on the segment),
     *   f = bound + (lin − bound)·k·G,   a·v = ±(a/scale)·(lin − bound)   (+ left, − right)
     * since lin − bound = scale·vL on the left and −scale·vR on the right. Seven operations fewer per
     * lane than the vL, vR form; the forward took 0.50 instead of 0.60 ns per element in cache
     * (scratch), and 5.7 instead of 6.6 ms on 16M elements with 2 threads (probe; JDK 25). Where a·v is floored at −104
     * (so also where lin is ±∞) f is the bound itself, no ∞·0. The gradients keep u, vL and vR,
     * which the parameter sums need; there the slope goes into the constant with (1 + ε)·2^−64 (so
     * ZorroForm asks the slope to be at least 2^−60), t is set to 0 where a·v is floored (Z′ = 0
     * there, also for lanes where t·2^64 would not underflow as t did), and Z′ is exactly 1 on the
     * segment (a·v = 0).
     * Bounds are compares and blends, not min/max: Java's lanewise MIN/MAX (with their −0 and NaN
     * rules) made the forward take 13.7 instead of 10.4 ms on 16M elements (scratch timing, JDK 25).
     * As in the SRS gradient, every vector is loaded under the {@link #lanes} mask (all lanes but in
     * the last vector), and the parameter terms are summed in float lanes per segment of
     * BlockMath.BLOCK elements, widened into double lanes at its end. The gradients broadcast their
     * constants inside the loop, the forward before it: each the faster way on JDK 17 (gradient 13.9
     * against 22.7 ms on 16M elements, forward 11.8 against 22.8; JDK 25 the same either way), as in
     * the SRS gradient (20 against 47 ms), measured before {@link #lanes} (its false dependency may
     * have been part of those differences).
     */

    /** y[i] = f(x[i]) for from ≤ i &lt; to, f the Zorro function of k; y may be x. */
    static void zorro(float[] x, float[] y, int from, int to, ZorroForm.Floats k) {
        ZorroForm.Tail l = k.left(), r = k.right();
        FloatVector slope = FloatVector.broadcast(F, k.slope()), intercept = FloatVector.broadcast(F, k.intercept());
        FloatVector yLo = FloatVector.broadcast(F, k.yLo()), yHi = FloatVector.broadcast(F, k.yHi());
        FloatVector rateLeft = FloatVector.broadcast(F, l.rate()), rateRight = FloatVector.broadcast(F, -r.rate());
        FloatVector scaledOnePlusEpsLeft = FloatVector.broadcast(F, l.scaledOnePlusEps()), scaledOnePlusEpsRight = FloatVector.broadcast(F, r.scaledOnePlusEps());
        FloatVector scaledEpsLeft = FloatVector.broadcast(F, l.scaledEps()), scaledEpsRight = FloatVector.broadcast(F, r.scaledEps());
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int i = from; i < to; i += F.length()) {
            VectorMask<Float> m = lanes(i, to);
            FloatVector lin = FloatVector.fromArray(F, x, i, m).fma(slope, intercept);
            VectorMask<Float> left = lin.compare(VectorOperators.LT, yLo);
            FloatVector bound = lin.blend(yHi, lin.compare(VectorOperators.GT, yHi)).blend(yLo, left);
            FloatVector fromBound = lin.sub(bound), av = fromBound.mul(rateRight.blend(rateLeft, left));
            VectorMask<Float> far = av.compare(VectorOperators.LT, EXP_LO_F);
            FloatVector t = expTimes2To64(av.blend(EXP_LO_F, far));
            FloatVector kG = t.mul(scaledOnePlusEpsRight.blend(scaledOnePlusEpsLeft, left)).div(t.fma(scaledEpsRight.blend(scaledEpsLeft, left), one));
            fromBound.fma(kG, bound).blend(bound, far).intoArray(y, i, m);
        }
    }

    /** dx[i] = g[i]·f′(x[i]) for from ≤ i &lt; to; dx may be x or g. */
    static void zorroGradient(float[] x, float[] g, float[] dx, int from, int to, ZorroForm.Floats k) {
        ZorroForm.Tail l = k.left(), r = k.right();
        float mu = k.mu(), c = k.c(), aL = l.a(), aR = r.a(), slope = k.slope();
        float scaledEpsLeft = l.scaledEps(), scaledEpsRight = r.scaledEps(), slopeKLeft = l.slopeScaledOnePlusEps(), slopeKRight = r.slopeScaledOnePlusEps();
        for (int i = from; i < to; i += F.length()) {
            VectorMask<Float> m = lanes(i, to);
            FloatVector v = FloatVector.fromArray(F, x, i, m), u = v.fma(FloatVector.broadcast(F, mu), FloatVector.broadcast(F, c)), w = FloatVector.broadcast(F, 1f).sub(u);
            VectorMask<Float> left = u.compare(VectorOperators.LT, 0f);
            FloatVector vL = FloatVector.zero(F).blend(u, left), vR = w.blend(0f, w.compare(VectorOperators.GT, 0f));
            FloatVector av = vL.fma(FloatVector.broadcast(F, aL), vR.mul(aR));
            VectorMask<Float> far = av.compare(VectorOperators.LT, EXP_LO_F);
            av = av.blend(EXP_LO_F, far);
            FloatVector t = expTimes2To64(av).blend(0f, far);
            FloatVector s = FloatVector.broadcast(F, 1f).div(t.fma(FloatVector.broadcast(F, scaledEpsRight).blend(scaledEpsLeft, left), FloatVector.broadcast(F, 1f)));
            FloatVector slopeTimesZPrime = av.fma(s, FloatVector.broadcast(F, 1f)).mul(t.mul(s)).mul(FloatVector.broadcast(F, slopeKRight).blend(slopeKLeft, left))
                    .blend(slope, av.compare(VectorOperators.EQ, 0f));
            slopeTimesZPrime.mul(FloatVector.fromArray(F, g, i, m)).intoArray(dx, i, m);
        }
    }

    /**
     * {@link #zorroGradient}'s dx, and the range's sums Σ g·x·Z′, Σ g·vL·(P·v + bL·Q), Σ g·vL·Q,
     * Σ g·vR·(P·v + bR·Q), Σ g·vR·Q in sums[0 … 4] (BlockMath applies their factors); dx may be x or g.
     * The loop repeats zorroGradient's lines up to dx (with u bounded, for the sums: BlockMath's note)
     * on purpose: with the sums in one loop behind a flag, the gradient alone (the usual backward: a
     * and b are fixed by default) took 9.8 instead of 7.7 ms per 8M elements on JDK 25 and 22
     * instead of 12 on JDK 17 (scratch timing), and a helper cannot hand back the several vectors
     * the sums need without boxing them. For the same
     * reason each segment's float lanes are widened onto laneSums written out, not by a helper
     * (JDK 17: 58 instead of 26 ms).
     */
    static void zorroGradientAndSums(float[] x, float[] g, float[] dx, int from, int to, ZorroForm.Floats k, double[] sums) {
        ZorroForm.Tail l = k.left(), r = k.right();
        float mu = k.mu(), c = k.c(), aL = l.a(), aR = r.a(), bL = l.b(), bR = r.b(), slope = k.slope();
        float scaledEpsLeft = l.scaledEps(), scaledEpsRight = r.scaledEps(), slopeKLeft = l.slopeScaledOnePlusEps(), slopeKRight = r.slopeScaledOnePlusEps();
        float kLeft = l.scaledOnePlusEps(), kRight = r.scaledOnePlusEps();
        int lanes = D.length();
        double[] laneSums = new double[ZorroForm.PARTIALS * lanes]; // sum j in [j·lanes, (j + 1)·lanes)
        for (int segment = from; segment < to; segment += BlockMath.BLOCK) {
            int end = Math.min(segment + BlockMath.BLOCK, to);
            FloatVector muTerms = FloatVector.zero(F), aLeftTerms = muTerms, bLeftTerms = muTerms, aRightTerms = muTerms, bRightTerms = muTerms;
            for (int i = segment; i < end; i += F.length()) {
                VectorMask<Float> m = lanes(i, end);
                FloatVector v = FloatVector.fromArray(F, x, i, m), u = v.fma(FloatVector.broadcast(F, mu), FloatVector.broadcast(F, c));
                u = u.blend(-BlockMath.ZORRO_U_BOUND, u.compare(VectorOperators.LT, -BlockMath.ZORRO_U_BOUND))
                        .blend(BlockMath.ZORRO_U_BOUND, u.compare(VectorOperators.GT, BlockMath.ZORRO_U_BOUND));
                FloatVector w = FloatVector.broadcast(F, 1f).sub(u);
                VectorMask<Float> left = u.compare(VectorOperators.LT, 0f);
                FloatVector vL = FloatVector.zero(F).blend(u, left), vR = w.blend(0f, w.compare(VectorOperators.GT, 0f));
                FloatVector av = vL.fma(FloatVector.broadcast(F, aL), vR.mul(aR));
                VectorMask<Float> far = av.compare(VectorOperators.LT, EXP_LO_F);
                av = av.blend(EXP_LO_F, far);
                FloatVector t = expTimes2To64(av).blend(0f, far), scaledEps = FloatVector.broadcast(F, scaledEpsRight).blend(scaledEpsLeft, left);
                FloatVector s = FloatVector.broadcast(F, 1f).div(t.fma(scaledEps, FloatVector.broadcast(F, 1f)));
                FloatVector onePlusAvS = av.fma(s, FloatVector.broadcast(F, 1f)), ts = t.mul(s);
                VectorMask<Float> onSegment = av.compare(VectorOperators.EQ, 0f);
                FloatVector gv = FloatVector.fromArray(F, g, i, m); // masked lanes: g = 0, so they add nothing
                onePlusAvS.mul(ts).mul(FloatVector.broadcast(F, slopeKRight).blend(slopeKLeft, left)).blend(slope, onSegment).mul(gv).intoArray(dx, i, m);
                FloatVector kG = ts.mul(FloatVector.broadcast(F, kRight).blend(kLeft, left)), zPrime = onePlusAvS.mul(kG).blend(1f, onSegment);
                FloatVector e = t.mul(scaledEps), tMinusOne = t.fma(FloatVector.broadcast(F, 0x1p-64f), FloatVector.broadcast(F, -1f));
                FloatVector p = kG.mul(s), q = e.mul(tMinusOne).mul(s).mul(s), pv = p.mul(vL.add(vR));
                muTerms = v.mul(zPrime).fma(gv, muTerms);
                aLeftTerms = vL.mul(q.mul(bL).add(pv)).fma(gv, aLeftTerms);
                bLeftTerms = vL.mul(q).fma(gv, bLeftTerms);
                aRightTerms = vR.mul(q.mul(bR).add(pv)).fma(gv, aRightTerms);
                bRightTerms = vR.mul(q).fma(gv, bRightTerms);
            }
            // each sum's float lanes, widened (low half + high half), onto its double lanes
            DoubleVector.fromArray(D, laneSums, 0).add(((DoubleVector) muTerms.convertShape(VectorOperators.F2D, D, 0))
                    .add((DoubleVector) muTerms.convertShape(VectorOperators.F2D, D, 1))).intoArray(laneSums, 0);
            DoubleVector.fromArray(D, laneSums, lanes).add(((DoubleVector) aLeftTerms.convertShape(VectorOperators.F2D, D, 0))
                    .add((DoubleVector) aLeftTerms.convertShape(VectorOperators.F2D, D, 1))).intoArray(laneSums, lanes);
            DoubleVector.fromArray(D, laneSums, 2 * lanes).add(((DoubleVector) bLeftTerms.convertShape(VectorOperators.F2D, D, 0))
                    .add((DoubleVector) bLeftTerms.convertShape(VectorOperators.F2D, D, 1))).intoArray(laneSums, 2 * lanes);
            DoubleVector.fromArray(D, laneSums, 3 * lanes).add(((DoubleVector) aRightTerms.convertShape(VectorOperators.F2D, D, 0))
                    .add((DoubleVector) aRightTerms.convertShape(VectorOperators.F2D, D, 1))).intoArray(laneSums, 3 * lanes);
            DoubleVector.fromArray(D, laneSums, 4 * lanes).add(((DoubleVector) bRightTerms.convertShape(VectorOperators.F2D, D, 0))
                    .add((DoubleVector) bRightTerms.convertShape(VectorOperators.F2D, D, 1))).intoArray(laneSums, 4 * lanes);
        }
        for (int j = 0; j < ZorroForm.PARTIALS; j++) sums[j] = sumInOrder(Arrays.copyOfRange(laneSums, j * lanes, (j + 1) * lanes));
    }

    /*
     * log1p, expm1, erf and erfc in float lanes: branch-free per lane (compares and blends), from
     * arithmetic, FMA and bit manipulation only (no lanewise EXP/LOG, whose intrinsic and fallback
     * differ in the last bit), so the bits are the same whatever the JIT does. Few vector helper
     * methods here: in loops this size C2 left even 20-byte helpers out (NodeCountInliningCutoff,
     * "callee is too large"), boxing every vector and running 4-15x slower (measured on JDK 25). So
     * the erf/erfc loops write out the short expf polynomial and the 2^j bit trick of
     * {@link #exp(FloatVector)}; the smaller loops call the lane helpers, where C2 inlines them (exp:
     * Swish, SRS, Zorro, ELU, sigmoid, softplus, erfOfNonNegative; expm1: ELU, tanh; log1p: softplus,
     * whose value is split in two loops for this). A helper must also stay below 325 bytecodes, C2's
     * limit for a hot callee. erf/erfc stay one loop: split in two passes through y (1.35 instead of
     * 1.55 µs per 1024) they could not run in place.
     */
    private static final int SIGN_BIT_F = 0x80000000;
    /** Cephes logf: ln(1 + f) ≈ f − f²/2 + f³·(Q0 + Q1·f + … + Q8·f⁸) for 1 + f in [√½, √2), Q0 first. */
    private static final float LOGF_Q0 = 3.3333331174e-1f, LOGF_Q1 = -2.4999993993e-1f, LOGF_Q2 = 2.0000714765e-1f,
            LOGF_Q3 = -1.6668057665e-1f, LOGF_Q4 = 1.4249322787e-1f, LOGF_Q5 = -1.2420140846e-1f, LOGF_Q6 = 1.1676998740e-1f,
            LOGF_Q7 = -1.1514610310e-1f, LOGF_Q8 = 7.0376836292e-2f;
    /** Bits of √½ as a float: adding 1.0f's bits minus these to a positive float's bits moves [√½, √2) onto one exponent. */
    private static final int SQRT_HALF_BITS = 0x3f3504f3;
    /** From 2^24 on, 1 is at most half an ulp of x, so ln(1 + x) needs no correction for the rounding of 1 + x. */
    private static final float LOG1P_EXACT_SUM = 0x1p24f;
    /** Below −17.5, e^x &lt; 2^−25 and e^x − 1 rounds to −1. */
    private static final float EXPM1_LO_F = -17.5f;
    /**
     * expm1 takes k ≥ −24, so that 2^(k−1) − ½ is exact. Below x ≈ −16.6 r then leaves [−ln2/2, ln2/2]
     * (down to −0.87), but the polynomial's error there is multiplied by 2^−24 against the −1.
     */
    private static final float EXPM1_K_MIN = -24;
    /*
     * erf/erfc: FreeBSD msun's s_erff.c (fdlibm's float erf, with its later lower-degree fits), one
     * rational P/Q per piece:
     *   |x| < 0.84375        t = x²       erf x = x + x·P/Q           (|(erf x − x)/x − P/Q| < 2^−31)
     *   0.84375 ≤ |x| < 1.25 t = |x| − 1  erf x = ±(ERX + P/Q)        (|erf − ERX − P/Q| < 2^−31)
     *   1.25 ≤ |x| < 2.85715 t = x²       erfc |x| = e^(−x² − 0.5625 + P/Q)/|x|   (error of P/Q < 2^−28)
     *   2.85715 ≤ |x| < 11   t = x²       the same with the last piece's P/Q       (< 2^−30)
     * fdlibm writes the tail pieces in s = 1/x²: R(s)/S(s) with R = r0 + r1·s + r2·s² + r3·s³ and
     * S = 1 + s1·s + s2·s² + s3·s³. Multiplied through by x⁶ that is R*(x²)/S*(x²) with the coefficients
     * reversed (r3 + r2·t + r1·t² + r0·t³ over s3 + s2·t + s1·t² + t³), which saves the division 1/x²;
     * all four pieces are then P(t)/Q(t) with P, Q cubic, coefficients (lowest degree first) chosen per
     * lane from the rows below (small, around one, near tail, far tail; missing terms 0).
     */
    private static final float[][] ERF_P = {
        {1.28379166e-01f, -3.36030394e-01f, -1.86261395e-03f, 0},
        {3.65041046e-06f, 4.15109307e-01f, -2.09395722e-01f, 8.67677554e-02f},
        {-6.91554189e-01f, -1.66828310e+00f, -5.43658376e-01f, -9.88156721e-03f},
        {0, -1.84115684e+00f, -5.48049808e-01f, -9.86496918e-03f}};
    private static final float[][] ERF_Q = {
        {1, 3.12324315e-01f, 2.16070414e-02f, -1.98859372e-03f},
        {1, 4.95560974e-01f, 3.71248513e-01f, 3.92478965e-02f},
        {5.53855181e-01f, 4.10799170e+00f, 4.48581553e+00f, 1},
        {-7.61900663e-01f, 3.04982710e+00f, 4.87132740e+00f, 1}};
    /** erf(1) rounded to 16 bits (exact 1 − ERX_F). */
    private static final float ERX_F = 8.42697144e-01f;
    private static final float ERF_SMALL = 0.84375f, ERF_TAIL = 1.25f, ERF_FAR = 2.85715f;
    /** erfc's tail argument is clamped here: erfc(10.1) ≈ 3e−46 rounds to 0 (and 1 − erfc to 1). */
    private static final float ERFC_HI = 10.1f;
    /** Clears the low 13 significand bits: z keeps 11 significant bits, so z² + 0.5625 is exact for z ≥ 1.25. */
    private static final int ERFC_SPLIT_MASK = 0xffffe000;

    /**
     * y = ln(1 + x) in float lanes, for x ≥ −1; measured within 1.35 ulps of the exact value over dense
     * sweeps and random floats of every magnitude (BlockMathParityTest; the worst where 1 + x passes √2
     * and f is rounded). u = 1 + x rounded,
     * with its rounding error e = (1 + x) − u exactly by Fast2Sum (the larger operand first); u = 2^k·m with
     * m in [√½, √2) by bit manipulation; then
     * <pre>
     *   ln(1 + x) = k·ln2 + ln(1 + f),   f = (m − 1) + e·2^−k   (m − 1 exact; f = x exactly when k = 0)
     * </pre>
     * with Cephes logf's polynomial for ln(1 + f) and ln2 split (k·LN2_HI_F exact). Tiny and subnormal x
     * give x itself (relative accuracy), the result has the sign of x (log1p(−0) = −0), log1p(−1) = −∞,
     * x &lt; −1 or NaN gives NaN, +∞ gives +∞. y may be x.
     */
    static void log1p(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i += F.length()) log1p(FloatVector.fromArray(F, x, i)).intoArray(y, i);
    }

    /** ln(1 + v) lane by lane: the body of {@link #log1p(float[], float[], int)}. */
    private static FloatVector log1p(FloatVector v) {
        FloatVector r = log1pOfFinite(v);
        r = r.blend(Float.NEGATIVE_INFINITY, v.compare(VectorOperators.EQ, -1));
        r = r.blend(Float.POSITIVE_INFINITY, v.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
        r = r.blend(Float.NaN, v.compare(VectorOperators.GE, -1).not()); // x < −1 and NaN
        return r.reinterpretAsInts().or(v.reinterpretAsInts().and(SIGN_BIT_F)).reinterpretAsFloats(); // log1p(−0) = −0
    }

    /**
     * ln(1 + v) for finite v &gt; −1, +0 or NaN: log1p without its special cases (which
     * {@link #log1p(FloatVector)} adds), and with its polynomial a helper of its own, so that each is
     * below C2's 325-byte limit for inlining a hot callee: softplus calls it with v = e^(−|z|) ∈ [0, 1].
     * As one 420-byte helper it was not inlined and its vectors were boxed.
     */
    private static FloatVector log1pOfFinite(FloatVector v) {
        FloatVector u = v.add(1);
        FloatVector e = v.sub(u.sub(1)).blend(FloatVector.broadcast(F, 1).sub(u.sub(v)), v.compare(VectorOperators.GT, 1));
        IntVector bits = u.reinterpretAsInts().add(0x3f800000 - SQRT_HALF_BITS);
        IntVector biased = bits.lanewise(VectorOperators.LSHR, 23); // k + 127
        FloatVector m = bits.and(0x007fffff).add(SQRT_HALF_BITS).reinterpretAsFloats();
        FloatVector k = biased.add(0x4b000000).reinterpretAsFloats().sub(0x1p23f + 127); // 2^23 + (k + 127) − (2^23 + 127), exact
        FloatVector unscale = IntVector.broadcast(I, 254).sub(biased).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats(); // 2^−k
        FloatVector correction = e.mul(unscale).blend(0, v.compare(VectorOperators.GE, LOG1P_EXACT_SUM)); // 2^−k is not normal there
        FloatVector f = m.sub(1).add(correction);
        FloatVector z = f.mul(f);
        return logfPolynomial(f).mul(f).mul(z).add(k.mul(LN2_LO_F)).add(z.mul(-0.5f)).add(f).add(k.mul(LN2_HI_F));
    }

    /** Cephes logf's Q0 + Q1·f + … + Q8·f⁸ (Horner), its own helper so that each stays small enough to inline. */
    private static FloatVector logfPolynomial(FloatVector f) {
        return f.fma(LOGF_Q8, LOGF_Q7).fma(f, FloatVector.broadcast(F, LOGF_Q6)).fma(f, FloatVector.broadcast(F, LOGF_Q5))
                .fma(f, FloatVector.broadcast(F, LOGF_Q4)).fma(f, FloatVector.broadcast(F, LOGF_Q3)).fma(f, FloatVector.broadcast(F, LOGF_Q2))
                .fma(f, FloatVector.broadcast(F, LOGF_Q1)).fma(f, FloatVector.broadcast(F, LOGF_Q0));
    }

    /**
     * y = e^x − 1 in float lanes; measured within 1.12 ulps of the exact value over the whole float range
     * (BlockMathParityTest). x = k·ln2 + r (Cody–Waite, |r| ≤ ln2/2) with r kept as r_hi + r_lo
     * (r_hi = x − k·LN2_HI_F exact, r_lo = −k·LN2_LO_F), q = e^r − 1 − r by Cephes expf's polynomial (as in
     * {@link #exp(float[], float[], int)}), and
     * <pre>
     *   e^x − 1 = 2·(h·(q + r_lo) + (h·r_hi + (h − ½))),   h = 2^(k−1)
     * </pre>
     * by two FMAs (h − ½ is exact for k ≥ −24, and h stays normal for k = 128), so the cancellation
     * between 2^k and 1 for small k costs no accuracy. x is clamped to [−17.5, 89]: −1 below, ∞ above ~88.72.
     * For |x| &lt; 2^−25, e^x − 1 rounds to x: x itself (tiny and subnormal x, −0). NaN stays NaN. y may be x.
     */
    static void expm1(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i += F.length()) expm1(FloatVector.fromArray(F, x, i)).intoArray(y, i);
    }

    /** e^v − 1 lane by lane: the body of {@link #expm1(float[], float[], int)}, for the ELU kernels too. */
    private static FloatVector expm1(FloatVector v) {
        FloatVector c = v.blend(EXPM1_LO_F, v.compare(VectorOperators.LT, EXPM1_LO_F));
        c = c.blend(EXP_HI_F, c.compare(VectorOperators.GT, EXP_HI_F));
        FloatVector k = c.mul(LOG2E_F).add(ROUNDER_F).sub(ROUNDER_F);
        k = k.blend(EXPM1_K_MIN, k.compare(VectorOperators.LT, EXPM1_K_MIN));
        FloatVector rHi = c.sub(k.mul(LN2_HI_F)), rLo = k.mul(-LN2_LO_F);
        FloatVector r = rHi.add(rLo);
        FloatVector q = r.fma(EXPF_P5, EXPF_P4).fma(r, FloatVector.broadcast(F, EXPF_P3)).fma(r, FloatVector.broadcast(F, EXPF_P2))
                .fma(r, FloatVector.broadcast(F, EXPF_P1)).fma(r, FloatVector.broadcast(F, EXPF_P0)).mul(r.mul(r)); // e^r − 1 − r
        FloatVector h = k.sub(1).add(POW2_BIAS_F).reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector e = q.add(rLo).fma(h, rHi.fma(h, h.sub(0.5f))).mul(2);
        return e.blend(v, v.abs().compare(VectorOperators.LT, 0x1p-25f));
    }

    /**
     * y = erf x in float lanes; measured within 0.77 ulps of the exact value over the whole float range
     * (BlockMathParityTest). The four pieces of {@link #ERF_P} are computed as one rational with
     * coefficients chosen per lane, erf = ±(1 − erfc|x|) in the tail; odd, relatively accurate for
     * tiny x (x + x·P/Q by FMA, subnormals included), ±1 from |x| ≈ 3.9 on, NaN stays NaN. y may be x.
     */
    static void erf(float[] x, float[] y, int n) {
        erfPieces(x, y, n, false);
    }

    /**
     * y = erfc x = 1 − erf x in float lanes; measured within 2.01 ulps of the exact value (the worst in the
     * first tail piece, x ≈ 1.55; 1.5 from 2.86 to 9.19), relative also where the result is a small normal
     * float, subnormal results (x from ~9.2 to ~10.05) rounded once. The tail
     * e^(−x² − 0.5625 + P/Q)/x splits x = z + (x − z) with z of 11 significant bits, so
     * −x² = −z² − (x − z)(x + z) with −z² − 0.5625 exact: the exponent enters the Cody–Waite reduction as
     * an exact part and a small one, without the ε·x² error of rounding x²; the division by x is
     * 1/x rounded plus its exact residual 1 − x·(1/x), so e^r/x is rounded once. erfc(−x) = 2 − erfc x.
     * NaN stays NaN. y may be x.
     */
    static void erfc(float[] x, float[] y, int n) {
        erfPieces(x, y, n, true);
    }

    /**
     * y = erf x for x ≥ 0 (Serf's erf of a softplus) in float lanes, about twice as fast as
     * {@link #erf(float[], float[], int)}: two pieces instead of four, chosen per lane,
     * <pre>
     *   x &lt; 0.84375:  x + x·P(x²)/Q(x²)         (s_erff.c's first piece, as {@link #ERF_P}[0])
     *   otherwise:     1 − t·e^(−x² + R(t)),  t = 1/(1 + x/2)   (Numerical Recipes' erfcc, as in gelu)
     * </pre>
     * erfcc's fractional error (below 1.2e-7) and the rounding of x² are multiplied by erfc x ≤ 0.24
     * against erf x ≥ 0.76, so the second piece stays within a few ulps too; measured within 1.87 ulps
     * (BlockMathParityTest). Relatively accurate for tiny x (subnormals included), 1 from x ≈ 3.9 on,
     * NaN stays NaN; negative x are not its domain (they get the first piece's odd extension below
     * −0.84375 too, not erf). y may be x.
     */
    static void erfOfNonNegative(float[] x, float[] y, int n) {
        float p0 = ERF_P[0][0], p1 = ERF_P[0][1], p2 = ERF_P[0][2], q1 = ERF_Q[0][1], q2 = ERF_Q[0][2], q3 = ERF_Q[0][3];
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int i = 0; i < n; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, i), square = v.mul(v);
            FloatVector num = square.fma(p2, p1).fma(square, FloatVector.broadcast(F, p0));
            FloatVector den = square.fma(q3, q2).fma(square, FloatVector.broadcast(F, q1)).fma(square, one);
            FloatVector small = v.fma(num.div(den), v);
            FloatVector t = one.div(v.mul(0.5f).add(1f));
            FloatVector r = erfccExponent(t);
            FloatVector large = one.sub(t.mul(exp(r.sub(square))));
            large.blend(small, v.compare(VectorOperators.LT, ERF_SMALL)).intoArray(y, i);
        }
    }

    /**
     * erf or erfc, one vector at a time: P(t)/Q(t) of the piece each lane is in (see {@link #ERF_P}) with
     * t = x², |x| − 1, or a² with a = |x| clamped to 10.1 (t³ stays finite), then the piece's formula.
     */
    private static void erfPieces(float[] x, float[] y, int n, boolean complement) {
        // the coefficients as locals: read from the tables inside the loop they are reloaded and broadcast
        // for every vector (the stores to y may alias them), 15-45 % slower
        float p00 = ERF_P[0][0], p10 = ERF_P[1][0], p20 = ERF_P[2][0], p30 = ERF_P[3][0];
        float q00 = ERF_Q[0][0], q10 = ERF_Q[1][0], q20 = ERF_Q[2][0], q30 = ERF_Q[3][0];
        float p01 = ERF_P[0][1], p11 = ERF_P[1][1], p21 = ERF_P[2][1], p31 = ERF_P[3][1];
        float q01 = ERF_Q[0][1], q11 = ERF_Q[1][1], q21 = ERF_Q[2][1], q31 = ERF_Q[3][1];
        float p02 = ERF_P[0][2], p12 = ERF_P[1][2], p22 = ERF_P[2][2], p32 = ERF_P[3][2];
        float q02 = ERF_Q[0][2], q12 = ERF_Q[1][2], q22 = ERF_Q[2][2], q32 = ERF_Q[3][2];
        float p03 = ERF_P[0][3], p13 = ERF_P[1][3], p23 = ERF_P[2][3], p33 = ERF_P[3][3];
        float q03 = ERF_Q[0][3], q13 = ERF_Q[1][3], q23 = ERF_Q[2][3], q33 = ERF_Q[3][3];
        for (int i = 0; i < n; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, i), ax = v.abs();
            VectorMask<Float> small = ax.compare(VectorOperators.LT, ERF_SMALL), aroundOne = ax.compare(VectorOperators.LT, ERF_TAIL);
            VectorMask<Float> near = ax.compare(VectorOperators.LT, ERF_FAR);
            FloatVector a = ax.blend(ERFC_HI, ax.compare(VectorOperators.GT, ERFC_HI));
            FloatVector t = a.mul(a).blend(ax.sub(1), aroundOne.andNot(small)); // x² for the small piece too
            // Horner from t³ down, pkj = coefficient of t^j in piece k, chosen per lane by blends
            FloatVector num = FloatVector.broadcast(F, p33).blend(p23, near).blend(p13, aroundOne).blend(p03, small);
            FloatVector den = FloatVector.broadcast(F, q33).blend(q23, near).blend(q13, aroundOne).blend(q03, small);
            num = num.fma(t, FloatVector.broadcast(F, p32).blend(p22, near).blend(p12, aroundOne).blend(p02, small));
            den = den.fma(t, FloatVector.broadcast(F, q32).blend(q22, near).blend(q12, aroundOne).blend(q02, small));
            num = num.fma(t, FloatVector.broadcast(F, p31).blend(p21, near).blend(p11, aroundOne).blend(p01, small));
            den = den.fma(t, FloatVector.broadcast(F, q31).blend(q21, near).blend(q11, aroundOne).blend(q01, small));
            num = num.fma(t, FloatVector.broadcast(F, p30).blend(p20, near).blend(p10, aroundOne).blend(p00, small));
            den = den.fma(t, FloatVector.broadcast(F, q30).blend(q20, near).blend(q10, aroundOne).blend(q00, small));
            FloatVector ratio = num.div(den), one = FloatVector.broadcast(F, 1);
            a = a.blend(ERF_TAIL, aroundOne); // the tail's argument, in [1.25, 10.1] (NaN stays)
            // tail: erfc a = e^(A + B)/a, A = −z² − 0.5625 exact, B = (z − a)(z + a) + P/Q small
            FloatVector zh = a.reinterpretAsInts().and(ERFC_SPLIT_MASK).reinterpretAsFloats();
            FloatVector bigA = zh.mul(zh).neg().sub(0.5625f), bigB = zh.sub(a).mul(zh.add(a)).add(ratio);
            FloatVector k = bigA.add(bigB).mul(LOG2E_F).add(ROUNDER_F).sub(ROUNDER_F);
            FloatVector r = bigA.sub(k.mul(LN2_HI_F)).add(bigB.sub(k.mul(LN2_LO_F))); // A − k·LN2_HI_F is exact
            FloatVector p = r.fma(EXPF_P5, EXPF_P4).fma(r, FloatVector.broadcast(F, EXPF_P3)).fma(r, FloatVector.broadcast(F, EXPF_P2))
                    .fma(r, FloatVector.broadcast(F, EXPF_P1)).fma(r, FloatVector.broadcast(F, EXPF_P0)).mul(r.mul(r)).add(r); // e^r − 1
            FloatVector inv = one.div(a), residual = a.neg().fma(inv, one); // 1/a = inv·(1 + residual), residual exact
            FloatVector half = k.mul(0.5f).add(ROUNDER_F).sub(ROUNDER_F); // k in [−148, −3]: 2^k as two normal factors
            FloatVector s1 = half.add(POW2_BIAS_F).reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector s2 = k.sub(half).add(POW2_BIAS_F).reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector tail = p.fma(residual, p.add(residual)).fma(inv, inv).mul(s1).mul(s2); // e^r/a rounded once, then 2^k
            FloatVector result;
            if (complement) {
                VectorMask<Float> negative = v.compare(VectorOperators.LT, 0);
                // |x| < 0.84375: (1 − x) − x·P/Q, 1 − x exact from ½ on (where erfc x is smallest)
                FloatVector nearZero = v.neg().fma(ratio, one.sub(v));
                FloatVector aroundValue = FloatVector.broadcast(F, 1 - ERX_F).sub(ratio).blend(ratio.add(ERX_F).add(1), negative);
                result = tail.blend(FloatVector.broadcast(F, 2).sub(tail), negative).blend(aroundValue, aroundOne).blend(nearZero, small);
            } else {
                FloatVector magnitude = one.sub(tail).blend(ratio.add(ERX_F), aroundOne).blend(ax.fma(ratio, ax), small); // ≥ 0
                result = magnitude.reinterpretAsInts().or(v.reinterpretAsInts().and(SIGN_BIT_F)).reinterpretAsFloats();
            }
            result.intoArray(y, i);
        }
    }

    /**
     * Σ a[aAt + i]·b[bAt + i] for i &lt; n: each lane j sums the products of elements j, j + L, j + 2L, …
     * in float (FMA), the lanes are then added in double in index order and the tail (n mod L) in
     * double after them. A fixed order for a given n: the same bits on any thread count.
     */
    static double dot(float[] a, int aAt, float[] b, int bAt, int n) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            acc = FloatVector.fromArray(F, a, aAt + i).fma(FloatVector.fromArray(F, b, bAt + i), acc);
        }
        float[] lanes = new float[F.length()];
        acc.intoArray(lanes, 0);
        double s = 0;
        for (float lane : lanes) s += lane;
        for (; i < n; i++) s += (double) a[aAt + i] * b[bAt + i];
        return s;
    }

    /*
     * CAReLU's group sums in double lanes: each float vector is widened into two double vectors (the
     * preferred species have the same shape) and summed per lane; the lanes are added in lane order
     * at the end and the tail after them. On 16M floats in groups of 1M, 2 threads, the energy sums
     * took 3.8 ms this way against 8.6 as a scalar double loop (scratch timing, JDK 25): C2 does not
     * vectorize floating-point sums, whose order it must keep.
     */

    /** {Σ max(z, 0)^q, Σ |z|^q} over from ≤ i &lt; to, q = 2 ({@code squares}) or 1. */
    static double[] positiveAndAllSums(float[] z, int from, int to, boolean squares) {
        DoubleVector positiveLow = DoubleVector.zero(D), positiveHigh = DoubleVector.zero(D), allLow = DoubleVector.zero(D), allHigh = DoubleVector.zero(D);
        int i = from;
        for (int whole = from + F.loopBound(to - from); i < whole; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, z, i);
            DoubleVector low = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0), high = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1);
            DoubleVector reluLow = low.max(0), reluHigh = high.max(0);
            if (squares) {
                positiveLow = reluLow.fma(reluLow, positiveLow);
                positiveHigh = reluHigh.fma(reluHigh, positiveHigh);
                allLow = low.fma(low, allLow);
                allHigh = high.fma(high, allHigh);
            } else {
                positiveLow = positiveLow.add(reluLow);
                positiveHigh = positiveHigh.add(reluHigh);
                allLow = allLow.add(low.abs());
                allHigh = allHigh.add(high.abs());
            }
        }
        double[] lanes = new double[D.length()];
        positiveLow.add(positiveHigh).intoArray(lanes, 0);
        double positive = sumInOrder(lanes);
        allLow.add(allHigh).intoArray(lanes, 0);
        double all = sumInOrder(lanes);
        for (; i < to; i++) {
            double x = z[i], relu = Math.max(x, 0);
            positive += squares ? relu * relu : relu;
            all += squares ? x * x : Math.abs(x);
        }
        return new double[] {positive, all};
    }

    /** Σ g[i]·max(σ·z[i], 0) over from ≤ i &lt; to. */
    static double positivePartDot(float[] z, float[] g, int from, int to, double sign) {
        DoubleVector low = DoubleVector.zero(D), high = DoubleVector.zero(D);
        float s = (float) sign; // −1, 0 or 1: exact
        int i = from;
        for (int whole = from + F.loopBound(to - from); i < whole; i += F.length()) {
            FloatVector winners = FloatVector.fromArray(F, z, i).mul(s).max(0f), gv = FloatVector.fromArray(F, g, i);
            low = ((DoubleVector) winners.convertShape(VectorOperators.F2D, D, 0)).fma((DoubleVector) gv.convertShape(VectorOperators.F2D, D, 0), low);
            high = ((DoubleVector) winners.convertShape(VectorOperators.F2D, D, 1)).fma((DoubleVector) gv.convertShape(VectorOperators.F2D, D, 1), high);
        }
        double[] lanes = new double[D.length()];
        low.add(high).intoArray(lanes, 0);
        double sum = sumInOrder(lanes);
        for (; i < to; i++) sum += g[i] * Math.max(sign * z[i], 0);
        return sum;
    }

    /**
     * The lanes of a vector, stored in order, added in that order: a fixed order, unlike
     * reduceLanes, whose order (and so its rounding) may differ between the interpreter and
     * compiled code.
     */
    private static double sumInOrder(double[] lanes) {
        double s = 0;
        for (double lane : lanes) s += lane;
        return s;
    }

    /** |m| with the sign of s. */
    private static DoubleVector copySign(DoubleVector m, DoubleVector s) {
        return m.abs().reinterpretAsLongs().or(s.reinterpretAsLongs().and(SIGN_BIT)).reinterpretAsDoubles();
    }
}
