package dev.nabla.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.activations.Activations;
import dev.nabla.autograd.Tensor;
import dev.nabla.models.Models;
import dev.nabla.models.Trainer;
import dev.nabla.nn.Module;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.loss.CrossEntropyLoss;
import dev.nabla.nn.optim.SGD;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A model with each registered activation (its default spec) trains: the default CNN, 50 SGD
 * steps (momentum 0.9, lr 0.02) at batch 32 on the first 1,600 bundled training images, always in
 * the same order. The mean loss of the last 10 steps must be below that of the first 10 and
 * below ln 10 (chance for 10 classes), and every loss finite.
 */
class EveryActivationTrainsTest {
    private static final int STEPS = 50, BATCH = 32, WINDOW = 10;
    private static NDArray images, labels;

    @BeforeAll
    static void loadSlice() throws IOException {
        FashionMnist data = FashionMnist.bundled();
        NDArray x = data.train().inputs().slice(0, 0, STEPS * BATCH, 1).astype(DType.F32);
        images = x.sub(NDArray.scalar(Trainer.MEAN, DType.F32))
                .div(NDArray.scalar(Trainer.STD, DType.F32));
        labels = data.train().labels().slice(0, 0, STEPS * BATCH, 1);
    }

    static Stream<String> activations() {
        return Activations.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void lossDecreasesOver50Steps(String activation) {
        Module model = Models.build("cnn", activation, new Rng(7));
        SGD sgd = new SGD(model.parameters(), 0.02, 0.9);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        double[] losses = new double[STEPS];
        for (int step = 0; step < STEPS; step++) {
            Tensor x = Tensor.of(images.slice(0, step * BATCH, (step + 1) * BATCH, 1));
            Tensor l = loss.apply(model.forward(x), labels.slice(0, step * BATCH, (step + 1) * BATCH, 1));
            losses[step] = l.item();
            assertThat(Double.isFinite(losses[step])).as("%s: loss at step %d is %s", activation, step, losses[step]).isTrue();
            model.zeroGrad();
            l.backward();
            sgd.step();
        }
        double first = mean(losses, 0), last = mean(losses, STEPS - WINDOW);
        assertThat(last).as("%s: mean loss of the last %d steps vs the first %d (%.4f)", activation, WINDOW, WINDOW, first)
                .isLessThan(first).isLessThan(Math.log(10));
    }

    private static double mean(double[] a, int from) {
        double s = 0;
        for (int i = from; i < from + WINDOW; i++) s += a[i];
        return s / WINDOW;
    }
}
