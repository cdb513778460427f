package dev.nabla.nn.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nabla.tensor.NDArray;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link Checkpoints#loadLatest}. An input is a checkpoint directory packed as up to four
 * sections, each a 4-byte little-endian length and that many bytes: {@code latest},
 * {@code ckpt-1/state.json}, {@code ckpt-1/model.safetensors}, {@code ckpt-1/optimizer.safetensors}
 * (a section that is cut short leaves its file and the following ones absent). Property: any input
 * of at most 1 MiB gives a checkpoint or an IOException, never another exception or a hang, within
 * the allocation budget of {@link SafetensorsFuzzTest}. Seeds (packed real checkpoints) and findings are in
 * {@code CheckpointsFuzzTestInputs/loaderGivesCheckpointOrIOException/}.
 */
class CheckpointsFuzzTest {
    private static final String[] FILES = {"latest", "ckpt-1/state.json", "ckpt-1/model.safetensors", "ckpt-1/optimizer.safetensors"};
    private static final Path DIR = createDir();

    private static Path createDir() {
        try {
            Path dir = Files.createTempDirectory("nabla-ckpt-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void loaderGivesCheckpointOrIOException(byte[] input) throws IOException {
        if (input.length > SafetensorsFuzzTest.MAX_INPUT) return;
        unpack(input);
        long before = AllocationMeter.allocatedBytes();
        try {
            Checkpoints.loadLatest(DIR);
        } catch (IOException expected) {
            // the property allows it
        } finally {
            SafetensorsFuzzTest.checkBudget(AllocationMeter.allocatedBytes() - before, input.length, () -> Checkpoints.loadLatest(DIR));
        }
    }

    /** Replaces the contents of DIR with the files packed in {@code input}. */
    private static void unpack(byte[] input) throws IOException {
        clear(DIR);
        Files.createDirectories(DIR.resolve("ckpt-1"));
        ByteBuffer in = ByteBuffer.wrap(input).order(ByteOrder.LITTLE_ENDIAN);
        for (String file : FILES) {
            if (in.remaining() < 4) return;
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) return;
            byte[] content = new byte[length];
            in.get(content);
            Files.write(DIR.resolve(file), content);
        }
    }

    private static void clear(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                if (Files.isDirectory(e)) clear(e);
                Files.delete(e);
            }
        }
    }

    /**
     * The seed {@code real_checkpoint} is a checkpoint as {@link Checkpoints#save} writes it, packed;
     * this keeps it so (on a change, the new bytes are in target/ for review).
     */
    @Test
    void seedIsAPackedRealCheckpoint(@TempDir Path tmp) throws IOException {
        TinyTraining.Model model = new TinyTraining.Model(3, 2, 5);
        Map<String, NDArray> optimizer = Map.of(
                "0.momentum_buffer", NDArray.of(new float[] {0.5f, -1, 2, 0, 0.25f, 3}, 3, 2),
                "1.momentum_buffer", NDArray.of(new float[] {1, -1}, 2));
        TrainingState state = new TrainingState("mlp", "serf", 1, 7, 42, Map.of("lr", 0.1), "0.1.0-test");
        Checkpoints.save(tmp, 1, model.stateDict(), optimizer, state);
        byte[] packed = pack(tmp);
        String seed = "CheckpointsFuzzTestInputs/loaderGivesCheckpointOrIOException/real_checkpoint";
        byte[] committed;
        try (InputStream in = getClass().getResourceAsStream(seed)) {
            committed = in == null ? null : in.readAllBytes();
        }
        if (!Arrays.equals(packed, committed)) {
            Path out = Path.of("target", "real_checkpoint");
            Files.write(out, packed);
            throw new AssertionError("the fuzz seed " + seed + " is not what Checkpoints.save writes now; new bytes in " + out.toAbsolutePath());
        }
    }

    /** Packs the files of a checkpoint directory into one input. */
    static byte[] pack(Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String file : FILES) {
            byte[] content = Files.readAllBytes(dir.resolve(file));
            out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(content.length).array());
            out.write(content);
        }
        return out.toByteArray();
    }
}
