package dev.nabla.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.nabla.nn.Golden;
import dev.nabla.nn.Parameter;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The lr of each schedule right after construction and after each of 20 steps, against PyTorch
 * 1.13 ({@code golden/make_optim_fixture.py}, base lr 0.1), to 1e-12 absolute; both the optimizer's
 * lr and {@link LRScheduler#lastLr()} are checked. The cosine case runs past T_max = 8, where the
 * cosine rises again.
 */
class ScheduleGoldenTest {
    private static final Map<String, Function<Optimizer, LRScheduler>> CASES = Map.of(
            "step", o -> new StepLR(o, 3, 0.5),
            "multistep", o -> new MultiStepLR(o, new int[] {2, 5, 11}, 0.3),
            "exponential", o -> new ExponentialLR(o, 0.9),
            "cosine", o -> new CosineAnnealingLR(o, 8, 0.001),
            "linear", o -> new LinearLR(o, 0.25, 1.0, 6),
            "onecycle", o -> new OneCycleLR(o, 0.5, 20),
            "onecycle_custom", o -> new OneCycleLR(o, 0.3, 20, 0.25, 10, 100));

    @TestFactory
    Stream<DynamicTest> lrSequenceMatchesPyTorch() {
        return CASES.keySet().stream().sorted().map(name -> DynamicTest.dynamicTest(name, () -> {
            Optimizer opt = new SGD(List.of(new Parameter(NDArray.zeros(DType.F64, 1))), 0.1);
            LRScheduler schedule = CASES.get(name).apply(opt);
            double[] expected = Golden.get("sched." + name).toDoubleArray();
            for (int t = 0; t < expected.length; t++) {
                if (t > 0) schedule.step();
                assertThat(opt.lr()).as(name + " lr at t=" + t).isCloseTo(expected[t], offset(1e-12));
                assertThat(schedule.lastLr()).as(name + " lastLr at t=" + t).isEqualTo(opt.lr());
            }
        }));
    }
}
