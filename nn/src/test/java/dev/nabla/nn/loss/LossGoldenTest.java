package dev.nabla.nn.loss;

import static dev.nabla.nn.Golden.assertClose;
import static dev.nabla.nn.Golden.get;
import static dev.nabla.nn.Golden.has;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.NDArray;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every loss against PyTorch 1.13 in float64 ({@code golden/make_optim_fixture.py}): the value and
 * the gradients of L = Σ loss · grad_out with respect to the input (and to the target for the
 * element-wise losses), to 1e-10 relative. The cases cover label smoothing with and without class
 * weights and ignored targets, sum and none reductions, (N, C, d) inputs, an L1 tie (subgradient
 * 0) and BCE at logits ±60.
 */
class LossGoldenTest {
    private static final double RTOL = 1e-10, ATOL = 1e-14;

    /** Case name → the loss, built from the case's class weights or posWeight (null when the case has none). */
    private static final Map<String, Function<NDArray, Loss>> CASES = Map.ofEntries(
            Map.entry("ce_plain", w -> classes(new CrossEntropyLoss()::apply)),
            Map.entry("ce_smooth", w -> classes(CrossEntropyLoss.builder().labelSmoothing(0.2).build()::apply)),
            Map.entry("ce_smooth_weighted", w -> classes(CrossEntropyLoss.builder().labelSmoothing(0.15).classWeights(w).build()::apply)),
            Map.entry("ce_smooth_weighted_ignore", w -> classes(CrossEntropyLoss.builder().labelSmoothing(0.1).classWeights(w)
                    .ignoreIndex(2).build()::apply)),
            Map.entry("ce_smooth_ignore", w -> classes(CrossEntropyLoss.builder().labelSmoothing(0.3).build()::apply)),
            Map.entry("ce_weighted_sum", w -> classes(CrossEntropyLoss.builder().classWeights(w).reduction(Reduction.SUM).build()::apply)),
            Map.entry("ce_spatial_none", w -> classes(CrossEntropyLoss.builder().labelSmoothing(0.1).reduction(Reduction.NONE).build()::apply)),
            Map.entry("nll_weighted_ignore", w -> classes(new NLLLoss(w, 2, Reduction.MEAN)::apply)),
            Map.entry("nll_none", w -> classes(new NLLLoss(null, -100, Reduction.NONE)::apply)),
            Map.entry("mse", w -> new MSELoss()::apply),
            Map.entry("mse_sum", w -> new MSELoss(Reduction.SUM)::apply),
            Map.entry("l1", w -> new L1Loss()::apply),
            Map.entry("huber", w -> new HuberLoss(0.7)::apply),
            Map.entry("huber_none", w -> new HuberLoss(1.3, Reduction.NONE)::apply),
            Map.entry("bce_with_logits", w -> new BCEWithLogitsLoss()::apply),
            Map.entry("bce_with_logits_pos_weight", w -> new BCEWithLogitsLoss(w)::apply));

    /** A loss of an input and a target given as a tensor (class-index losses use only its value). */
    private interface Loss {
        Tensor apply(Tensor input, Tensor target);
    }

    private static Loss classes(BiFunction<Tensor, NDArray, Tensor> f) {
        return (input, target) -> f.apply(input, target.value());
    }

    @TestFactory
    Stream<DynamicTest> valuesAndGradientsMatchPyTorch() {
        return CASES.keySet().stream().sorted().map(name -> DynamicTest.dynamicTest(name, () -> {
            String k = "loss." + name + ".";
            NDArray weight = has(k + "weight") ? get(k + "weight") : null;
            boolean targetGrad = has(k + "grad_target");
            Tensor input = Tensor.leaf(get(k + "input"), true);
            Tensor target = Tensor.leaf(get(k + "target"), targetGrad);
            Tensor out = CASES.get(name).apply(weight).apply(input, target);
            assertClose(out.value(), k + "output", RTOL, ATOL);
            out.backward(Tensor.of(get(k + "grad_out")));
            assertClose(input.grad().value(), k + "grad_input", RTOL, ATOL);
            if (targetGrad) assertClose(target.grad().value(), k + "grad_target", RTOL, ATOL);
        }));
    }
}
