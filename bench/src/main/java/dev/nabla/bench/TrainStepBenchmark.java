package dev.nabla.bench;

import dev.nabla.autograd.Tensor;
import dev.nabla.models.Models;
import dev.nabla.models.Trainer;
import dev.nabla.nn.Module;
import dev.nabla.nn.data.DataLoader;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.loss.CrossEntropyLoss;
import dev.nabla.nn.optim.SGD;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.internal.Parallel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full training step of the default CNN ({@code Models.build("cnn", "relu", rng)}) at batch
 * {@code batch}: forward, cross-entropy, zeroGrad, backward and an SGD-momentum step (lr 0.05,
 * momentum 0.9), exactly what {@link Trainer#runEpoch} does per batch. The batches are the first
 * {@value #BATCHES} shuffled, normalized batches of the bundled Fashion-MNIST training set, loaded
 * once and cycled, so data loading is not measured.
 *
 * <p>Images per second = {@code batch} / (the average time of one step).
 * Run: {@code java -jar bench/target/benchmarks.jar TrainStepBenchmark -f 2 -wi 3 -i 5 -w 1s -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
public class TrainStepBenchmark {
    /** Distinct batches cycled through: enough that the step does not see one input only. */
    private static final int BATCHES = 8;

    @Param("128")
    int batch;

    @Param("2")
    int threads;

    private Module model;
    private SGD optimizer;
    private final CrossEntropyLoss loss = new CrossEntropyLoss();
    private final List<DataLoader.Batch> batches = new ArrayList<>();
    private int next;

    @Setup
    public void setup() throws IOException {
        Parallel.setThreads(threads);
        Trainer.Config recipe = Trainer.Config.defaults();
        model = Models.build(recipe.model(), recipe.activation(), new Rng(recipe.seed()));
        optimizer = new SGD(model.parameters(), recipe.lr(), recipe.momentum());
        DataLoader loader = DataLoader.builder(FashionMnist.bundled().train()).batchSize(batch).shuffle(1)
                .normalize(Trainer.MEAN, Trainer.STD).build();
        try (DataLoader.Epoch epoch = loader.epoch(0)) {
            for (DataLoader.Batch b : epoch) {
                batches.add(b);
                if (batches.size() == BATCHES) break;
            }
        }
    }

    /** One training step; returns the loss so that the JIT cannot drop the work. */
    @Benchmark
    public double step() {
        DataLoader.Batch b = batches.get(next);
        next = (next + 1) % batches.size();
        Tensor l = loss.apply(model.forward(Tensor.of(b.x())), b.y());
        double value = l.item();
        model.zeroGrad();
        l.backward();
        optimizer.step();
        return value;
    }
}
