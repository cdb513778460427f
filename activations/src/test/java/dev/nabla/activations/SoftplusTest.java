package dev.nabla.activations;

import static dev.nabla.activations.GeluFamilyTest.derivatives;
import static dev.nabla.activations.GeluFamilyTest.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.autograd.Tensor;
import dev.nabla.nn.Parameter;
import dev.nabla.nn.optim.SGD;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Softplus: the known values of docs/activations.md §6 (β = 1 and 2), PyTorch's threshold
 * semantics, the trainable β (its gradient, its floor), the left tail, and argument errors.
 */
class SoftplusTest {
    @Test
    void knownValues() {
        KnownValues.values("softplus", 0.1269280110, 0.4740769842, 0.6931471806, 0.9740769842, 2.126928011);
        KnownValues.derivatives("softplus", 0.1192029220, 0.3775406688, 0.5, 0.6224593312, 0.8807970780);
        KnownValues.values("softplus(beta=2)", 0.009074963959, 0.1566308438, 0.3465735903, 0.6566308438, 2.009074964);
    }

    /** f = x and f′ = 1 exactly where βx &gt; threshold; below it, ln(1 + e^(βx))/β. */
    @Test
    void linearAboveTheThresholdAsInPyTorch() {
        assertThat(values("softplus", 20.5, 1e30)).containsExactly(20.5, 1e30);
        assertThat(derivatives("softplus", 20.5, 1e30)).containsExactly(1, 1);
        assertThat(values("softplus(beta=2)", 10.5)).containsExactly(10.5);
        assertThat(values("softplus(beta=2)", 9.5)[0]).isCloseTo(9.5 + Math.log1p(Math.exp(-19)) / 2, Offset.offset(1e-15));
        assertThat(values("softplus(threshold=1)", 1.5, 0.5)).containsExactly(1.5, Math.log1p(Math.exp(0.5)));
        assertThat(derivatives("softplus(threshold=1)", 1.5, 0.5)).containsExactly(new double[] {1, 1 / (1 + Math.exp(-0.5))},
                Offset.offset(1e-16));
    }

    /** β is fixed by default (no parameters); trainable=true makes β, and only β, a parameter: the threshold never trains. */
    @Test
    void betaTrainsOnlyWhenAsked() {
        assertThat(Activations.parse("softplus").parameters()).isEmpty();
        List<Parameter> params = Activations.parse("softplus(beta=2,threshold=5,trainable=true)").parameters();
        assertThat(params).hasSize(1);
        assertThat(params.get(0).value().item()).isEqualTo(2);
    }

    /**
     * ∂L/∂β = Σ (x·σ(βx) − f)/β from the plain formula (0 on the linear side), in F64 and through
     * the fused F32 kernel (β is an F32 parameter, so its gradient is a float either way).
     */
    @Test
    void betaGradientIsTheSumOfItsTerms() {
        double beta = 1.5, threshold = 3;
        double[] xs = {-6, -2.5, -0.75, 0, 0.4, 1.1, 1.9, 2.5, 7};
        double expected = 0;
        for (double x : xs) {
            if (beta * x > threshold) continue;
            double f = Math.log(1 + Math.exp(beta * x)) / beta;
            expected += (x / (1 + Math.exp(-beta * x)) - f) / beta;
        }
        for (DType dtype : new DType[] {DType.F64, DType.F32}) {
            Activation softplus = Activations.parse("softplus(beta=1.5,threshold=3,trainable=true)");
            softplus.forward(Tensor.of(NDArray.of(xs, xs.length).astype(dtype))).sum().backward();
            assertThat(softplus.parameters().get(0).grad().item()).as("%s", dtype).isCloseTo(expected, Offset.offset(1e-7 * Math.abs(expected)));
        }
    }

    /** For large βx the stable form of ∂f/∂β keeps its relative accuracy where x·σ(βx) − f cancels. */
    @Test
    void betaDerivativeDoesNotCancel() {
        // z·σ(z) − sp(z) = −(e(z + 1) − e²(z + 1/2) + e³(z + 1/3) − …) with e = e^−z, here z = 15 (β = 1);
        // the naive difference x·σ − f would be off by about 1e-16·15 = 3e-10 of this ≈ −4.9e-6
        // (the element form, in double: the module's β is an F32 parameter, so its gradient is rounded to float)
        ElementwiseFunction softplus = ((ElementwiseActivation) Activations.parse("softplus(trainable=true)")).function();
        double[] dBeta = new double[1];
        softplus.derivatives(15, new double[] {1}, dBeta);
        double z = 15, e = Math.exp(-z), expected = -(e * (z + 1) - e * e * (z + 0.5) + e * e * e * (z + 1.0 / 3));
        assertThat(dBeta[0]).isCloseTo(expected, Offset.offset(1e-15 * Math.abs(expected)));
    }

    @Test
    void leftTailIsTinyButNotZero() {
        double e = Math.exp(-40);
        assertThat(values("softplus", -40)[0]).isCloseTo(e - e * e / 2, Offset.offset(1e-15 * e));
        assertThat(values("softplus", -1e30)).containsExactly(0);
    }

    @Test
    void betaMustBePositiveAndStaysPositiveWhenTrained() {
        assertThatThrownBy(() -> Activations.parse("softplus(beta=0)")).hasMessageContaining("softplus")
                .hasMessageContaining("needs beta > 0, got beta=0.0");
        assertThatThrownBy(() -> Activations.parse("softplus(beta=-1)")).hasMessageContaining("needs beta > 0");
        Activation softplus = Activations.parse("softplus(trainable=true)");
        Parameter beta = softplus.parameters().get(0);
        beta.setGrad(NDArray.scalar(1000, DType.F32));
        new SGD(List.of(beta), 1).step();
        assertThat(beta.value().item()).isCloseTo(1e-3, Offset.offset(1e-9));
    }

    @Test
    void argumentErrorsNameWhatIsValid() {
        assertThatThrownBy(() -> Activations.parse("softplus(threshold=high)")).hasMessageContaining("threshold=high")
                .hasMessageContaining("a finite number");
        assertThatThrownBy(() -> Activations.parse("softplus(trainable=yes)")).hasMessageContaining("trainable=yes")
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> Activations.parse("softplus(channels=3)")).hasMessageContaining("unknown argument(s) [channels]")
                .hasMessageContaining("beta=1").hasMessageContaining("threshold=20").hasMessageContaining("trainable=false");
    }
}
