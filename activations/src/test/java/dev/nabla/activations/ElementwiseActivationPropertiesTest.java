package dev.nabla.activations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Pointwise;
import dev.nabla.tensor.PointwiseFunction;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.internal.ReferencePointwise;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties every element-wise activation of the registry must have, run for each spec the
 * registry gradient-checks (so every parameter choice listed there): the fused F32 kernel agrees
 * with the double reference; the F64 path is the reference; the Tensor-op form used for second
 * order agrees with the element forms; and the stability rules of the issue hold at extreme inputs.
 */
class ElementwiseActivationPropertiesTest {
    /** The stability points of the issue, both signs. */
    private static final double[] EXTREMES = {1e-30, 1e-8, 1, 20, 40, 90, 1e4, 1e30};

    static Stream<String> specs() {
        List<String> specs = new ArrayList<>();
        for (Activations.Entry e : Activations.entries()) {
            for (String spec : e.gradchecks()) if (Activations.parse(spec) instanceof ElementwiseActivation) specs.add(spec);
        }
        return specs.stream();
    }

    private static ElementwiseActivation parse(String spec) {
        return (ElementwiseActivation) Activations.parse(spec);
    }

    private static NDArray[] theta(ElementwiseActivation act, DType dtype) {
        return act.parameterValues().stream().map(v -> v.astype(dtype)).toArray(NDArray[]::new);
    }

    private static NDArray inputs(Rng rng, int channels, int n, DType dtype) {
        double[] v = new double[channels * n];
        for (int i = 0; i < v.length; i++) {
            double u = rng.nextDouble();
            // half moderate values, half spread over many magnitudes
            v[i] = i % 2 == 0 ? 8 * (u - 0.5) : Math.signum(u - 0.5) * Math.pow(10, 6 * rng.nextDouble() - 3);
        }
        return NDArray.of(v, 1, channels, n).astype(dtype);
    }

    /**
     * F32 fused = reference within 4e-6 relative or 1e-6 absolute: the double block forms (SIMD
     * passes accurate to ~1e-10) round once, and the float-lane ones (float exp within 2 ulps) round
     * a few times, so the error is a few F32 ulps at most, plus the cancellation some formulas
     * carry near their zeros.
     *
     * <p>∂L/∂x = g·f′ has one more allowance, where f′ crosses zero (a non-monotonic f: SiLU,
     * Zorro, …): there its terms cancel, and float internals (u = μx + c, z = βx, e^z, each rounded)
     * leave an error of a few ulps of the terms, not of f′. Rounding a quantity of the size of x
     * inside the formula moves f′ by about ε·(|x| + 1)·|f″|, so that is allowed with a margin:
     * 4e-6·|g|·(|x| + 1)·|f″(x)|, f″ by a central difference of the reference f′ (h = 1e-5·(1 + |x|)).
     * Away from the zeros of f′ this is below the relative bound and changes nothing.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void fusedF32MatchesReference(String spec) {
        ElementwiseActivation act = parse(spec);
        int channels = channelsOf(act);
        Rng rng = new Rng(spec.hashCode());
        NDArray x = inputs(rng, channels, 5_000, DType.F32);
        NDArray g = inputs(rng, channels, 5_000, DType.F32);
        NDArray[] t = theta(act, DType.F32);
        assertClose(spec + " value", Pointwise.apply(act.function(), x, t), ReferencePointwise.apply(act.function(), x, t), 4e-6, 1e-6);
        Pointwise.Gradients fused = Pointwise.backward(act.function(), x, g, t);
        List<NDArray> ref = ReferencePointwise.backward(act.function(), x, g, t);
        assertDxClose(spec + " dx", fused.input(), ref.get(0), x, g, cancellationScale(act, x, t));
        // training's usual backward, ∂L/∂x alone (fixed θ), runs in place for a FloatInPlace function: the same bits
        Pointwise.Gradients inputOnly = Pointwise.backward(act.function(), x, g, new boolean[t.length], t);
        assertThat(inputOnly.input().toFloatArray()).as(spec + " dx without parameter gradients").isEqualTo(fused.input().toFloatArray());
        // sums over 5,000 elements of terms up to ~1e6 that may cancel: compare to the sum of magnitudes
        // (plus 1e-30: sums that small underflow or go subnormal in the F32 result)
        double[][] magnitudes = sumsOfMagnitudes(act, x, g, t);
        for (int k = 0; k < t.length; k++) {
            double[] a = fused.parameters().get(k).toDoubleArray(), e = ref.get(k + 1).toDoubleArray();
            for (int j = 0; j < a.length; j++) {
                assertThat(Math.abs(a[j] - e[j])).as("%s d%s[%d]: %s vs reference %s (sum of magnitudes %s)", spec,
                        act.function().parameterNames().get(k), j, a[j], e[j], magnitudes[k][j]).isLessThanOrEqualTo(1e-5 * magnitudes[k][j] + 1e-30);
            }
        }
    }

    /**
     * The F32 kernel of every registered function runs in float lanes, in place or in float blocks:
     * the widened double block path is for functions written outside the registry, and several times
     * slower (docs/decisions/0003).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void f32KernelRunsInFloatLanes(String spec) {
        PointwiseFunction f = parse(spec).function();
        boolean floatBlocks = f instanceof PointwiseFunction.FloatValues && f instanceof PointwiseFunction.FloatDerivatives;
        assertThat(f instanceof PointwiseFunction.FloatInPlace || floatBlocks).as(spec + " runs in float lanes").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void f64PathIsTheReference(String spec) {
        ElementwiseActivation act = parse(spec);
        Rng rng = new Rng(spec.hashCode() + 1);
        int channels = channelsOf(act);
        NDArray x = inputs(rng, channels, 777, DType.F64), g = inputs(rng, channels, 777, DType.F64);
        NDArray[] t = theta(act, DType.F64);
        assertThat(Pointwise.apply(act.function(), x, t).toDoubleArray())
                .isEqualTo(ReferencePointwise.apply(act.function(), x, t).toDoubleArray());
        assertThat(Pointwise.backward(act.function(), x, g, t).input().toDoubleArray())
                .isEqualTo(ReferencePointwise.backward(act.function(), x, g, t).get(0).toDoubleArray());
    }

    /** compose (Tensor ops, differentiated by autograd) = value and derivatives, to 1e-10 on [−3, 3]. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void composedFormMatchesElementForms(String spec) {
        ElementwiseActivation act = parse(spec);
        ElementwiseFunction f = act.function();
        double[] th = new double[f.parameterCount()];
        NDArray[] t = theta(act, DType.F64);
        for (int k = 0; k < th.length; k++) th[k] = t[k].toDoubleArray()[0];
        double[] xs = new double[121];
        for (int i = 0; i < xs.length; i++) xs[i] = -3 + 0.05 * i + 0.0123;
        Tensor x = Tensor.leaf(NDArray.of(xs, xs.length), true);
        Tensor[] theta = new Tensor[th.length];
        for (int k = 0; k < th.length; k++) theta[k] = Tensor.leaf(NDArray.scalar(th[k], DType.F64), true);
        Tensor y = f.compose(x, theta);
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(x);
        inputs.addAll(List.of(theta));
        List<Tensor> grads = Autograd.grad(List.of(y.sum()), inputs, false);
        double[] d = new double[th.length], dSum = new double[th.length];
        double[] dx = grads.get(0).value().toDoubleArray(), ys = y.value().toDoubleArray();
        for (int i = 0; i < xs.length; i++) {
            assertThat(ys[i]).as("%s compose(%s)", spec, xs[i]).isCloseTo(f.value(xs[i], th), org.assertj.core.data.Offset.offset(1e-10 * (1 + Math.abs(ys[i]))));
            double fx = f.derivatives(xs[i], th, d);
            assertThat(dx[i]).as("%s d/dx compose(%s)", spec, xs[i]).isCloseTo(fx, org.assertj.core.data.Offset.offset(1e-10 * (1 + Math.abs(fx))));
            for (int k = 0; k < th.length; k++) dSum[k] += d[k];
        }
        for (int k = 0; k < th.length; k++) {
            double got = grads.get(k + 1).item();
            assertThat(got).as("%s d/d%s compose", spec, f.parameterNames().get(k)).isCloseTo(dSum[k],
                    org.assertj.core.data.Offset.offset(1e-9 * (1 + Math.abs(dSum[k]))));
        }
    }

    /**
     * At ±{1e-30, 1e-8, 1, 20, 40, 90, 1e4, 1e30}, in F32 and F64: no NaN in the value or ∂/∂x, no
     * infinity (every activation here is finite for finite x); parameter gradients never NaN and
     * finite for |x| ≤ 1e4.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void stableAtExtremeInputs(String spec) {
        ElementwiseActivation act = parse(spec);
        int channels = channelsOf(act);
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            double[] v = new double[2 * EXTREMES.length];
            for (int i = 0; i < EXTREMES.length; i++) {
                v[2 * i] = EXTREMES[i];
                v[2 * i + 1] = -EXTREMES[i];
            }
            double[] all = new double[channels * v.length];
            for (int c = 0; c < channels; c++) System.arraycopy(v, 0, all, c * v.length, v.length);
            NDArray x = NDArray.of(all, 1, channels, v.length).astype(dtype);
            NDArray[] t = theta(act, dtype);
            double[] y = Pointwise.apply(act.function(), x, t).toDoubleArray();
            double[] xv = x.toDoubleArray();
            for (int i = 0; i < y.length; i++) {
                assertThat(Double.isFinite(y[i])).as("%s %s f(%s) = %s", spec, dtype, xv[i], y[i]).isTrue();
            }
            for (int i = 0; i < xv.length; i++) {
                NDArray one = NDArray.of(new double[] {xv[i]}, 1, 1, 1).astype(dtype);
                NDArray[] t1 = new NDArray[t.length];
                for (int k = 0; k < t.length; k++) t1[k] = NDArray.scalar(t[k].toDoubleArray()[0], dtype);
                Pointwise.Gradients gr = Pointwise.backward(act.function(), one, NDArray.ones(dtype, 1, 1, 1), t1);
                double dx = gr.input().item();
                assertThat(Double.isFinite(dx)).as("%s %s f'(%s) = %s", spec, dtype, xv[i], dx).isTrue();
                for (int k = 0; k < t1.length; k++) {
                    double dp = gr.parameters().get(k).item();
                    assertThat(Double.isNaN(dp)).as("%s %s d/d%s at %s is NaN", spec, dtype, act.function().parameterNames().get(k), xv[i])
                            .isFalse();
                    if (Math.abs(xv[i]) <= 1e4) {
                        assertThat(Double.isFinite(dp)).as("%s %s d/d%s at %s = %s", spec, dtype, act.function().parameterNames().get(k),
                                xv[i], dp).isTrue();
                    }
                }
            }
        }
    }

    private static int channelsOf(ElementwiseActivation act) {
        for (NDArray t : act.parameterValues()) if (t.numel() > 1) return t.numel();
        return 1;
    }

    /** Σ|g·∂f/∂θₖ| over the elements that share each θₖ[j] (x shaped (1, C, n)), in double. */
    private static double[][] sumsOfMagnitudes(ElementwiseActivation act, NDArray x, NDArray g, NDArray[] theta) {
        double[] xs = x.toDoubleArray(), gs = g.toDoubleArray();
        int n = xs.length / x.shape().dim(1), p = theta.length;
        double[][] values = new double[p][], sums = new double[p][];
        for (int k = 0; k < p; k++) {
            values[k] = theta[k].toDoubleArray();
            sums[k] = new double[values[k].length];
        }
        double[] th = new double[p], d = new double[p];
        for (int i = 0; i < xs.length; i++) {
            for (int k = 0; k < p; k++) th[k] = values[k][values[k].length == 1 ? 0 : i / n];
            act.function().derivatives(xs[i], th, d);
            for (int k = 0; k < p; k++) sums[k][values[k].length == 1 ? 0 : i / n] += Math.abs(gs[i] * d[k]);
        }
        return sums;
    }

    /** (|x| + 1)·|f″(x)| per element, f″ from the reference f′ at x ± h. */
    private static double[] cancellationScale(ElementwiseActivation act, NDArray x, NDArray[] theta) {
        double[] xs = x.toDoubleArray(), plus = new double[xs.length], minus = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double h = 1e-5 * (1 + Math.abs(xs[i]));
            plus[i] = xs[i] + h;
            minus[i] = xs[i] - h;
        }
        NDArray ones = NDArray.ones(DType.F64, x.shape().dims());
        double[] fPlus = ReferencePointwise.backward(act.function(), NDArray.of(plus, x.shape().dims()), ones, theta).get(0).toDoubleArray();
        double[] fMinus = ReferencePointwise.backward(act.function(), NDArray.of(minus, x.shape().dims()), ones, theta).get(0).toDoubleArray();
        double[] scale = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double h = plus[i] - xs[i];
            scale[i] = (Math.abs(xs[i]) + 1) * Math.abs((fPlus[i] - fMinus[i]) / (2 * h));
        }
        return scale;
    }

    /** dx against the reference within 4e-6 relative, 1e-6 absolute, or 4e-6·|g|·scale (see {@link #fusedF32MatchesReference}). */
    private static void assertDxClose(String what, NDArray actual, NDArray expected, NDArray x, NDArray g, double[] scale) {
        double[] a = actual.toDoubleArray(), e = expected.toDoubleArray(), xs = x.toDoubleArray(), gs = g.toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            double err = Math.abs(a[i] - e[i]);
            boolean close = err <= 4e-6 * Math.abs(e[i]) || err <= 1e-6 || err <= 4e-6 * Math.abs(gs[i]) * scale[i] || a[i] == e[i];
            assertThat(close).as("%s[%d]: %s vs reference %s at x = %s, g = %s", what, i, a[i], e[i], xs[i], gs[i]).isTrue();
        }
    }

    private static void assertClose(String what, NDArray actual, NDArray expected, double rel, double abs) {
        double[] a = actual.toDoubleArray(), e = expected.toDoubleArray();
        assertThat(a.length).isEqualTo(e.length);
        for (int i = 0; i < a.length; i++) {
            double err = Math.abs(a[i] - e[i]);
            assertThat(err <= rel * Math.abs(e[i]) || err <= abs || a[i] == e[i]).as("%s[%d]: %s vs reference %s", what, i, a[i], e[i])
                    .isTrue();
        }
    }
}
