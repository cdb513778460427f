package dev.nabla.nn.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.ShapeException;
import org.junit.jupiter.api.Test;

/** Hand-checked values of the losses, the fused cross-entropy against its composition, and argument errors. */
class LossTest {
    private static final NDArray LOGITS = NDArray.of(new double[] {0.3, -1.2, 2.0, 0.5, 1.1, 0.0, -0.4, 0.9, 2.2, -0.7, 0.1, 0.6}, 3, 4);
    private static final NDArray TARGETS = NDArray.of(new long[] {2, 1, 3}, 3);

    @Test
    void crossEntropy_ofEqualLogitsIsLogCAndGradientIsSoftmaxMinusOneHot() {
        Tensor x = Tensor.leaf(NDArray.zeros(DType.F64, 1, 4), true);
        Tensor loss = new CrossEntropyLoss().apply(x, NDArray.of(new long[] {2}, 1));
        loss.backward();
        assertThat(loss.item()).isCloseTo(Math.log(4), offset(1e-15));
        assertThat(x.grad().value().toDoubleArray()).containsExactly(0.25, 0.25, -0.75, 0.25);
    }

    @Test
    void crossEntropy_withFullSmoothingIsTheMeanOfAllClassesNll() {
        // ε = 1: the target is uniform, ℓ = −(1/C) Σ_c log p_c; for zero logits that is log C again
        Tensor x = Tensor.leaf(NDArray.zeros(DType.F64, 2, 4), true);
        Tensor loss = CrossEntropyLoss.builder().labelSmoothing(1).build().apply(x, NDArray.of(new long[] {0, 3}, 2));
        loss.backward();
        assertThat(loss.item()).isCloseTo(Math.log(4), offset(1e-15));
        assertThat(x.grad().value().toDoubleArray()).containsOnly(0.0);
    }

    @Test
    void fusedCrossEntropy_matchesLogSoftmaxThenNll() {
        NDArray weights = NDArray.of(new double[] {0.5, 2.0, 1.0, 1.5}, 4);
        NDArray targets = NDArray.of(new long[] {2, 0, 3}, 3);
        Tensor a = Tensor.leaf(LOGITS, true), b = Tensor.leaf(LOGITS, true);
        Tensor fused = CrossEntropyLoss.builder().classWeights(weights).ignoreIndex(0).build().apply(a, targets);
        Tensor composed = new NLLLoss(weights, 0, Reduction.MEAN).apply(b.logSoftmax(1), targets);
        fused.backward();
        composed.backward();
        assertThat(fused.item()).isCloseTo(composed.item(), offset(1e-15));
        double[] ga = a.grad().value().toDoubleArray(), gb = b.grad().value().toDoubleArray();
        for (int i = 0; i < ga.length; i++) assertThat(ga[i]).isCloseTo(gb[i], offset(1e-15));
    }

    @Test
    void crossEntropy_keepsF32() {
        Tensor loss = new CrossEntropyLoss().apply(Tensor.of(LOGITS.astype(DType.F32)), TARGETS);
        assertThat(loss.dtype()).isEqualTo(DType.F32);
        assertThat(loss.item()).isCloseTo(new CrossEntropyLoss().apply(Tensor.of(LOGITS), TARGETS).item(), offset(1e-6));
    }

    @Test
    void crossEntropy_whenEveryTargetIsIgnoredIsNaNWithZeroGradientAsPyTorch() {
        Tensor x = Tensor.leaf(LOGITS, true);
        Tensor loss = new CrossEntropyLoss().apply(x, NDArray.of(new long[] {-100, -100, -100}, 3));
        loss.backward();
        assertThat(loss.item()).isNaN();
        assertThat(x.grad().value().toDoubleArray()).containsOnly(0.0);
    }

    @Test
    void crossEntropy_rejectsTargetShapeNamingBothShapes() {
        assertThatThrownBy(() -> new CrossEntropyLoss().apply(Tensor.of(LOGITS), NDArray.of(new long[] {1, 2}, 2)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("cross_entropy").hasMessageContaining("[3, 4]").hasMessageContaining("[2]");
    }

    @Test
    void crossEntropy_rejectsOutOfRangeTargetNamingIt() {
        assertThatThrownBy(() -> new CrossEntropyLoss().apply(Tensor.of(LOGITS), NDArray.of(new long[] {1, 4, 0}, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target 4 is out of bounds for 4 classes");
    }

    @Test
    void crossEntropy_rejectsFloatTargetsAndBadOptions() {
        assertThatThrownBy(() -> new CrossEntropyLoss().apply(Tensor.of(LOGITS), NDArray.of(new double[] {1, 2, 0}, 3)))
                .hasMessageContaining("I64").hasMessageContaining("F64");
        assertThatThrownBy(() -> CrossEntropyLoss.builder().labelSmoothing(1.5).build())
                .hasMessageContaining("labelSmoothing must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> CrossEntropyLoss.builder().classWeights(NDArray.ones(DType.F64, 3)).build()
                .apply(Tensor.of(LOGITS), TARGETS))
                .isInstanceOf(ShapeException.class).hasMessageContaining("[4] (C), got [3]");
        assertThatThrownBy(() -> new CrossEntropyLoss().apply(Tensor.of(NDArray.zeros(DType.F64, 4)), TARGETS))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(N, C)");
    }

    @Test
    void mse_l1_huber_handChecked() {
        Tensor x = Tensor.of(NDArray.of(new double[] {1, -2, 0.5}, 3));
        NDArray y = NDArray.of(new double[] {0, 1, 0.5}, 3);
        // differences 1, −3, 0
        assertThat(new MSELoss().apply(x, y).item()).isCloseTo((1 + 9 + 0) / 3.0, offset(1e-15));
        assertThat(new L1Loss(Reduction.SUM).apply(x, y).item()).isCloseTo(4, offset(1e-15));
        // δ = 2: ½·1², 2·(3 − 1), 0
        assertThat(new HuberLoss(2, Reduction.NONE).apply(x, y).value().toDoubleArray()).containsExactly(0.5, 4.0, 0.0);
    }

    @Test
    void bceWithLogits_isFiniteAtExtremeLogits() {
        Tensor x = Tensor.of(NDArray.of(new double[] {1000, -1000, 1000, 0}, 4));
        NDArray y = NDArray.of(new double[] {0, 0, 1, 1}, 4);
        double[] loss = new BCEWithLogitsLoss(null, Reduction.NONE).apply(x, y).value().toDoubleArray();
        assertThat(loss).containsExactly(1000.0, 0.0, 0.0, Math.log(2));
    }

    @Test
    void elementwiseLosses_rejectShapeMismatchNamingShapes() {
        Tensor x = Tensor.of(NDArray.zeros(DType.F64, 2, 3));
        NDArray y = NDArray.zeros(DType.F64, 3);
        assertThatThrownBy(() -> new MSELoss().apply(x, y)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("mse_loss").hasMessageContaining("[2, 3]").hasMessageContaining("[3]");
        assertThatThrownBy(() -> new BCEWithLogitsLoss(NDArray.ones(DType.F64, 2)).apply(x, NDArray.zeros(DType.F64, 2, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("posWeight.shape=[2]");
        assertThatThrownBy(() -> new HuberLoss(0)).hasMessageContaining("delta must be > 0, got 0.0");
    }
}
