package dev.nabla.cli;

import dev.nabla.models.Trainer;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.data.DataSource;
import dev.nabla.nn.io.Checkpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nabla train}: trains a model of the zoo on Fashion-MNIST (the bundled subset unless
 * {@code --data} or {@code NABLA_DATA} says otherwise), prints a progress bar and per-epoch
 * metrics, and writes {@code metrics.csv}, learning curves and a summary.
 *
 * <p>Exit status: 0 on success, 3 when the loss diverged (NaN or infinite), 1 on bad input.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model on Fashion-MNIST (by default the default CNN on the bundled subset).")
final class TrainCommand implements Callable<Integer> {
    static final int EXIT_DIVERGED = 3;

    @Option(names = "--model", defaultValue = "cnn", description = "cnn (default), mlp or resnet-mini.")
    String model;

    @Option(names = "--activation", defaultValue = "relu", description = "Activation spec, e.g. relu (default).")
    String activation;

    @Option(names = "--epochs", defaultValue = "5", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Mixin
    RecipeOptions recipeOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of initialization and data order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", description = "A directory with the full Fashion-MNIST, or 'auto' to search the standard places; "
            + "default: $NABLA_DATA, else the bundled subset.")
    String data;

    @Option(names = "--out", description = "Directory for metrics.csv, curves.png and a checkpoint after every epoch (default: none).")
    Path out;

    @Option(names = "--summary-json", description = "Write a JSON summary of the run to this file.")
    Path summaryJson;

    @Option(names = "--resume", description = "Continue from the latest checkpoint in this directory (same model, activation "
            + "and seed, which are taken from the checkpoint; pass the same other options). Output goes there unless --out says otherwise.")
    Path resume;

    @Override
    public Integer call() throws IOException {
        Checkpoints.Checkpoint checkpoint = resume == null ? null : Checkpoints.loadLatest(resume);
        if (checkpoint != null) {
            model = checkpoint.state().model();
            activation = checkpoint.state().activation();
            seed = checkpoint.state().rngSeed();
            if (out == null) out = resume;
        }
        Trainer.Config config = recipeOptions.config(spec, model, activation, epochs, seed);
        FashionMnist dataset = DataSource.resolve(data);
        System.out.println("nabla train: " + model + " with " + activation + ", " + epochs + " epochs, batch " + config.batchSize()
                + ", " + config.optimizer() + " lr " + config.lr() + ", seed " + seed);
        System.out.println("data: " + dataset.source() + " (" + dataset.train().size() + " train, " + dataset.test().size() + " test)");
        RunReport report = new RunReport(config, dataset.source());
        Trainer trainer = new Trainer(config, dataset.train(), dataset.test());
        int done = checkpoint == null ? 0 : trainer.restore(checkpoint);
        if (checkpoint != null) {
            System.out.println("resumed from " + checkpoint.directory() + " after epoch " + done);
            report.keepEarlierRows(out, done);
        }
        // the bar redraws one line in place: only for a terminal, not for logs and pipes
        Trainer.Listener bar = System.console() != null ? new ProgressBar(System.err) : new Trainer.Listener() {};
        Trainer.Listener listener = new Trainer.Listener() {
            @Override
            public void batch(int epoch, int batch, int batches, double loss, double imagesPerSecond) {
                bar.batch(epoch, batch, batches, loss, imagesPerSecond);
            }

            @Override
            public void epoch(Trainer.EpochResult r) {
                System.out.printf("epoch %d/%d  train loss %.4f acc %.2f%%  test loss %.4f acc %.2f%%  %.0f img/s  %.1f s%n",
                        r.epoch(), epochs, r.trainLoss(), 100 * r.trainAccuracy(), r.testLoss(), 100 * r.testAccuracy(),
                        r.imagesPerSecond(), r.seconds());
            }
        };
        TrainingRun.Outcome outcome = TrainingRun.run(trainer, done, out, report, listener, TrainingRun.Keep.ALL);
        List<Trainer.EpochResult> results = outcome.results();
        double seconds = outcome.seconds();
        if (outcome.diverged()) {
            System.err.println();
            System.err.println("nabla train: " + outcome.divergence().getMessage() + "; stopping.");
            report.writeSummary(summaryJson, results, seconds, true);
            return EXIT_DIVERGED;
        }
        if (results.isEmpty()) {
            System.out.println("nothing to do: the checkpoint already finished epoch " + done + " of " + epochs);
            return 0;
        }
        Trainer.EpochResult last = results.get(results.size() - 1);
        System.out.printf("done: test accuracy %.2f%% after %d epochs in %.1f s%n", 100 * last.testAccuracy(), epochs, seconds);
        if (out != null) {
            report.writeMetrics(out, results);
            report.writeCurves(out, results);
        }
        report.writeSummary(summaryJson, results, seconds, false);
        return 0;
    }
}
