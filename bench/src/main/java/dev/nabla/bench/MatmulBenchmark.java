package dev.nabla.bench;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Threads;
import dev.nabla.tensor.internal.GemmKernels;
import dev.nabla.tensor.internal.ReferenceGemm;
import dev.nabla.tensor.internal.ScalarGemm;
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
 * Matrix product: {@code C = A·B} in F32. GFLOP/s = 2·M·N·K / time.
 *
 * <ul>
 *   <li>{@link #sgemm}: square n×n×n. Tier {@code matmul} is the public facade
 *       {@code NDArray.matmul} (allocates C each call); {@code kernels} calls
 *       {@code GemmKernels.sgemm} on preallocated arrays; {@code scalar} is the scalar fallback
 *       ({@code ScalarGemm}, one thread). Default: the facade only; others with {@code -p tier=…}.
 *   <li>{@link #reference}: {@code ReferenceGemm}, the baseline, only at sizes where it finishes.
 *   <li>{@link #cnnShapes}: the skinny products of a small CNN (M×N×K).
 *   <li>{@link #transposed}: A^T·B and A·B^T at 1024 through strided views, against A·B: packing
 *       reads through strides, so the three should cost the same.
 * </ul>
 * Run: {@code java -jar bench/target/benchmarks.jar MatmulBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MatmulBenchmark {

    /** Random F32 values in [-1, 1), from a fixed seed. */
    static NDArray random(long seed, int... shape) {
        Rng rng = new Rng(seed);
        float[] values = new float[Shape.of(shape).numel()];
        for (int i = 0; i < values.length; i++) values[i] = (float) (2 * rng.nextDouble() - 1);
        return NDArray.of(values, shape);
    }

    @State(Scope.Benchmark)
    public static class Square {
        @Param({"256", "512", "1023", "1024", "1025"})
        public int n;

        @Param({"1", "2"})
        public int threads;

        @Param({"matmul"})
        public String tier;

        NDArray a;
        NDArray b;
        float[] af;
        float[] bf;
        float[] cf;

        @Setup
        public void setup() {
            Threads.set(threads);
            a = random(1, n, n);
            b = random(2, n, n);
            af = a.toFloatArray();
            bf = b.toFloatArray();
            cf = new float[n * n];
        }
    }

    @Benchmark
    public Object sgemm(Square s) {
        int n = s.n;
        return switch (s.tier) {
            case "matmul" -> s.a.matmul(s.b);
            case "kernels" -> {
                GemmKernels.sgemm(n, n, n, s.af, 0, n, 1, s.bf, 0, n, 1, s.cf, 0, n, false);
                yield s.cf;
            }
            case "scalar" -> {
                ScalarGemm.sgemm(n, n, n, s.af, 0, n, 1, s.bf, 0, n, 1, s.cf, 0, n, false);
                yield s.cf;
            }
            default -> throw new IllegalArgumentException("tier must be matmul, kernels or scalar, got " + s.tier);
        };
    }

    @State(Scope.Benchmark)
    public static class ReferenceSquare {
        @Param({"128", "256"})
        public int n;

        float[] a;
        float[] b;
        float[] c;

        @Setup
        public void setup() {
            a = random(1, n, n).toFloatArray();
            b = random(2, n, n).toFloatArray();
            c = new float[n * n];
        }
    }

    @Benchmark
    public float[] reference(ReferenceSquare s) {
        int n = s.n;
        ReferenceGemm.sgemm(n, n, n, s.a, 0, n, 1, s.b, 0, n, 1, s.c, 0, n, false);
        return s.c;
    }

    @State(Scope.Benchmark)
    public static class CnnShape {
        /** M×N×K: a conv layer's im2col product (128×128×3136) and a classifier head (128×10×128). */
        @Param({"128x128x3136", "128x10x128"})
        public String shape;

        @Param({"1", "2"})
        public int threads;

        NDArray a;
        NDArray b;

        @Setup
        public void setup() {
            Threads.set(threads);
            String[] mnk = shape.split("x");
            int m = Integer.parseInt(mnk[0]);
            int n = Integer.parseInt(mnk[1]);
            int k = Integer.parseInt(mnk[2]);
            a = random(3, m, k);
            b = random(4, k, n);
        }
    }

    @Benchmark
    public NDArray cnnShapes(CnnShape s) {
        return s.a.matmul(s.b);
    }

    @State(Scope.Benchmark)
    public static class Transposed {
        /** AB: both row-major; AtB: A is a transposed view; ABt: B is a transposed view. */
        @Param({"AB", "AtB", "ABt"})
        public String layout;

        @Param({"1", "2"})
        public int threads;

        NDArray a;
        NDArray b;

        @Setup
        public void setup() {
            Threads.set(threads);
            int n = 1024;
            a = random(5, n, n);
            b = random(6, n, n);
            if (layout.equals("AtB")) a = a.transpose(0, 1);
            if (layout.equals("ABt")) b = b.transpose(0, 1);
        }
    }

    @Benchmark
    public NDArray transposed(Transposed s) {
        return s.a.matmul(s.b);
    }
}
