package dev.nabla.tensor.internal.simd;

import dev.nabla.tensor.internal.ReferenceMath;
import dev.nabla.tensor.internal.ReferenceMath.ErfPiece;
import jdk.incubator.vector.DoubleVector;
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
 */
final class VectorMath {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    private static final double LOG2E = 1.4426950408889634;
    /** ln 2 split so that k·LN2_HI is exact for |k| < 2^11 (fdlibm's constants). */
    private static final double LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
    private static final double LN2 = 0.6931471805599453;
    /** Adding and subtracting 1.5·2^52 rounds a double below 2^51 to the nearest integer. */
    private static final double ROUNDER = 0x1.8p52;
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
            RB = java.util.Arrays.copyOf(ReferenceMath.erfCoefficients(ErfPiece.RB), RA.length),
            SB = java.util.Arrays.copyOf(ReferenceMath.erfCoefficients(ErfPiece.SB), SA.length);

    private VectorMath() {}

    /** e^x: x = k·ln2 + r with |r| ≤ ln2/2, e^x = 2^k·(1 + (e^r − 1)). */
    static DoubleVector exp(DoubleVector x) {
        DoubleVector c = x.max(EXP_LO).min(EXP_HI); // NaN stays NaN through max/min
        DoubleVector k = c.mul(LOG2E).add(ROUNDER).sub(ROUNDER);
        DoubleVector r = c.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
        return pow2(k).mul(expm1Reduced(r).add(1));
    }

    /** e^x − 1, relatively accurate near 0: 2^k·(e^r − 1) + (2^k − 1), exact for k = 0. */
    static DoubleVector expm1(DoubleVector x) {
        DoubleVector c = x.max(EXP_LO).min(EXP_HI);
        DoubleVector k = c.mul(LOG2E).add(ROUNDER).sub(ROUNDER);
        DoubleVector r = c.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
        DoubleVector scale = pow2(k);
        return scale.mul(expm1Reduced(r)).add(scale.sub(1));
    }

    /** e^r − 1 for |r| ≤ ln2/2 by its Taylor series (Horner). */
    private static DoubleVector expm1Reduced(DoubleVector r) {
        DoubleVector p = DoubleVector.broadcast(D, EXPM1_TAYLOR[0]);
        for (int i = 1; i < EXPM1_TAYLOR.length; i++) p = p.mul(r).add(EXPM1_TAYLOR[i]);
        return p.mul(r);
    }

    /** 2^k for integral k in [−1022, 1023], built from its exponent bits. */
    private static DoubleVector pow2(DoubleVector k) {
        LongVector e = (LongVector) k.convert(VectorOperators.D2L, 0);
        return e.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
    }

    /**
     * ln x for positive normal doubles (every float is one): x = 2^e·m with m in [√½, √2),
     * ln x = e·ln2 + 2·atanh((m−1)/(m+1)). ln 0 = −∞, ln(x < 0) = NaN, ln ∞ = ∞.
     */
    static DoubleVector log(DoubleVector x) {
        LongVector bits = x.reinterpretAsLongs();
        DoubleVector e = (DoubleVector) bits.lanewise(VectorOperators.LSHR, 52).sub(1023).convert(VectorOperators.L2D, 0);
        DoubleVector m = bits.and(0x000fffffffffffffL).or(0x3ff0000000000000L).reinterpretAsDoubles(); // [1, 2)
        VectorMask<Double> high = m.compare(VectorOperators.GT, Math.sqrt(2));
        m = m.blend(m.mul(0.5), high);
        e = e.blend(e.add(1), high);
        DoubleVector f = m.sub(1);
        DoubleVector s = f.div(f.add(2));
        DoubleVector s2 = s.mul(s);
        DoubleVector p = DoubleVector.broadcast(D, ATANH_TAYLOR[0]);
        for (int i = 1; i < ATANH_TAYLOR.length; i++) p = p.mul(s2).add(ATANH_TAYLOR[i]);
        DoubleVector y = e.mul(LN2).add(s.mul(2).mul(p));
        y = y.blend(Double.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0));
        y = y.blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
        return y.blend(Double.NaN, x.compare(VectorOperators.LT, 0).or(x.test(VectorOperators.IS_NAN)));
    }

    /**
     * ln(1 + y), relatively accurate for tiny y: with u = 1 + y rounded, ln(1+y) = ln(u)·y/(u−1)
     * corrects the rounding of u to first order (Goldberg's trick); y itself where u = 1.
     */
    static DoubleVector log1p(DoubleVector y) {
        DoubleVector u = y.add(1);
        DoubleVector d = u.sub(1);
        DoubleVector r = log(u).mul(y.div(d));
        r = r.blend(y, d.compare(VectorOperators.EQ, 0));
        return r.blend(Double.POSITIVE_INFINITY, y.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
    }

    /** tanh x = sign(x)·m/(m + 2) with m = e^(2|x|) − 1: no cancellation near 0, saturates past 20. */
    static DoubleVector tanh(DoubleVector x) {
        DoubleVector m = expm1(x.abs().min(TANH_SATURATION).mul(2));
        DoubleVector t = m.div(m.add(2));
        return t.reinterpretAsLongs().or(x.reinterpretAsLongs().and(SIGN_BIT)).reinterpretAsDoubles();
    }

    /** σ(x) with e = e^(−|x|) ≤ 1: 1/(1 + e) for x ≥ 0, e/(1 + e) for x < 0 (as ReferenceMath.sigmoid). */
    static DoubleVector sigmoid(DoubleVector x) {
        DoubleVector e = exp(x.abs().neg());
        DoubleVector onePlus = e.add(1);
        return DoubleVector.broadcast(D, 1).div(onePlus).blend(e.div(onePlus), x.compare(VectorOperators.LT, 0));
    }

    /** softplus(x) = max(x, 0) + ln(1 + e^(−|x|)). */
    static DoubleVector softplus(DoubleVector x) {
        return x.max(0).add(log1p(exp(x.abs().neg())));
    }

    /**
     * erf x for x from a float, with fdlibm's pieces evaluated in every lane and blended: x + x·P/Q
     * below 0.84375, ±(erx + P/Q) below 1.25, ±(1 − erfc|x|) beyond. All lanes compute all pieces,
     * so the cost does not depend on the data.
     */
    static DoubleVector erf(DoubleVector x) {
        DoubleVector ax = x.abs();
        DoubleVector aroundOne = ratio(PA, QA, ax.sub(1)).add(ReferenceMath.ERX);
        DoubleVector beyond = DoubleVector.broadcast(D, 1).sub(erfcTail(ax));
        DoubleVector magnitude = beyond.blend(aroundOne, ax.compare(VectorOperators.LT, 1.25));
        DoubleVector signed = magnitude.reinterpretAsLongs().or(x.reinterpretAsLongs().and(SIGN_BIT)).reinterpretAsDoubles();
        return signed.blend(erfSmall(x), ax.compare(VectorOperators.LT, 0.84375));
    }

    /** erfc x = 1 − erf x for x from a float, relatively accurate in the right tail: the same pieces as {@link #erf}. */
    static DoubleVector erfc(DoubleVector x) {
        DoubleVector ax = x.abs(), one = DoubleVector.broadcast(D, 1);
        VectorMask<Double> negative = x.compare(VectorOperators.LT, 0);
        DoubleVector p = ratio(PA, QA, ax.sub(1));
        DoubleVector aroundOne = one.sub(ReferenceMath.ERX).sub(p).blend(p.add(ReferenceMath.ERX).add(1), negative);
        DoubleVector tail = erfcTail(ax);
        DoubleVector beyond = tail.blend(DoubleVector.broadcast(D, 2).sub(tail), negative);
        DoubleVector r = beyond.blend(aroundOne, ax.compare(VectorOperators.LT, 1.25));
        return r.blend(one.sub(erfSmall(x)), ax.compare(VectorOperators.LT, 0.84375));
    }

    /** x + x·P(x²)/Q(x²), erf on |x| < 0.84375. */
    private static DoubleVector erfSmall(DoubleVector x) {
        return x.add(x.mul(ratio(PP, QQ, x.mul(x))));
    }

    /**
     * erfc(a) for a ≥ 1.25: e^(−a² − 0.5625 + R(1/a²)/S(1/a²))/a, with fdlibm's (RA, SA) below 1/0.35
     * and (RB, SB) above, chosen per lane. a² is exact in double because a is a float, so no
     * hi/lo split is needed; beyond a ≈ 10.5 exp's clamp gives results far below float's range.
     */
    private static DoubleVector erfcTail(DoubleVector a) {
        DoubleVector s = DoubleVector.broadcast(D, 1).div(a.mul(a));
        VectorMask<Double> inner = a.compare(VectorOperators.LT, 1 / 0.35);
        DoubleVector r = DoubleVector.zero(D), q = DoubleVector.zero(D);
        for (int i = SA.length - 1; i >= 0; i--) {
            q = q.mul(s).add(DoubleVector.broadcast(D, SB[i]).blend(SA[i], inner));
            if (i < RA.length) r = r.mul(s).add(DoubleVector.broadcast(D, RB[i]).blend(RA[i], inner));
        }
        return exp(a.mul(a).neg().sub(0.5625).add(r.div(q))).div(a);
    }

    /** P(t)/Q(t) with coefficient tables lowest degree first. */
    private static DoubleVector ratio(double[] p, double[] q, DoubleVector t) {
        return horner(p, t).div(horner(q, t));
    }

    private static DoubleVector horner(double[] c, DoubleVector t) {
        DoubleVector r = DoubleVector.broadcast(D, c[c.length - 1]);
        for (int i = c.length - 2; i >= 0; i--) r = r.mul(t).add(c[i]);
        return r;
    }

    /** 1/√x, rounded twice as in the reference (√ then ÷). */
    static DoubleVector rsqrt(DoubleVector x) {
        return DoubleVector.broadcast(D, 1).div(x.sqrt());
    }
}
