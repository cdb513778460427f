package dev.nabla.bench;

import dev.nabla.tensor.BatchNormStats;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.internal.Parallel;
import dev.nabla.tensor.internal.ParallelReductions;
import dev.nabla.tensor.internal.ReductionKernels;
import dev.nabla.tensor.internal.ReductionKernels.Rows;
import dev.nabla.tensor.internal.ReferenceReductions;
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
 * Reductions on 16M F32 elements (64 MB, far past the caches, so memory-bound): {@code sum} and
 * {@code mean} of the whole array and along the last dim of (4096, 4096), against a plain array
 * copy of the same data (reads 64 MB and writes 64 MB; a sum only reads). For information also
 * {@code sum} over the first dim of (4096, 4096), {@code batchNormStats} of (128, 32, 28, 28) and
 * {@code softmax} of (4096, 1000).
 *
 * <p>{@code tier}: {@code facade} is the public API (SIMD leaves when the Vector API is on);
 * {@code scalar} runs the parallel tier over the scalar leaves; {@code reference} the plain double
 * loops (on an F64 copy of the data, single-threaded). The tier applies to the sum benchmarks.
 *
 * <pre>
 * flock /tmp/nabla-bench.lock java -jar bench/target/benchmarks.jar ReductionBenchmark -p tier=facade
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ReductionBenchmark {
    private static final int N = 4096 * 4096;

    @Param({"2"})
    public int threads;

    @Param({"facade", "scalar", "reference"})
    public String tier;

    private NDArray flat, matrix, bnInput, logits;
    private float[] raw, copyTarget;
    private double[] rawF64;
    private final Rows whole = Rows.contiguous(0, 1, N), lastDim = Rows.contiguous(0, 4096, 4096);
    private final ReductionKernels.Leaves scalarLeaves = ReductionKernels.scalarLeaves();

    @Setup
    public void setUp() {
        Parallel.setThreads(threads);
        Rng rng = new Rng(1);
        raw = new float[N];
        for (int i = 0; i < N; i++) raw[i] = (float) (rng.nextDouble() - 0.5);
        copyTarget = new float[N];
        flat = NDArray.of(raw, N);
        matrix = flat.reshape(4096, 4096);
        if (tier.equals("reference")) rawF64 = flat.toDoubleArray();
        bnInput = NDArray.of(java.util.Arrays.copyOf(raw, 128 * 32 * 28 * 28), 128, 32, 28, 28);
        logits = NDArray.of(java.util.Arrays.copyOf(raw, 4096 * 1000), 4096, 1000);
    }

    /** Baseline: one plain copy of the 16M floats. */
    @Benchmark
    public float[] copy() {
        System.arraycopy(raw, 0, copyTarget, 0, N);
        return copyTarget;
    }

    @Benchmark
    public Object sumAll() {
        return switch (tier) {
            case "scalar" -> ParallelReductions.sum(raw, whole, scalarLeaves);
            case "reference" -> ReferenceReductions.sum(rawF64, whole);
            default -> flat.sum();
        };
    }

    @Benchmark
    public Object sumLastDim() {
        return switch (tier) {
            case "scalar" -> ParallelReductions.sum(raw, lastDim, scalarLeaves);
            case "reference" -> ReferenceReductions.sum(rawF64, lastDim);
            default -> matrix.sum(new int[] {1}, false);
        };
    }

    /** Column sums of (4096, 4096) (a bias gradient's shape of reduction), read in place by the column kernels. */
    @Benchmark
    public NDArray sumFirstDim() {
        return matrix.sum(new int[] {0}, false);
    }

    @Benchmark
    public NDArray meanAll() {
        return flat.mean();
    }

    @Benchmark
    public NDArray meanLastDim() {
        return matrix.mean(new int[] {1}, false);
    }

    @Benchmark
    public BatchNormStats batchNormStats() {
        return bnInput.batchNormStats();
    }

    @Benchmark
    public NDArray softmax() {
        return logits.softmax(1);
    }
}
