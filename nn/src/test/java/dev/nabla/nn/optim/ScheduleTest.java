package dev.nabla.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Schedule state for checkpoints, stepping limits and argument errors. */
class ScheduleTest {
    private static Optimizer sgd(double lr) {
        return new SGD(List.of(new Parameter(NDArray.zeros(DType.F64, 1))), lr);
    }

    @Test
    void stateDict_restoresTheStepAndTheLr() {
        Optimizer opt = sgd(0.1);
        LRScheduler schedule = new CosineAnnealingLR(opt, 10);
        for (int t = 0; t < 4; t++) schedule.step();
        Map<String, Double> state = schedule.stateDict();
        assertThat(state).containsEntry("last_epoch", 4.0).containsEntry("base_lr", 0.1);

        Optimizer fresh = sgd(0.1);
        LRScheduler restored = new CosineAnnealingLR(fresh, 10);
        restored.loadStateDict(state);
        assertThat(fresh.lr()).isEqualTo(opt.lr());
        schedule.step();
        restored.step();
        assertThat(fresh.lr()).isEqualTo(opt.lr());
        assertThat(restored.lastEpoch()).isEqualTo(5);
    }

    @Test
    void loadStateDict_rejectsUnknownKeys() {
        assertThatThrownBy(() -> new StepLR(sgd(0.1), 2).loadStateDict(Map.of("epoch", 3.0)))
                .hasMessageContaining("expected keys [base_lr, last_epoch], got [epoch]");
    }

    @Test
    void oneCycle_startsAtMaxLrOverDivFactorAndRefusesToStepPastTotal() {
        Optimizer opt = sgd(123);
        LRScheduler schedule = new OneCycleLR(opt, 1.0, 10);
        assertThat(opt.lr()).isCloseTo(1.0 / 25, offset(1e-15));
        for (int t = 0; t < 10; t++) schedule.step();
        assertThatThrownBy(schedule::step).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tried to step 11 times; totalSteps is 10");
    }

    @Test
    void constructorsRejectBadArguments() {
        assertThatThrownBy(() -> new StepLR(sgd(0.1), 0)).hasMessageContaining("StepLR: stepSize must be > 0, got 0");
        assertThatThrownBy(() -> new MultiStepLR(sgd(0.1), new int[] {5, 2}))
                .hasMessageContaining("milestones must be non-negative and increasing, got [5, 2]");
        assertThatThrownBy(() -> new LinearLR(sgd(0.1), 0, 1, 5)).hasMessageContaining("startFactor must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> new OneCycleLR(sgd(0.1), 0.1, 10, 1.5, 25, 1e4)).hasMessageContaining("pctStart must be in [0, 1], got 1.5");
    }
}
