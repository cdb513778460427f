package dev.nabla.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.nn.Init.FanMode;
import dev.nabla.nn.Init.Nonlinearity;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.ShapeException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Initializers use PyTorch's formulas: fans, gains, bounds of the uniform ones (samples fill
 * [−bound, bound]) and standard deviations of the normal ones (on 40 000 samples), and are
 * reproducible from a seed.
 */
class InitTest {
    private static final Shape CONV = Shape.of(50, 8, 10, 10); // fan_in 800, fan_out 5000

    @Test
    void fans_followPyTorch() {
        assertThat(Init.fans(Shape.of(5, 3))).containsExactly(3, 5);
        assertThat(Init.fans(Shape.of(32, 4, 3, 3))).containsExactly(36, 288);
        assertThatThrownBy(() -> Init.fans(Shape.of(7))).isInstanceOf(ShapeException.class).hasMessageContaining("[7]");
    }

    @Test
    void gain_followsPyTorchCalculateGain() {
        assertThat(Init.gain(Nonlinearity.LINEAR, 0)).isEqualTo(1);
        assertThat(Init.gain(Nonlinearity.SIGMOID, 0)).isEqualTo(1);
        assertThat(Init.gain(Nonlinearity.TANH, 0)).isEqualTo(5.0 / 3);
        assertThat(Init.gain(Nonlinearity.RELU, 0)).isEqualTo(Math.sqrt(2));
        assertThat(Init.gain(Nonlinearity.LEAKY_RELU, Math.sqrt(5))).isCloseTo(Math.sqrt(1.0 / 3), within(1e-15));
        assertThat(Init.gain(Nonlinearity.SELU, 0)).isEqualTo(0.75);
    }

    @Test
    void kaimingUniform_fillsPlusMinusGainTimesSqrtThreeOverFan() {
        double fanInBound = Math.sqrt(2) * Math.sqrt(3.0 / 800), fanOutBound = Math.sqrt(2) * Math.sqrt(3.0 / 5000);
        assertFills(Init.kaimingUniform(CONV, DType.F64, new Rng(1), 0, FanMode.FAN_IN, Nonlinearity.RELU), fanInBound);
        assertFills(Init.kaimingUniform(CONV, DType.F64, new Rng(1), 0, FanMode.FAN_OUT, Nonlinearity.RELU), fanOutBound);
    }

    @Test
    void kaimingNormal_hasStdGainOverSqrtFan() {
        assertStd(Init.kaimingNormal(CONV, DType.F64, new Rng(2), 0, FanMode.FAN_IN, Nonlinearity.RELU), Math.sqrt(2) / Math.sqrt(800));
    }

    @Test
    void xavier_usesFanInPlusFanOut() {
        double std = 1.5 * Math.sqrt(2.0 / (800 + 5000));
        assertFills(Init.xavierUniform(CONV, DType.F64, new Rng(3), 1.5), Math.sqrt(3) * std);
        assertStd(Init.xavierNormal(CONV, DType.F64, new Rng(4), 1.5), std);
    }

    @Test
    void uniformNormalZerosOnes_haveTheirShapeDtypeAndParameters() {
        NDArray u = Init.uniform(Shape.of(200, 200), DType.F32, new Rng(5), 2, 3);
        assertThat(u.dtype()).isEqualTo(DType.F32);
        assertFills(u.sub(2.5), 0.5);
        NDArray n = Init.normal(Shape.of(200, 200), DType.F64, new Rng(6), 1, 0.5);
        assertThat(n.mean().item()).isCloseTo(1, within(0.01));
        assertStd(n.sub(1), 0.5);
        assertThat(Init.zeros(Shape.of(2, 3), DType.F32).toDoubleArray()).containsOnly(0);
        assertThat(Init.ones(Shape.of(2, 3), DType.F64).toDoubleArray()).containsOnly(1);
    }

    @Test
    void sameSeed_givesSameValues() {
        assertThat(Init.xavierNormal(Shape.of(4, 5), DType.F64, new Rng(9), 1).toDoubleArray())
                .containsExactly(Init.xavierNormal(Shape.of(4, 5), DType.F64, new Rng(9), 1).toDoubleArray());
    }

    @Test
    void manualSeed_makesDefaultLayersReproducible() {
        Init.manualSeed(123);
        NDArray first = new Linear(3, 4).weight().value();
        Init.manualSeed(123);
        NDArray second = new Linear(3, 4).weight().value();
        assertThat(second.toDoubleArray()).containsExactly(first.toDoubleArray());
        assertThat(new Linear(3, 4).weight().value().toDoubleArray()).isNotEqualTo(first.toDoubleArray());
    }

    /** All samples in [−bound, bound], and the extremes within 1% of the bound. */
    private static void assertFills(NDArray a, double bound) {
        double[] v = a.toDoubleArray();
        double max = Arrays.stream(v).max().orElseThrow(), min = Arrays.stream(v).min().orElseThrow();
        assertThat(max).isLessThanOrEqualTo(bound).isGreaterThan(0.99 * bound);
        assertThat(min).isGreaterThanOrEqualTo(-bound).isLessThan(-0.99 * bound);
    }

    /** Sample standard deviation about 0 within 2% (40 000 samples: its relative error is about 0.4%). */
    private static void assertStd(NDArray a, double std) {
        double s = Math.sqrt(a.square().mean().item());
        assertThat(s).isCloseTo(std, within(0.02 * std));
    }
}
