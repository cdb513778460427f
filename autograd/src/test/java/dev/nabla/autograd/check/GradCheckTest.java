package dev.nabla.autograd.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.Shape;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** GradCheck must pass right derivatives, catch wrong ones, and say where. */
class GradCheckTest {
    private final Rng rng = new Rng(11);

    private Tensor input(int... shape) {
        return Tensor.leaf(rng.normal(Shape.of(shape), DType.F64, 0, 1), true);
    }

    /** cube(x) = x³ with a backward whose factor is {@code factor} (3 is right). */
    private static GradCheck.Fn cube(double factor) {
        return in -> Tensor.fromOp("cube", in[0].value().pow(3), (g, y) -> new Tensor[] {g.mul(in[0].square().mul(factor))}, in[0]);
    }

    @Test
    void rightDerivativePasses_withPyTorchsDefaults() {
        GradCheck.Result r = GradCheck.check(cube(3), input(3, 4));
        assertThat(r.passed()).isTrue();
        assertThat(r.checked()).isEqualTo(12 * 12);   // full Jacobian: 12 outputs × 12 inputs
        assertThat(r.atol()).isEqualTo(1e-5);
        assertThat(r.rtol()).isEqualTo(1e-3);
        assertThat(r.eps()).isEqualTo(1e-6);
    }

    @Test
    void wrongDerivativeFails_withAReportThatNamesInputElementAndValues_worstFirst() {
        Tensor x = Tensor.leaf(NDArray.of(new double[] {1, -2, 0.5}, 3), true);
        GradCheck.Result r = GradCheck.withDefaults().run(cube(2), x);
        assertThat(r.passed()).isFalse();
        // the diagonal entries are wrong by x²: largest at x = -2 (element [1])
        assertThat(r.failures().get(0).element()).containsExactly(1);
        assertThat(r.failures().get(0).analytic()).isCloseTo(8, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.failures().get(0).numeric()).isCloseTo(12, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(r.report()).contains("FAILED").contains("input 0 [3] element [1]").contains("analytic 8");
        assertThatThrownBy(() -> GradCheck.check(cube(2), x)).isInstanceOf(GradCheckFailure.class).hasMessageContaining("element [1]");
    }

    @Test
    void everyInputThatRequiresGradIsChecked_andConstantsAreNot() {
        Tensor a = input(2, 3), b = input(3), c = Tensor.of(rng.normal(Shape.of(3), DType.F64, 0, 1));
        // a wrong gradient for b only: the check must notice it
        GradCheck.Fn fn = in -> Tensor.fromOp("bad_mul", in[0].value().mul(in[1].value()).mul(in[2].value()),
                (g, y) -> new Tensor[] {g.mul(in[1]).mul(in[2]), g.mul(in[0]).sum(new int[] {0}, false), null}, in);
        GradCheck.Result r = GradCheck.withDefaults().run(fn, a, b, c);
        assertThat(r.passed()).isFalse();
        assertThat(r.failures()).allMatch(f -> f.input() == 1);
        assertThat(r.checked()).isEqualTo(6 * 6 + 6 * 3);   // a and b, not the constant c
    }

    @Test
    void f32InputsAreRefusedUnlessAllowed() {
        Tensor x32 = Tensor.leaf(rng.normal(Shape.of(3), DType.F32, 0, 1), true);
        assertThatThrownBy(() -> GradCheck.check(in -> in[0].exp(), x32)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("F32").hasMessageContaining("allowF32");
        assertThat(GradCheck.withDefaults().allowF32().eps(1e-2).atol(1e-3).rtol(1e-2).run(in -> in[0].exp(), x32).passed()).isTrue();
    }

    @Test
    void fastModeProjectsInsteadOfBuildingJacobians_andStillCatchesAWrongDerivative() {
        Tensor x = input(4, 5);
        GradCheck fast = GradCheck.withDefaults().fast(true).seed(3);
        GradCheck.Result ok = fast.run(cube(3), x);
        assertThat(ok.passed()).isTrue();
        assertThat(ok.checked()).isEqualTo(1);   // one projection per input
        assertThat(fast.run(cube(2.9), x).passed()).isFalse();
    }

    @Test
    void secondOrderCheckCatchesABackwardThatIsNotDifferentiable() {
        Tensor x = input(2, 3);
        assertThat(GradCheck.withDefaults().checkSecondOrder(cube(3), x).passed()).isTrue();
        // a backward computed from raw arrays: right first order, but the graph of the gradient is cut
        GradCheck.Fn opaque = in -> Tensor.fromOp("cube", in[0].value().pow(3),
                (g, y) -> new Tensor[] {g.mul(Tensor.of(in[0].value().square().mul(3)))}, in[0]);
        assertThat(GradCheck.check(opaque, x).passed()).isTrue();
        assertThat(GradCheck.withDefaults().checkSecondOrder(opaque, x).passed()).isFalse();
    }

    @Test
    void propertyRunnerShrinks_andThePrintedSeedAndBoundsReplayTheFailure() {
        Properties.Property noDimReachesThree = gen -> {
            Shape s = gen.shape();
            for (int d : s.dims()) if (d >= 3) throw new AssertionError("dim " + d + " in " + s);
        };
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                () -> Properties.forAll("no dim reaches 3", 50, TensorGen.Profile.GRADCHECK, noDimReachesThree));
        assertThat(failure).isInstanceOf(AssertionError.class)
                .hasMessageContaining("property 'no dim reaches 3' failed: seed=").hasMessageContaining("-Dnabla.seed=");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("seed=(-?\\d+) maxRank=(\\d+) maxDim=(\\d+)").matcher(failure.getMessage());
        assertThat(m.find()).isTrue();
        long seed = Long.parseLong(m.group(1));
        int maxRank = Integer.parseInt(m.group(2)), maxDim = Integer.parseInt(m.group(3));
        assertThat(maxRank).as("a failing shape has at least one dim").isBetween(1, 4);
        assertThat(maxDim).as("a dim of 3 needs maxDim >= 3").isBetween(3, 6);
        assertThatThrownBy(() -> noDimReachesThree.check(new TensorGen(seed, TensorGen.Profile.GRADCHECK, maxRank, maxDim)))
                .as("replaying the reported case fails again").isInstanceOf(AssertionError.class);
    }

    @Test
    void generatorsAreReproducibleFromTheSeed() {
        TensorGen a = new TensorGen(5, TensorGen.Profile.GRADCHECK), b = new TensorGen(5, TensorGen.Profile.GRADCHECK);
        for (int i = 0; i < 20; i++) {
            Shape s = a.shape();
            assertThat(b.shape()).isEqualTo(s);
            assertThat(a.array(s, DType.F64, Domain.real()).toDoubleArray()).containsExactly(b.array(s, DType.F64, Domain.real()).toDoubleArray());
        }
    }

    @Test
    void domainsKeepValuesAwayFromKinks() {
        Domain d = Domain.real().avoiding(0, 1).margin(0.1);
        TensorGen gen = new TensorGen(9, TensorGen.Profile.GRADCHECK);
        for (double v : gen.array(Shape.of(10_000), DType.F64, d).toDoubleArray()) {
            assertThat(v).isBetween(-2.0, 2.0);
            assertThat(Math.abs(v)).isGreaterThanOrEqualTo(0.1 - 1e-12);     // margin, up to the rounding of k ± margin
            assertThat(Math.abs(v - 1)).isGreaterThanOrEqualTo(0.1 - 1e-12);
        }
    }

    @Test
    void parityProfileProducesEdgeSizes() {
        TensorGen gen = new TensorGen(1, TensorGen.Profile.PARITY);
        java.util.Set<Integer> dims = new java.util.HashSet<>();
        for (int i = 0; i < 500; i++) dims.add(gen.dim());
        assertThat(dims).contains(0, 1);
    }
}
