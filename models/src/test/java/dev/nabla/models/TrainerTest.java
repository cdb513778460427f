package dev.nabla.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.nn.data.Dataset;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.data.TensorDataset;
import dev.nabla.nn.io.Checkpoints;
import dev.nabla.tensor.NDArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    private static Dataset train, test;

    @BeforeAll
    static void slice() throws IOException {
        FashionMnist data = FashionMnist.bundled();
        train = firstOf(data.train(), 128);
        test = firstOf(data.test(), 64);
    }

    private static Dataset firstOf(Dataset d, int n) {
        return new TensorDataset(d.inputs().slice(0, 0, n).contiguous(), d.labels().slice(0, 0, n).contiguous());
    }

    private static Trainer.Config config(long seed) {
        return new Trainer.Config("cnn", "relu", 2, 32, 0.05, "sgd", 0.9, seed);
    }

    @Test
    void resumingFromACheckpointContinuesBitIdentically(@TempDir Path dir) throws IOException {
        Trainer straight = new Trainer(config(3), train, test);
        straight.runEpoch(1, new Trainer.Listener() {});
        straight.runEpoch(2, new Trainer.Listener() {});

        Trainer first = new Trainer(config(3), train, test);
        first.runEpoch(1, new Trainer.Listener() {});
        first.saveCheckpoint(dir, 1);
        Trainer resumed = new Trainer(config(3), train, test);
        int done = resumed.restore(Checkpoints.loadLatest(dir));
        assertThat(done).isEqualTo(1);
        resumed.runEpoch(2, new Trainer.Listener() {});

        Map<String, NDArray> a = straight.model().stateDict(), b = resumed.model().stateDict();
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String key : a.keySet()) {
            assertThat(Arrays.equals(a.get(key).toDoubleArray(), b.get(key).toDoubleArray())).as(key).isTrue();
        }
    }

    @Test
    void aCheckpointOfAnotherRunIsRefused(@TempDir Path dir) throws IOException {
        Trainer other = new Trainer(config(4), train, test);
        other.saveCheckpoint(dir, 0);
        Trainer mine = new Trainer(config(3), train, test);
        assertThatThrownBy(() -> mine.restore(Checkpoints.loadLatest(dir))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed 4").hasMessageContaining("seed 3");
    }

    @Test
    void lossFallsOverTwoEpochsOfASlice() {
        Trainer t = new Trainer(config(0), train, test);
        Trainer.EpochResult one = t.runEpoch(1, new Trainer.Listener() {});
        Trainer.EpochResult two = t.runEpoch(2, new Trainer.Listener() {});
        assertThat(two.trainLoss()).isLessThan(one.trainLoss());
        assertThat(two.testAccuracy()).isBetween(0.0, 1.0);
    }
}
