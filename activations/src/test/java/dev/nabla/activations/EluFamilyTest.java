package dev.nabla.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.NDArray;
import org.junit.jupiter.api.Test;

/** ELU and SELU: the known values of docs/activations.md §6, the kink convention, the asymptotes and argument errors. */
class EluFamilyTest {
    @Test
    void eluKnownValues() {
        KnownValues.values("elu", -0.8646647168, -0.3934693403, 0, 0.5, 2);
        KnownValues.derivatives("elu", 0.1353352832, 0.6065306597, 1, 1, 1);
    }

    @Test
    void seluKnownValues() {
        KnownValues.values("selu", -1.520166469, -0.6917581878, 0, 0.5253504937, 2.101401975);
        KnownValues.derivatives("selu", 0.2379328723, 1.066341153, 1.758099341, 1.050700987, 1.050700987);
    }

    /** PyTorch takes the x ≤ 0 branch at the kink: ELU′(0) = α, SELU′(0) = λα. */
    @Test
    void derivativeAtZeroIsTheNegativeBranch() {
        KnownValues.check("elu(alpha=0.5)", new double[] {0}, new double[] {0.5}, true);
        KnownValues.check("selu", new double[] {0}, new double[] {Selu.LAMBDA * Selu.ALPHA}, true);
    }

    @Test
    void alphaScalesTheNegativeSideOnly() {
        KnownValues.check("elu(alpha=0.5)", new double[] {-2, 2}, new double[] {0.5 * Math.expm1(-2), 2}, false);
    }

    /** f → −α (ELU) and −λα (SELU) as x → −∞; near 0 the negative side keeps its relative accuracy (expm1). */
    @Test
    void asymptotesAndSmallInputs() {
        double[] x = {-40, -1e30, -1e-30, 1e30};
        double[] elu = Activations.parse("elu(alpha=2)").forward(Tensor.of(NDArray.of(x, 4))).value().toDoubleArray();
        assertThat(elu).containsExactly(-2, -2, -2e-30, 1e30);
        double[] selu = Activations.parse("selu").forward(Tensor.of(NDArray.of(x, 4))).value().toDoubleArray();
        assertThat(selu[0]).isEqualTo(-Selu.LAMBDA * Selu.ALPHA);
        assertThat(selu[1]).isEqualTo(-Selu.LAMBDA * Selu.ALPHA);
        assertThat(selu[2]).isCloseTo(-Selu.LAMBDA * Selu.ALPHA * 1e-30, org.assertj.core.data.Offset.offset(1e-45));
        assertThat(selu[3]).isEqualTo(Selu.LAMBDA * 1e30);
    }

    @Test
    void argumentErrorsNameWhatIsValid() {
        assertThatThrownBy(() -> Activations.parse("selu(alpha=1)")).hasMessageContaining("unknown argument(s) [alpha]")
                .hasMessageContaining("valid: none");
        assertThatThrownBy(() -> Activations.parse("elu(alpha=big)")).hasMessageContaining("alpha=big")
                .hasMessageContaining("a finite number");
        assertThatThrownBy(() -> Activations.parse("elu(beta=1)")).hasMessageContaining("unknown argument(s) [beta]")
                .hasMessageContaining("alpha");
        assertThat(Activations.parse("elu").parameters()).isEmpty();
    }
}
