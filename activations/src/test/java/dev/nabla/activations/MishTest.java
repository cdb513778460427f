package dev.nabla.activations;

import static dev.nabla.activations.GeluFamilyTest.derivatives;
import static dev.nabla.activations.GeluFamilyTest.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Mish: the known values and the minimum of docs/activations.md §6, the tails and the switch to f = x. */
class MishTest {
    @Test
    void knownValues() {
        KnownValues.values("mish", -0.2525014827, -0.2207437747, 0, 0.3752452113, 1.943958960);
        KnownValues.derivatives("mish", -0.1083550924, 0.2895106779, 0.6, 0.8864243754, 1.069317934);
    }

    /** Minimum −0.3088434130 at x = −1.192431215 (50-digit value from the doc). */
    @Test
    void minimum() {
        double xMin = -1.192431215;
        KnownValues.check("mish", new double[] {xMin}, new double[] {-0.3088434130}, false);
        double[] y = values("mish", xMin - 1e-3, xMin, xMin + 1e-3);
        assertThat(y[0]).isGreaterThan(y[1]);
        assertThat(y[2]).isGreaterThan(y[1]);
        assertThat(derivatives("mish", xMin)[0]).isCloseTo(0, Offset.offset(1e-9));
    }

    /**
     * The left tail keeps its relative accuracy: mish(−40) = −40·tanh(sp(−40)) with
     * tanh(sp(x)) = e^x − e^(2x)/2 + O(e^(3x)) (from n/(n + 2), n = e^x(e^x + 2)). Far out f is −0 and
     * x exactly, also through the fused F32 kernel.
     */
    @Test
    void tails() {
        double e = Math.exp(-40);
        assertThat(values("mish", -40)[0]).isCloseTo(-40 * (e - e * e / 2), Offset.offset(1e-15 * 40 * e));
        for (DType dtype : new DType[] {DType.F64, DType.F32}) {
            double[] xs = {-1e30, -800, 20, 1e4, 1e30};
            Tensor x = Tensor.leaf(NDArray.of(xs, xs.length).astype(dtype), true);
            Tensor y = Activations.parse("mish").forward(x);
            assertThat(y.value().toDoubleArray()).as("%s", dtype).containsExactly(x.value().mul(NDArray.of(new double[] {0, 0, 1, 1, 1}, 5)
                    .astype(dtype)).toDoubleArray());
            y.sum().backward();
            assertThat(x.grad().value().toDoubleArray()).as("%s", dtype).containsExactly(0, 0, 1, 1, 1);
        }
    }

    /** Just below the switch at 20 the rational form already gives x and 1 to within 4e-16. */
    @Test
    void switchToTheLinearBranchIsSeamless() {
        double[] below = values("mish", Math.nextDown(20.0)), slope = derivatives("mish", Math.nextDown(20.0));
        assertThat(below[0]).isCloseTo(20, Offset.offset(1e-14));
        assertThat(slope[0]).isCloseTo(1, Offset.offset(4e-16));
    }

    @Test
    void argumentErrorsNameWhatIsValid() {
        assertThatThrownBy(() -> Activations.parse("mish(beta=1)")).hasMessageContaining("unknown argument(s) [beta]")
                .hasMessageContaining("valid: none");
    }
}
