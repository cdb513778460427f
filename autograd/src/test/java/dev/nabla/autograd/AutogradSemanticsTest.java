package dev.nabla.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's semantics, each on a graph small enough to differentiate by hand. */
class AutogradSemanticsTest {

    private static Tensor leaf(double... values) {
        return Tensor.leaf(NDArray.of(values, values.length), true);
    }

    private static Tensor constant(double... values) {
        return Tensor.of(NDArray.of(values, values.length));
    }

    private static double[] grad(Tensor t) {
        return t.grad().value().toDoubleArray();
    }

    @Test
    void linearModel_gradientsAreTheInputsAndOnes() {
        // y = x·w + b with x = [1, 2], w = [3, 4], b = 5: ∂y/∂w = x, ∂y/∂b = 1, ∂y/∂x = w
        Tensor x = leaf(1, 2), w = leaf(3, 4), b = leaf(5);
        Tensor y = x.mul(w).sum().add(b.sum());
        assertThat(y.item()).isEqualTo(16);
        y.backward();
        assertThat(grad(w)).containsExactly(1, 2);
        assertThat(grad(x)).containsExactly(3, 4);
        assertThat(grad(b)).containsExactly(1);
    }

    @Test
    void aTensorUsedTwice_receivesTheSumOfBothGradients() {
        // y = x·x = x²: both uses contribute x, so ∂y/∂x = 2x
        Tensor x = leaf(3);
        x.mul(x).sum().backward();
        assertThat(grad(x)).containsExactly(6);
    }

    @Test
    void diamond_gradientsMeetBeforeTheSharedNodeRunsOnce() {
        // a = 2x, y = a·a + a → ∂y/∂a = 2a + 1 = 4x + 1, ∂y/∂x = 2(4x + 1) = 8x + 2 = 26 at x = 3
        Tensor x = leaf(3);
        Tensor a = x.mul(2);
        int[] runs = {0};
        a.registerHook(g -> {
            runs[0]++;
            return null;
        });
        a.mul(a).add(a).sum().backward();
        assertThat(grad(x)).containsExactly(26);
        assertThat(runs[0]).as("a's gradient is complete before it is used, so the hook runs once").isEqualTo(1);
    }

    @Test
    void broadcastingInBothOperands_sumsGradientsToEachShape() {
        // a (2,1) + b (1,3) → (2,3); each a element is used 3 times, each b element twice
        Tensor a = Tensor.leaf(NDArray.of(new double[] {1, 2}, 2, 1), true);
        Tensor b = Tensor.leaf(NDArray.of(new double[] {10, 20, 30}, 1, 3), true);
        Tensor y = a.mul(b);
        assertThat(y.shape().dims()).containsExactly(2, 3);
        y.sum().backward();
        assertThat(grad(a)).containsExactly(60, 60);       // Σ b
        assertThat(grad(b)).containsExactly(3, 3, 3);      // Σ a
    }

    @Test
    void twoBackwardCalls_accumulateIntoLeaves_untilZeroGrad() {
        Tensor x = leaf(2);
        x.square().sum().backward();
        x.square().sum().backward();
        assertThat(grad(x)).containsExactly(8);            // 4 + 4
        x.zeroGrad();
        assertThat(x.grad()).isNull();
        x.square().sum().backward();
        assertThat(grad(x)).containsExactly(4);
    }

    @Test
    void secondBackwardThroughAFreedGraph_isAClearError_unlessRetained() {
        Tensor x = leaf(2);
        Tensor y = x.exp().sum();
        y.backward();
        assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("freed").hasMessageContaining("retainGraph");

        Tensor w = x.exp().sum();
        Autograd.grad(List.of(w), List.of(x), false);
        assertThatThrownBy(() -> Autograd.grad(List.of(w), List.of(x), false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("freed");

        Tensor z = x.exp().sum();
        x.zeroGrad();
        z.backward(null, true, false);
        z.backward(null, false, false);
        assertThat(grad(x)[0]).isCloseTo(2 * Math.exp(2), within(1e-12));
    }

    @Test
    void backwardOfANonScalar_needsAGradient() {
        Tensor x = leaf(1, 2);
        Tensor y = x.mul(3);
        assertThatThrownBy(y::backward).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one-element").hasMessageContaining("[2]");
        y.backward(constant(1, 10));
        assertThat(grad(x)).containsExactly(3, 30);
    }

    @Test
    void nonLeafGradients_areKeptOnlyWhenRetained() {
        Tensor x = leaf(1, 2);
        Tensor h = x.mul(2), kept = x.mul(3).retainGrad();
        h.add(kept).sum().backward();
        assertThat(h.grad()).isNull();
        assertThat(grad(kept)).containsExactly(1, 1);
        assertThat(h.isLeaf()).isFalse();
        assertThat(h.opName()).isEqualTo("mul");
    }

    @Test
    void gradDisabled_recordsNothing_andNests() {
        Tensor x = leaf(1);
        try (var off = Grad.disabled()) {
            Tensor y = x.mul(2);
            assertThat(y.requiresGrad()).isFalse();
            assertThat(y.isLeaf()).isTrue();
            try (var on = Grad.enabled()) {
                assertThat(x.mul(2).requiresGrad()).isTrue();
            }
            assertThat(Grad.isEnabled()).isFalse();
        }
        assertThat(Grad.isEnabled()).isTrue();
        assertThat(x.mul(2).requiresGrad()).isTrue();
    }

    @Test
    void detach_cutsTheGraphButSharesTheValue() {
        Tensor x = leaf(3);
        Tensor d = x.mul(2).detach();
        assertThat(d.requiresGrad()).isFalse();
        Tensor y = x.mul(d).sum();                           // d is a constant 6
        y.backward();
        assertThat(grad(x)).containsExactly(6);
        assertThat(d.value().toDoubleArray()).containsExactly(6);
    }

    @Test
    void hooks_seeAndCanReplaceTheGradient_andCanBeRemoved() throws Exception {
        Tensor x = leaf(1, 2);
        List<double[]> seen = new ArrayList<>();
        AutoCloseable clip = x.registerHook(g -> {
            seen.add(g.value().toDoubleArray());
            return g.clamp(-1, 1);                           // gradient clipping by value
        });
        x.mul(5).sum().backward();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).containsExactly(5, 5);
        assertThat(grad(x)).containsExactly(1, 1);
        clip.close();
        x.zeroGrad();
        x.mul(5).sum().backward();
        assertThat(grad(x)).containsExactly(5, 5);
    }

    @Test
    void anomalyMode_namesTheOpThatMadeTheFirstNaN_andWhereItWasCreated() {
        Tensor x = leaf(-1, 4);
        try (var anomaly = Grad.detectAnomaly()) {
            Tensor ok = x.mul(2);
            assertThatThrownBy(() -> ok.sqrt())                  // sqrt(−2) = NaN
                    .isInstanceOf(AnomalyException.class)
                    .hasMessageContaining("forward of 'sqrt'").hasMessageContaining("NaN").hasMessageContaining("[2]")
                    .hasMessageContaining("AutogradSemanticsTest");
        }
    }

    @Test
    void anomalyMode_catchesANaNGradientInBackward() {
        // y = sqrt(x) at x = 0 is finite (0), but its gradient 1/(2·0) is infinite
        Tensor x = leaf(0, 1);
        try (var anomaly = Grad.detectAnomaly()) {
            Tensor y = x.sqrt().sum();
            assertThatThrownBy(y::backward).isInstanceOf(AnomalyException.class)
                    .hasMessageContaining("backward of 'sqrt'").hasMessageContaining("Infinity");
        }
    }

    @Test
    void secondOrder_createGraphMakesTheGradientDifferentiable() {
        // y = x³: dy/dx = 3x² = 12, d²y/dx² = 6x = 12 at x = 2
        Tensor x = leaf(2);
        Tensor y = x.pow(3).sum();
        Tensor dydx = Autograd.grad(List.of(y), List.of(x), true).get(0);
        assertThat(dydx.value().toDoubleArray()[0]).isCloseTo(12, within(1e-12));
        assertThat(dydx.requiresGrad()).isTrue();
        Tensor d2 = Autograd.grad(List.of(dydx.sum()), List.of(x), false).get(0);
        assertThat(d2.value().toDoubleArray()[0]).isCloseTo(12, within(1e-12));
        assertThat(x.grad()).as("Autograd.grad touches no .grad").isNull();
    }

    @Test
    void gradOfAnInputTheOutputDoesNotUse_isZero() {
        Tensor x = leaf(1, 2), unused = leaf(7);
        Tensor g = Autograd.grad(List.of(x.sum()), List.of(unused), false).get(0);
        assertThat(g.value().toDoubleArray()).containsExactly(0);
    }

    @Test
    void mixedPrecision_gradientComesBackInTheLeafsType() {
        Tensor x32 = Tensor.leaf(NDArray.of(new float[] {1, 2}, 2), true);
        Tensor w64 = leaf(3, 4);
        x32.mul(w64).sum().backward();
        assertThat(x32.grad().dtype()).isEqualTo(DType.F32);
        assertThat(x32.grad().value().toFloatArray()).containsExactly(3, 4);
    }

    @Test
    void dotGraph_namesOpsAndShapes() {
        Tensor x = leaf(1, 2), w = leaf(3, 4);
        String dot = Graphs.toDot(x.mul(w).sum());
        assertThat(dot).startsWith("digraph").contains("\"mul\"").contains("\"sum\"").contains("leaf, requires grad").contains("[2]");
    }

    @Test
    void onlyFloatingLeavesCanRequireGrad() {
        assertThatThrownBy(() -> Tensor.leaf(NDArray.of(new long[] {1}, 1), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("I64");
    }
}
