package dev.nabla.cli;

import dev.nabla.models.Trainer;
import dev.nabla.nn.io.Checkpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The epoch loop that {@code nabla train} and {@code nabla compare} share: trains the epochs after
 * {@code done} up to the configured number, and after each one writes {@code out/metrics.csv} and
 * a checkpoint (when {@code out} is given). A NaN or infinite loss ({@link Trainer.DivergedException})
 * ends the loop: the metrics of the finished epochs are written and the outcome says it diverged.
 */
final class TrainingRun {
    /** Which checkpoints stay in {@code out}: every epoch's ({@code nabla train}) or only the latest ({@code nabla compare}). */
    enum Keep { ALL, LATEST }

    /** The epochs trained in this session, their wall time, and the divergence that stopped them (or null). */
    record Outcome(List<Trainer.EpochResult> results, double seconds, Trainer.DivergedException divergence) {
        boolean diverged() {
            return divergence != null;
        }
    }

    private TrainingRun() {}

    static Outcome run(Trainer trainer, int done, Path out, RunReport report, Trainer.Listener listener, Keep keep)
            throws IOException {
        List<Trainer.EpochResult> results = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int epoch = done + 1; epoch <= trainer.config().epochs(); epoch++) {
                results.add(trainer.runEpoch(epoch, listener));
                if (out != null) {
                    report.writeMetrics(out, results);
                    trainer.saveCheckpoint(out, epoch);
                    if (keep == Keep.LATEST) deleteCheckpointsBefore(out, epoch);
                }
            }
        } catch (Trainer.DivergedException e) {
            if (out != null) report.writeMetrics(out, results);
            return new Outcome(results, (System.nanoTime() - start) / 1e9, e);
        }
        return new Outcome(results, (System.nanoTime() - start) / 1e9, null);
    }

    /** Removes {@code ckpt-0 … ckpt-(epoch−1)}; called only after checkpoint {@code epoch} is the committed latest. */
    private static void deleteCheckpointsBefore(Path out, int epoch) throws IOException {
        for (int n = 0; n < epoch; n++) {
            Path old = out.resolve(Checkpoints.name(n));
            if (!Files.exists(old)) continue;
            try (Stream<Path> walk = Files.walk(old)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
    }
}
