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
import dev.nabla.tensor.internal.ZorroForm;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The Zorro family: every row of the known-value table of docs/activations.md §4, the shape facts
 * (range at the defaults, Z(1 − x) = 1 − Z(x), the sigmoid and tanh symmetries, C¹ but not C² at
 * the segment boundaries), evaluation with a·b = 100 and 800 (where e^(ab) would overflow), and
 * the argument errors.
 */
class ZorroFamilyTest {
    /** Every row of the table (rows with a = 1.2 through {@link #knownRow}, see there). */
    @Test
    void knownValues() {
        knownRow("zorro_symmetric", false, -0.2298042441, -0.3064065930, 0, 0.5, 1.359315774);
        knownRow("zorro_symmetric", true, -0.1535284485, 0.2972821962, 1, 1, -0.03600084058);
        KnownValues.values("zorro_symmetric(a=4,b=2)", -0.0006711502506, -0.06768726859, 0, 0.5, 1.018321671);
        KnownValues.derivatives("zorro_symmetric(a=4,b=2)", -0.002349025575, -0.1353622457, 1, 1, -0.05496456130);
        knownRow("zorro_asymmetric(an=1.2,bn=1,ap=4,bp=2)", false, -0.2298042441, -0.3064065930, 0, 0.5, 1.018321671);
        KnownValues.values("zorro_sigmoid", -0.06768726859, 0.25, 0.5, 0.75, 1.067687269);
        KnownValues.derivatives("zorro_sigmoid", -0.06768112287, 0.5, 0.5, 0.5, -0.06768112287);
        KnownValues.values("zorro_tanh", -1.135374537, -0.5, 0, 0.5, 1.135374537);
        KnownValues.derivatives("zorro_tanh", -0.1353622457, 1, 1, 1, -0.1353622457);
        knownRow("zorro_sloped(m=2)", false, -0.04272808457, -0.3593157736, 0, 1.0, 1.105789785);
    }

    /** Asymmetric-Zorro's slopes are the symmetric ones of the pair of each tail (rows 2 and 4 of the table). */
    @Test
    void asymmetricUsesEachPairOnItsOwnSide() {
        knownRow("zorro_asymmetric(an=1.2,bn=1,ap=4,bp=2)", true, -0.1535284485, 0.2972821962, 1, 1, -0.05496456130);
        knownRow("zorro_asymmetric", false, -0.2298042441, -0.3064065930, 0, 0.5, 1.359315774);
    }

    /** Sloped(A) with m = 1 is Symmetric-Zorro; its linear segment is m·x on [0, 1/m]. */
    @Test
    void slopedWithUnitSlopeIsSymmetric() {
        knownRow("zorro_sloped", false, -0.2298042441, -0.3064065930, 0, 0.5, 1.359315774);
        KnownValues.check("zorro_sloped(m=4)", new double[] {0.1, 0.2, 0.25}, new double[] {0.4, 0.8, 1.0}, false);
    }

    @Test
    void rangeAtTheDefaults() {
        // docs: (1.2, 1) range ≈ [−0.3608567012, 1.3608567012], min at x ≈ −0.9169, max at x ≈ 1.9169
        DoubleUnaryOperator z = x -> Zorro.SYMMETRIC.value(x, new double[] {1.2, 1});
        double argmin = argmin(z, -3, 0);
        assertThat(argmin).isCloseTo(-0.9169, within(1e-4));
        assertThat(z.applyAsDouble(argmin)).isCloseTo(-0.3608567012, within(1e-10));
        double argmax = argmin(x -> -z.applyAsDouble(x), 1, 4);
        assertThat(argmax).isCloseTo(1.9169, within(1e-4));
        assertThat(z.applyAsDouble(argmax)).isCloseTo(1.3608567012, within(1e-10));
        // (4, 2): range ≈ [−0.0919893611, 1.0919893611], min at x ≈ −0.25
        DoubleUnaryOperator z42 = x -> Zorro.SYMMETRIC.value(x, new double[] {4, 2});
        double argmin42 = argmin(z42, -3, 0);
        assertThat(argmin42).isCloseTo(-0.25, within(1e-4));
        assertThat(z42.applyAsDouble(argmin42)).isCloseTo(-0.0919893611, within(1e-10));
        assertThat(z42.applyAsDouble(argmin(x -> -z42.applyAsDouble(x), 1, 4))).isCloseTo(1.0919893611, within(1e-10));
        // bounded: → 0 on the left, → 1 on the right
        double[] far = values("zorro_symmetric", DType.F64, -1e4, 1e4);
        assertThat(far[0]).isCloseTo(0, within(1e-300));
        assertThat(far[1]).isEqualTo(1.0);
    }

    @Test
    void symmetriesOfTheFamily() {
        for (int i = 0; i <= 80; i++) {
            double x = -4 + 0.1 * i + 0.003;
            assertThat(values("zorro_symmetric", DType.F64, 1 - x)[0]).as("Z(1 − x) at %s", x)
                    .isCloseTo(1 - values("zorro_symmetric", DType.F64, x)[0], within(1e-15));
            assertThat(values("zorro_sigmoid", DType.F64, -x)[0]).as("Zs(−x) at %s", x)
                    .isCloseTo(1 - values("zorro_sigmoid", DType.F64, x)[0], within(1e-15));
            assertThat(values("zorro_tanh", DType.F64, -x)[0]).as("Zt(−x) at %s", x)
                    .isEqualTo(-values("zorro_tanh", DType.F64, x)[0], within(1e-15));
        }
        // Tanh-Zorro is exactly m·x on |m·x| ≤ 1, even for tiny x (no 2·½ − 1 cancellation)
        assertThat(values("zorro_tanh(m=0.5)", DType.F64, 1e-30, 1.5)).containsExactly(0.5e-30, 0.75);
        assertThat(values("zorro_tanh(m=0.5)", DType.F32, 1e-30)[0]).isEqualTo((double) 0.5e-30f);
    }

    /**
     * C¹ at every segment boundary (the slope just left equals the slope just right, and both equal
     * the segment's), but not C²: h″(0⁻) = 2a·σ(ab) while the segment has Z″ = 0.
     */
    @Test
    void firstDerivativeIsContinuousAtTheBoundariesButNotTheSecond() {
        // spec, boundaries in x, slope of the linear segment
        Object[][] cases = {
            {"zorro_symmetric", new double[] {0, 1}, 1.0},
            {"zorro_asymmetric(an=1.2,bn=1,ap=4,bp=2)", new double[] {0, 1}, 1.0},
            {"zorro_sigmoid", new double[] {-1, 1}, 0.5},
            {"zorro_tanh(m=2)", new double[] {-0.5, 0.5}, 2.0},
            {"zorro_sloped(m=2)", new double[] {0, 0.5}, 2.0},
        };
        for (Object[] c : cases) {
            String spec = (String) c[0];
            double slope = (double) c[2];
            for (double x0 : (double[]) c[1]) {
                double[] d = derivatives(spec, x0 - 1e-12, x0, x0 + 1e-12);
                for (double di : d) assertThat(di).as("%s f′ at %s", spec, x0).isCloseTo(slope, within(1e-10));
            }
        }
        // h′(0) = k·G(0) = 1 exactly; h″(0⁻) = 2a·σ(ab) ≈ 1.8442 for (1.2, 1), while Z″ = 0 right of 0
        assertThat(ZorroForm.hDerivatives(0, 1.2, 1, 1, new double[2], 0, 1)).isEqualTo(1.0);
        double delta = 1e-6;
        double[] d = derivatives("zorro_symmetric", -delta, 0, delta);
        assertThat((d[1] - d[0]) / delta).isCloseTo(2 * 1.2 / (1 + Math.exp(-1.2)), within(1e-4));
        assertThat((d[2] - d[1]) / delta).isEqualTo(0.0);
    }

    /**
     * With a·b = 100 and 800, k = 1 + e^(ab) is huge or overflows, but k·G is not: against the
     * independent closed form h(x) = x·e^(ax)·(1 + e^(−ab))/(1 + e^(a(x − b))) and
     * h′(x) = k·G·(1 + a·x·σ(a(b − x))), in F64 and F32.
     */
    @Test
    void largeProductOfAAndBNeverOverflows() {
        double[] xs = {-3, -0.5, -0.01, 0.5, 1.01, 1.5, 4};
        for (double[] ab : new double[][] {{10, 10}, {2, 400}, {1.25, 1}}) {
            double a = ab[0], b = ab[1];
            DoubleUnaryOperator kG = v -> Math.exp(a * v) * (1 + Math.exp(-a * b)) / (1 + Math.exp(a * (v - b)));
            DoubleUnaryOperator h = v -> v * kG.applyAsDouble(v);
            DoubleUnaryOperator hPrime = v -> kG.applyAsDouble(v) * (1 + a * v / (1 + Math.exp(a * (v - b))));
            double[] f = new double[xs.length], fPrime = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                double x = xs[i];
                f[i] = x < 0 ? h.applyAsDouble(x) : x > 1 ? 1 - h.applyAsDouble(1 - x) : x;
                fPrime[i] = x < 0 ? hPrime.applyAsDouble(x) : x > 1 ? hPrime.applyAsDouble(1 - x) : 1;
            }
            String spec = "zorro_symmetric(a=" + a + ",b=" + b + ",trainable=true)";
            KnownValues.check(spec, xs, f, false);
            KnownValues.check(spec, xs, fPrime, true);
        }
    }

    /** At the other end of the valid set, a·b = −700 (ε = e^700), values and slopes stay finite at ±1e30. */
    @Test
    void mostNegativeProductStaysFinite() {
        double[] xs = {-1e30, -1e4, -40, -1, 0.5, 2, 1e4, 1e30};
        for (DType dtype : new DType[] {DType.F64, DType.F32}) {
            for (double y : values("zorro_symmetric(a=1,b=-700)", dtype, xs)) assertThat(y).as("%s f", dtype).isFinite();
            Tensor x = Tensor.leaf(NDArray.of(xs, xs.length).astype(dtype), true);
            Activations.parse("zorro_symmetric(a=1,b=-700)").forward(x).sum().backward();
            for (double d : x.grad().value().toDoubleArray()) assertThat(d).as("%s f′", dtype).isFinite();
        }
    }

    /** Far in the tails the value is tiny but not zero, in F32 too: −40·k·σ(1.2·(−41)) ≈ −7.4e-20. */
    @Test
    void farTailsAreTinyButNotZero() {
        double expected = -40 * (1 + Math.exp(1.2)) / (1 + Math.exp(1.2 * 41));
        for (DType dtype : new DType[] {DType.F64, DType.F32}) {
            double[] y = values("zorro_symmetric", dtype, -40, 41);
            assertThat(y[0]).as("%s f(−40)", dtype).isCloseTo(expected, within(1e-5 * Math.abs(expected))).isNotZero();
            assertThat(1 - y[1]).as("%s 1 − f(41)", dtype).isCloseTo(-expected, within(dtype == DType.F64 ? 1e-16 : 1e-7));
        }
    }

    @Test
    void parametersAreFixedByDefaultAndTrainableOnRequest() {
        assertThat(Activations.parse("zorro_symmetric").parameters()).isEmpty();
        assertThat(Activations.parse("zorro_sloped").parameters()).isEmpty();
        assertThat(names(Activations.parse("zorro_symmetric(trainable=true)"))).containsExactly("a", "b");
        assertThat(names(Activations.parse("zorro_asymmetric(trainable=true)"))).containsExactly("an", "bn", "ap", "bp");
        assertThat(names(Activations.parse("zorro_sigmoid(trainable=true)"))).containsExactly("m", "a", "b");
        assertThat(names(Activations.parse("zorro_tanh(trainable=true)"))).containsExactly("m", "a", "b");
        assertThat(names(Activations.parse("zorro_sloped(trainable=true)"))).containsExactly("m", "a", "b");
    }

    /** ∂f/∂m = scale·q·x·Z′(u): for Sloped-Zorro at x = 2, m = 2: 2·Z′(4) = 2·h′(−3). */
    @Test
    void slopeGradientIsXTimesZPrime() {
        Activation act = Activations.parse("zorro_sloped(m=2,trainable=true)");
        Tensor x = Tensor.of(NDArray.of(new double[] {2, 0.25}, 2));
        act.forward(x).sum().backward();
        double hPrime = ZorroForm.hDerivatives(-3, 1.2, 1, 1, new double[2], 0, 1);
        assertThat(act.parameters().get(0).grad().item()).isCloseTo(2 * hPrime + 0.25, within(1e-6));
    }

    @Test
    void parametersAreProjectedBackAfterEachStep() {
        Activation act = Activations.parse("zorro_sigmoid(trainable=true)");
        List<Parameter> params = act.parameters();
        act.forward(Tensor.of(NDArray.full(-1, DType.F32, 4))).sum().backward();
        for (Parameter p : params) p.setGrad(NDArray.scalar(1000, DType.F32));
        new SGD(params, 1).step();
        double m = params.get(0).value().item(), a = params.get(1).value().item(), b = params.get(2).value().item();
        assertThat(m).isCloseTo(1e-3, within(1e-9));
        assertThat(a).isCloseTo(1e-3, within(1e-9));
        assertThat(a * b).isGreaterThanOrEqualTo(-700 * (1 + 1e-6));
    }

    @Test
    void invalidArgumentsNameWhatIsValid() {
        assertThatThrownBy(() -> Activations.parse("zorro_symmetric(a=0)")).hasMessageContaining("zorro_symmetric")
                .hasMessageContaining("a > 0").hasMessageContaining("got a=0.0, b=1.0");
        assertThatThrownBy(() -> Activations.parse("zorro_symmetric(a=1,b=-800)")).hasMessageContaining("a*b >= -700")
                .hasMessageContaining("b=-800.0");
        assertThatThrownBy(() -> Activations.parse("zorro_asymmetric(ap=-1)")).hasMessageContaining("ap > 0")
                .hasMessageContaining("an > 0").hasMessageContaining("ap=-1.0");
        assertThatThrownBy(() -> Activations.parse("zorro_tanh(m=0)")).hasMessageContaining("m > 0").hasMessageContaining("m=0.0");
        assertThatThrownBy(() -> Activations.parse("zorro_sloped(slope=2)")).hasMessageContaining("unknown argument(s) [slope]")
                .hasMessageContaining("m=1").hasMessageContaining("trainable=false");
        assertThatThrownBy(() -> Activations.parse("zorro_sigmoid(trainable=yes)")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> Activations.parse("zorro_symmetric(b=inf)")).hasMessageContaining("a finite number");
    }

    /**
     * A known-value row whose parameters are not exact in F32 (a = 1.2). The module keeps every
     * parameter in F32 ({@link ElementwiseActivation}), so an F64 input meets a = 1.2000000477 and
     * misses the 1e-9 tolerance by about 1e-7. So F64 runs the module's function through the fused
     * kernel with the spec's parameters in double, and F32 runs the module, both with the
     * tolerances of {@link KnownValues}.
     */
    private static void knownRow(String spec, boolean derivative, double... expected) {
        ElementwiseFunction f = ((ElementwiseActivation) Activations.parse(spec)).function();
        ActivationSpec s = ActivationSpec.parse(spec);
        NDArray[] theta = f.parameterNames().stream().map(name -> NDArray.scalar(
                Double.parseDouble(s.args().getOrDefault(name, Activations.entry(s.name()).defaults().get(name))), DType.F64))
                .toArray(NDArray[]::new);
        NDArray x = NDArray.of(KnownValues.X, KnownValues.X.length);
        NDArray y = derivative ? Pointwise.backward(f, x, NDArray.ones(DType.F64, x.numel()), theta).input() : Pointwise.apply(f, x, theta);
        double[] got = y.toDoubleArray();
        for (int i = 0; i < got.length; i++) {
            double e = expected[i], tolerance = e == 0 ? 1e-12 : 1e-9 * Math.abs(e);
            assertThat(got[i]).as("%s %sF64(%s)", spec, derivative ? "d/dx " : "", KnownValues.X[i]).isCloseTo(e, within(tolerance));
        }
        Tensor x32 = Tensor.leaf(x.astype(DType.F32), true);
        Tensor y32 = Activations.parse(spec).forward(x32);
        if (derivative) y32.sum().backward();
        double[] got32 = (derivative ? x32.grad() : y32).value().toDoubleArray();
        for (int i = 0; i < got32.length; i++) {
            double e = expected[i];
            assertThat(got32[i]).as("%s %sF32(%s)", spec, derivative ? "d/dx " : "", KnownValues.X[i])
                    .isCloseTo(e, within(Math.max(1e-5 * Math.abs(e), 1e-6)));
        }
    }

    /** The x minimizing f on [lo, hi] by golden-section search (f unimodal there). */
    private static double argmin(DoubleUnaryOperator f, double lo, double hi) {
        double r = (Math.sqrt(5) - 1) / 2;
        while (hi - lo > 1e-12) {
            double x1 = hi - r * (hi - lo), x2 = lo + r * (hi - lo);
            if (f.applyAsDouble(x1) < f.applyAsDouble(x2)) hi = x2;
            else lo = x1;
        }
        return (lo + hi) / 2;
    }

    private static double[] values(String spec, DType dtype, double... xs) {
        return Activations.parse(spec).forward(Tensor.of(NDArray.of(xs, xs.length).astype(dtype))).value().toDoubleArray();
    }

    /** f′ at xs in F64, through the module's backward. */
    private static double[] derivatives(String spec, double... xs) {
        Tensor x = Tensor.leaf(NDArray.of(xs, xs.length), true);
        Activations.parse(spec).forward(x).sum().backward();
        return x.grad().value().toDoubleArray();
    }

    private static List<String> names(Activation act) {
        return act.namedParameters().keySet().stream().toList();
    }
}
