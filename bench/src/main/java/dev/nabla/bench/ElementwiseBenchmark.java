package dev.nabla.bench;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.internal.BinaryOp;
import dev.nabla.tensor.internal.ElementwiseKernels;
import dev.nabla.tensor.internal.Parallel;
import dev.nabla.tensor.internal.ReferenceElementwise;
import dev.nabla.tensor.internal.UnaryOp;
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
 * Element-wise kernels on {@code size} F32 elements.
 *
 * <ul>
 *   <li>{@code copy} (a fresh array filled by a parallel arraycopy) is the memory-bound baseline for
 *       {@code add}/{@code mul}/{@code relu}, which also allocate their result through the public
 *       API; {@code copyInto} and {@code addInto} write into a preallocated array, to separate the
 *       allocation (zeroing 64 MB) from the kernel.
 *   <li>{@code tier=facade} is the public API (SIMD + parallel chunks on {@code threads} threads);
 *       {@code tier=reference} is the plain reference loop on one thread, the baseline of every table.
 * </ul>
 * Run: {@code java -jar bench/target/benchmarks.jar ElementwiseBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class ElementwiseBenchmark {
    @Param("16777216")
    int size;

    @Param("2")
    int threads;

    @Param({"facade", "reference"})
    String tier;

    private NDArray a, b, positive, activations, channelScale, channelShift;
    private float[] aData, bData, positiveData, preallocated;

    @Setup
    public void setup() {
        Parallel.setThreads(threads);
        Rng rng = new Rng(42);
        aData = new float[size];
        bData = new float[size];
        positiveData = new float[size];
        for (int i = 0; i < size; i++) {
            aData[i] = (float) (-8 + 16 * rng.nextDouble());
            bData[i] = (float) (-8 + 16 * rng.nextDouble());
            positiveData[i] = (float) (1e-3 + 100 * rng.nextDouble());
        }
        a = NDArray.of(aData, size);
        b = NDArray.of(bData, size);
        positive = NDArray.of(positiveData, size);
        preallocated = new float[size];
        activations = a.slice(0, 0, 128 * 32 * 14 * 14).reshape(128, 32, 14, 14);
        channelScale = b.slice(0, 0, 32).reshape(1, 32, 1, 1);
        channelShift = b.slice(0, 32, 64).reshape(1, 32, 1, 1);
    }

    @Benchmark
    public float[] copy() {
        float[] out = new float[size];
        ElementwiseKernels.forRanges(size, (start, end) -> System.arraycopy(aData, start, out, start, end - start));
        return out;
    }

    @Benchmark
    public float[] copyInto() {
        ElementwiseKernels.forRanges(size, (start, end) -> System.arraycopy(aData, start, preallocated, start, end - start));
        return preallocated;
    }

    @Benchmark
    public Object add() {
        return binary(BinaryOp.ADD);
    }

    @Benchmark
    public float[] addInto() {
        if (tier.equals("reference")) {
            ReferenceElementwise.binary(BinaryOp.ADD, aData, 0, 1, bData, 0, 1, preallocated, 0, size);
        } else {
            ElementwiseKernels.forRanges(size, (start, end) ->
                    ElementwiseKernels.binary(BinaryOp.ADD, aData, start, 1, bData, start, 1, preallocated, start, end - start));
        }
        return preallocated;
    }

    @Benchmark
    public Object mul() {
        return binary(BinaryOp.MUL);
    }

    /**
     * Four different binary ops through the facade in one JVM, as in training (where one kernel
     * sees many ops): shows whether the SIMD kernels stay fast when their call sites are not
     * monomorphic. Four passes, each reading two arrays and writing one.
     */
    @Benchmark
    public Object mixed() {
        return a.add(b).mul(b).sub(a).div(positive);
    }

    /**
     * A batch-norm-like broadcast: (128, 32, 14, 14) times a per-channel (1, 32, 1, 1), then plus
     * another; the inner runs are 196 elements (12 full vectors and a 4-element tail).
     */
    @Benchmark
    public Object channelAffine() {
        return activations.mul(channelScale).add(channelShift);
    }

    @Benchmark
    public Object relu() {
        return unary(UnaryOp.RELU, a, aData);
    }

    @Benchmark
    public Object exp() {
        return unary(UnaryOp.EXP, a, aData);
    }

    @Benchmark
    public Object log() {
        return unary(UnaryOp.LOG, positive, positiveData);
    }

    @Benchmark
    public Object tanh() {
        return unary(UnaryOp.TANH, a, aData);
    }

    @Benchmark
    public Object sigmoid() {
        return unary(UnaryOp.SIGMOID, a, aData);
    }

    @Benchmark
    public Object erf() {
        return unary(UnaryOp.ERF, a, aData);
    }

    private Object binary(BinaryOp op) {
        if (tier.equals("facade")) return op == BinaryOp.ADD ? a.add(b) : a.mul(b);
        float[] out = new float[size];
        ReferenceElementwise.binary(op, aData, 0, 1, bData, 0, 1, out, 0, size);
        return out;
    }

    private Object unary(UnaryOp op, NDArray x, float[] xData) {
        if (tier.equals("facade")) {
            return switch (op) {
                case RELU -> x.relu();
                case EXP -> x.exp();
                case LOG -> x.log();
                case TANH -> x.tanh();
                case SIGMOID -> x.sigmoid();
                case ERF -> x.erf();
                default -> throw new IllegalArgumentException(op.opName());
            };
        }
        float[] out = new float[size];
        ReferenceElementwise.unary(op, xData, 0, out, 0, size);
        return out;
    }
}
