package dev.nabla.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.nabla.autograd.Tensor;
import dev.nabla.nn.Parameter;
import dev.nabla.nn.loss.MSELoss;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-checked steps, state dicts (keys, round trip, errors), dtype, skipped parameters and argument errors. */
class OptimizerTest {
    private static Parameter param(double... values) {
        return new Parameter(NDArray.of(values, values.length));
    }

    private static void grad(Parameter p, double... values) {
        p.setGrad(NDArray.of(values, values.length));
    }

    @Test
    void sgd_stepIsThetaMinusLrTimesGrad() {
        Parameter p = param(1, -2);
        grad(p, 0.5, 1);
        new SGD(List.of(p), 0.1).step();
        assertThat(p.value().toDoubleArray()).containsExactly(0.95, -2.1);
    }

    @Test
    void sgd_momentumBufferStartsAtTheGradient() {
        // μ = 0.9, g = 1 twice: b = 1 then 1.9, θ = −1 then −2.9
        Parameter p = param(0);
        SGD opt = new SGD(List.of(p), 1, 0.9);
        grad(p, 1);
        opt.step();
        assertThat(p.value().item()).isEqualTo(-1);
        grad(p, 1);
        opt.step();
        assertThat(p.value().item()).isCloseTo(-2.9, offset(1e-15));
        assertThat(opt.stateDict().keySet()).containsExactly("0.momentum_buffer");
    }

    @Test
    void adam_firstStepMovesByLrAgainstTheGradientSign() {
        // bias correction makes m̂ = g and v̂ = g², so Δθ = −lr · g / (|g| + ε)
        Parameter p = param(1, 1);
        grad(p, 3, -0.01);
        new Adam(List.of(p), 0.1).step();
        assertThat(p.value().get(0)).isCloseTo(0.9, offset(1e-8));
        assertThat(p.value().get(1)).isCloseTo(1.1, offset(1e-6));
    }

    @Test
    void adamW_withZeroGradientOnlyDecays() {
        Parameter p = param(2);
        grad(p, 0);
        new AdamW(List.of(p), 0.1, 0.9, 0.999, 1e-8, 0.5, false).step();
        assertThat(p.value().item()).isCloseTo(2 * (1 - 0.1 * 0.5), offset(1e-15));
    }

    @Test
    void stepKeepsF32ParametersF32() {
        Parameter p = new Parameter(NDArray.of(new float[] {1, 2}, 2));
        p.setGrad(NDArray.of(new float[] {0.5f, 0.5f}, 2));
        new RMSprop(List.of(p), 0.01, 0.99, 1e-8, 0.1, 0.9, true).step();
        assertThat(p.dtype()).isEqualTo(DType.F32);
    }

    @Test
    void parametersWithoutGradientAreSkippedAndHaveNoState() {
        Parameter a = param(1), b = param(1);
        grad(a, 1);
        Adam opt = new Adam(List.of(a, b));
        opt.step();
        assertThat(b.value().item()).isEqualTo(1);
        assertThat(opt.stateDict().keySet()).containsExactly("0.exp_avg", "0.exp_avg_sq", "0.step");
        assertThat(opt.stateDict().get("0.step").getLong()).isEqualTo(1);
    }

    @Test
    void stateDict_roundTripContinuesIdentically() {
        Parameter a = param(1, 2), b = param(-1);
        Adam opt = new Adam(List.of(a, b), 0.05, 0.9, 0.999, 1e-8, 0.01, true);
        for (int k = 0; k < 2; k++) {
            grad(a, 0.3 * k, -1);
            grad(b, 2);
            opt.step();
        }
        Parameter a2 = new Parameter(a.value()), b2 = new Parameter(b.value());
        Adam restored = new Adam(List.of(a2, b2), 0.05, 0.9, 0.999, 1e-8, 0.01, true);
        restored.loadStateDict(opt.stateDict());
        for (Parameter[] pair : new Parameter[][] {{a, b}, {a2, b2}}) {
            grad(pair[0], 0.7, 0.2);
            grad(pair[1], -3);
        }
        opt.step();
        restored.step();
        assertThat(a2.value().toDoubleArray()).containsExactly(a.value().toDoubleArray());
        assertThat(b2.value().toDoubleArray()).containsExactly(b.value().toDoubleArray());
        assertThat(restored.stateDict().get("1.step").getLong()).isEqualTo(3);
    }

    @Test
    void loadStateDict_rejectsUnexpectedMisshapedAndIncompleteEntries() {
        Parameter p = param(1, 2);
        SGD sgd = new SGD(List.of(p), 0.1, 0.9);
        assertThatThrownBy(() -> sgd.loadStateDict(Map.of("1.momentum_buffer", NDArray.zeros(DType.F64, 2))))
                .hasMessageContaining("unexpected entry '1.momentum_buffer'");
        assertThatThrownBy(() -> sgd.loadStateDict(Map.of("0.momentum_buffer", NDArray.zeros(DType.F64, 3))))
                .hasMessageContaining("'0.momentum_buffer' has shape [3]").hasMessageContaining("expected [2]");
        Map<String, NDArray> partial = new HashMap<>();
        partial.put("0.exp_avg", NDArray.zeros(DType.F64, 2));
        assertThatThrownBy(() -> new Adam(List.of(p)).loadStateDict(partial))
                .hasMessageContaining("parameter 0 is missing [exp_avg_sq, step]");
    }

    @Test
    void adamWithMseAndCosineSchedule_fitsALine() {
        // y = 3x + 1: the pieces compose (loss → backward → clip → step → schedule)
        Parameter w = param(0), b = param(0);
        NDArray x = NDArray.of(new double[] {-1, -0.5, 0, 0.5, 1}, 5, 1);
        NDArray y = x.mul(3).add(1);
        Optimizer opt = new Adam(List.of(w, b), 0.1);
        LRScheduler schedule = new CosineAnnealingLR(opt, 300);
        MSELoss mse = new MSELoss();
        for (int t = 0; t < 300; t++) {
            mse.apply(Tensor.of(x).mul(w.tensor()).add(b.tensor()), y).backward();
            Clip.gradNorm(List.of(w, b), 10);
            opt.step();
            schedule.step();
        }
        assertThat(w.value().item()).isCloseTo(3, offset(1e-3));
        assertThat(b.value().item()).isCloseTo(1, offset(1e-3));
    }

    @Test
    void constructorsRejectBadArguments() {
        List<Parameter> ps = List.of(param(1));
        assertThatThrownBy(() -> new SGD(ps, 0.1, 0, 0, 0, true))
                .hasMessageContaining("Nesterov momentum requires momentum > 0 and dampening 0");
        assertThatThrownBy(() -> new Adam(ps, 0.1, 1.0, 0.999, 1e-8, 0, false)).hasMessageContaining("Adam: beta1 must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> new AdamW(ps, 0.1, 0.9, 0.999, 1e-8, -1, false)).hasMessageContaining("AdamW: weightDecay must be >= 0");
        assertThatThrownBy(() -> new RMSprop(ps, -0.1)).hasMessageContaining("RMSprop: lr must be >= 0, got -0.1");
    }
}
