package dev.nabla.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.autograd.Tensor;
import dev.nabla.nn.Parameter;
import dev.nabla.nn.optim.SGD;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Pointwise;
import dev.nabla.tensor.internal.ReferencePointwise;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SAU: every row of the known-value table of docs/activations.md §3, its parameters, limits and
 * argument errors.
 *
 * <p>The rows are checked through the fused op with θ = (α, n) in F64 rather than through
 * {@link KnownValues}: the module stores α as an F32 parameter, and 0.15f = 0.15000000596… alone
 * moves f(−2) by 4e-8 relative, beyond the F64 tolerance of 1e-9. The tolerances are KnownValues'.
 */
class SAUTest {
    /** φ(0) = 1/√(2π). */
    private static final double PHI0 = 0.3989422804014327;
    private static final double ALPHA = 0.15;

    @Test
    void knownValuesAtN20000() {
        row(SAU.EXACT, 20000, false, -0.3, -0.075, 1.695504692e-5, 0.5, 2.0);
        row(SAU.EXACT, 20000, true, 0.15, 0.15, 0.575, 1.0, 1.0);
        row(SAU.PAPER, 20000, false, -0.3, -0.075, 1.994711402e-5, 0.5, 2.0);
        // not in the table: the paper form's extra term −α·z·φ(z) vanishes at z = 0 and at |z| ≥ 10⁴
        row(SAU.PAPER, 20000, true, 0.15, 0.15, 0.575, 1.0, 1.0);
    }

    @Test
    void knownValuesAtN1() {
        row(SAU.EXACT, 1, false, -0.2927829028, 0.09312707379, 0.3391009383, 0.6681270738, 2.007217097);
        row(SAU.EXACT, 1, true, 0.1693376122, 0.4122569079, 0.575, 0.7377430921, 0.9806623878);
        row(SAU.PAPER, 1, false, -0.2846842578, 0.1459368728, 0.3989422804, 0.7209368728, 2.015315742);
        row(SAU.PAPER, 1, true, 0.1855349021, 0.4386618074, 0.575, 0.7113381926, 0.9644650979);
    }

    /**
     * The fused F32 kernel evaluates erfc and exp only where |n·x| &lt; 40: at n = 20000, a grid
     * through 0 (steps of 1e-5, where the smoothing acts) interleaved with far values, so that blocks
     * mix both kinds, matches the F64 element forms to F32 rounding.
     */
    @Test
    void fusedKernelMatchesElementFormsWhereTheSmoothingActs() {
        double[] xs = new double[1202];
        for (int k = -300; k <= 300; k++) {
            xs[2 * (k + 300)] = k * 1e-5;
            xs[2 * (k + 300) + 1] = (k % 2 == 0 ? 1 : -1) * (0.5 + k * 1e-3);
        }
        for (SAU f : List.of(SAU.EXACT, SAU.PAPER)) {
            NDArray x = NDArray.of(xs, xs.length).astype(DType.F32), g = NDArray.full(1, DType.F32, xs.length);
            NDArray[] theta = {NDArray.scalar(ALPHA, DType.F32), NDArray.scalar(20000, DType.F32)};
            double[] fused = Pointwise.apply(f, x, theta).toDoubleArray(), reference = ReferencePointwise.apply(f, x, theta).toDoubleArray();
            Pointwise.Gradients grads = Pointwise.backward(f, x, g, theta);
            List<NDArray> refGrads = ReferencePointwise.backward(f, x, g, theta);
            double[] dx = grads.input().toDoubleArray(), refDx = refGrads.get(0).toDoubleArray();
            for (int i = 0; i < xs.length; i++) {
                assertThat(fused[i]).as("%s(%s)", f, xs[i]).isCloseTo(reference[i], within(1e-6 * Math.abs(reference[i]) + 1e-12));
                assertThat(dx[i]).as("%s'(%s)", f, xs[i]).isCloseTo(refDx[i], within(1e-6 * Math.abs(refDx[i])));
            }
            for (int k = 1; k <= 2; k++) {
                double got = grads.parameters().get(k - 1).item(), expected = refGrads.get(k).item();
                assertThat(got).as("%s d/d%s", f, f.parameterNames().get(k - 1)).isCloseTo(expected, within(1e-5 * Math.abs(expected) + 1e-12));
            }
        }
    }

    /** The registry's specs build those functions: the modules (α stored as 0.15f) match the table in F32. */
    @Test
    void specsBuildTheTabulatedFunctions() {
        assertThat(moduleValues("sau")).containsExactly(new double[] {-0.3, -0.075, 1.695504692e-5, 0.5, 2.0}, within(1e-6));
        assertThat(moduleValues("sau(paper=true)")).containsExactly(new double[] {-0.3, -0.075, 1.994711402e-5, 0.5, 2.0}, within(1e-6));
        assertThat(moduleValues("sau(n=1)"))
                .containsExactly(new double[] {-0.2927829028, 0.09312707379, 0.3391009383, 0.6681270738, 2.007217097}, within(1e-6));
        assertThat(moduleValues("sau(paper=true,n=1)"))
                .containsExactly(new double[] {-0.2846842578, 0.1459368728, 0.3989422804, 0.7209368728, 2.015315742}, within(1e-6));
    }

    /** At x = 0: ∂f/∂α = g′·φ(0)/n and ∂f/∂n = −g·φ(0)/n² (g = 1−α exact, 1 paper), through the op's backward. */
    @Test
    void parameterGradientsAtZero() {
        assertThat(parameterGradients(SAU.EXACT, 1, 0)).containsExactly(-PHI0, -0.85 * PHI0);
        assertThat(parameterGradients(SAU.PAPER, 1, 0)).containsExactly(0, -PHI0);
        assertThat(parameterGradients(SAU.EXACT, 2, 0)).containsExactly(-PHI0 / 2, -0.85 * PHI0 / 4);
        // far from 0 only the leaky part is left: ∂f/∂α = x for x < 0, 0 for x > 0, and ∂f/∂n = 0
        assertThat(parameterGradients(SAU.EXACT, 20000, -3)).containsExactly(-3, 0);
        assertThat(parameterGradients(SAU.PAPER, 20000, 3)).containsExactly(0, 0);
    }

    @Test
    void equalsLeakyReLUBeyondAFewStandardDeviations() {
        double[] xs = {-1e-3, 1e-3, -0.7, 40, -1e4};
        double[] y = evaluate(SAU.EXACT, 20000, xs, DType.F64, false);
        for (int i = 0; i < xs.length; i++) {
            double leaky = xs[i] > 0 ? xs[i] : ALPHA * xs[i];
            assertThat(y[i]).as("sau(%s)", xs[i]).isCloseTo(leaky, within(1e-15 * Math.abs(leaky)));
        }
    }

    /** The forms differ by α·φ(z)/n, largest at 0: α/(n√(2π)) ≈ 3e-6 at the defaults. */
    @Test
    void exactAndPaperFormsDifferByAlphaPhiOverN() {
        double[] xs = {-1e-4, -1e-5, 0, 2e-5, 1e-4};
        double[] exact = evaluate(SAU.EXACT, 20000, xs, DType.F64, false), paper = evaluate(SAU.PAPER, 20000, xs, DType.F64, false);
        for (int i = 0; i < xs.length; i++) {
            double z = 20000 * xs[i];
            assertThat(paper[i] - exact[i]).isCloseTo(ALPHA * PHI0 * Math.exp(-z * z / 2) / 20000, within(1e-17));
        }
        assertThat(paper[2] - exact[2]).isCloseTo(2.992067103e-6, within(1e-15));
    }

    @Test
    void alphaTrainsPerLayerOrPerChannelAndNOnlyWhenAsked() {
        Map<String, Parameter> plain = Activations.parse("sau").namedParameters();
        assertThat(plain.keySet()).containsExactly("alpha");
        assertThat(plain.get("alpha").value().item()).isCloseTo(0.15, within(1e-7));
        assertThat(Activations.parse("sau(trainable_n=true)").namedParameters().keySet()).containsExactly("alpha", "n");
        assertThat(Activations.parse("sau(channels=3)").namedParameters().get("alpha").shape().dims()).containsExactly(3);
    }

    @Test
    void trainableNStaysPositiveAfterAStep() {
        Activation sau = Activations.parse("sau(n=1,trainable_n=true)");
        List<Parameter> params = sau.parameters();
        sau.forward(Tensor.of(NDArray.full(0.5, DType.F32, 4))).sum().backward();
        params.get(1).setGrad(NDArray.scalar(1000, DType.F32));
        new SGD(params, 1).step();
        assertThat(params.get(1).value().item()).isCloseTo(1e-3, within(1e-9));
    }

    @Test
    void rejectsInvalidArguments() {
        assertThatThrownBy(() -> Activations.parse("sau(n=0)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n=0 is invalid").hasMessageContaining("a number > 0");
        assertThatThrownBy(() -> Activations.parse("sau(paper=yes)")).hasMessageContaining("paper=yes is invalid")
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> Activations.parse("sau(trainable_n=1)")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> Activations.parse("sau(channels=0)")).hasMessageContaining("a whole number >= 1");
        assertThatThrownBy(() -> Activations.parse("sau(sigma=1)")).hasMessageContaining("unknown argument(s) [sigma]")
                .hasMessageContaining("alpha=0.15").hasMessageContaining("n=20000").hasMessageContaining("paper=false")
                .hasMessageContaining("trainable_n=false").hasMessageContaining("channels=1");
        assertThatThrownBy(() -> new ElementwiseActivation("sau", SAU.EXACT, new double[] {0.15, -1}, new boolean[] {true, false}, 1))
                .hasMessageContaining("activation 'sau': needs n > 0").hasMessageContaining("n=-1.0");
    }

    private static double[] moduleValues(String spec) {
        return Activations.parse(spec).forward(Tensor.of(NDArray.of(KnownValues.X, 5).astype(DType.F32))).value().toDoubleArray();
    }

    /** A known-value row at θ = (0.15, n), in F64 and F32 with KnownValues' tolerances; derivatives through the op's backward. */
    private static void row(SAU f, double n, boolean derivative, double... expected) {
        for (DType dtype : new DType[] {DType.F64, DType.F32}) {
            double[] got = evaluate(f, n, KnownValues.X, dtype, derivative);
            for (int i = 0; i < got.length; i++) {
                double e = expected[i], err = Math.abs(got[i] - e);
                boolean ok = dtype == DType.F64
                        ? (e == 0 ? err <= 1e-12 : err <= 1e-9 * Math.abs(e))
                        : err <= 1e-5 * Math.abs(e) || err <= 1e-6;
                assertThat(ok).as("%s(n=%s) %s%s(%s) = %s, expected %s", f, n, derivative ? "d/dx " : "", dtype, KnownValues.X[i], got[i], e)
                        .isTrue();
            }
        }
    }

    /** f(xs), or f′(xs) through the backward, with x in {@code dtype} and θ = (0.15, n) in F64. */
    private static double[] evaluate(SAU f, double n, double[] xs, DType dtype, boolean derivative) {
        Tensor x = Tensor.leaf(NDArray.of(xs, xs.length).astype(dtype), true);
        Tensor y = ActivationOp.apply(f, x, Tensor.of(NDArray.scalar(ALPHA, DType.F64)), Tensor.of(NDArray.scalar(n, DType.F64)));
        if (!derivative) return y.value().toDoubleArray();
        y.sum().backward();
        return x.grad().value().toDoubleArray();
    }

    /** {∂f/∂α, ∂f/∂n} at one x in F64, at θ = (0.15, n), through the op's backward. */
    private static double[] parameterGradients(SAU f, double n, double x) {
        Tensor alpha = Tensor.leaf(NDArray.scalar(ALPHA, DType.F64), true), nn = Tensor.leaf(NDArray.scalar(n, DType.F64), true);
        ActivationOp.apply(f, Tensor.of(NDArray.of(new double[] {x}, 1)), alpha, nn).sum().backward();
        return new double[] {alpha.grad().item(), nn.grad().item()};
    }
}
