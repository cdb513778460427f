package dev.nabla.tensor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Accuracy of the math functions against independently computed values: {@code math_fixtures.csv}
 * holds f(x) to 20 digits from 50-digit mpmath ({@code make_fixtures.py} next to it regenerates
 * it), plus identities checked on dense grids.
 *
 * <p>Stated bounds, in ulps of the exact value (measured maxima are printed by the tests):
 * <ul>
 *   <li>F64 reference: erf ≤ 1 (measured 0.58), erfc ≤ 2 (measured 1.71, in the tail),
 *       exp/expm1/log/log1p ≤ 1 (StrictMath = fdlibm; measured ≤ 0.78), tanh ≤ 2 (fdlibm's bound;
 *       measured 1.13), sigmoid ≤ 2 (measured 1.31), softplus ≤ 2 (measured 1.04).
 *   <li>F32 (reference rounded to float, the scalar tier, and the SIMD tier): ≤ 1 ulp of the
 *       correctly rounded float, for every fixture x that is a float.
 * </ul>
 */
class MathAccuracyTest {
    private static final Map<UnaryOp, Double> F64_ULP_BOUND = Map.of(
            UnaryOp.ERF, 1.0, UnaryOp.ERFC, 2.0, UnaryOp.EXP, 1.0, UnaryOp.EXPM1, 1.0, UnaryOp.LOG, 1.0,
            UnaryOp.LOG1P, 1.0, UnaryOp.TANH, 2.0, UnaryOp.SIGMOID, 2.0, UnaryOp.SOFTPLUS, 2.0);

    record Row(UnaryOp op, double x, BigDecimal exact) {}

    private static List<Row> rows;

    @BeforeAll
    static void loadFixture() throws IOException {
        rows = new ArrayList<>();
        try (var in = MathAccuracyTest.class.getResourceAsStream("/math/math_fixtures.csv");
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine(); // header
            for (String line; (line = reader.readLine()) != null; ) {
                String[] f = line.split(",");
                rows.add(new Row(UnaryOp.valueOf(f[0].toUpperCase()), Double.parseDouble(f[1]), new BigDecimal(f[2])));
            }
        }
        assertThat(rows).hasSizeGreaterThan(2500);
    }

    /** |got − exact| in ulps of the exact value rounded to double. */
    private static double ulpsF64(double got, BigDecimal exact) {
        if (!Double.isFinite(got)) return Double.POSITIVE_INFINITY;
        double ulp = Math.ulp(exact.doubleValue());
        return new BigDecimal(got).subtract(exact).abs().divide(new BigDecimal(ulp), MathContext.DECIMAL64).doubleValue();
    }

    /** |got − exact| in ulps of the exact value rounded to float. */
    private static double ulpsF32(float got, BigDecimal exact) {
        float expected = exact.floatValue();
        if (Float.isInfinite(got) || Float.isNaN(got)) return got == expected ? 0 : Double.POSITIVE_INFINITY;
        return Math.abs((double) got - expected) / Math.ulp(expected);
    }

    @Test
    void f64ReferenceIsWithinTheStatedUlpsOfMpmath() {
        Map<UnaryOp, Double> worst = new TreeMap<>();
        Map<UnaryOp, Double> worstAt = new TreeMap<>();
        for (Row r : rows) {
            double e = ulpsF64(ReferenceElementwise.apply(r.op, r.x), r.exact);
            if (e > worst.getOrDefault(r.op, -1.0)) {
                worst.put(r.op, e);
                worstAt.put(r.op, r.x);
            }
        }
        System.out.println("F64 reference, max ulps vs mpmath (at x): " + worst + " " + worstAt);
        worst.forEach((op, e) -> assertThat(e).as("%s at x=%s", op, worstAt.get(op)).isLessThanOrEqualTo(F64_ULP_BOUND.get(op)));
        assertThat(worst).containsKeys(F64_ULP_BOUND.keySet().toArray(UnaryOp[]::new));
    }

    @Test
    void f32PathsAreWithinOneUlpOfTheCorrectlyRoundedFloat() {
        Map<String, Double> worst = new TreeMap<>();
        int checked = 0;
        for (Row r : rows) {
            float x = (float) r.x;
            if (x != r.x || r.exact.abs().compareTo(new BigDecimal(Float.MAX_VALUE)) > 0) continue;
            checked++;
            float[] in = {x}, out = new float[1];
            ReferenceElementwise.unary(r.op, in, 0, out, 0, 1);
            check(worst, "reference " + r.op, out[0], r);
            ScalarElementwise.unary(r.op, in, 0, out, 0, 1);
            check(worst, "scalar " + r.op, out[0], r);
            if (Simd.ENABLED) {
                ElementwiseKernels.unary(r.op, in, 0, out, 0, 1);
                check(worst, "facade(simd) " + r.op, out[0], r);
            }
        }
        System.out.println("F32 paths, max ulps vs correctly rounded: " + worst);
        assertThat(checked).isGreaterThan(2000);
    }

    private static void check(Map<String, Double> worst, String path, float got, Row r) {
        double e = ulpsF32(got, r.exact);
        worst.merge(path, e, Math::max);
        assertThat(e).as("%s at x=%s: got %s, exact %s", path, r.x, got, r.exact).isLessThanOrEqualTo(1.0);
    }

    @Test
    void erf_isRelativelyAccurateForTinyAndSubnormalArguments() {
        double twoOverSqrtPi = 1.1283791670955126;
        assertThat(ReferenceMath.erf(1e-300)).isEqualTo(1.1283791670955126e-300);
        assertThat(ReferenceMath.erf(-1e-20)).isEqualTo(-twoOverSqrtPi * 1e-20);
        assertThat(ReferenceMath.erf(Double.MIN_NORMAL)).isEqualTo(twoOverSqrtPi * Double.MIN_NORMAL);
        assertThat(ReferenceMath.erf(1e-310)).isCloseTo(1.128379167095513e-310, org.assertj.core.api.Assertions.within(1e-323));
        assertThat(ReferenceMath.erf(Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE); // 1.128·2^−1074 rounds to 2^−1074
        assertThat(ReferenceMath.erf(0.0)).isEqualTo(0.0);
        assertThat(1 / ReferenceMath.erf(-0.0)).isNegative();
    }

    @Test
    void erfc_tailIsRelativelyAccurateAndUnderflowsOnlyPast27point2() {
        // erfc(26) = 5.6631924088561428465e-296 (mpmath)
        assertThat(ulpsF64(ReferenceMath.erfc(26), new BigDecimal("5.6631924088561428465e-296"))).isLessThanOrEqualTo(2);
        assertThat(ReferenceMath.erfc(27.2)).isPositive();
        assertThat(ReferenceMath.erfc(27.3)).isZero(); // exact 4.4e-326 is below half the smallest double
        assertThat(ReferenceMath.erfc(-30)).isEqualTo(2);
        assertThat(ReferenceMath.erfc(Double.POSITIVE_INFINITY)).isZero();
        assertThat(ReferenceMath.erf(Double.NEGATIVE_INFINITY)).isEqualTo(-1);
        assertThat(ReferenceMath.erfc(Double.NaN)).isNaN();
    }

    @Test
    void erfAndErfcSatisfyTheirIdentitiesOnADenseGrid() {
        for (int i = 0; i <= 200_000; i++) {
            double x = -8 + 16.0 * i / 200_000;
            double erf = ReferenceMath.erf(x), erfc = ReferenceMath.erfc(x);
            assertThat(ReferenceMath.erf(-x)).as("odd at %s", x).isEqualTo(-erf);
            // erf + erfc = 1; rounding of each (≤ 1 ulp of 1 or 2) bounds the sum's error by 4 ulp of 1
            assertThat(Math.abs(erf + erfc - 1)).as("sum at %s", x).isLessThanOrEqualTo(4 * Math.ulp(1.0));
            // erfc(−x) = 2 − erfc(x)
            assertThat(Math.abs(ReferenceMath.erfc(-x) - (2 - erfc))).as("reflection at %s", x).isLessThanOrEqualTo(4 * Math.ulp(2.0));
        }
    }

    @Test
    void sigmoidAndSoftplusAgreeWithStrictMathFormulasWhereThoseAreAccurate() {
        for (int i = 0; i <= 100_000; i++) {
            double x = -30 + 60.0 * i / 100_000;
            // σ(x) + σ(−x) = 1 to rounding
            assertThat(Math.abs(ReferenceMath.sigmoid(x) + ReferenceMath.sigmoid(-x) - 1)).isLessThanOrEqualTo(2 * Math.ulp(1.0));
            // ln(1 + e^x) is accurate by the naive formula when e^x is not tiny
            if (x > -1) {
                double naive = StrictMath.log1p(StrictMath.exp(x));
                assertThat(Math.abs(ReferenceMath.softplus(x) - naive)).as("softplus at %s", x).isLessThanOrEqualTo(2 * Math.ulp(naive));
            }
            // softplus(x) − softplus(−x) = x
            assertThat(Math.abs(ReferenceMath.softplus(x) - ReferenceMath.softplus(-x) - x))
                    .isLessThanOrEqualTo(4 * Math.ulp(Math.max(ReferenceMath.softplus(x), 1)));
        }
        assertThat(ReferenceMath.sigmoid(-745)).isPositive();
        assertThat(ReferenceMath.softplus(-700)).isEqualTo(StrictMath.exp(-700));
        assertThat(ReferenceMath.softplus(1e4)).isEqualTo(1e4);
    }
}
