package dev.nabla.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gradient clipping: the total norm over all parameters, PyTorch's 1e-6 in the factor, untouched grads below the limit. */
class ClipTest {
    private static Parameter withGrad(double... grad) {
        Parameter p = new Parameter(NDArray.zeros(DType.F64, grad.length));
        p.setGrad(NDArray.of(grad, grad.length));
        return p;
    }

    @Test
    void gradNorm_scalesAllGradientsByMaxNormOverTotalNorm() {
        Parameter a = withGrad(3, 4), b = withGrad(12), none = new Parameter(NDArray.zeros(DType.F64, 2));
        double total = Clip.gradNorm(List.of(a, b, none), 6.5);
        assertThat(total).isEqualTo(13);
        double f = 6.5 / (13 + 1e-6);
        assertThat(a.grad().toDoubleArray()).containsExactly(3 * f, 4 * f);
        assertThat(b.grad().item()).isCloseTo(12 * f, offset(1e-15));
        assertThat(none.grad()).isNull();
    }

    @Test
    void gradNorm_belowTheLimitLeavesGradientsAlone() {
        Parameter a = withGrad(3, 4);
        assertThat(Clip.gradNorm(List.of(a), 10)).isEqualTo(5);
        assertThat(a.grad().toDoubleArray()).containsExactly(3, 4);
    }

    @Test
    void gradValue_clampsEachEntry() {
        Parameter a = withGrad(-3, 0.2, 7);
        Clip.gradValue(List.of(a), 1);
        assertThat(a.grad().toDoubleArray()).containsExactly(-1, 0.2, 1);
    }
}
