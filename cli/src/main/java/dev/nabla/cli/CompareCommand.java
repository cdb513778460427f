package dev.nabla.cli;

import dev.nabla.activations.Activations;
import dev.nabla.cli.compare.ActivationLayers;
import dev.nabla.cli.compare.DataIdentity;
import dev.nabla.cli.compare.RunId;
import dev.nabla.cli.compare.RunRecord;
import dev.nabla.cli.compare.SpecList;
import dev.nabla.cli.compare.Study;
import dev.nabla.cli.compare.StudyPlots;
import dev.nabla.cli.compare.StudyTables;
import dev.nabla.autograd.Grad;
import dev.nabla.autograd.Tensor;
import dev.nabla.models.Models;
import dev.nabla.models.Trainer;
import dev.nabla.nn.data.DataSource;
import dev.nabla.nn.data.Dataset;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.data.TensorDataset;
import dev.nabla.nn.Module;
import dev.nabla.nn.io.Checkpoints;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nabla compare}: the activation study. Trains the same model with the same recipe and the
 * same data order once per (activation, seed), then writes {@code results.md}, {@code results.csv},
 * {@code activation_params.csv}, {@code timing.csv} and three pictures into {@code --out}.
 *
 * <p>Each run lives in its own directory {@code --out/<run id>/} ({@link RunId}): {@code metrics.csv},
 * the checkpoint of its last finished epoch, and {@code summary.json}, written last and atomically,
 * which marks it finished. Re-running the command skips finished runs and continues unfinished
 * ones from their checkpoint, bit-identically, so an interrupted study loses at most the epoch
 * that was running. A run whose loss becomes NaN or infinite is stopped, marked diverged, and
 * reported as such in the tables.
 *
 * <p>Exit status: 0 when the study is complete (diverged runs included), 2 on bad options, 4 when
 * the hidden test option {@code --stop-after-epochs} stopped it.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare activations: train one model per (activation, seed) and tabulate test accuracy with error bars.")
final class CompareCommand implements Callable<Integer> {
    /** The study the papers ran: ReLU against the classic smooth activations and the trainable family. */
    static final List<String> DEFAULT_ACTIVATIONS =
            List.of("relu", "gelu", "silu", "mish", "srs", "serf", "sau", "zorro_symmetric", "carelu");
    static final int EXIT_STOPPED = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--activations", paramLabel = "SPEC,SPEC,…",
            description = "Activation specs, split at commas outside parentheses; may be repeated "
                    + "(default: relu,gelu,silu,mish,srs,serf,sau,zorro_symmetric,carelu).")
    List<String> activations = new ArrayList<>();

    @Option(names = "--model", defaultValue = "cnn", description = "cnn (default), mlp or resnet-mini.")
    String model;

    @Option(names = "--seeds", defaultValue = "2", description = "Seeds per activation: 0 … N−1 (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--epochs", defaultValue = "2", description = "Epochs per run (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Mixin
    RecipeOptions recipeOptions;

    @Option(names = "--data", description = "As for train: a directory with the full Fashion-MNIST, 'auto', or 'bundled'; "
            + "default: $NABLA_DATA, else the bundled subset.")
    String data;

    @Option(names = "--out", defaultValue = "nabla-compare", description = "Directory of the study's runs and results "
            + "(default: ${DEFAULT-VALUE}); re-running with the same directory continues the study.")
    Path out;

    @Option(names = "--limit-train", hidden = true, description = "Tests and quick looks: use only the first N training images.")
    Integer limitTrain;

    @Option(names = "--limit-test", hidden = true, description = "Tests and quick looks: use only the first M test images.")
    Integer limitTest;

    @Option(names = "--stop-after-epochs", hidden = true,
            description = "Tests: stop the study while training epoch K+1 of this process, as a kill would (exit status 4).")
    Integer stopAfterEpochs;

    /** One (activation, seed) of the study and where it lives. */
    private record Run(String activation, long seed, RunId id, Path dir) {}

    /** Thrown by the listener to stop the study the way a kill would (only with {@code --stop-after-epochs}). */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public Integer call() throws IOException {
        List<String> specs = validatedSpecs();
        Trainer.Config recipe = recipe(specs.get(0), 0);
        FashionMnist dataset = DataSource.resolve(data);
        Dataset train = first(dataset.train(), limitTrain, "--limit-train"), test = first(dataset.test(), limitTest, "--limit-test");
        String dataHash = DataIdentity.sha256(train, test);
        String label = dataLabel(dataset.source());
        List<Long> seedList = LongStream.range(0, seeds).boxed().toList();

        List<Run> runs = new ArrayList<>();
        for (long seed : seedList) {
            for (String a : specs) {
                RunId id = new RunId(a, model, seed, epochs, recipe.batchSize(), recipe.optimizer(), recipe.lr(), recipe.momentum(), label, dataHash);
                runs.add(new Run(a, seed, id, out.resolve(id.name())));
            }
        }
        System.out.printf("nabla compare: %d activations × %d seeds × %d epochs = %d runs of %s on %s (%d train, %d test); out: %s%n",
                specs.size(), seeds, epochs, runs.size(), model, label, train.size(), test.size(), out);
        Files.createDirectories(out);

        Progress progress = new Progress(runs.size() * (long) epochs);
        try {
            for (int i = 0; i < runs.size(); i++) train(runs.get(i), i + 1, runs.size(), train, test, progress);
        } catch (Stopped e) {
            System.out.println("stopped after " + stopAfterEpochs + " epochs (--stop-after-epochs); run again to continue");
            return EXIT_STOPPED;
        }

        Map<String, List<RunRecord>> records = new LinkedHashMap<>();
        Map<String, ActivationLayers> layers = new LinkedHashMap<>();
        for (String a : specs) {
            layers.put(a, new ActivationLayers(model, a));
            records.put(a, new ArrayList<>());
        }
        for (Run r : runs) records.get(r.activation()).add(RunRecord.read(r.dir(), r.activation(), r.seed(), layers.get(r.activation()).prefixes()));
        String dataText = (label.equals("bundled") ? "the bundled Fashion-MNIST subset" : "Fashion-MNIST from `" + label + "`")
                + ", " + train.size() + " training and " + test.size() + " test images (data SHA-256 " + dataHash.substring(0, 8) + "…)";
        Study study = new Study(new Study.Setup(model, epochs, seedList, recipe.batchSize(), recipe.optimizer(), recipe.lr(), dataText), specs,
                Study.baselineOf(specs), records);
        List<String> notes = StudyPlots.write(study, layers, out);
        StudyTables.write(study, layers, notes, out);
        System.out.println("results: " + out.resolve("results.md") + " (tables also in results.csv, timing.csv, activation_params.csv)");
        return 0;
    }

    /** A short readable name of the data for run ids: {@code bundled}, or the name of the data directory. */
    private static String dataLabel(String source) {
        if (source.startsWith("bundled")) return "bundled";
        Path name = Path.of(source).getFileName();
        return name == null ? "data" : name.toString();
    }

    /** The specs of {@code --activations} (or the default list) in canonical text; every one checked before anything trains. */
    private List<String> validatedSpecs() {
        List<String> specs = new ArrayList<>(), problems = new ArrayList<>();
        List<String> raw;
        try {
            raw = SpecList.split(activations.isEmpty() ? List.of(String.join(",", DEFAULT_ACTIVATIONS)) : activations);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!Models.names().contains(model)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--model: unknown model '" + model + "'; known: " + Models.names());
        }
        for (String s : raw) {
            try {
                fitsTheModel(s);
                String canonical = SpecList.canonical(s);
                if (specs.contains(canonical)) problems.add("'" + s + "' is listed twice");
                else specs.add(canonical);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--activations: " + problems.size() + " of " + raw.size()
                    + " specs cannot be used (nothing was trained):\n  " + String.join("\n  ", problems)
                    + "\nregistered activations: " + Activations.names());
        }
        if (seeds < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--seeds must be >= 1, got " + seeds);
        return specs;
    }

    /**
     * Builds the model with activation {@code s} and runs two blank images through it, so that a
     * spec that parses but does not fit the model (e.g. {@code srs(channels=32)} where a layer has
     * 64 channels) is an error before anything trains.
     */
    private void fitsTheModel(String s) {
        Module m = Models.build(model, s, new Rng(0));
        m.eval();
        try (var noGrad = Grad.disabled()) {
            m.forward(Tensor.of(NDArray.zeros(DType.F32, 2, 1, 28, 28)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + s + "' does not fit model " + model + ": " + e.getMessage(), e);
        }
    }

    /** The recipe of one run; checks the shared options (epochs, batch size, lr, optimizer) for all. */
    private Trainer.Config recipe(String activation, long seed) {
        return recipeOptions.config(spec, model, activation, epochs, seed);
    }

    private Dataset first(Dataset d, Integer limit, String option) {
        if (limit == null || limit >= d.size()) return d;
        if (limit < 1) throw new CommandLine.ParameterException(spec.commandLine(), option + " must be >= 1, got " + limit);
        return new TensorDataset(d.inputs().slice(0, 0, limit).contiguous(), d.labels().slice(0, 0, limit).contiguous());
    }

    /** Trains (or finishes, or skips) one run and prints its line. */
    private void train(Run run, int index, int total, Dataset trainSet, Dataset testSet, Progress progress) throws IOException {
        String head = String.format("[%d/%d] %s seed %d", index, total, run.activation(), run.seed());
        Path summary = run.dir().resolve(RunRecord.SUMMARY);
        if (Files.exists(summary)) {
            progress.skipped(epochs);
            System.out.println(head + ": finished earlier (" + run.dir().getFileName() + ")");
            return;
        }
        Trainer.Config config = recipe(run.activation(), run.seed());
        Trainer trainer = new Trainer(config, trainSet, testSet);
        RunReport report = new RunReport(config, run.id().dataLabel() + " (data sha256 " + run.id().dataHash() + ")");
        int done = 0;
        if (Files.exists(run.dir().resolve("latest"))) {
            done = trainer.restore(Checkpoints.loadLatest(run.dir()));
            report.keepEarlierRows(run.dir(), done);
            progress.skipped(done);
        }
        Trainer.Listener bar = System.console() != null ? new ProgressBar(System.err) : new Trainer.Listener() {};
        Trainer.Listener listener = new Trainer.Listener() {
            @Override
            public void batch(int epoch, int batch, int batches, double loss, double imagesPerSecond) {
                bar.batch(epoch, batch, batches, loss, imagesPerSecond);
            }

            @Override
            public void epoch(Trainer.EpochResult r) {
                if (stopAfterEpochs != null && progress.trained == stopAfterEpochs) throw new Stopped();
                progress.trained(r.seconds());
            }
        };
        TrainingRun.Outcome outcome = TrainingRun.run(trainer, done, run.dir(), report, listener, TrainingRun.Keep.LATEST);
        Path tmp = run.dir().resolve(RunRecord.SUMMARY + ".tmp");
        report.writeSummary(tmp, outcome.results(), outcome.seconds(), outcome.diverged());
        Files.move(tmp, summary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        String what;
        if (outcome.diverged()) {
            progress.skipped(epochs - done - outcome.results().size());
            what = "DIVERGED (" + outcome.divergence().getMessage() + ")";
        } else if (outcome.results().isEmpty()) {
            what = "its checkpoint had finished all " + epochs + " epochs";
        } else {
            Trainer.EpochResult last = outcome.results().get(outcome.results().size() - 1);
            what = String.format("test accuracy %.2f%%, %d epochs in %.1f s", 100 * last.testAccuracy(), outcome.results().size(),
                    outcome.seconds());
        }
        System.out.println(head + (done > 0 ? " (resumed after epoch " + done + ")" : "") + ": " + what + "; " + progress.eta());
    }

    /** Epochs of the study done so far, and an ETA from the seconds per epoch trained in this process. */
    private static final class Progress {
        private final long totalEpochs;
        private long doneEpochs;
        int trained;
        private double trainedSeconds;

        Progress(long totalEpochs) {
            this.totalEpochs = totalEpochs;
        }

        void skipped(long epochs) {
            doneEpochs += epochs;
        }

        void trained(double seconds) {
            doneEpochs++;
            trained++;
            trainedSeconds += seconds;
        }

        String eta() {
            if (doneEpochs >= totalEpochs) return "study done";
            if (trained == 0) return (totalEpochs - doneEpochs) + " epochs to go";
            long s = Math.round((totalEpochs - doneEpochs) * trainedSeconds / trained);
            return String.format("%d epochs to go, ETA %d:%02d:%02d", totalEpochs - doneEpochs, s / 3600, s / 60 % 60, s % 60);
        }
    }
}
