package dev.nabla.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.ShapeException;
import org.junit.jupiter.api.Test;

/**
 * BatchNorm1d/2d follow PyTorch exactly, checked on hand-computed numbers: biased variance for
 * normalizing, unbiased for running_var, momentum and the cumulative average (momentum null),
 * num_batches_tracked, eval mode with and without tracked statistics, buffer names and dtypes.
 */
class BatchNormTest {
    private static final double EPS = 1e-5;

    /** One channel holding 1 and 3: mean 2, biased variance 1, unbiased variance 2. */
    private static Tensor batchA() {
        return Tensor.of(NDArray.of(new double[] {1, 3}, 2, 1));
    }

    /** One channel holding 5 and 9: mean 7, biased variance 4, unbiased variance 8. */
    private static Tensor batchB() {
        return Tensor.of(NDArray.of(new double[] {5, 9}, 2, 1));
    }

    @Test
    void training_normalizesWithBiasedVariance() {
        BatchNorm1d bn = new BatchNorm1d(1, EPS, 0.1, true, true, DType.F64);
        double[] y = bn.forward(batchA()).value().toDoubleArray();
        assertThat(y[0]).isCloseTo(-1 / Math.sqrt(1 + EPS), within(1e-15));
        assertThat(y[1]).isCloseTo(1 / Math.sqrt(1 + EPS), within(1e-15));
    }

    @Test
    void training_updatesRunningStatsWithMomentumAndUnbiasedVariance() {
        BatchNorm1d bn = new BatchNorm1d(1, EPS, 0.1, true, true, DType.F64);
        bn.forward(batchA());
        assertThat(bn.runningMean().item()).isCloseTo(0.9 * 0 + 0.1 * 2, within(1e-15));
        assertThat(bn.runningVar().item()).isCloseTo(0.9 * 1 + 0.1 * 2, within(1e-15));
        assertThat(bn.numBatchesTracked()).isEqualTo(1);
        bn.forward(batchB());
        assertThat(bn.runningMean().item()).isCloseTo(0.9 * 0.2 + 0.1 * 7, within(1e-15));
        assertThat(bn.runningVar().item()).isCloseTo(0.9 * 1.1 + 0.1 * 8, within(1e-15));
        assertThat(bn.numBatchesTracked()).isEqualTo(2);
    }

    @Test
    void nullMomentum_keepsCumulativeAverageOfBatchStats() {
        BatchNorm1d bn = new BatchNorm1d(1, EPS, null, true, true, DType.F64);
        bn.forward(batchA());
        assertThat(bn.runningMean().item()).isEqualTo(2); // factor 1/1 replaces the initial 0
        assertThat(bn.runningVar().item()).isEqualTo(2);
        bn.forward(batchB());
        assertThat(bn.runningMean().item()).isEqualTo((2 + 7) / 2.0);
        assertThat(bn.runningVar().item()).isEqualTo((2 + 8) / 2.0);
        assertThat(bn.numBatchesTracked()).isEqualTo(2);
    }

    @Test
    void evalMode_usesRunningStatsAndLeavesThemUnchanged() {
        BatchNorm1d bn = new BatchNorm1d(1, EPS, null, true, true, DType.F64);
        bn.forward(batchA()); // running mean 2, running var 2
        bn.eval();
        double y = bn.forward(Tensor.of(NDArray.of(new double[] {4}, 1, 1))).item();
        assertThat(y).isCloseTo((4 - 2) / Math.sqrt(2 + EPS), within(1e-15));
        assertThat(bn.runningMean().item()).isEqualTo(2);
        assertThat(bn.numBatchesTracked()).isEqualTo(1);
    }

    @Test
    void evalMode_appliesWeightAndBias() {
        BatchNorm2d bn = new BatchNorm2d(1, EPS, 0.1, true, true, DType.F64);
        bn.weight().set(NDArray.of(new double[] {3}, 1));
        bn.bias().set(NDArray.of(new double[] {-1}, 1));
        bn.eval(); // running mean 0, running var 1
        double y = bn.forward(Tensor.of(NDArray.of(new double[] {2}, 1, 1, 1, 1))).item();
        assertThat(y).isCloseTo(2 / Math.sqrt(1 + EPS) * 3 - 1, within(1e-15));
    }

    @Test
    void withoutTrackedStats_evalUsesBatchStatsAndHasNoBuffers() {
        BatchNorm1d bn = new BatchNorm1d(1, EPS, 0.1, true, false, DType.F64);
        assertThat(bn.namedBuffers()).isEmpty();
        bn.eval();
        double[] y = bn.forward(batchA()).value().toDoubleArray();
        assertThat(y[0]).isCloseTo(-1 / Math.sqrt(1 + EPS), within(1e-15));
        assertThat(bn.numBatchesTracked()).isEqualTo(-1);
    }

    @Test
    void buffersAndParameters_havePyTorchNamesAndDtypes() {
        BatchNorm2d bn = new BatchNorm2d(3);
        assertThat(bn.stateDict().keySet()).containsExactlyInAnyOrder("weight", "bias", "running_mean", "running_var", "num_batches_tracked");
        assertThat(bn.stateDict().get("num_batches_tracked").dtype()).isEqualTo(DType.I64);
        assertThat(bn.stateDict().get("num_batches_tracked").rank()).isZero();
        assertThat(bn.stateDict().get("running_var").dtype()).isEqualTo(DType.F32);
        assertThat(bn.runningVar().toDoubleArray()).containsExactly(1, 1, 1);
        assertThat(bn.weight().value().toDoubleArray()).containsExactly(1, 1, 1);
        assertThat(bn.bias().value().toDoubleArray()).containsExactly(0, 0, 0);
        assertThat(new BatchNorm2d(3, EPS, 0.1, false, true).namedParameters()).isEmpty();
    }

    @Test
    void f32Training_keepsF32BuffersAndGivesGradients() {
        BatchNorm2d bn = new BatchNorm2d(2);
        Tensor x = Tensor.leaf(NDArray.arange(0, 16, 1, DType.F32).reshape(2, 2, 2, 2), true);
        Tensor y = bn.forward(x);
        assertThat(y.dtype()).isEqualTo(DType.F32);
        y.square().sum().backward();
        assertThat(x.grad().dtype()).isEqualTo(DType.F32);
        assertThat(bn.weight().grad().toDoubleArray()).containsExactly(new double[] {16, 16}, within(1e-3)); // Σ 2x̂·x̂ = 2n
        assertThat(bn.runningMean().dtype()).isEqualTo(DType.F32);
    }

    @Test
    void loadStateDict_restoresRunningStats() {
        BatchNorm1d trained = new BatchNorm1d(1, EPS, 0.1, true, true, DType.F64);
        trained.forward(batchA());
        BatchNorm1d fresh = new BatchNorm1d(1, EPS, 0.1, true, true, DType.F64);
        fresh.loadStateDict(trained.stateDict(), true);
        assertThat(fresh.runningVar().item()).isEqualTo(trained.runningVar().item());
        assertThat(fresh.numBatchesTracked()).isEqualTo(1);
    }

    @Test
    void batchNorm2d_rejectsWrongRankNamingShape() {
        BatchNorm2d bn = new BatchNorm2d(3);
        assertThatThrownBy(() -> bn.forward(Tensor.of(NDArray.zeros(DType.F32, 2, 3, 4)))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("batch_norm2d").hasMessageContaining("4D").hasMessageContaining("[2, 3, 4]");
    }

    @Test
    void batchNorm1d_rejectsWrongRankAndChannelsNamingShape() {
        BatchNorm1d bn = new BatchNorm1d(3);
        assertThatThrownBy(() -> bn.forward(Tensor.of(NDArray.zeros(DType.F32, 2, 3, 4, 5)))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("batch_norm1d").hasMessageContaining("2D or 3D").hasMessageContaining("[2, 3, 4, 5]");
        assertThatThrownBy(() -> bn.forward(Tensor.of(NDArray.zeros(DType.F32, 2, 4)))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("expected 3 channels").hasMessageContaining("[2, 4]");
    }

    @Test
    void training_rejectsOneValuePerChannel() {
        BatchNorm1d bn = new BatchNorm1d(2);
        assertThatThrownBy(() -> bn.forward(Tensor.of(NDArray.zeros(DType.F32, 1, 2)))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("more than 1 value per channel");
        assertThat(bn.numBatchesTracked()).isZero();
    }

    @Test
    void constructor_rejectsBadMomentumAndEps() {
        assertThatThrownBy(() -> new BatchNorm2d(2, EPS, 1.5, true, true)).hasMessageContaining("momentum").hasMessageContaining("1.5");
        assertThatThrownBy(() -> new BatchNorm2d(2, -1, 0.1, true, true)).hasMessageContaining("eps").hasMessageContaining("-1.0");
    }
}
