package dev.nabla.nn.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.autograd.check.OpCase;
import dev.nabla.autograd.check.OpRegistry;
import dev.nabla.autograd.check.Properties;
import dev.nabla.autograd.check.TensorGen;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.ShapeException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fused batch-norm op: its closed-form backward agrees with finite differences (first and
 * second order, through the op registry) and with the composition of primitive ops, and it
 * rejects bad shapes with messages naming the shapes.
 */
class BatchNormOpTest {
    private static final double EPS = 1e-5;

    @Test
    void registryHoldsBothBatchNormCases() {
        assertThat(OpRegistry.all().stream().map(OpCase::name)).contains("batch_norm", "batch_norm_no_affine");
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        for (OpCase op : NnOps.CASES) {
            Properties.forAll(op.name() + " gradcheck", 20, TensorGen.Profile.GRADCHECK, op::gradcheck);
        }
    }

    @Test
    void secondOrderMatchesFiniteDifferences() {
        for (OpCase op : NnOps.CASES) {
            Properties.forAll(op.name() + " gradgradcheck", 6, TensorGen.Profile.GRADCHECK, op::gradgradcheck);
        }
    }

    /** The fused op against (x − mean)·rsqrt(var + ε)·γ + β built from primitive ops: values, gradients and gradients of gradients. */
    @Test
    void fusedOpMatchesComposition() {
        Properties.forAll("batch_norm vs composition", 10, TensorGen.Profile.GRADCHECK, gen -> {
            Tensor x = gen.distinctInput(Shape.of(3, 2, 2, gen.integer(1, 3)), Domain.real());
            Tensor w = gen.input(Shape.of(2), Domain.real()), b = gen.input(Shape.of(2), Domain.real());
            Tensor upstream = gen.constant(x.shape(), Domain.real());
            Tensor fused = BatchNorm.train(x, w, b, EPS).output();
            int[] dims = {0, 2, 3};
            Tensor composed = x.sub(x.mean(dims, true)).mul(x.var(dims, false, true).add(EPS).rsqrt())
                    .mul(w.reshape(1, 2, 1, 1)).add(b.reshape(1, 2, 1, 1));
            assertClose(fused.value(), composed.value());
            List<Tensor> gf = Autograd.grad(List.of(fused), List.of(upstream), List.of(x, w, b), true, true);
            List<Tensor> gc = Autograd.grad(List.of(composed), List.of(upstream), List.of(x, w, b), true, true);
            for (int i = 0; i < 3; i++) assertClose(gf.get(i).value(), gc.get(i).value());
            // second order: d/d(x, w) of Σ (∂L/∂x)²
            List<Tensor> hf = Autograd.grad(List.of(gf.get(0).square().sum()), List.of(x, w), false);
            List<Tensor> hc = Autograd.grad(List.of(gc.get(0).square().sum()), List.of(x, w), false);
            for (int i = 0; i < 2; i++) assertClose(hf.get(i).value(), hc.get(i).value());
        });
    }

    @Test
    void train_normalizesEachChannelToZeroMeanUnitVariance() {
        // channel 0 holds 1, 3 (mean 2, biased var 1); channel 1 holds 10, 30 (mean 20, biased var 100)
        Tensor x = Tensor.of(NDArray.of(new double[] {1, 10, 3, 30}, 2, 2));
        BatchNorm.Result r = BatchNorm.train(x, null, null, 0);
        assertThat(r.output().value().toDoubleArray()).containsExactly(-1, -1, 1, 1);
        assertThat(r.stats().mean().toDoubleArray()).containsExactly(2, 20);
        assertThat(r.stats().var().toDoubleArray()).containsExactly(1, 100);
        assertThat(r.stats().count()).isEqualTo(2);
    }

    @Test
    void train_givesAffineGradientsForAConstantInput() {
        // x̂ = [[-1, -1], [1, 1]]; upstream g = [[1, 0], [2, 0]]: ∂L/∂γ = Σ g·x̂ = (1, 0), ∂L/∂β = Σ g = (3, 0)
        Tensor x = Tensor.of(NDArray.of(new double[] {1, 10, 3, 30}, 2, 2));
        Tensor w = Tensor.leaf(NDArray.of(new double[] {2, 3}, 2), true), b = Tensor.leaf(NDArray.zeros(DType.F64, 2), true);
        BatchNorm.train(x, w, b, 0).output().backward(Tensor.of(NDArray.of(new double[] {1, 0, 2, 0}, 2, 2)));
        assertThat(w.grad().value().toDoubleArray()).containsExactly(1, 0);
        assertThat(b.grad().value().toDoubleArray()).containsExactly(3, 0);
    }

    @Test
    void train_rejectsOneValuePerChannel() {
        Tensor x = Tensor.of(NDArray.zeros(DType.F64, 1, 3));
        assertThatThrownBy(() -> BatchNorm.train(x, null, null, EPS)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("batch_norm").hasMessageContaining("more than 1 value per channel").hasMessageContaining("[1, 3]");
    }

    @Test
    void train_rejectsWeightOfWrongShape() {
        Tensor x = Tensor.of(NDArray.zeros(DType.F64, 4, 3));
        Tensor w = Tensor.of(NDArray.ones(DType.F64, 2));
        assertThatThrownBy(() -> BatchNorm.train(x, w, w, EPS)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("batch_norm").hasMessageContaining("[4, 3]").hasMessageContaining("weight.shape=[2]");
    }

    private static void assertClose(NDArray a, NDArray e) {
        double[] x = a.toDoubleArray(), y = e.toDoubleArray();
        assertThat(x).hasSameSizeAs(y);
        for (int i = 0; i < x.length; i++) assertThat(x[i]).isCloseTo(y[i], within(1e-9 * (1 + Math.abs(y[i]))));
    }
}
