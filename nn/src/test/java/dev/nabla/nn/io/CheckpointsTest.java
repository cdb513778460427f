package dev.nabla.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint directories: a resumed run continues bit-identically, the on-disk layout, and a
 * clear IOException for every way a checkpoint directory can be missing or broken.
 */
class CheckpointsTest {
    @TempDir
    Path dir;

    private static final TrainingState STATE =
            new TrainingState("cnn", "srs(alpha=2,beta=3)", 3, 1200, 42, Map.of("lr", 0.025, "last_epoch", 3.0), "0.1.0-test");

    /** One step of least squares on a fixed batch drawn from {@code rng}. */
    private static void step(TinyTraining.Model m, TinyTraining.Momentum opt, Rng rng) {
        NDArray x = rng.normal(Shape.of(4, 3), DType.F32, 0, 1);
        NDArray y = rng.normal(Shape.of(4, 2), DType.F32, 0, 1);
        m.zeroGrad();
        m.forward(Tensor.of(x)).sub(Tensor.of(y)).square().mean().backward();
        opt.step();
        m.calls.set(NDArray.scalar(m.calls.value().item() + 1, DType.I64));
    }

    @Test
    void resumedRunContinuesBitIdentically() throws IOException {
        TinyTraining.Model a = new TinyTraining.Model(3, 2, 1);
        TinyTraining.Momentum optA = new TinyTraining.Momentum(a.parameters(), 0.1, 0.9);
        Rng data = new Rng(7);
        for (int i = 0; i < 3; i++) step(a, optA, data);
        Checkpoints.save(dir, 3, a, optA, STATE);

        TinyTraining.Model b = new TinyTraining.Model(3, 2, 99);
        TinyTraining.Momentum optB = new TinyTraining.Momentum(b.parameters(), 0.1, 0.9);
        Checkpoints.Checkpoint c = Checkpoints.loadLatest(dir);
        c.restore(b, optB);
        assertThat(c.number()).isEqualTo(3);
        assertThat(c.state()).isEqualTo(STATE);
        assertThat(c.optimizer()).containsOnlyKeys("0.momentum_buffer", "1.momentum_buffer");

        Rng dataA = new Rng(8), dataB = new Rng(8);
        for (int i = 0; i < 2; i++) {
            step(a, optA, dataA);
            step(b, optB, dataB);
        }
        a.stateDict().forEach((name, value) -> {
            assertThat(b.stateDict().get(name).toDoubleArray()).as(name).containsExactly(value.toDoubleArray());
        });
        assertThat(b.calls.value().item()).isEqualTo(5);
    }

    @Test
    void saveLeavesOnlyTheCheckpointDirectoryAndThePointer() throws IOException {
        Path ckpt = Checkpoints.save(dir, 12, Map.of("w", NDArray.ones(DType.F32, 2)), Map.of(), STATE);
        assertThat(ckpt).isEqualTo(dir.resolve("ckpt-12"));
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ckpt-12", "latest");
        }
        try (Stream<Path> s = Files.list(ckpt)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("model.safetensors", "optimizer.safetensors", "state.json");
        }
        assertThat(Files.readString(dir.resolve("latest"))).isEqualTo("ckpt-12\n");
        assertThat(Safetensors.read(ckpt.resolve("model.safetensors")).metadata()).containsEntry("format", "pt");
        Checkpoints.save(dir, 13, Map.of("w", NDArray.zeros(DType.F32, 2)), Map.of(), STATE);
        assertThat(Checkpoints.loadLatest(dir).model().get("w").toFloatArray()).containsExactly(0, 0);
        assertThat(Files.isDirectory(dir.resolve("ckpt-12"))).as("older checkpoints are kept").isTrue();
    }

    @Test
    void stateJsonRoundTripsAndNamesItsFields() throws IOException {
        String json = new String(STATE.toJson(), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"format\":\"nabla-checkpoint\",\"format_version\":1,\"nabla_version\":\"0.1.0-test\","
                + "\"model\":\"cnn\",\"activation\":\"srs(alpha=2,beta=3)\",\"epoch\":3,\"step\":1200,\"rng_seed\":42,"
                + "\"schedule\":{\"last_epoch\":3.0,\"lr\":0.025}}\n");
        assertThat(TrainingState.parse(STATE.toJson(), "state.json")).isEqualTo(STATE);
        assertThat(TrainingState.of("mlp", "relu", 0, 0, -1, Map.of()).nablaVersion()).isNotBlank();
    }

    @Test
    void stateJsonErrorsNameTheFileAndTheField() {
        assertThatThrownBy(() -> TrainingState.parse("{\"format\":\"nabla-checkpoint\",\"format_version\":1}".getBytes(), "s.json"))
                .isExactlyInstanceOf(IOException.class).hasMessage("s.json: needs model, activation, nabla_version, epoch, step, rng_seed and schedule");
        assertThatThrownBy(() -> TrainingState.parse("{\"format\":\"x\"}".getBytes(), "s.json"))
                .isExactlyInstanceOf(IOException.class).hasMessageContaining("\"format\" must be \"nabla-checkpoint\", got \"x\"");
        assertThatThrownBy(() -> TrainingState.parse("{\"epoch\":1.5}".getBytes(), "s.json"))
                .isExactlyInstanceOf(IOException.class).hasMessage("s.json: \"epoch\" must be a 64-bit integer");
        assertThatThrownBy(() -> TrainingState.parse("{\"a\":".getBytes(), "s.json"))
                .isExactlyInstanceOf(IOException.class).hasMessageStartingWith("s.json: not valid JSON");
        String negative = new String(STATE.toJson(), StandardCharsets.UTF_8).replace("\"epoch\":3", "\"epoch\":-3");
        assertThatThrownBy(() -> TrainingState.parse(negative.getBytes(), "s.json"))
                .isExactlyInstanceOf(IOException.class).hasMessageContaining("epoch and step must be >= 0");
    }

    @Test
    void loadLatest_rejectsMissingDirectoryAndDirectoryWithoutPointer() throws IOException {
        assertThatThrownBy(() -> Checkpoints.loadLatest(dir.resolve("nope")))
                .isExactlyInstanceOf(IOException.class).hasMessageContaining("no checkpoint (not a directory)");
        Files.createDirectory(dir.resolve("ckpt-1.tmp"));
        assertThatThrownBy(() -> Checkpoints.loadLatest(dir))
                .isExactlyInstanceOf(IOException.class).hasMessage(dir + ": no checkpoint (no 'latest' file: none was completed)");
    }

    @Test
    void loadLatest_rejectsCorruptOrDanglingPointer() throws IOException {
        Files.write(dir.resolve("latest"), new byte[] {'c', 'k', 0, '\n'});
        assertThatThrownBy(() -> Checkpoints.loadLatest(dir))
                .isExactlyInstanceOf(IOException.class).hasMessageContaining("corrupt pointer: expected 'ckpt-N', got 'ck\\x00\\x0a'");
        Files.writeString(dir.resolve("latest"), "ckpt-4\n");
        assertThatThrownBy(() -> Checkpoints.loadLatest(dir))
                .isExactlyInstanceOf(IOException.class).hasMessageContaining("names ckpt-4, which does not exist");
        Files.write(dir.resolve("latest"), new byte[1000]);
        assertThatThrownBy(() -> Checkpoints.loadLatest(dir))
                .isExactlyInstanceOf(IOException.class).hasMessageContaining("1000 bytes, more than the 64");
    }

    @Test
    void loadLatest_namesTheBrokenFileInsideTheCheckpoint() throws IOException {
        Path ckpt = Checkpoints.save(dir, 1, Map.of("w", NDArray.ones(DType.F32, 2)), Map.of(), STATE);
        Files.write(ckpt.resolve("model.safetensors"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> Checkpoints.loadLatest(dir))
                .isExactlyInstanceOf(IOException.class).hasMessageStartingWith(ckpt.resolve("model.safetensors").toString());
        Files.delete(ckpt.resolve("state.json"));
        Files.write(ckpt.resolve("model.safetensors"), Safetensors.toBytes(Map.of(), Map.of()));
        assertThatThrownBy(() -> Checkpoints.loadLatest(dir)).isInstanceOf(IOException.class).hasMessageContaining("state.json");
    }

    @Test
    void leftoversOfACrashAreIgnoredAndReplaced() throws IOException {
        Checkpoints.save(dir, 1, Map.of("w", NDArray.ones(DType.F32, 1)), Map.of(), STATE);
        Files.createDirectories(dir.resolve("ckpt-2.tmp"));
        Files.write(dir.resolve("ckpt-2.tmp/model.safetensors"), new byte[] {9});
        Files.createDirectories(dir.resolve("ckpt-3"));          // renamed, pointer never updated
        Files.write(dir.resolve("ckpt-3/state.json"), new byte[] {9});
        Files.writeString(dir.resolve("latest.tmp"), "ckpt-3"); // pointer written, never moved
        assertThat(Checkpoints.loadLatest(dir).number()).isEqualTo(1);

        Checkpoints.save(dir, 2, Map.of("w", NDArray.full(2, DType.F32, 1)), Map.of(), STATE);
        Checkpoints.save(dir, 3, Map.of("w", NDArray.full(3, DType.F32, 1)), Map.of(), STATE);
        Checkpoints.Checkpoint c = Checkpoints.loadLatest(dir);
        assertThat(c.number()).isEqualTo(3);
        assertThat(c.model().get("w").toFloatArray()).containsExactly(3);
        assertThat(Files.exists(dir.resolve("latest.tmp"))).isFalse();
    }

    @Test
    void save_refusesToOverwriteTheLatestCheckpoint() throws IOException {
        Checkpoints.save(dir, 5, Map.of(), Map.of(), STATE);
        assertThatThrownBy(() -> Checkpoints.save(dir, 5, Map.of(), Map.of(), STATE))
                .isExactlyInstanceOf(IOException.class).hasMessageContaining("ckpt-5: is the latest checkpoint");
    }
}
