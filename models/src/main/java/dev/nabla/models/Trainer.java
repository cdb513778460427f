package dev.nabla.models;

import dev.nabla.autograd.Grad;
import dev.nabla.autograd.Tensor;
import dev.nabla.nn.Module;
import dev.nabla.nn.data.DataLoader;
import dev.nabla.nn.data.Dataset;
import dev.nabla.nn.io.Checkpoints;
import dev.nabla.nn.io.TrainingState;
import dev.nabla.nn.loss.CrossEntropyLoss;
import dev.nabla.nn.optim.Adam;
import dev.nabla.nn.optim.AdamW;
import dev.nabla.nn.optim.Optimizer;
import dev.nabla.nn.optim.SGD;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The training recipe shared by {@code nabla train}, {@code nabla compare}, the tests and the
 * benchmarks: a model from the zoo, cross-entropy, SGD with momentum (or Adam/AdamW), inputs
 * normalized with Fashion-MNIST's mean and std, one shuffled pass over the training set per
 * epoch, and an evaluation on the test set after each epoch.
 *
 * <p>All randomness comes from one seed, split into independent streams: weight initialization,
 * data order. So the same seed gives the same run, bit for bit, on any number of threads.
 */
public final class Trainer {
    /** Fashion-MNIST's pixel mean and standard deviation (of the [0, 1]-scaled training images). */
    public static final double MEAN = 0.2860, STD = 0.3530;

    /** What to train and how; {@link #defaults()} is the recipe of {@code nabla train}. */
    public record Config(String model, String activation, int epochs, int batchSize, double lr, String optimizer,
                         double momentum, long seed) {
        public Config {
            if (epochs < 1) throw new IllegalArgumentException("train: epochs must be >= 1, got " + epochs);
            if (batchSize < 1) throw new IllegalArgumentException("train: batch size must be >= 1, got " + batchSize);
            if (!(lr > 0)) throw new IllegalArgumentException("train: lr must be > 0, got " + lr);
            if (!java.util.List.of("sgd", "adam", "adamw").contains(optimizer)) {
                throw new IllegalArgumentException("train: unknown optimizer '" + optimizer + "'; known: [sgd, adam, adamw]");
            }
        }

        /** The default CNN with ReLU, SGD momentum 0.9, lr 0.05, batch 128, 5 epochs, seed 0. */
        public static Config defaults() {
            return new Config("cnn", "relu", 5, 128, 0.05, "sgd", 0.9, 0);
        }
    }

    /** One epoch's numbers. Losses are means per example; accuracies are fractions in [0, 1]. */
    public record EpochResult(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
                              double lr, double seconds, double imagesPerSecond) {}

    /** Told about progress; the command line draws its bar from this. */
    public interface Listener {
        default void batch(int epoch, int batch, int batches, double loss, double imagesPerSecond) {}

        default void epoch(EpochResult result) {}
    }

    /** Thrown when the loss becomes NaN or infinite; names the epoch and step. */
    public static final class DivergedException extends ArithmeticException {
        private static final long serialVersionUID = 1L;
        public final int epoch, step;

        DivergedException(int epoch, int step, double loss) {
            super("training diverged: loss is " + loss + " at epoch " + epoch + ", step " + step);
            this.epoch = epoch;
            this.step = step;
        }
    }

    private final Config config;
    private final Module model;
    private final Optimizer optimizer;
    private final CrossEntropyLoss loss = new CrossEntropyLoss();
    private final DataLoader trainLoader, testLoader;
    /** Optimizer steps taken so far (restored from checkpoints). */
    private long steps;

    public Trainer(Config config, Dataset train, Dataset test) {
        this.config = config;
        Rng root = new Rng(config.seed());
        Rng init = root.split();
        long dataSeed = root.split().nextLong();
        this.model = Models.build(config.model(), config.activation(), init);
        this.optimizer = switch (config.optimizer()) {
            case "adam" -> new Adam(model.parameters(), config.lr());
            case "adamw" -> new AdamW(model.parameters(), config.lr());
            default -> new SGD(model.parameters(), config.lr(), config.momentum());
        };
        this.trainLoader = DataLoader.builder(train).batchSize(config.batchSize()).shuffle(dataSeed)
                .normalize(MEAN, STD).prefetch(true).build();
        this.testLoader = DataLoader.builder(test).batchSize(500).normalize(MEAN, STD).prefetch(true).build();
    }

    public Module model() {
        return model;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Config config() {
        return config;
    }

    /** Trains epoch {@code epoch} (1-based) and evaluates; throws {@link DivergedException} on a NaN/Inf loss. */
    public EpochResult runEpoch(int epoch, Listener listener) {
        long start = System.nanoTime();
        model.train();
        double lossSum = 0;
        long correct = 0, seen = 0;
        int step = 0, batches = trainLoader.numBatches();
        try (DataLoader.Epoch batchesOfEpoch = trainLoader.epoch(epoch - 1)) {
            for (DataLoader.Batch b : batchesOfEpoch) {
                step++;
                Tensor logits = model.forward(Tensor.of(b.x()));
                Tensor l = loss.apply(logits, b.y());
                double value = l.item();
                if (!Double.isFinite(value)) throw new DivergedException(epoch, step, value);
                model.zeroGrad();
                l.backward();
                optimizer.step();
                steps++;
                int n = b.y().numel();
                lossSum += value * n;
                correct += countCorrect(logits.value(), b.y());
                seen += n;
                listener.batch(epoch, step, batches, value, seen / seconds(start));
            }
        }
        double trainSeconds = seconds(start);
        double[] test = evaluate();
        EpochResult r = new EpochResult(epoch, lossSum / seen, (double) correct / seen, test[0], test[1],
                optimizer.lr(), seconds(start), seen / trainSeconds);
        listener.epoch(r);
        return r;
    }

    /**
     * Writes checkpoint {@code epoch} into {@code dir} (model, optimizer moments, training state),
     * atomically: see {@link Checkpoints#save}.
     */
    public Path saveCheckpoint(Path dir, int epoch) throws IOException {
        TrainingState state = TrainingState.of(config.model(), config.activation(), epoch, steps, config.seed(), Map.of());
        return Checkpoints.save(dir, epoch, model, optimizer, state);
    }

    /**
     * Continues from {@code checkpoint}: loads model and optimizer state and returns the epoch it
     * finished. The checkpoint must come from the same model, activation and seed; since the data
     * order of epoch k depends only on the seed and k, the continuation is bit-identical to an
     * uninterrupted run with the same recipe.
     */
    public int restore(Checkpoints.Checkpoint checkpoint) {
        TrainingState s = checkpoint.state();
        if (!s.model().equals(config.model()) || !s.activation().equals(config.activation()) || s.rngSeed() != config.seed()) {
            throw new IllegalArgumentException("resume: checkpoint " + checkpoint.directory() + " is of model " + s.model() + " with "
                    + s.activation() + ", seed " + s.rngSeed() + "; this run is " + config.model() + " with " + config.activation()
                    + ", seed " + config.seed());
        }
        checkpoint.restore(model, optimizer);
        steps = s.step();
        return (int) s.epoch();
    }

    /** Test loss and accuracy of the current model (eval mode, no graph). */
    public double[] evaluate() {
        model.eval();
        double lossSum = 0;
        long correct = 0, seen = 0;
        try (var noGrad = Grad.disabled(); DataLoader.Epoch batches = testLoader.epoch(0)) {
            for (DataLoader.Batch b : batches) {
                Tensor logits = model.forward(Tensor.of(b.x()));
                int n = b.y().numel();
                lossSum += loss.apply(logits, b.y()).item() * n;
                correct += countCorrect(logits.value(), b.y());
                seen += n;
            }
        }
        model.train();
        return new double[] {lossSum / seen, (double) correct / seen};
    }

    private static long countCorrect(NDArray logits, NDArray labels) {
        return (long) logits.argmax(1, false).eq(labels).astype(dev.nabla.tensor.DType.F64).sum().item();
    }

    private static double seconds(long startNanos) {
        return Math.max((System.nanoTime() - startNanos) / 1e9, 1e-9);
    }
}
