package dev.nabla.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import org.junit.jupiter.api.Test;

/** Serf: the known values of docs/activations.md §2, its minimum and its asymptotes. */
class SerfTest {
    @Test
    void knownValues() {
        KnownValues.values("serf", -0.2849149702, -0.2487132725, 0, 0.4158293115, 1.994739333);
        KnownValues.derivatives("serf", -0.1222554476, 0.3272962874, 0.6730412897, 0.9676358442, 1.018931697);
    }

    @Test
    void minimumIsMinus0_3484374588AtMinus1_193059969() {
        double xMin = -1.193059969;
        KnownValues.check("serf", new double[] {xMin}, new double[] {-0.3484374588}, false);
        double[] dy = derivatives(new double[] {xMin, xMin - 0.01, xMin + 0.01});
        assertThat(dy[0]).isCloseTo(0, within(1e-8));
        assertThat(dy[1]).isNegative();
        assertThat(dy[2]).isPositive();
    }

    /** For x ≪ 0, sp(x) ≈ e^x and f(x) ≈ (2/√π)·x·e^x: tiny but not zero, to full relative accuracy in F64. */
    @Test
    void veryNegativeInputsGiveTinyNonZeroValues() {
        double[] xs = {-40, -100, -700};
        double[] y = values(xs, DType.F64);
        for (int i = 0; i < xs.length; i++) {
            double expected = 2 / Math.sqrt(Math.PI) * xs[i] * Math.exp(xs[i]);
            assertThat(y[i]).as("serf(%s)", xs[i]).isNegative().isCloseTo(expected, within(1e-13 * Math.abs(expected)));
        }
        // F32 too: f(-40) ≈ -1.9e-16 is a normal float, not flushed to zero
        assertThat(values(new double[] {-40}, DType.F32)[0]).isNegative();
    }

    @Test
    void largeInputsPassThroughWithSlopeOne() {
        double[] xs = {20, 40, 1e4, 1e30};
        double[] y = values(xs, DType.F64), dy = derivatives(xs);
        for (int i = 0; i < xs.length; i++) {
            assertThat(y[i]).as("serf(%s)", xs[i]).isEqualTo(xs[i]);
            assertThat(dy[i]).as("serf'(%s)", xs[i]).isEqualTo(1.0);
        }
    }

    @Test
    void rejectsArguments() {
        assertThatThrownBy(() -> Activations.parse("serf(alpha=1)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown argument(s) [alpha]").hasMessageContaining("valid: none");
    }

    private static double[] values(double[] xs, DType dtype) {
        return Activations.parse("serf").forward(Tensor.of(NDArray.of(xs, xs.length).astype(dtype))).value().toDoubleArray();
    }

    private static double[] derivatives(double[] xs) {
        Tensor x = Tensor.leaf(NDArray.of(xs, xs.length), true);
        Activations.parse("serf").forward(x).sum().backward();
        return x.grad().value().toDoubleArray();
    }
}
