package dev.nabla.nn.io;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The child process of {@link CheckpointCrashTest}: resumes from the latest checkpoint in
 * {@code args[0]} (checking it), then saves checkpoints N+1, N+2, … forever, printing
 * {@code "saved N"} after each save returns. Checkpoint N holds recognizable values derived from N.
 */
final class CheckpointWriterMain {
    private CheckpointWriterMain() {}

    static Map<String, NDArray> model(long n) {
        return Map.of("layer.weight", NDArray.full(n, DType.F32, 128, 256),
                "layer.bias", NDArray.full(n, DType.F64, 100),
                "bn.num_batches_tracked", NDArray.scalar(n, DType.I64));
    }

    static Map<String, NDArray> optimizer(long n) {
        return Map.of("0.momentum_buffer", NDArray.full(-n, DType.F32, 128, 256), "0.step", NDArray.scalar(n, DType.I64));
    }

    static TrainingState state(long n) {
        return new TrainingState("cnn", "relu", n, 10 * n, 42, Map.of("lr", 1.0 / (n + 1)), "test");
    }

    /** Null if checkpoint {@code c} holds exactly what {@link #main} saves as its number, else what differs. */
    static String inconsistency(Checkpoints.Checkpoint c) {
        long n = c.number();
        if (!c.state().equals(state(n))) return "state " + c.state() + " != " + state(n);
        for (var expected : Map.of("model", model(n), "optimizer", optimizer(n)).entrySet()) {
            Map<String, NDArray> got = expected.getKey().equals("model") ? c.model() : c.optimizer();
            if (!got.keySet().equals(expected.getValue().keySet())) return expected.getKey() + " keys " + got.keySet();
            for (var e : expected.getValue().entrySet()) {
                NDArray g = got.get(e.getKey());
                if (g.dtype() != e.getValue().dtype() || !g.shape().equals(e.getValue().shape())
                        || !Arrays.equals(g.toDoubleArray(), e.getValue().toDoubleArray())) {
                    return expected.getKey() + " tensor " + e.getKey() + " differs in ckpt-" + n;
                }
            }
        }
        return null;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        long next = 1;
        try {
            Checkpoints.Checkpoint c = Checkpoints.loadLatest(dir);
            String problem = inconsistency(c);
            if (problem != null) {
                System.out.println("inconsistent " + problem);
                System.exit(3);
            }
            next = c.number() + 1;
        } catch (IOException e) {
            if (!e.getMessage().contains("no checkpoint")) throw e;
        }
        for (long n = next; ; n++) {
            Checkpoints.save(dir, n, model(n), optimizer(n), state(n));
            System.out.println("saved " + n);
            System.out.flush();
        }
    }
}
