package dev.nabla.tensor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link BlockMath}'s passes (SIMD when the Vector API is present) against their double twins on a
 * dense grid, including arguments that are not floats (the activations pass products such as
 * −x/β): within 1e-9 relative, far below a float ulp (6e-8), which is all a fused F32 kernel needs.
 * The float-lane passes (exp, log1p, expm1, erf, erfc) are held to a few float ulps of their double
 * twins over dense sweeps, random floats of every magnitude and the special values, in place too, and
 * to the same bits before and after JIT compilation.
 */
class BlockMathParityTest {
    private static final double REL = 1e-9, ABS = 1e-300;

    interface Pass {
        void run(double[] x, double[] y, double[] tmp, int n);
    }

    private static void check(String name, Pass pass, DoubleUnaryOperator twin, double lo, double hi) {
        int total = 20_011;
        double[] x = new double[BlockMath.BLOCK], y = new double[BlockMath.BLOCK], tmp = new double[BlockMath.BLOCK];
        for (int start = 0; start < total; start += BlockMath.BLOCK) {
            int n = Math.min(BlockMath.BLOCK, total - start);
            for (int i = 0; i < n; i++) x[i] = lo + (hi - lo) * (start + i) / (total - 1.0) * (1 + 1e-7 * Math.sin(start + i));
            pass.run(x, y, tmp, n);
            for (int i = 0; i < n; i++) {
                double expected = twin.applyAsDouble(x[i]);
                double err = Math.abs(y[i] - expected);
                assertThat(err <= REL * Math.abs(expected) + ABS || y[i] == expected)
                        .as("%s(%s) = %s, twin %s", name, x[i], y[i], expected).isTrue();
            }
        }
    }

    @Test
    void everyPassMatchesItsTwin() {
        check("exp", (x, y, t, n) -> BlockMath.exp(x, y, n), Math::exp, -100, 85);
        check("expm1", (x, y, t, n) -> BlockMath.expm1(x, y, n), Math::expm1, -30, 30);
        check("expm1 near 0", (x, y, t, n) -> BlockMath.expm1(x, y, n), Math::expm1, -1e-6, 1e-6);
        check("log1p", (x, y, t, n) -> BlockMath.log1p(x, y, n), Math::log1p, -0.999, 1e6);
        check("log1p near 0", (x, y, t, n) -> BlockMath.log1p(x, y, n), Math::log1p, -1e-7, 1e-7);
        check("tanh", (x, y, t, n) -> BlockMath.tanh(x, y, n), Math::tanh, -25, 25);
        check("sigmoid", (x, y, t, n) -> BlockMath.sigmoid(x, y, n), ReferenceMath::sigmoid, -100, 100);
        check("softplus", BlockMath::softplus, ReferenceMath::softplus, -100, 100);
        check("erf", BlockMath::erf, ReferenceMath::erf, -6, 6);
        check("erf near 0", BlockMath::erf, ReferenceMath::erf, -1e-5, 1e-5);
        check("erfc", BlockMath::erfc, ReferenceMath::erfc, -6, 9);
    }

    /**
     * The float-lane exp against (float) Math.exp, within 2 ulps of the correctly rounded float, over
     * the whole float range (subnormal results, 0 below −104, ∞ above 88.73) and on NaN.
     */
    @Test
    void floatExpIsWithinTwoUlps() {
        float[] x = new float[BlockMath.BLOCK], y = new float[BlockMath.BLOCK];
        int total = 200_003;
        for (int start = 0; start < total; start += BlockMath.BLOCK) {
            int n = Math.min(BlockMath.BLOCK, total - start);
            for (int i = 0; i < n; i++) x[i] = (float) (-110 + 200.0 * (start + i) / (total - 1.0));
            if (start == 0) {
                x[0] = Float.NaN;
                x[1] = Float.NEGATIVE_INFINITY;
                x[2] = Float.POSITIVE_INFINITY;
                x[3] = -0f;
                x[4] = 1e-30f;
            }
            BlockMath.exp(x, y, n);
            for (int i = 0; i < n; i++) {
                float expected = (float) Math.exp(x[i]);
                if (Float.isNaN(expected) || Float.isInfinite(expected) || expected == 0) {
                    assertThat(Float.floatToIntBits(y[i])).as("exp(%s) = %s", x[i], y[i]).isEqualTo(Float.floatToIntBits(expected));
                } else {
                    assertThat(Math.abs(y[i] - expected)).as("exp(%s) = %s, twin %s", x[i], y[i], expected)
                            .isLessThanOrEqualTo(2 * Math.ulp(expected));
                }
            }
        }
    }

    interface FloatPass {
        void run(float[] x, float[] y, int n);
    }

    /**
     * The largest error of a float pass in ulps of the double twin t rounded to float f = (float) t,
     * |y − t|/ulp(f) (so the correctly rounded f itself scores up to ½), over
     * the arguments in blocks of {@code PointwiseBlock.FLOAT_SIZE} (odd-sized last block), each block
     * also run in place (y = x) and required to give the same bits (any NaN counting as one). Where f is NaN, ±∞ or ±0 the result
     * must be exactly f (sign included). The first block is run again at the end and must give the same
     * bits as before the sweep compiled the pass. Subnormal f count in subnormal ulps (2^−149), so a relative error of
     * K normal ulps shows as at most K + ½ there.
     */
    private static double maxUlps(String name, FloatPass pass, DoubleUnaryOperator twin, float[] args) {
        int size = dev.nabla.tensor.PointwiseBlock.FLOAT_SIZE;
        float[] x = new float[size], y = new float[size], inPlace = new float[size];
        float[] first = Arrays.copyOf(args, size), firstResult = new float[size];
        pass.run(first, firstResult, size); // before the sweep: interpreted or C1, the Vector API's Java fallback
        double worst = 0;
        for (int start = 0; start < args.length; start += size) {
            int n = Math.min(size, args.length - start);
            System.arraycopy(args, start, x, 0, n);
            System.arraycopy(args, start, inPlace, 0, n);
            pass.run(x, y, n);
            pass.run(inPlace, inPlace, n);
            for (int i = 0; i < n; i++) {
                double exact = twin.applyAsDouble(x[i]);
                float expected = (float) exact;
                String what = String.format("%s(%s) = %s, twin %s", name, x[i], y[i], expected);
                assertThat(Float.floatToIntBits(inPlace[i])).as("in place: " + what).isEqualTo(Float.floatToIntBits(y[i]));
                if (Float.isNaN(expected) || Float.isInfinite(expected) || expected == 0) {
                    assertThat(Float.floatToIntBits(y[i])).as(what).isEqualTo(Float.floatToIntBits(expected));
                } else {
                    double ulps = Math.abs(y[i] - exact) / Math.ulp(expected);
                    assertThat(ulps).as(what).isLessThan(1e9); // NaN or wild results fail here, with the argument
                    worst = Math.max(worst, ulps);
                }
            }
        }
        float[] again = new float[size];
        pass.run(first, again, size); // after a million elements: C2's intrinsics
        for (int i = 0; i < size; i++) {
            assertThat(Float.floatToIntBits(again[i])).as("%s(%s) before and after JIT compilation", name, first[i])
                    .isEqualTo(Float.floatToIntBits(firstResult[i]));
        }
        return worst;
    }

    /** count floats evenly from lo to hi, then count random floats of every magnitude in [lo, hi] (random bits, seeded). */
    private static float[] sweep(double lo, double hi, int count, long seed) {
        float[] a = new float[2 * count];
        for (int i = 0; i < count; i++) a[i] = (float) (lo + (hi - lo) * i / (count - 1.0));
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = count; i < a.length; ) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (f >= lo && f <= hi) a[i++] = f;
        }
        return a;
    }

    private static float[] concat(float[]... parts) {
        int length = 0;
        for (float[] p : parts) length += p.length;
        float[] all = new float[length];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private static final float[] SPECIALS = {Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 0f, -0f, Float.MIN_VALUE,
        -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-30f, -1e-30f, 1e-40f, Float.MAX_VALUE, -Float.MAX_VALUE, 1, -1, 0.5f};

    /** The pass applied to a few values, through a whole block (the passes work on whole vectors). */
    private static float[] apply(FloatPass pass, float... values) {
        float[] block = Arrays.copyOf(values, dev.nabla.tensor.PointwiseBlock.FLOAT_SIZE);
        pass.run(block, block, values.length);
        return Arrays.copyOf(block, values.length);
    }

    /**
     * log1p in float lanes, for x ≥ −1 (and the NaN of x &lt; −1): dense sweeps near −1, over [0, 1] where
     * the activations call it, and up to 1e6, random floats of every magnitude, specials; measured max
     * 1.35 ulps (at 0.429, where 1 + x passes √2), asserted ≤ 1.5.
     */
    @Test
    void floatLog1pIsWithinOneAndAHalfUlps() {
        float[] args = concat(SPECIALS, new float[] {-1.5f, -2, -0.9999999f, 0x1p24f, 0x1p24f + 2, 3e38f},
                sweep(-1, -0.5, 100_000, 1), sweep(-0.5, 1, 200_000, 2), sweep(1, 1e6, 100_000, 3), sweep(-1, Float.MAX_VALUE, 300_000, 4));
        double worst = maxUlps("log1p", BlockMath::log1p, Math::log1p, args);
        assertThat(worst).as("max ulps of float log1p").isLessThanOrEqualTo(1.5);
        assertThat(apply(BlockMath::log1p, 1e-30f, Float.MIN_VALUE, -1e-40f)).containsExactly(1e-30f, Float.MIN_VALUE, -1e-40f);
    }

    /** expm1 in float lanes over the whole float range: measured max 1.12 ulps, asserted ≤ 1.25. */
    @Test
    void floatExpm1IsWithinOneAndAQuarterUlps() {
        float[] args = concat(SPECIALS, new float[] {88.72f, 88.7229f, 89, 100, -17, -18, -20, -104},
                sweep(-1, 1, 200_000, 5), sweep(-20, 90, 200_000, 6), sweep(-Float.MAX_VALUE, Float.MAX_VALUE, 300_000, 7));
        double worst = maxUlps("expm1", BlockMath::expm1, Math::expm1, args);
        assertThat(worst).as("max ulps of float expm1").isLessThanOrEqualTo(1.25);
        assertThat(apply(BlockMath::expm1, 1e-30f, -100, Float.NEGATIVE_INFINITY, 89)).containsExactly(1e-30f, -1, -1, Float.POSITIVE_INFINITY);
    }

    /** erf in float lanes over the whole float range: measured max 0.77 ulps, asserted ≤ 1; odd, ±1 far out. */
    @Test
    void floatErfIsWithinOneUlp() {
        float[] args = concat(SPECIALS, new float[] {0.84375f, -0.84375f, 1.25f, -1.25f, 2.85715f, 3.9f, 4, -6, 10.1f, 1e6f},
                sweep(-1.5, 1.5, 200_000, 8), sweep(-6, 6, 200_000, 9), sweep(-Float.MAX_VALUE, Float.MAX_VALUE, 300_000, 10));
        double worst = maxUlps("erf", BlockMath::erf, ReferenceMath::erf, args);
        assertThat(worst).as("max ulps of float erf").isLessThanOrEqualTo(1);
        assertThat(apply(BlockMath::erf, 1e-30f, -1e-30f, 5, -5)).containsExactly(1.1283791e-30f, -1.1283791e-30f, 1, -1); // 1.12837917e−30 rounded to nearest
    }

    /** erf for non-negative x (Serf's erf of a softplus), two pieces: measured max 1.87 ulps, asserted ≤ 2.25; 0 and 1 exact. */
    @Test
    void floatErfOfNonNegativeIsWithinTwoAndAQuarterUlps() {
        float[] args = concat(new float[] {Float.NaN, Float.POSITIVE_INFINITY, 0f, Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, 1e-40f,
            Float.MAX_VALUE, 0.84375f, Math.nextDown(0.84375f), 1.25f, 3.9f, 10.1f, 1e6f},
                sweep(0, 1.5, 200_000, 16), sweep(0, 12, 300_000, 17), sweep(0, Float.MAX_VALUE, 300_000, 18));
        double worst = maxUlps("erfOfNonNegative", BlockMath::erfOfNonNegative, ReferenceMath::erf, args);
        assertThat(worst).as("max ulps of float erf of non-negative x").isLessThanOrEqualTo(2.25);
        assertThat(apply(BlockMath::erfOfNonNegative, 1e-30f, 0, 5)).containsExactly(1.1283791e-30f, 0, 1);
    }

    /**
     * erfc in float lanes: relative error where the result is a normal float (x up to ~9.19), including
     * the far right tail GELU's Φ(x) = ½·erfc(−x/√2) needs; subnormal ulps in the subnormal tail up to 10.05;
     * 0 beyond, 2 far left. Measured max 2.01 ulps (at 1.55, the first tail piece), asserted ≤ 2.25.
     */
    @Test
    void floatErfcIsWithinTwoAndAQuarterUlps() {
        float[] args = concat(SPECIALS, new float[] {0.25f, 0.84375f, -0.84375f, 1.25f, -1.25f, 2.85715f, 9.19f, 10.05f, 10.06f, 11, -4, -10},
                sweep(-1.5, 1.5, 200_000, 11), sweep(1.25, 2.86, 200_000, 15), sweep(-6, 11, 300_000, 12), sweep(8, 10.1, 100_000, 13),
                sweep(-Float.MAX_VALUE, Float.MAX_VALUE, 300_000, 14));
        double worst = maxUlps("erfc", BlockMath::erfc, ReferenceMath::erfc, args);
        assertThat(worst).as("max ulps of float erfc").isLessThanOrEqualTo(2.25);
        assertThat(apply(BlockMath::erfc, 0, -20, 20, Float.NaN)).containsExactly(1, 2, 0, Float.NaN);
    }

    /**
     * The one-loop Swish kernels against their double twins, for β = 1 (SiLU), 1.5 and −0.7, over
     * dense sweeps, random floats of every magnitude and the special values: values within 4 + |βx|
     * ulps (z = βx is rounded to float first, which moves e^(−|z|) by up to |z|/2 ulps; exact for
     * β = 1) plus 2·|x| subnormal ulps (2^−149: where e^(−|z|) is subnormal, x times it is only as
     * good as that subnormal); slopes within 1e-6 absolute (|slope| ≤ 1.1, and near
     * its zero at βx ≈ −1.28 its two terms cancel). NaN where the twin is NaN (x = −∞: −∞·0). The
     * same element gives the same bits at any position (the last vector is masked, not scalar), and
     * the kernels run in place.
     */
    @Test
    void swishKernelsMatchTheirTwins() {
        float[] args = concat(SPECIALS, sweep(-20, 20, 100_000, 21), sweep(-200, 200, 50_000, 22),
                sweep(-Float.MAX_VALUE, Float.MAX_VALUE, 100_000, 23));
        float[] g = cosines(args.length);
        for (float beta : new float[] {1, 1.5f, -0.7f}) {
            KernelRun run = runKernels("swish beta " + beta, args, g,
                    (x, y, from, to) -> BlockMath.swish(x, y, from, to, beta), (x, gx, dx, from, to) -> BlockMath.swishGradient(x, gx, dx, from, to, beta));
            float[] y = run.y(), dx = run.dx(), slope = run.slope();
            for (int i = 0; i < args.length; i++) {
                float x = args[i];
                double value = ReferenceMath.swish(x, beta), derivative = ReferenceMath.swishSlope(x, beta);
                String what = String.format("beta %s, x %s: y %s (twin %s), slope %s (twin %s)", beta, x, y[i], value, slope[i], derivative);
                assertElement(what, y[i], value, (4 + Math.abs(beta * x)) * Math.ulp((float) value) + 2 * Math.abs(x) * Float.MIN_VALUE,
                        slope[i], derivative, 1e-6, dx[i], g[i]);
            }
        }
    }

    /**
     * The one-loop GELU kernels against their double twins, over dense sweeps, random floats of every
     * magnitude and the special values: values within 10 ulps (the one-piece erfc's 1.2e-7, about 2
     * ulps, plus float rounding; measured at most 7.7) plus 2·|x| subnormal ulps (where Φ is subnormal,
     * x·Φ is only as good as Φ); slopes within 4e-7 absolute (|f′| ≤ 1.13 and Φ + x·φ cancels near
     * x ≈ −0.75; measured at most 2e-7). NaN where the twin is NaN (x = −∞: −∞·0). An element gives
     * the same bits at any position, the slope without g equals the gradient with g = 1, and the
     * gradient runs in place.
     */
    @Test
    void geluKernelsMatchTheirTwins() {
        float[] args = concat(SPECIALS, new float[] {-15, 15, -14.5f, -0.7517915f}, sweep(-16, 12, 400_000, 41),
                sweep(-200, 200, 50_000, 42), sweep(-Float.MAX_VALUE, Float.MAX_VALUE, 100_000, 43));
        float[] g = cosines(args.length), slope = new float[args.length];
        KernelRun run = runKernels("gelu", args, g, BlockMath::gelu, BlockMath::geluGradient);
        float[] y = run.y(), dx = run.dx(), inPlace = run.slope();
        BlockMath.geluSlope(args, slope, 0, args.length);
        for (int i = 0; i < args.length; i++) {
            float x = args[i];
            double value = ReferenceMath.gelu(x), derivative = ReferenceMath.geluSlope(x);
            String what = String.format("x %s: y %s (twin %s), slope %s (twin %s)", x, y[i], value, slope[i], derivative);
            assertThat(Float.floatToIntBits(inPlace[i])).as("g = 1 in place: " + what).isEqualTo(Float.floatToIntBits(slope[i]));
            assertElement(what, y[i], value, 10 * Math.ulp((float) value) + 2 * Math.abs(x) * Float.MIN_VALUE, slope[i], derivative, 4e-7, dx[i], g[i]);
        }
    }

    /**
     * The one-loop Soft-Root-Sign kernels against their double twins, for (α, β) = (2, 3), (5, 3),
     * (1, 0.5) and (0.3, 0.8), over dense sweeps, random floats of every magnitude and the special
     * values: values within (8 + 2|x/β|) ulps (|x|·(1/β) is rounded twice in float before the exp,
     * a relative error up to 2^−23 that moves t = e^(−|x|/β) by up to |x/β|·2^−23, which is 2|x/β|
     * ulps at most; exp, ×, + and ÷ add about 5) plus 2·|x| subnormal ulps (where t is subnormal,
     * x·t is only as good as t); slopes within 1e-6 of max(1, |f′|); both times the condition of
     * the denominator ({@link #softRootSignCondition}, large only near β = e·α). Measured: at most
     * 0.62 and 0.44 of these bounds. The α and β gradient sums over every range length up to 3
     * segments (and 1,000 random ranges) within 2e-6 of Σ|g·∂f/∂θ|·condition. An element gives the
     * same bits at any position, and the gradient runs in place.
     */
    @Test
    void softRootSignKernelsMatchTheirTwins() {
        float[] args = concat(SPECIALS, sweep(-30, 30, 100_000, 31), sweep(-300, 300, 50_000, 32),
                sweep(-Float.MAX_VALUE, Float.MAX_VALUE, 100_000, 33));
        float[] g = cosines(args.length);
        double[][] parameters = {{2, 3}, {5, 3}, {1, 0.5}, {0.3, 0.8}};
        for (double[] ab : parameters) {
            double alpha = ab[0], beta = ab[1];
            KernelRun run = runKernels("srs alpha " + alpha + ", beta " + beta, args, g, (x, y, from, to) -> BlockMath.softRootSign(x, y, from, to, alpha, beta),
                    (x, gx, dx, from, to) -> BlockMath.softRootSignGradient(x, gx, dx, from, to, alpha, beta, null));
            float[] y = run.y(), dx = run.dx(), slope = run.slope();
            double[] d = new double[2];
            for (int i = 0; i < args.length; i++) {
                float x = args[i];
                double value = ReferenceMath.softRootSign(x, alpha, beta), derivative = ReferenceMath.softRootSignDerivatives(x, alpha, beta, d);
                String what = String.format("alpha %s, beta %s, x %s: y %s (twin %s), slope %s (twin %s)", alpha, beta, x, y[i], value, slope[i], derivative);
                double kappa = softRootSignCondition(x, alpha, beta);
                assertElement(what, y[i], value, (8 + 2 * Math.abs(x / beta)) * kappa * Math.ulp((float) value) + 2 * Math.abs(x) * Float.MIN_VALUE,
                        slope[i], derivative, 1e-6 * kappa * Math.max(1, Math.abs(derivative)), dx[i], g[i]);
            }
            float[] xs = sweep(-40, 40, 3 * BlockMath.BLOCK, 34), gs = new float[xs.length], scratch = new float[xs.length];
            for (int i = 0; i < gs.length; i++) gs[i] = (float) Math.sin(3.7 * i);
            java.util.SplittableRandom random = new java.util.SplittableRandom(35);
            for (int c = 0; c < 3 * BlockMath.BLOCK + 1000; c++) {
                int from = c <= 3 * BlockMath.BLOCK ? 0 : random.nextInt(xs.length), to = c <= 3 * BlockMath.BLOCK ? c : from + random.nextInt(xs.length - from + 1);
                double[] sums = new double[2], twin = new double[2], magnitude = new double[2];
                BlockMath.softRootSignGradient(xs, gs, scratch, from, to, alpha, beta, sums);
                for (int i = from; i < to; i++) {
                    ReferenceMath.softRootSignDerivatives(xs[i], alpha, beta, d);
                    for (int k = 0; k < 2; k++) {
                        twin[k] += gs[i] * d[k];
                        magnitude[k] += Math.abs(gs[i] * d[k]) * softRootSignCondition(xs[i], alpha, beta);
                    }
                }
                for (int k = 0; k < 2; k++) {
                    assertThat(sums[k]).as("alpha %s, beta %s, sum %d over [%d, %d)", alpha, beta, k, from, to)
                            .isCloseTo(twin[k], org.assertj.core.data.Offset.offset(2e-6 * magnitude[k] + 1e-30));
                }
            }
        }
    }

    /**
     * The one-loop sigmoid and tanh kernels against their double twins, and their slopes (σ′, and
     * tanh′ = 4·σ′(2x)), over dense sweeps, random floats of every magnitude and the special values:
     * values within 5 ulps, slopes within 6 ulps plus 2·c·|x| subnormal ulps (where e^(−c|x|) is
     * subnormal the slope is only as good as it): the exp's 2 ulps, and 1 + e rounded, which the
     * slope squares; measured at most 3.4 and 3.8 ulps. tanh keeps the sign of zero.
     * An element gives the same bits at any position, and the gradient runs in place.
     */
    @Test
    void sigmoidAndTanhKernelsMatchTheirTwins() {
        float[] args = concat(SPECIALS, sweep(-20, 20, 200_000, 71), sweep(-1e-6, 1e-6, 20_000, 72), sweep(-120, 120, 50_000, 73),
                sweep(-Float.MAX_VALUE, Float.MAX_VALUE, 100_000, 74));
        float[] g = cosines(args.length);
        for (boolean tanh : new boolean[] {false, true}) {
            float a = tanh ? 4 : 1, c = tanh ? 2 : 1;
            KernelRun run = runKernels(tanh ? "tanh" : "sigmoid", args, g, tanh ? BlockMath::tanh : BlockMath::sigmoid,
                    (x, gx, dx, from, to) -> BlockMath.logisticGradient(x, gx, dx, from, to, a, c));
            float[] y = run.y(), dx = run.dx(), slope = run.slope();
            for (int i = 0; i < args.length; i++) {
                float x = args[i];
                double value = tanh ? Math.tanh(x) : ReferenceMath.sigmoid(x), derivative = a * ReferenceMath.sigmoidSlope(c * (double) x);
                String what = String.format("%s, x %s: y %s (twin %s), slope %s (twin %s)", tanh ? "tanh" : "sigmoid", x, y[i], value, slope[i], derivative);
                assertElement(what, y[i], value, 5 * Math.ulp((float) value), slope[i], derivative,
                        6 * Math.ulp((float) derivative) + 2 * Math.abs(c * x) * Float.MIN_VALUE, dx[i], g[i]);
            }
        }
        float[] zeros = {0f, -0f}, tanhOfZeros = new float[2];
        BlockMath.tanh(zeros, tanhOfZeros, 0, 2);
        assertThat(Float.floatToIntBits(tanhOfZeros[1])).as("tanh(−0) = −0").isEqualTo(Float.floatToIntBits(-0f));
    }

    /**
     * The one-loop softplus kernels against their double twins, for (β, threshold) = (1, 20),
     * (1.5, 20) and (0.5, 0.6), over dense sweeps, random floats of every magnitude and the special
     * values: values within (5 + 2|βx|) ulps, slopes within (6 + 2|βx|) ulps (z = βx is rounded to
     * float, a relative error up to 2^−24 that moves e^(−|z|) by up to 2|z| ulps; exp, log1p and the
     * rest add a few) plus 2·|βx| subnormal ulps (where e is subnormal); measured at most 0.48 and
     * 0.47 of these bounds. An
     * element gives the same bits at any position, and the gradient runs in place.
     */
    @Test
    void softplusKernelsMatchTheirTwins() {
        float[] args = concat(SPECIALS, sweep(-30, 30, 200_000, 81), sweep(-200, 200, 50_000, 82), sweep(-Float.MAX_VALUE, Float.MAX_VALUE, 100_000, 83));
        float[] g = cosines(args.length);
        for (double[] p : new double[][] {{1, 20}, {1.5, 20}, {0.5, 0.6}}) {
            float beta = (float) p[0], threshold = (float) p[1];
            KernelRun run = runKernels("softplus beta " + beta + ", threshold " + threshold, args, g,
                    (x, y, from, to) -> BlockMath.softplus(x, y, from, to, beta, threshold),
                    (x, gx, dx, from, to) -> BlockMath.softplusGradient(x, gx, dx, from, to, beta, threshold));
            float[] y = run.y(), dx = run.dx(), slope = run.slope();
            for (int i = 0; i < args.length; i++) {
                float x = args[i];
                double value = ReferenceMath.softplus(x, p[0], p[1]), derivative = ReferenceMath.softplusSlope(x, p[0], p[1]), z = Math.abs(p[0] * x);
                String what = String.format("beta %s, threshold %s, x %s: y %s (twin %s), slope %s (twin %s)", p[0], p[1], x, y[i], value, slope[i], derivative);
                double vb = (5 + 2 * z) * Math.ulp((float) value) + 2 * z * Float.MIN_VALUE, sb = (6 + 2 * z) * Math.ulp((float) derivative) + 2 * z * Float.MIN_VALUE;
                assertElement(what, y[i], value, vb, slope[i], derivative, sb, dx[i], g[i]);
            }
        }
    }

    /**
     * The one-loop ELU kernels against their double twins, for (λ, α) = (1, 1), (1, 0.5) and SELU's
     * (λ, α), over dense sweeps, random floats of every magnitude and the special values: values
     * within 4 ulps (the expm1's 1.12, λ·α rounded to float, one FMA), slopes within 4 ulps (the
     * exp's 2, λ·α, one product); measured at most 2.37 and 1.69 ulps. An element gives the same bits at any position,
     * and the gradient runs in place.
     */
    @Test
    void eluKernelsMatchTheirTwins() {
        float[] args = concat(SPECIALS, sweep(-20, 20, 200_000, 61), sweep(-1e-6, 1e-6, 20_000, 62),
                sweep(-Float.MAX_VALUE, Float.MAX_VALUE, 100_000, 63));
        float[] g = cosines(args.length);
        double[][] parameters = {{1, 1}, {1, 0.5}, {1.0507009873554804934193349852946, 1.6732632423543772848170429916717}};
        for (double[] p : parameters) {
            float scale = (float) p[0], alpha = (float) p[1];
            KernelRun run = runKernels("elu scale " + scale + ", alpha " + alpha, args, g, (x, y, from, to) -> BlockMath.elu(x, y, from, to, scale, alpha),
                    (x, gx, dx, from, to) -> BlockMath.eluGradient(x, gx, dx, from, to, scale, alpha));
            float[] y = run.y(), dx = run.dx(), slope = run.slope();
            for (int i = 0; i < args.length; i++) {
                float x = args[i];
                double value = ReferenceMath.elu(x, p[0], p[1]), derivative = ReferenceMath.eluSlope(x, p[0], p[1]);
                String what = String.format("scale %s, alpha %s, x %s: y %s (twin %s), slope %s (twin %s)", p[0], p[1], x, y[i], value, slope[i], derivative);
                assertElement(what, y[i], value, 4 * Math.ulp((float) value), slope[i], derivative, 4 * Math.ulp((float) derivative), dx[i], g[i]);
            }
        }
    }

    /** The Zorro forms of the kernel test: the five functions' shapes, asymmetric tails, large and negative a·b. */
    private static final ZorroForm[] ZORRO_FORMS = {
        new ZorroForm(1, 0, 1, 0, 1.2, 1, 1.2, 1), // symmetric, the defaults
        new ZorroForm(0.5, 0.5, 1, 0, 4, 2, 4, 2), // sigmoid
        new ZorroForm(0.5, 0.5, 2, -1, 4, 2, 4, 2), // tanh
        new ZorroForm(2, 0, 1, 0, 1.2, 1, 4, 2), // sloped (m = 2), asymmetric
        new ZorroForm(1, 0, 1, 0, 10, 10, 2, 400), // a·b = 100 and 800: ε is subnormal or 0 in float
        new ZorroForm(1, 0, 1, 0, 1, -30, 0.5, -20), // a·b = −30 and −10: ε = e^30, e^10
        new ZorroForm(1, 0, 1, 0, 1, -700, 1, -700), // a·b = −700: the scalar loop
    };

    /**
     * The one-loop Zorro kernels against their double twins ({@link ZorroForm}) for the forms above,
     * over dense sweeps, random floats of every magnitude and the special values: values within
     * (4 + 2|a·v|) ulps (u = μx + c is rounded to float, which moves t = e^(a·v) by up to |a·v|/2
     * ulps; the exp, ×, + and ÷ add a few) plus 2·scale·|v|·(1 + ε) subnormal ulps (where t is
     * subnormal, E = ε·t and v·k·G are only as good as t); slopes within 1e-6·scale·μ·(1 + |a·v|)
     * of max(1, |Z′|) (Z′ crosses zero in each tail, and near the boundaries |Z″| ≤ 2a moves it by
     * 2a·ulp(u) when u is rounded). Measured: at most 0.77 and 0.58 of these bounds. The five
     * parameter sums over every range length up to 3 segments (and 1,000 random ranges) within
     * 2e-6 of Σ|g·∂f/∂θ|, plus for a and b 2^−23·Σ|g·v|·scale·(a + |b|): the kernels take
     * e^(a·v) − 1 as t − 1, whose absolute error of up to 2^−23 (the twin has expm1) multiplies
     * v·b·G·s in ∂h/∂a and a·v·G·s in ∂h/∂b; near v = 0, where these terms are of the order of v²,
     * that is what bounds a sum of only such elements. An element gives the same bits at any position, and the gradient runs in
     * place. At x = ±∞ the kernels give the limits, lo and lo + scale with slope 0 (u is bounded), the
     * twin NaN (∞·0).
     */
    @Test
    void zorroKernelsMatchTheirTwins() {
        float[] finiteSpecials = new float[SPECIALS.length - 2], infinities = {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
        System.arraycopy(SPECIALS, 3, finiteSpecials, 1, SPECIALS.length - 3);
        finiteSpecials[0] = Float.NaN;
        float[] args = concat(finiteSpecials, sweep(-30, 30, 100_000, 51), sweep(-300, 300, 50_000, 52),
                sweep(-Float.MAX_VALUE, Float.MAX_VALUE, 100_000, 53));
        float[] g = cosines(args.length);
        for (ZorroForm form : ZORRO_FORMS) {
            KernelRun run = runKernels(form.toString(), args, g, (x, y, from, to) -> BlockMath.zorro(x, y, from, to, form),
                    (x, gx, dx, from, to) -> BlockMath.zorroGradient(x, gx, dx, from, to, form, null));
            float[] y = run.y(), dx = run.dx(), slope = run.slope();
            double[] d = new double[ZorroForm.PARTIALS];
            for (int i = 0; i < args.length; i++) {
                float x = args[i];
                double value = form.value(x), derivative = form.derivatives(x, d);
                double u = form.mu() * x + form.c(), v = Math.min(u, 0) + Math.min(1 - u, 0), a = u < 0 ? form.aLeft() : form.aRight();
                double eps = Math.exp(-a * (u < 0 ? form.bLeft() : form.bRight())), av = Math.abs(a * v);
                String what = String.format("%s, x %s: y %s (twin %s), slope %s (twin %s)", form, x, y[i], value, slope[i], derivative);
                assertElement(what, y[i], value, (4 + 2 * av) * Math.ulp((float) value) + 2 * form.scale() * Math.abs(v) * (1 + eps) * Float.MIN_VALUE,
                        slope[i], derivative, 1e-6 * form.scale() * form.mu() * (1 + av) * Math.max(1, Math.abs(derivative / (form.scale() * form.mu()))),
                        dx[i], g[i]);
            }
            float[] atInfinity = new float[2], slopeAtInfinity = infinities.clone();
            BlockMath.zorro(infinities, atInfinity, 0, 2, form);
            BlockMath.zorroGradient(slopeAtInfinity, new float[] {1, 1}, slopeAtInfinity, 0, 2, form, null);
            assertThat(atInfinity).as("%s at ±∞", form).containsExactly((float) form.lo(), (float) (form.lo() + form.scale()));
            assertThat(slopeAtInfinity[0] == 0 && slopeAtInfinity[1] == 0).as("%s slope at ±∞: %s", form, Arrays.toString(slopeAtInfinity)).isTrue();
            float[] xs = sweep(-8, 9, 3 * BlockMath.BLOCK, 54), gs = new float[xs.length], scratch = new float[xs.length];
            for (int i = 0; i < gs.length; i++) gs[i] = (float) Math.sin(3.7 * i);
            java.util.SplittableRandom random = new java.util.SplittableRandom(55);
            for (int c = 0; c < 3 * BlockMath.BLOCK + 1000; c++) {
                int from = c <= 3 * BlockMath.BLOCK ? 0 : random.nextInt(xs.length), to = c <= 3 * BlockMath.BLOCK ? c : from + random.nextInt(xs.length - from + 1);
                double[] sums = new double[ZorroForm.PARTIALS], twin = new double[ZorroForm.PARTIALS], magnitude = new double[ZorroForm.PARTIALS];
                double tMinusOne = 0;
                BlockMath.zorroGradient(xs, gs, scratch, from, to, form, sums);
                for (int i = from; i < to; i++) {
                    form.derivatives(xs[i], d);
                    for (int k = 0; k < ZorroForm.PARTIALS; k++) {
                        twin[k] += gs[i] * d[k];
                        magnitude[k] += Math.abs(gs[i] * d[k]);
                    }
                    double u = form.mu() * xs[i] + form.c(), v = Math.min(u, 0) + Math.min(1 - u, 0);
                    tMinusOne += Math.abs(gs[i] * v) * form.scale() * (u < 0 ? form.aLeft() + Math.abs(form.bLeft()) : form.aRight() + Math.abs(form.bRight()));
                }
                for (int k = 0; k < ZorroForm.PARTIALS; k++) {
                    double bound = 2e-6 * magnitude[k] + (k == ZorroForm.D_MU ? 0 : 0x1p-23 * tMinusOne) + 1e-30;
                    assertThat(sums[k]).as("%s, sum %d over [%d, %d)", form, k, from, to).isCloseTo(twin[k], org.assertj.core.data.Offset.offset(bound));
                }
            }
        }
    }

    /**
     * One element of a one-loop kernel test: the value within valueBound of its twin (NaN or ∞ where
     * the twin is), the slope within slopeBound (NaN where the twin is), and the gradient exactly
     * g·slope.
     */
    private static void assertElement(String what, float y, double value, double valueBound, float slope, double derivative, double slopeBound,
            float dx, float g) {
        if (Double.isNaN(value)) {
            assertThat(y).as(what).isNaN();
        } else if (Double.isInfinite(value)) {
            assertThat((double) y).as(what).isEqualTo(value);
        } else {
            assertThat(Math.abs(y - value)).as(what).isLessThanOrEqualTo(valueBound);
        }
        if (Double.isNaN(derivative)) {
            assertThat(slope).as(what).isNaN();
        } else {
            assertThat(Math.abs(slope - derivative)).as(what).isLessThanOrEqualTo(slopeBound);
            assertThat(Float.floatToIntBits(dx)).as("g·slope: " + what).isEqualTo(Float.floatToIntBits(g * slope));
        }
    }

    /** Where the one-loop kernels' inputs start in {@link #shifted}: an element must give the same bits anywhere. */
    private static final int SHIFT = 5;

    /** args copied to index {@link #SHIFT} of a longer array. */
    private static float[] shifted(float[] args) {
        float[] shifted = new float[args.length + SHIFT];
        System.arraycopy(args, 0, shifted, SHIFT, args.length);
        return shifted;
    }

    /** A one-loop value kernel with its parameters bound: y[i] = f(x[i]) for from ≤ i &lt; to. */
    interface ValueKernel {
        void run(float[] x, float[] y, int from, int to);
    }

    /** Its gradient kernel: dx[i] = g[i]·f′(x[i]) for from ≤ i &lt; to. */
    interface GradientKernel {
        void run(float[] x, float[] g, float[] dx, int from, int to);
    }

    /** f, g·f′ and f′ (the gradient with g = 1) of a one-loop kernel pair over some arguments. */
    private record KernelRun(float[] y, float[] dx, float[] slope) {}

    /**
     * Runs a one-loop kernel pair over args as each kernel test does: the values, and the values of
     * args copied to index {@link #SHIFT} of a longer array, which must be the same bits (an element
     * gives the same result at any position: the last vector is masked, not scalar); the gradient
     * with g; and the slope as the gradient with g = 1 run in place (x, g and dx one array).
     */
    private static KernelRun runKernels(String what, float[] args, float[] g, ValueKernel value, GradientKernel gradient) {
        float[] shifted = shifted(args), y = new float[args.length], yShifted = new float[shifted.length], dx = new float[args.length];
        value.run(args, y, 0, args.length);
        value.run(shifted, yShifted, SHIFT, shifted.length);
        for (int i = 0; i < args.length; i++) {
            assertThat(Float.floatToIntBits(yShifted[i + SHIFT])).as("%s shifted, x %s: %s vs %s", what, args[i], yShifted[i + SHIFT], y[i])
                    .isEqualTo(Float.floatToIntBits(y[i]));
        }
        gradient.run(args, g, dx, 0, args.length);
        float[] slope = args.clone(), ones = new float[args.length];
        Arrays.fill(ones, 1f);
        gradient.run(slope, ones, slope, 0, args.length);
        return new KernelRun(y, dx, slope);
    }

    /** cos i for i &lt; n: a ∂L/∂y of both signs and many magnitudes. */
    private static float[] cosines(int n) {
        float[] g = new float[n];
        for (int i = 0; i < n; i++) g[i] = (float) Math.cos(i);
        return g;
    }

    /**
     * The condition number of SRS's denominator x·num/α + (t or 1) at x: 1 where its terms have one
     * sign, large near the constraint β = e·α, where they cancel for x ≈ −β. Float errors in the
     * value and the derivatives grow by this factor.
     */
    private static double softRootSignCondition(float x, double alpha, double beta) {
        double t = Math.exp(-Math.abs((double) x) / beta), xTerm = x * (x > 0 ? 1 : t) / alpha, rest = x > 0 ? t : 1;
        return Double.isFinite(xTerm) ? (Math.abs(xTerm) + rest) / Math.abs(xTerm + rest) : 1;
    }

    /**
     * CAReLU's group sums against their index-order double twins, over every range length up to 100
     * and 500 random ranges, z with mixed signs and magnitudes from 1e-30 to 1e30 and special zeros:
     * within 1e-14 of the sum of magnitudes (both in double, only the order differs).
     */
    @Test
    void competitionSumsMatchTheirTwins() {
        float[] z = concat(new float[] {0f, -0f, 1e-30f, -1e30f, Float.MIN_VALUE}, sweep(-1e3, 1e3, 1_000, 27), sweep(-1e30, 1e30, 200, 28));
        float[] g = cosines(z.length);
        java.util.SplittableRandom random = new java.util.SplittableRandom(29);
        for (int c = 0; c < 600; c++) {
            int from = c <= 100 ? 0 : random.nextInt(z.length), to = c <= 100 ? c : from + random.nextInt(z.length - from + 1);
            for (boolean squares : new boolean[] {true, false}) {
                double[] sums = BlockMath.positiveAndAllSums(z, from, to, squares), twin = ReferencePointwise.positiveAndAllSums(z, from, to, squares);
                for (int k = 0; k < 2; k++) {
                    assertThat(sums[k]).as("squares %s, sum %d over [%d, %d)", squares, k, from, to)
                            .isCloseTo(twin[k], org.assertj.core.data.Offset.offset(1e-14 * Math.abs(twin[1]) + 1e-300));
                }
            }
            for (double sign : new double[] {1, -1, 0}) {
                double magnitude = 0;
                for (int i = from; i < to; i++) magnitude += Math.abs((double) g[i] * z[i]);
                assertThat(BlockMath.positivePartDot(z, g, from, to, sign)).as("sign %s over [%d, %d)", sign, from, to)
                        .isCloseTo(ReferencePointwise.positivePartDot(z, g, from, to, sign), org.assertj.core.data.Offset.offset(1e-14 * magnitude + 1e-300));
            }
        }
    }

    /**
     * The block dot product against its double twin, for every length up to a float block, with a
     * read at an offset into a (as the driver reads ∂L/∂y in place), within 1e-6 of Σ|a·b|.
     */
    @Test
    void dotMatchesItsTwin() {
        int size = dev.nabla.tensor.PointwiseBlock.FLOAT_SIZE, aAt = 7;
        float[] a = new float[aAt + size], b = new float[size];
        for (int i = 0; i < a.length; i++) a[i] = (float) Math.sin(i * 0.37) * 1e3f;
        for (int i = 0; i < b.length; i++) b[i] = (float) Math.cos(i * 1.3 + 0.1);
        for (int n = 0; n <= size; n++) {
            double scale = 0;
            for (int i = 0; i < n; i++) scale += Math.abs((double) a[aAt + i] * b[i]);
            assertThat(BlockMath.dot(a, aAt, b, n)).as("n = %d", n).isCloseTo(ReferencePointwise.dot(a, aAt, b, n),
                    org.assertj.core.data.Offset.offset(1e-6 * scale + 1e-30));
        }
    }
}
