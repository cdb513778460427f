package dev.nabla.tensor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Pointwise;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.PointwiseFunction;
import dev.nabla.tensor.ShapeException;
import dev.nabla.tensor.testing.Cases;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fused {@link Pointwise} kernel against {@link ReferencePointwise}, for a test function
 * f(x; a, b) = a·x·σ(b·x) whose block form uses {@link BlockMath} (so the SIMD path runs), with
 * shared and per-channel parameters, over sizes around the block and chunk boundaries; and the
 * same bits on 1 and 2 threads.
 */
class PointwiseParityTest {
    private final int threadsBefore = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(threadsBefore);
    }

    /** f = a·x·σ(bx), ∂f/∂x = a·(σ + bx·σ(1−σ)), ∂f/∂a = x·σ, ∂f/∂b = a·x²·σ(1−σ). */
    static final PointwiseFunction SCALED_SWISH = new PointwiseFunction() {
        @Override public String name() { return "scaled_swish"; }
        @Override public int parameterCount() { return 2; }
        @Override public double value(double x, double[] t) { return t[0] * x * ReferenceMath.sigmoid(t[1] * x); }
        @Override public double derivatives(double x, double[] t, double[] d) {
            double s = ReferenceMath.sigmoid(t[1] * x), s1 = s * (1 - s);
            d[0] = x * s;
            d[1] = t[0] * x * x * s1;
            return t[0] * (s + t[1] * x * s1);
        }
        @Override public void valueBlock(PointwiseBlock b) {
            double[] bx = b.scratch(0), s = b.scratch(1);
            for (int i = 0; i < b.n; i++) bx[i] = b.theta[1] * b.x[i];
            BlockMath.sigmoid(bx, s, b.n);
            for (int i = 0; i < b.n; i++) b.out[i] = b.theta[0] * b.x[i] * s[i];
        }
    };

    /**
     * A float-lane function: f = a·x·e^(−|x|), ∂f/∂x = a·e^(−|x|)·(1 − |x|), ∂f/∂a = x·e^(−|x|), with the
     * float exp pass (2 ulps), so F32 runs {@code valueBlockF32} / {@code derivativeBlockF32}.
     */
    static final class FloatDecay implements PointwiseFunction.FloatValues, PointwiseFunction.FloatDerivatives {
        @Override public String name() { return "float_decay"; }
        @Override public int parameterCount() { return 1; }
        @Override public double value(double x, double[] t) { return t[0] * x * Math.exp(-Math.abs(x)); }
        @Override public double derivatives(double x, double[] t, double[] d) {
            double e = Math.exp(-Math.abs(x));
            d[0] = x * e;
            return t[0] * e * (1 - Math.abs(x));
        }
        @Override public void valueBlockF32(PointwiseBlock b) {
            float[] e = decay(b);
            float a = (float) b.theta[0];
            for (int i = 0; i < b.n; i++) b.outf[i] = a * b.xf[i] * e[i];
        }
        @Override public void derivativeBlockF32(PointwiseBlock b) {
            float[] e = decay(b);
            float a = (float) b.theta[0];
            for (int i = 0; i < b.n; i++) b.outf[i] = a * e[i] * (1 - Math.abs(b.xf[i]));
            if (b.wanted[0]) for (int i = 0; i < b.n; i++) b.dThetaf[0][i] = b.xf[i] * e[i];
        }
        private static float[] decay(PointwiseBlock b) {
            float[] e = b.floatScratch(0);
            for (int i = 0; i < b.n; i++) e[i] = -Math.abs(b.xf[i]);
            BlockMath.exp(e, e, b.n);
            return e;
        }
    }

    /**
     * An in-place function: f = a·clamp(x, −1, 1), ∂f/∂x = a·[|x| &lt; 1], ∂f/∂a = clamp(x, −1, 1).
     * Every float result is one rounding of an exact product, so F32 equals the reference exactly.
     */
    static final class FloatClamp implements PointwiseFunction.FloatInPlace {
        @Override public String name() { return "float_clamp"; }
        @Override public int parameterCount() { return 1; }
        @Override public double value(double x, double[] t) { return t[0] * Math.min(Math.max(x, -1), 1); }
        @Override public double derivatives(double x, double[] t, double[] d) {
            d[0] = Math.min(Math.max(x, -1), 1);
            return Math.abs(x) < 1 ? t[0] : 0;
        }
        @Override public void valueRangeF32(float[] x, float[] y, int from, int to, double[] t) {
            float a = (float) t[0];
            for (int i = from; i < to; i++) y[i] = a * Math.min(Math.max(x[i], -1f), 1f);
        }
        @Override public void gradientRangeF32(float[] x, float[] g, float[] dx, int from, int to, double[] t) {
            float a = (float) t[0];
            for (int i = from; i < to; i++) dx[i] = g[i] * (a * Math.max(Math.signum(1f - Math.abs(x[i])), 0f));
        }
        @Override public void backwardRangeF32(float[] x, float[] g, float[] dx, int from, PointwiseBlock b) {
            gradientRangeF32(x, g, dx, from, from + b.n, b.theta);
            double sum = 0;
            for (int i = from; i < from + b.n; i++) sum += (double) g[i] * Math.min(Math.max(x[i], -1f), 1f);
            b.parameterSums[0] = sum;
        }
    }

    /**
     * The in-place paths, input gradient only and with the parameter sums, of a
     * {@link PointwiseFunction.FloatInPlace} function: both equal the reference, on arrays that are
     * views at an offset into a larger one (the driver copies those to index 0), per channel or shared.
     */
    @Test
    void inPlaceMatchesReference_onViewsAtAnOffset() {
        FloatClamp f = new FloatClamp();
        int[] sizes = {1, 17, PointwiseBlock.FLOAT_SIZE + 1, 16 * PointwiseBlock.FLOAT_SIZE + 3, 70_001};
        Cases.forAll("pointwise in place = reference", 10, (rng, i) -> {
            int inner = sizes[i % sizes.length];
            int channels = i % 2 == 1 ? 3 : 1;
            int n = 3 * channels * inner;
            // rows 1 and 2 of three: contiguous, offset channels·inner
            NDArray x = NDArray.of(Cases.doubles(rng, n, -3, 3), 3, channels, inner).astype(DType.F32).slice(0, 1, 3);
            NDArray g = NDArray.of(Cases.doubles(rng, n, -1, 1), 3, channels, inner).astype(DType.F32).slice(0, 1, 3);
            NDArray a = NDArray.of(Cases.doubles(rng, channels, 0.5, 2), channels).astype(DType.F32);
            assertThat(x.offset()).isPositive();
            assertThat(Pointwise.apply(f, x, a).toFloatArray()).isEqualTo(ReferencePointwise.apply(f, x, a).toFloatArray());
            List<NDArray> ref = ReferencePointwise.backward(f, x, g, a);
            Pointwise.Gradients inPlace = Pointwise.backward(f, x, g, new boolean[] {false}, a);
            Pointwise.Gradients withSums = Pointwise.backward(f, x, g, a);
            assertThat(inPlace.input().toFloatArray()).isEqualTo(ref.get(0).toFloatArray());
            assertThat(withSums.input().toFloatArray()).isEqualTo(ref.get(0).toFloatArray());
            assertClose(withSums.parameters().get(0), ref.get(1), 1e-6, "da");
        });
    }

    /** A FloatInPlace function with a parameter but no parameter-gradient form fails loudly, not with a zero gradient. */
    @Test
    void inPlaceWithoutParameterGradientsIsAnError() {
        PointwiseFunction.FloatInPlace forgetful = new PointwiseFunction.FloatInPlace() {
            @Override public String name() { return "forgetful"; }
            @Override public int parameterCount() { return 1; }
            @Override public double value(double x, double[] t) { return t[0] * x; }
            @Override public double derivatives(double x, double[] t, double[] d) { d[0] = x; return t[0]; }
            @Override public void valueRangeF32(float[] x, float[] y, int from, int to, double[] t) {
                for (int i = from; i < to; i++) y[i] = (float) t[0] * x[i];
            }
            @Override public void gradientRangeF32(float[] x, float[] g, float[] dx, int from, int to, double[] t) {
                for (int i = from; i < to; i++) dx[i] = g[i] * (float) t[0];
            }
        };
        NDArray x = NDArray.ones(DType.F32, 1, 1, 10), a = NDArray.scalar(2, DType.F32);
        assertThat(Pointwise.backward(forgetful, x, x, new boolean[] {false}, a).input().toFloatArray()).containsOnly(2f);
        assertThatThrownBy(() -> Pointwise.backward(forgetful, x, x, a)).hasMessageContaining("forgetful").hasMessageContaining("1 parameters");
    }

    /** The float-lane path: within a few float ulps of the reference (plus the cancellation of 1 − |x| near ±1), sizes around blocks and chunks. */
    @Test
    void floatLanesMatchReference() {
        FloatDecay f = new FloatDecay();
        int[] sizes = {0, 1, 15, 16, 17, PointwiseBlock.SIZE - 1, PointwiseBlock.SIZE + 1, PointwiseBlock.FLOAT_SIZE + 1, 16 * PointwiseBlock.FLOAT_SIZE + 3, 70_001};
        Cases.forAll("pointwise float lanes = reference", 18, (rng, i) -> {
            int inner = sizes[i % sizes.length];
            int channels = i % 2 == 1 ? 3 : 1;
            int[] shape = {2, channels, inner};
            NDArray x = NDArray.of(Cases.doubles(rng, 2 * channels * inner, -30, 30), shape).astype(DType.F32);
            NDArray g = NDArray.of(Cases.doubles(rng, 2 * channels * inner, -1, 1), shape).astype(DType.F32);
            NDArray a = NDArray.of(Cases.doubles(rng, channels, 0.5, 2), channels).astype(DType.F32);
            assertCloseOrTiny(Pointwise.apply(f, x, a), ReferencePointwise.apply(f, x, a), 1e-6, 1e-30, "value");
            Pointwise.Gradients grads = Pointwise.backward(f, x, g, a);
            List<NDArray> ref = ReferencePointwise.backward(f, x, g, a);
            assertCloseOrTiny(grads.input(), ref.get(0), 1e-6, 1e-6, "dx");
            double[] xs = x.toDoubleArray(), gs = g.toDoubleArray();
            double scale = 0; // Σ|g·∂f/∂a|: the sums are compared relative to it (block sums run in float lanes)
            for (int k = 0; k < xs.length; k++) scale += Math.abs(gs[k] * xs[k] * Math.exp(-Math.abs(xs[k])));
            assertCloseOrTiny(grads.parameters().get(0), ref.get(1), 1e-5, 1e-6 * scale + 1e-30, "da");
        });
    }

    @Test
    void floatLanesGiveTheSameBitsOnOneAndTwoThreads_andSkipUnwantedParameters() {
        FloatDecay f = new FloatDecay();
        NDArray x = NDArray.linspace(-20, 20, 300_001, DType.F32).reshape(1, 1, 300_001);
        NDArray g = NDArray.linspace(1, -1, 300_001, DType.F32).reshape(1, 1, 300_001);
        NDArray a = NDArray.scalar(1.5, DType.F32);
        Parallel.setThreads(1);
        Pointwise.Gradients one = Pointwise.backward(f, x, g, a);
        NDArray yOne = Pointwise.apply(f, x, a);
        Parallel.setThreads(2);
        Pointwise.Gradients two = Pointwise.backward(f, x, g, a);
        assertThat(Pointwise.apply(f, x, a).toFloatArray()).isEqualTo(yOne.toFloatArray());
        assertThat(two.input().toFloatArray()).isEqualTo(one.input().toFloatArray());
        assertThat(two.parameters().get(0).item()).isEqualTo(one.parameters().get(0).item());
        Pointwise.Gradients onlyX = Pointwise.backward(f, x, g, new boolean[] {false}, a);
        assertThat(onlyX.parameters().get(0)).isNull();
        assertThat(onlyX.input().toFloatArray()).isEqualTo(one.input().toFloatArray());
    }

    private static void assertCloseOrTiny(NDArray actual, NDArray expected, double rel, double abs, String what) {
        double[] a = actual.toDoubleArray(), e = expected.toDoubleArray();
        assertThat(a.length).isEqualTo(e.length);
        for (int i = 0; i < a.length; i++) {
            double err = Math.abs(a[i] - e[i]);
            assertThat(err <= rel * Math.abs(e[i]) || err <= abs).as("%s[%d]: %s vs reference %s", what, i, a[i], e[i]).isTrue();
        }
    }

    @Test
    void fusedMatchesReference_sharedAndPerChannel() {
        int[] sizes = {0, 1, 15, 16, 17, PointwiseBlock.SIZE - 1, PointwiseBlock.SIZE + 1, PointwiseBlock.FLOAT_SIZE + 1, 16 * PointwiseBlock.FLOAT_SIZE + 3, 70_001};
        Cases.forAll("pointwise fused = reference", 24, (rng, i) -> {
            int inner = sizes[i % sizes.length];
            boolean perChannel = i % 2 == 1;
            int channels = perChannel ? 3 : 1;
            int[] shape = {2, channels, inner};
            DType dtype = i % 3 == 0 ? DType.F64 : DType.F32;
            NDArray x = NDArray.of(Cases.doubles(rng, 2 * channels * inner, -30, 30), shape).astype(dtype);
            NDArray g = NDArray.of(Cases.doubles(rng, 2 * channels * inner, -1, 1), shape).astype(dtype);
            NDArray a = NDArray.of(Cases.doubles(rng, channels, 0.5, 2), channels).astype(dtype);
            NDArray b = NDArray.of(Cases.doubles(rng, channels, 0.5, 2), channels).astype(dtype);
            NDArray y = Pointwise.apply(SCALED_SWISH, x, a, b);
            // F64 runs the element forms exactly as the reference; F32 rounds once (0.5 ulp) after a ~1e-10 pass
            double tol = dtype == DType.F64 ? 0 : 1e-7;
            assertClose(y, ReferencePointwise.apply(SCALED_SWISH, x, a, b), tol, "value");
            Pointwise.Gradients grads = Pointwise.backward(SCALED_SWISH, x, g, a, b);
            List<NDArray> ref = ReferencePointwise.backward(SCALED_SWISH, x, g, a, b);
            assertClose(grads.input(), ref.get(0), tol, "dx");
            // parameter sums: per-chunk partials in double, then rounded to the parameter dtype
            assertClose(grads.parameters().get(0), ref.get(1), dtype == DType.F64 ? 1e-12 : 1e-6, "da");
            assertClose(grads.parameters().get(1), ref.get(2), dtype == DType.F64 ? 1e-12 : 1e-6, "db");
            assertThat(grads.parameters().get(0).shape()).isEqualTo(a.shape());
        });
    }

    @Test
    void sameBitsOnOneAndTwoThreads() {
        NDArray x = NDArray.linspace(-20, 20, 300_001, DType.F32).reshape(1, 1, 300_001);
        NDArray g = NDArray.linspace(1, -1, 300_001, DType.F32).reshape(1, 1, 300_001);
        NDArray a = NDArray.scalar(1.5, DType.F32), b = NDArray.scalar(0.7, DType.F32);
        Parallel.setThreads(1);
        Pointwise.Gradients one = Pointwise.backward(SCALED_SWISH, x, g, a, b);
        Parallel.setThreads(2);
        Pointwise.Gradients two = Pointwise.backward(SCALED_SWISH, x, g, a, b);
        assertThat(two.input().toFloatArray()).isEqualTo(one.input().toFloatArray());
        assertThat(two.parameters().get(1).item()).isEqualTo(one.parameters().get(1).item());
    }

    @Test
    void parameterShapesAreChecked() {
        NDArray x = NDArray.zeros(DType.F32, 2, 3, 4);
        assertThatThrownBy(() -> Pointwise.apply(SCALED_SWISH, x, NDArray.zeros(DType.F32, 4), NDArray.scalar(1, DType.F32)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("scaled_swish").hasMessageContaining("[2, 3, 4]");
        assertThatThrownBy(() -> Pointwise.apply(SCALED_SWISH, x, NDArray.scalar(1, DType.F32)))
                .hasMessageContaining("expects 2 parameter arrays, got 1");
    }

    private static void assertClose(NDArray actual, NDArray expected, double rel, String what) {
        double[] a = actual.toDoubleArray(), e = expected.toDoubleArray();
        assertThat(a.length).isEqualTo(e.length);
        for (int i = 0; i < a.length; i++) {
            double err = Math.abs(a[i] - e[i]);
            assertThat(err <= rel * Math.abs(e[i]) + 1e-30 || a[i] == e[i]).as("%s[%d]: %s vs reference %s", what, i, a[i], e[i]).isTrue();
        }
    }
}
