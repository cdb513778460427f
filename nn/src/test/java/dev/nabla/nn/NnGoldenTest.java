package dev.nabla.nn;

import static dev.nabla.nn.Fixtures.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Layers against PyTorch 1.13 in float64, from {@code golden/nn_fixture.txt} (made by the
 * committed {@code make_nn_fixture.py}), to 1e-10 relative (plus 1e-14 absolute). Batch norm: two
 * training steps (output, input/weight/bias gradients, running_mean, running_var and
 * num_batches_tracked after each), then the eval-mode output; with momentum 0.1, 0.25, 0.3 and
 * null (cumulative average), with and without affine, for (N, C), (N, C, L) and (N, C, H, W).
 * Conv2d (groups, dilation, stride, padding; with and without bias), Linear on a 3-d input and
 * LayerNorm: output and the gradients of input and parameters, with the fixture's parameters.
 */
class NnGoldenTest {
    private static final double RTOL = 1e-10, ATOL = 1e-14;

    private static final Map<String, Supplier<Module>> LAYERS = Map.of(
            "batch_norm2d", () -> new BatchNorm2d(3, 1e-5, 0.1, true, true, DType.F64),
            "batch_norm2d_cumulative", () -> new BatchNorm2d(2, 1e-5, null, true, true, DType.F64),
            "batch_norm2d_no_affine", () -> new BatchNorm2d(2, 1e-3, 0.3, false, true, DType.F64),
            "batch_norm1d", () -> new BatchNorm1d(4, 1e-5, 0.1, true, true, DType.F64),
            "batch_norm1d_3d", () -> new BatchNorm1d(3, 1e-5, 0.25, true, true, DType.F64),
            "conv2d_groups_dilation", () -> new Conv2d(4, 6, 3, 2, 2, 2, 2, true, DType.F64, new Rng(1)),
            "conv2d_no_bias", () -> new Conv2d(3, 2, 2, 1, 0, 1, 1, false, DType.F64, new Rng(1)),
            "linear", () -> new Linear(4, 5, true, DType.F64, new Rng(1)),
            "layer_norm", () -> new LayerNorm(new int[] {3, 4}, 1e-5, true, DType.F64));

    @TestFactory
    Stream<DynamicTest> layersMatchPyTorch() throws IOException {
        Map<String, Map<String, NDArray>> cases = Fixtures.read("/golden/nn_fixture.txt");
        assertThat(cases.keySet()).containsExactlyInAnyOrderElementsOf(LAYERS.keySet());
        return cases.entrySet().stream().map(c -> DynamicTest.dynamicTest(c.getKey(), () -> {
            Module layer = Objects.requireNonNull(LAYERS.get(c.getKey())).get();
            Map<String, NDArray> f = c.getValue();
            layer.namedParameters().forEach((name, p) -> p.set(f.get(name)));
            if (layer instanceof BatchNormBase bn) checkBatchNorm(c.getKey(), bn, f);
            else checkStep(c.getKey(), layer, f, "");
        }));
    }

    /** Two training steps and an eval forward. */
    private static void checkBatchNorm(String name, BatchNormBase bn, Map<String, NDArray> f) {
        for (int step = 1; step <= 2; step++) {
            bn.zeroGrad();
            checkStep(name + " step " + step, bn, f, Integer.toString(step));
            assertClose(name + " running_mean " + step, bn.runningMean(), f.get("running_mean" + step), RTOL, ATOL);
            assertClose(name + " running_var " + step, bn.runningVar(), f.get("running_var" + step), RTOL, ATOL);
            assertThat(bn.numBatchesTracked()).as(name + " num_batches_tracked").isEqualTo((long) f.get("num_batches_tracked" + step).item());
        }
        bn.eval();
        assertClose(name + " eval output", bn.forward(Tensor.of(f.get("x_eval"))).value(), f.get("y_eval"), RTOL, ATOL);
    }

    /** y = layer(x), L = Σ y·upstream: y and ∂L/∂x, ∂L/∂(each parameter) against the fixture keys ending in {@code step}. */
    private static void checkStep(String what, Module layer, Map<String, NDArray> f, String step) {
        Tensor x = Tensor.leaf(f.get("x" + step), true);
        Tensor y = layer.forward(x);
        y.backward(Tensor.of(f.get("upstream" + step)));
        assertClose(what + " output", y.value(), f.get("y" + step), RTOL, ATOL);
        assertClose(what + " grad of input", x.grad().value(), f.get("grad_x" + step), RTOL, ATOL);
        layer.namedParameters().forEach((name, p) ->
                assertClose(what + " grad of " + name, p.grad(), f.get("grad_" + name + step), RTOL, ATOL));
    }
}
