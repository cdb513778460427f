package dev.nabla.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.autograd.Tensor;
import dev.nabla.nn.Parameter;
import dev.nabla.nn.optim.SGD;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SRS: the known values of docs/activations.md §1, its asymptotes and its constraint. */
class SoftRootSignTest {
    @Test
    void knownValues() {
        KnownValues.values("srs", -2.110296680, -0.5368491006, 0, 0.4560039521, 1.321512738);
        KnownValues.derivatives("srs", 0.7228287863, 1.134920965, 1, 0.8214130166, 0.3735956498);
        KnownValues.values("srs(alpha=5,beta=3)", -1.292211677, -0.4623805292, 0, 0.5282722179, 2.189580158);
        KnownValues.derivatives("srs(alpha=5,beta=3)", 0.2710289800, 0.8418994667, 1, 1.102401792, 1.025606587);
    }

    @Test
    void minimumIsAtMinusBetaAndTheUpperBoundIsAlpha() {
        KnownValues.check("srs", new double[] {-3}, new double[] {-2.462484402}, false);
        double[] far = Activations.parse("srs").forward(Tensor.of(NDArray.of(new double[] {20, 1e30, -1e30}, 3))).value().toDoubleArray();
        assertThat(far[0]).isLessThan(2).isCloseTo(2, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(far[1]).isEqualTo(2.0);
        assertThat(far[2]).isEqualTo(-0.0);
    }

    @Test
    void constraintIsAnErrorAtConstructionAndEnforcedAfterEachStep() {
        assertThatThrownBy(() -> Activations.parse("srs(alpha=1,beta=3)")).hasMessageContaining("beta < e*alpha")
                .hasMessageContaining("alpha=1.0, beta=3.0");
        assertThatThrownBy(() -> Activations.parse("srs(alpha=-1)")).hasMessageContaining("alpha > 0");
        Activation srs = Activations.parse("srs(channels=2)");
        List<Parameter> params = srs.parameters();
        assertThat(params).hasSize(2);
        // a huge step pushes β far above e·α: the post-step hook projects it back
        Tensor x = Tensor.of(NDArray.full(-1, DType.F32, 4, 2));
        srs.forward(x).sum().backward();
        params.get(1).setGrad(NDArray.full(-1000, DType.F32, 2));
        new SGD(params, 1).step();
        double[] alpha = params.get(0).value().toDoubleArray(), beta = params.get(1).value().toDoubleArray();
        for (int c = 0; c < 2; c++) assertThat(beta[c]).isLessThanOrEqualTo((Math.E - 1e-3) * alpha[c] + 1e-6).isGreaterThan(0);
    }
}
