package dev.nabla.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.activations.CAReLUOp.Grouping;
import dev.nabla.activations.CAReLUOp.Measure;
import dev.nabla.activations.CAReLUOp.Settings;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.ShapeException;
import dev.nabla.tensor.internal.Parallel;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CAReLU (docs/activations.md §5): the known-value table, the p ≈ 0.5 caveat, the backward against
 * finite differences and against the Tensor-op form, the fused kernels against their reference
 * twin (F32 and F64, 1 and 2 threads), stability at extreme inputs, the grouping, and errors.
 */
class CAReLUTest {
    private static final double K = 1 / Math.tanh(2);
    /** The two groups of the known-value table: positives win, negatives win. */
    private static final double[] POSITIVES_WIN = {-2, -0.5, 0, 0.5, 2, 3}, NEGATIVES_WIN = {-3, -2, -0.5, 0, 0.5, 1};
    /** The stability points of the issue, both signs. */
    private static final double[] EXTREMES = {1e-30, 1e-8, 1, 20, 40, 90, 1e4, 1e30};

    @Test
    void knownValues() {
        // ε = 1e-6 in both dtypes, as the table states (the F64 default 1e-12 moves p by ~1e-7 relative)
        KnownValues.check("carelu(eps=1e-6)", POSITIVES_WIN, new double[] {0, 0, 0, 0.4010957265, 1.604382906, 2.406574359}, false);
        KnownValues.check("carelu(measure=l1,eps=1e-6)", POSITIVES_WIN,
                new double[] {0, 0, 0, 0.3294245727, 1.317698291, 1.976547436}, false);
        KnownValues.check("carelu(eps=1e-6)", NEGATIVES_WIN, new double[] {2.892751268, 1.928500845, 0.4821252113, 0, 0, 0}, false);
        KnownValues.check("carelu(measure=l1,eps=1e-6)", NEGATIVES_WIN,
                new double[] {2.537398308, 1.691598872, 0.4228997180, 0, 0, 0}, false);
        KnownValues.check("carelu(measure=count,eps=1e-6)", NEGATIVES_WIN,
                new double[] {1.813587985, 1.209058656, 0.3022646641, 0, 0, 0}, false);
    }

    /** The p and c columns of the table, from the fused forward's group statistics and from the reference. */
    @Test
    void knownRatiosAndScales() {
        Object[][] rows = {
            {POSITIVES_WIN, Measure.ENERGY, 0.7571428139, 0.8021914531},
            {POSITIVES_WIN, Measure.L1, 0.6874999141, 0.6588491454},
            {NEGATIVES_WIN, Measure.ENERGY, 0.08620689061, -0.9642504226},
            {NEGATIVES_WIN, Measure.L1, 0.2142856837, -0.8457994360},
            {NEGATIVES_WIN, Measure.COUNT, 0.3333333333, -0.6045293282},
        };
        for (Object[] row : rows) {
            double[] z = (double[]) row[0];
            Measure m = (Measure) row[1];
            double p = (double) row[2], c = (double) row[3];
            for (DType dtype : new DType[] {DType.F64, DType.F32}) {
                CAReLUOp.GroupStats stats = CAReLUOp.forward(NDArray.of(z, z.length).astype(dtype), 4, -2, settings(m, Grouping.SAMPLE, 1e-6))
                        .stats();
                assertThat(stats.p()[0]).as("%s p (%s)", m, dtype).isCloseTo(p, org.assertj.core.data.Offset.offset(1e-9 * p));
                assertThat(stats.c()[0]).as("%s c (%s)", m, dtype).isCloseTo(c, org.assertj.core.data.Offset.offset(1e-9 * Math.abs(c)));
            }
            assertThat(CAReLUReference.ratio(z, 0, z.length, m, 1e-6)).isCloseTo(p, org.assertj.core.data.Offset.offset(1e-9 * p));
        }
    }

    /** The caveat of the doc: p = 0.5 gives c = 0 (α = 4, β = −2), so output and every gradient are exactly 0. */
    @Test
    void halfPositiveGroupGivesZeroOutputAndZeroGradients() {
        CAReLU act = (CAReLU) Activations.parse("carelu(measure=count)");
        Tensor x = Tensor.leaf(NDArray.of(POSITIVES_WIN, 6), true);
        Tensor y = act.forward(x);
        assertThat(y.value().toDoubleArray()).containsOnly(0.0);
        y.sum().backward();
        assertThat(x.grad().value().toDoubleArray()).containsOnly(0.0);
        assertThat(act.alpha().grad().item()).isZero();
        assertThat(act.beta().grad().item()).isZero();
    }

    /**
     * ∂(Σ wⱼyⱼ)/∂z, /∂α, /∂β from the module's backward against central differences of the
     * reference forward, on the table's groups with the zeros moved off the kink at z = 0.
     */
    @ParameterizedTest
    @EnumSource(Measure.class)
    void backwardMatchesFiniteDifferences(Measure measure) {
        double[] w = {0.3, -1.2, 0.7, 1.1, -0.4, 0.9};
        for (double[] row : new double[][] {POSITIVES_WIN, NEGATIVES_WIN}) {
            // the zero moves to the winning side, so that p_c stays off 1/2 (c = 0 is a kink in α and β)
            double[] z = row.clone();
            for (int j = 0; j < z.length; j++) if (z[j] == 0) z[j] = row == POSITIVES_WIN ? 0.25 : -0.25;
            CAReLU act = (CAReLU) Activations.parse("carelu(measure=" + measure.name().toLowerCase() + ")");
            Tensor x = Tensor.leaf(NDArray.of(z, z.length), true);
            act.forward(x).mul(Tensor.of(NDArray.of(w, w.length))).sum().backward();
            double[] dz = x.grad().value().toDoubleArray();
            double h = 1e-6;
            for (int i = 0; i < z.length; i++) {
                double[] plus = z.clone(), minus = z.clone();
                plus[i] += h;
                minus[i] -= h;
                double numeric = (weighted(w, plus, 4, -2, measure) - weighted(w, minus, 4, -2, measure)) / (2 * h);
                assertThat(dz[i]).as("%s d/dz%d", measure, i).isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-7));
            }
            // α and β are F32 parameters: the difference quotients use their F32 values too
            double a = act.alpha().value().item(), b = act.beta().value().item();
            assertThat(act.alpha().grad().item()).as("%s d/dalpha", measure)
                    .isCloseTo((weighted(w, z, a + h, b, measure) - weighted(w, z, a - h, b, measure)) / (2 * h),
                            org.assertj.core.data.Offset.offset(1e-5));
            assertThat(act.beta().grad().item()).as("%s d/dbeta", measure)
                    .isCloseTo((weighted(w, z, a, b + h, measure) - weighted(w, z, a, b - h, measure)) / (2 * h),
                            org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    private static double weighted(double[] w, double[] z, double alpha, double beta, Measure measure) {
        double[] y = CAReLUReference.forward(z, 1, alpha, beta, K, measure, 1e-12);
        double s = 0;
        for (int j = 0; j < y.length; j++) s += w[j] * y[j];
        return s;
    }

    /** The fused kernels = the reference twin: F64 to a few ulps (reassociated terms), F32 to one F32 rounding. */
    @ParameterizedTest
    @EnumSource(Measure.class)
    void fusedKernelsMatchReference(Measure measure) {
        Rng rng = new Rng(measure.ordinal() + 11);
        for (Grouping grouping : Grouping.values()) {
            for (DType dtype : new DType[] {DType.F64, DType.F32}) {
                int[] dims = {3, 4, 1 + (int) (rng.nextDouble() * 300)};
                NDArray z = mixed(rng, dims).astype(dtype), g = mixed(rng, dims).astype(dtype);
                double alpha = 6 * rng.nextDouble() - 3, beta = 2 * rng.nextDouble() - 1;
                Settings s = settings(measure, grouping, null);
                CAReLUOp.Forward f = CAReLUOp.forward(z, alpha, beta, s);
                CAReLUOp.Gradients fused = CAReLUOp.backward(z, g, f.stats(), alpha, s);
                int groups = grouping == Grouping.SAMPLE ? dims[0] : dims[0] * dims[1];
                double eps = s.eps(dtype);
                double[] zd = z.toDoubleArray(), gd = g.toDoubleArray();
                double[] y = CAReLUReference.forward(zd, groups, alpha, beta, K, measure, eps);
                CAReLUReference.Gradients ref = CAReLUReference.backward(zd, gd, groups, alpha, beta, K, measure, eps);
                String what = measure + " " + grouping + " " + dtype;
                double rel = dtype == DType.F64 ? 1e-13 : 1.2e-7;
                assertClose(what + " y", f.y().toDoubleArray(), round(y, dtype), rel);
                assertClose(what + " dz", fused.input().toDoubleArray(), round(ref.input(), dtype), rel);
                assertThat(fused.alpha()).as(what + " dalpha").isCloseTo(ref.alpha(), org.assertj.core.data.Offset.offset(1e-12 * scale(ref)));
                assertThat(fused.beta()).as(what + " dbeta").isCloseTo(ref.beta(), org.assertj.core.data.Offset.offset(1e-12 * scale(ref)));
            }
        }
    }

    /** Chunks are whole groups of a size set by the shape, partials added in group order: same bits on 1 and 2 threads. */
    @Test
    void sameBitsOnOneAndTwoThreads() {
        Rng rng = new Rng(5);
        int[] dims = {40, 3, 700};
        NDArray z = mixed(rng, dims).astype(DType.F32), g = mixed(rng, dims).astype(DType.F32);
        int before = Parallel.threads();
        try {
            for (Grouping grouping : Grouping.values()) {
                Settings s = settings(Measure.ENERGY, grouping, null);
                Parallel.setThreads(1);
                CAReLUOp.Forward f1 = CAReLUOp.forward(z, 3.5, -1.5, s);
                CAReLUOp.Gradients b1 = CAReLUOp.backward(z, g, f1.stats(), 3.5, s);
                Parallel.setThreads(2);
                CAReLUOp.Forward f2 = CAReLUOp.forward(z, 3.5, -1.5, s);
                CAReLUOp.Gradients b2 = CAReLUOp.backward(z, g, f2.stats(), 3.5, s);
                assertThat(f2.y().toFloatArray()).isEqualTo(f1.y().toFloatArray());
                assertThat(b2.input().toFloatArray()).isEqualTo(b1.input().toFloatArray());
                assertThat(b2.alpha()).isEqualTo(b1.alpha());
                assertThat(b2.beta()).isEqualTo(b1.beta());
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** The module's composed form (primitive Tensor ops, the benchmark's baseline) = its fused forward, in F64. */
    @ParameterizedTest
    @EnumSource(Measure.class)
    void composedFormMatchesTheFusedForward(Measure measure) {
        Rng rng = new Rng(measure.ordinal() + 11);
        CAReLU module = (CAReLU) Activations.parse("carelu(measure=" + measure.name().toLowerCase() + ",alpha=3,beta=-1)");
        Tensor z = Tensor.of(mixed(rng, new int[] {4, 3, 5}));
        double[] fused = module.forward(z).value().toDoubleArray(), composed = module.composed(z).value().toDoubleArray();
        for (int i = 0; i < fused.length; i++) {
            assertThat(composed[i]).as("%s [%d]", measure, i)
                    .isCloseTo(fused[i], org.assertj.core.data.Offset.offset(1e-12 * (1 + Math.abs(fused[i]))));
        }
    }

    /** The gradients of the Tensor-op form (used under createGraph) = the fused backward, in F64. */
    @ParameterizedTest
    @EnumSource(Measure.class)
    void createGraphGradientsMatchTheFusedBackward(Measure measure) {
        Rng rng = new Rng(measure.ordinal() + 3);
        for (Grouping grouping : Grouping.values()) {
            double[] v = new double[2 * 3 * 5];
            for (int i = 0; i < v.length; i++) v[i] = (rng.nextDouble() < 0.6 ? 1 : -1) * (0.1 + 2 * rng.nextDouble());
            Tensor z = Tensor.leaf(NDArray.of(v, 2, 3, 5), true);
            Tensor alpha = Tensor.leaf(NDArray.scalar(4, DType.F64), true), beta = Tensor.leaf(NDArray.scalar(-1.7, DType.F64), true);
            Tensor w = Tensor.of(mixed(rng, new int[] {2, 3, 5}));
            Settings s = settings(measure, grouping, null);
            List<Tensor> wrt = List.of(z, alpha, beta);
            List<Tensor> fused = Autograd.grad(List.of(CAReLUOp.apply(z, alpha, beta, s).mul(w).sum()), wrt, false);
            List<Tensor> composed = Autograd.grad(List.of(CAReLUOp.apply(z, alpha, beta, s).mul(w).sum()), wrt, true);
            for (int k = 0; k < 3; k++) {
                double[] a = composed.get(k).value().toDoubleArray(), e = fused.get(k).value().toDoubleArray();
                for (int i = 0; i < a.length; i++) {
                    assertThat(a[i]).as("%s %s input %d [%d]", measure, grouping, k, i)
                            .isCloseTo(e[i], org.assertj.core.data.Offset.offset(1e-12 * (1 + Math.abs(e[i]))));
                }
            }
        }
    }

    /**
     * At ±{1e-30, 1e-8, 1, 20, 40, 90, 1e4, 1e30} as one group (groups=sample) and each value alone
     * (groups=channel), F32 and F64: value, ∂/∂z, ∂/∂α and ∂/∂β all finite.
     */
    @ParameterizedTest
    @EnumSource(Measure.class)
    void stableAtExtremeInputs(Measure measure) {
        double[] v = new double[2 * EXTREMES.length];
        for (int i = 0; i < EXTREMES.length; i++) {
            v[2 * i] = EXTREMES[i];
            v[2 * i + 1] = -EXTREMES[i];
        }
        for (String groups : new String[] {"sample", "channel"}) {
            for (DType dtype : new DType[] {DType.F32, DType.F64}) {
                CAReLU act = (CAReLU) Activations.parse("carelu(measure=" + measure.name().toLowerCase() + ",groups=" + groups + ")");
                Tensor x = Tensor.leaf(NDArray.of(v, 1, v.length, 1).astype(dtype), true);
                Tensor y = act.forward(x);
                y.sum().backward();
                String what = measure + " groups=" + groups + " " + dtype;
                assertThat(java.util.Arrays.stream(y.value().toDoubleArray()).allMatch(Double::isFinite)).as(what + " y").isTrue();
                assertThat(java.util.Arrays.stream(x.grad().value().toDoubleArray()).allMatch(Double::isFinite)).as(what + " dz").isTrue();
                assertThat(act.alpha().grad().item()).as(what + " dalpha").isFinite();
                assertThat(act.beta().grad().item()).as(what + " dbeta").isFinite();
            }
        }
    }

    /** groups=sample: one group per x[n] over every other dim; groups=channel: one per x[n, c]. Strided inputs read the same. */
    @Test
    void groupsFollowTheLayout() {
        Rng rng = new Rng(9);
        NDArray x = mixed(rng, new int[] {2, 3, 4});
        double[] v = x.toDoubleArray();
        for (String groups : new String[] {"sample", "channel"}) {
            int size = groups.equals("sample") ? 12 : 4;
            double[] y = Activations.parse("carelu(groups=" + groups + ")").forward(Tensor.of(x)).value().toDoubleArray();
            for (int from = 0; from < v.length; from += size) {
                double[] one = java.util.Arrays.copyOfRange(v, from, from + size);
                double[] expected = Activations.parse("carelu").forward(Tensor.of(NDArray.of(one, size))).value().toDoubleArray();
                assertThat(java.util.Arrays.copyOfRange(y, from, from + size)).as("groups=%s, group at %d", groups, from)
                        .isEqualTo(expected);
            }
            NDArray strided = x.transpose(1, 2).contiguous().transpose(1, 2);
            assertThat(Activations.parse("carelu(groups=" + groups + ")").forward(Tensor.of(strided)).value().toDoubleArray())
                    .isEqualTo(y);
        }
    }

    @Test
    void parametersAreTrainableScalarsAndTheSpecRoundTrips() {
        CAReLU act = (CAReLU) Activations.parse("carelu(groups=channel, measure=l1)");
        assertThat(((CAReLU) Activations.parse(act.spec())).settings()).isEqualTo(act.settings());
        assertThat(act.namedParameters().keySet()).containsExactly("alpha", "beta");
        assertThat(act.alpha().value().item()).isEqualTo(4.0);
        assertThat(act.beta().value().item()).isEqualTo(-2.0);
        assertThat(act.settings()).isEqualTo(new Settings(Measure.L1, Grouping.CHANNEL, K, OptionalDouble.empty()));
        assertThat(act.settings().eps(DType.F32)).isEqualTo(1e-6);
        assertThat(act.settings().eps(DType.F64)).isEqualTo(1e-12);
        assertThat(((CAReLU) Activations.parse("carelu(eps=0.5)")).settings().eps(DType.F32)).isEqualTo(0.5);
    }

    @Test
    void rejectsBadShapes() {
        Activation sample = Activations.parse("carelu"), channel = Activations.parse("carelu(groups=channel)");
        assertThatThrownBy(() -> channel.forward(Tensor.of(NDArray.zeros(DType.F32, 5)))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("carelu").hasMessageContaining("groups=channel").hasMessageContaining("[5]");
        assertThatThrownBy(() -> sample.forward(Tensor.of(NDArray.scalar(1, DType.F32)))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("rank >= 1").hasMessageContaining("[]");
        assertThatThrownBy(() -> sample.forward(Tensor.of(NDArray.of(new long[] {1, 2}, 2)))).hasMessageContaining("F32 or F64")
                .hasMessageContaining("I64");
        Tensor two = Tensor.of(NDArray.zeros(DType.F32, 2)), one = Tensor.of(NDArray.scalar(1, DType.F32));
        assertThatThrownBy(() -> CAReLUOp.apply(Tensor.of(NDArray.zeros(DType.F32, 2, 3)), two, one, settings(Measure.ENERGY, Grouping.SAMPLE, null)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("alpha.shape=[2]").hasMessageContaining("beta.shape=[]");
        assertThat(sample.forward(Tensor.of(NDArray.zeros(DType.F32, 0, 4))).shape().dims()).containsExactly(0, 4);
    }

    @Test
    void rejectsBadArgumentsNamingWhatIsValid() {
        assertThatThrownBy(() -> Activations.parse("carelu(measure=max)")).hasMessageContaining("measure=max")
                .hasMessageContaining("energy, l1, count");
        assertThatThrownBy(() -> Activations.parse("carelu(groups=token)")).hasMessageContaining("groups=token")
                .hasMessageContaining("sample, channel");
        assertThatThrownBy(() -> Activations.parse("carelu(k=0)")).hasMessageContaining("k=0").hasMessageContaining("> 0");
        assertThatThrownBy(() -> Activations.parse("carelu(eps=-1)")).hasMessageContaining("eps=-1").hasMessageContaining("auto")
                .hasMessageContaining("> 0");
        assertThatThrownBy(() -> Activations.parse("carelu(eps=tiny)")).hasMessageContaining("eps=tiny").hasMessageContaining("auto");
        assertThatThrownBy(() -> Activations.parse("carelu(alpha=nan)")).hasMessageContaining("alpha=nan").hasMessageContaining("finite");
        assertThatThrownBy(() -> Activations.parse("carelu(gamma=1)")).hasMessageContaining("unknown argument(s) [gamma]")
                .hasMessageContaining("measure=energy").hasMessageContaining("groups=sample");
        assertThatThrownBy(() -> new Settings(Measure.ENERGY, Grouping.SAMPLE, 1, OptionalDouble.of(0))).hasMessageContaining("eps")
                .hasMessageContaining("> 0");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static Settings settings(Measure measure, Grouping grouping, Double eps) {
        return new Settings(measure, grouping, K, eps == null ? OptionalDouble.empty() : OptionalDouble.of(eps));
    }

    /** Half moderate values, some exact zeros, the rest spread over many magnitudes. */
    private static NDArray mixed(Rng rng, int[] dims) {
        int n = 1;
        for (int d : dims) n *= d;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            v[i] = i % 2 == 0 ? 8 * (u - 0.5) : i % 7 == 0 ? 0 : Math.signum(u - 0.5) * Math.pow(10, 6 * rng.nextDouble() - 3);
        }
        return NDArray.of(v, dims);
    }

    private static double[] round(double[] v, DType dtype) {
        return NDArray.of(v, v.length).astype(dtype).toDoubleArray();
    }

    private static double scale(CAReLUReference.Gradients g) {
        return 1 + Math.abs(g.alpha()) + Math.abs(g.beta());
    }

    /** |actual − expected| ≤ rel·(|expected| + 1e-2·max|expected|) element-wise. */
    private static void assertClose(String what, double[] actual, double[] expected, double rel) {
        assertThat(actual.length).isEqualTo(expected.length);
        double max = 0;
        for (double e : expected) max = Math.max(max, Math.abs(e));
        for (int i = 0; i < actual.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            assertThat(err <= rel * (Math.abs(expected[i]) + 1e-2 * max)).as("%s[%d]: %s vs reference %s", what, i, actual[i], expected[i])
                    .isTrue();
        }
    }
}
