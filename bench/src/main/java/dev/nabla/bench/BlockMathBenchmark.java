package dev.nabla.bench;

import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.internal.BlockMath;
import dev.nabla.tensor.internal.ReferenceMath;
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
 * The transcendental block passes the fused activations call, on one block of
 * {@code PointwiseBlock.FLOAT_SIZE} (1024) elements, one thread, time per block.
 *
 * <ul>
 *   <li>{@code floatLanes}: {@code BlockMath.exp/log1p/expm1/erf/erfc(float[], …)}, the float-lane SIMD passes.
 *   <li>{@code doubleLanes}: the same function as the double-lane passes (what the activations used before
 *       the float passes), on the block widened to double in chunks of {@code BlockMath.BLOCK}, widening
 *       and narrowing included.
 *   <li>{@code reference}: the plain loop, {@code (float) Math.f} or {@code (float) ReferenceMath.f}, the
 *       baseline and the passes' fallback without SIMD.
 * </ul>
 * Arguments: e^(−|z|) ∈ (0, 1] for log1p (as softplus passes), z ∈ [−8, 8] for the others, z from a fixed
 * pseudo-random sequence. Run: {@code java -jar bench/target/benchmarks.jar BlockMathBenchmark -f 2 -wi 3 -i 5 -w 1s -r 1s}.
 *
 * <p>Measured 2026-11-24, JDK 25, AVX-512 (16 float lanes), the 2-core machine shared with another engineer
 * (load 1.3-3.7), ns per 1024-element block, medians of 2 forks × 5 iterations (doubleLanes: JMH means of
 * the quieter of two runs):
 * <pre>
 *   function   floatLanes   doubleLanes   reference
 *   exp           420          1859         7167
 *   log1p         565          1860         9181
 *   expm1         443          1898        14849
 *   erf          1717          9522        20560
 *   erfc         1773          6516        23861
 * </pre>
 * i.e. 6.6 (exp), 8.8 (log1p), 6.9 (expm1), 27 (erf) and 28 (erfc) ns per 16 float lanes; erf and erfc
 * evaluate a 4-piece rational with per-lane coefficient blends, two divisions and an exp on every lane.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class BlockMathBenchmark {
    @Param({"exp", "log1p", "expm1", "erf", "erfc"})
    String function;

    private final float[] x = new float[PointwiseBlock.FLOAT_SIZE], y = new float[PointwiseBlock.FLOAT_SIZE];
    private final double[] wide = new double[BlockMath.BLOCK], wideOut = new double[BlockMath.BLOCK], tmp = new double[BlockMath.BLOCK];

    @Setup
    public void setup() {
        long state = 42;
        for (int i = 0; i < x.length; i++) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            float z = (float) ((state >>> 40) / (double) (1L << 24) * 16 - 8);
            x[i] = function.equals("log1p") ? (float) Math.exp(-Math.abs(z)) : z;
        }
    }

    @Benchmark
    public float[] floatLanes() {
        int n = x.length;
        switch (function) {
            case "exp" -> BlockMath.exp(x, y, n);
            case "log1p" -> BlockMath.log1p(x, y, n);
            case "expm1" -> BlockMath.expm1(x, y, n);
            case "erf" -> BlockMath.erf(x, y, n);
            case "erfc" -> BlockMath.erfc(x, y, n);
            default -> throw new IllegalArgumentException("BlockMathBenchmark: unknown function " + function);
        }
        return y;
    }

    @Benchmark
    public float[] doubleLanes() {
        for (int from = 0; from < x.length; from += BlockMath.BLOCK) {
            int n = Math.min(BlockMath.BLOCK, x.length - from);
            for (int i = 0; i < n; i++) wide[i] = x[from + i];
            switch (function) {
                case "exp" -> BlockMath.exp(wide, wideOut, n);
                case "log1p" -> BlockMath.log1p(wide, wideOut, n);
                case "expm1" -> BlockMath.expm1(wide, wideOut, n);
                case "erf" -> BlockMath.erf(wide, wideOut, tmp, n);
                case "erfc" -> BlockMath.erfc(wide, wideOut, tmp, n);
                default -> throw new IllegalArgumentException("BlockMathBenchmark: unknown function " + function);
            }
            for (int i = 0; i < n; i++) y[from + i] = (float) wideOut[i];
        }
        return y;
    }

    @Benchmark
    public float[] reference() {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            y[i] = (float) switch (function) {
                case "exp" -> Math.exp(v);
                case "log1p" -> Math.log1p(v);
                case "expm1" -> Math.expm1(v);
                case "erf" -> ReferenceMath.erf(v);
                case "erfc" -> ReferenceMath.erfc(v);
                default -> throw new IllegalArgumentException("BlockMathBenchmark: unknown function " + function);
            };
        }
        return y;
    }
}
