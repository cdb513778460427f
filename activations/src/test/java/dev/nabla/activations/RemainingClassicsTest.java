package dev.nabla.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.ShapeException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PReLU, tanh, sigmoid, hardswish, hardsigmoid and softsign: the §6 rows of docs/activations.md,
 * PyTorch's conventions at the kinks, the tails, and argument errors. Hardsigmoid and softsign
 * have no table there; their values at the table's x are exact fractions (PyTorch's definitions).
 */
class RemainingClassicsTest {
    @Test
    void preluKnownValues() {
        KnownValues.values("prelu", -0.5, -0.125, 0, 0.5, 2);
        KnownValues.derivatives("prelu", 0.25, 0.25, 0.25, 1, 1);
    }

    /** ∂f/∂a = x for x ≤ 0 and 0 for x &gt; 0, summed over the elements that share a. */
    @Test
    void preluSlopeGradientIsTheSumOfTheNonPositiveInputs() {
        Activation prelu = Activations.parse("prelu");
        prelu.forward(Tensor.of(NDArray.of(KnownValues.X, 5))).sum().backward();
        assertThat(prelu.parameters().get(0).grad().item()).isEqualTo(-2.5);

        Activation perChannel = Activations.parse("prelu(a=0.5,channels=2)");
        Tensor x = Tensor.of(NDArray.of(new double[] {-1, 2, -3, 4, 0, -0.5, 5, -2}, 2, 2, 2));
        Tensor y = perChannel.forward(x);
        assertThat(y.value().toDoubleArray()).containsExactly(-0.5, 2, -1.5, 4, 0, -0.25, 5, -1);
        y.sum().backward();
        // channel 0: -1 (n=0), 0 and -0.5 (n=1); channel 1: -3 (n=0), -2 (n=1)
        assertThat(perChannel.parameters().get(0).grad().toDoubleArray()).containsExactly(-1.5, -5);
    }

    @Test
    void preluRejectsBadArgumentsAndChannelMismatch() {
        assertThatThrownBy(() -> Activations.parse("prelu(a=steep)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a=steep is invalid").hasMessageContaining("a finite number");
        assertThatThrownBy(() -> Activations.parse("prelu(channels=0)")).hasMessageContaining("a whole number >= 1");
        assertThatThrownBy(() -> Activations.parse("prelu(slope=0.1)")).hasMessageContaining("unknown argument(s) [slope]")
                .hasMessageContaining("a=0.25").hasMessageContaining("channels=1");
        Activation prelu = Activations.parse("prelu(channels=2)");
        assertThatThrownBy(() -> prelu.forward(Tensor.of(NDArray.zeros(DType.F32, 1, 3, 2)))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("prelu").hasMessageContaining("[2]").hasMessageContaining("[1, 3, 2]");
    }

    @Test
    void tanhKnownValues() {
        KnownValues.values("tanh", -0.9640275801, -0.4621171573, 0, 0.4621171573, 0.9640275801);
        KnownValues.derivatives("tanh", 0.07065082485, 0.7864477330, 1, 0.7864477330, 0.07065082485);
    }

    /** sech² x ≈ 4·e^(−2|x|) far out, where 1 − tanh² x would already be 0. */
    @Test
    void tanhDerivativeKeepsRelativeAccuracyInTheTails() {
        double[] dy = derivatives("tanh", new double[] {-20, 20, 300});
        for (int i = 0; i < 2; i++) assertThat(dy[i]).isPositive().isCloseTo(4 * Math.exp(-40), within(1e-12 * 4 * Math.exp(-40)));
        assertThat(dy[2]).isCloseTo(4 * Math.exp(-600), within(1e-12 * 4 * Math.exp(-600)));
    }

    @Test
    void sigmoidKnownValues() {
        KnownValues.values("sigmoid", 0.1192029220, 0.3775406688, 0.5, 0.6224593312, 0.8807970780);
        KnownValues.derivatives("sigmoid", 0.1049935854, 0.2350037122, 0.25, 0.2350037122, 0.1049935854);
    }

    /** σ(−40) = e^(−40)/(1 + e^(−40)) and σ′(±40) ≈ e^(−40), to full relative accuracy in F64. */
    @Test
    void sigmoidKeepsRelativeAccuracyInTheTails() {
        double e = Math.exp(-40);
        assertThat(values("sigmoid", new double[] {-40})[0]).isCloseTo(e / (1 + e), within(1e-14 * e));
        double[] dy = derivatives("sigmoid", new double[] {-40, 40});
        for (double d : dy) assertThat(d).isCloseTo(e / ((1 + e) * (1 + e)), within(1e-14 * e));
    }

    @Test
    void hardswishKnownValues() {
        KnownValues.values("hardswish", -0.3333333333, -0.2083333333, 0, 0.2916666667, 1.666666667);
        KnownValues.derivatives("hardswish", -0.1666666667, 0.3333333333, 0.5, 0.6666666667, 1.166666667);
    }

    /** PyTorch's backward: the middle piece's slope x/3 + 1/2 on the closed interval [−3, 3]. */
    @Test
    void hardswishPiecesAndKinks() {
        double[] xs = {-4, -3, 3, 4};
        KnownValues.check("hardswish", xs, new double[] {0, 0, 3, 4}, false);
        KnownValues.check("hardswish", xs, new double[] {0, -0.5, 1.5, 1}, true);
        assertThat(values("hardswish", new double[] {1e308, -1e308})).containsExactly(1e308, -0.0);
    }

    @Test
    void hardsigmoidValuesAndKinks() {
        KnownValues.values("hardsigmoid", 1.0 / 6, 5.0 / 12, 0.5, 7.0 / 12, 5.0 / 6);
        KnownValues.derivatives("hardsigmoid", 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6);
        double[] xs = {-4, -3, 3, 4};
        KnownValues.check("hardsigmoid", xs, new double[] {0, 0, 1, 1}, false);
        // PyTorch passes the gradient only for −3 < x < 3, strictly
        KnownValues.check("hardsigmoid", xs, new double[] {0, 0, 0, 0}, true);
    }

    @Test
    void softsignValues() {
        KnownValues.values("softsign", -2.0 / 3, -1.0 / 3, 0, 1.0 / 3, 2.0 / 3);
        KnownValues.derivatives("softsign", 1.0 / 9, 4.0 / 9, 1, 4.0 / 9, 1.0 / 9);
        double[] far = values("softsign", new double[] {-1e4, 1e30});
        assertThat(far[0]).isCloseTo(-1 + 1 / 10001.0, within(1e-15));
        assertThat(far[1]).isEqualTo(1.0);
    }

    @Test
    void functionsWithoutParametersRejectArguments() {
        for (String name : List.of("tanh", "sigmoid", "hardswish", "hardsigmoid", "softsign")) {
            assertThatThrownBy(() -> Activations.parse(name + "(beta=1)")).as(name).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("activation '" + name + "'").hasMessageContaining("unknown argument(s) [beta]")
                    .hasMessageContaining("valid: none");
            assertThat(Activations.parse(name).parameters()).as(name).isEmpty();
        }
    }

    private static double[] values(String spec, double[] xs) {
        return Activations.parse(spec).forward(Tensor.of(NDArray.of(xs, xs.length))).value().toDoubleArray();
    }

    private static double[] derivatives(String spec, double[] xs) {
        Tensor x = Tensor.leaf(NDArray.of(xs, xs.length), true);
        Activations.parse(spec).forward(x).sum().backward();
        return x.grad().value().toDoubleArray();
    }
}
