package dev.nabla.bench;

import dev.nabla.tensor.Conv2dSpec;
import dev.nabla.tensor.Convolution;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.internal.ConvGeometry;
import dev.nabla.tensor.internal.GemmKernels;
import dev.nabla.tensor.internal.Parallel;
import dev.nabla.tensor.internal.ReferenceConv;
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
 * One training step of a 3×3 convolution layer (stride 1, padding 1, F32): forward, backward-input,
 * backward-weight and the bias gradient, as {@code nn.Conv2d} does them.
 *
 * <p>{@code shape} is {@code N x C x OC x H} (H = W). {@code tier}: {@code facade} is the public
 * {@link Convolution} API (the default, what training uses); {@code reference} runs
 * {@link ReferenceConv}'s plain double loops (slow: use it with the smallest shape only).
 * {@link #gemmOnly} times just the GEMM calls the facade makes (one image at a time, the same
 * strides), so {@code forwardBackward − gemmOnly} is the cost of im2col, col2im, bias and chunking.
 *
 * <pre>
 * ./mvnw -q -o -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar Conv2dBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class Conv2dBenchmark {
    @Param({"64x32x64x14", "32x64x64x32", "64x1x32x28"})
    public String shape;

    @Param({"2"})
    public String threads;

    @Param({"facade"})
    public String tier;

    private final Conv2dSpec spec = Conv2dSpec.of(1, 1);
    private NDArray x, weight, bias, gradOut;
    private ConvGeometry geometry;
    private double[] xd, wd, bd, gd, outD, gradXD, gradWD, gradBD;
    private float[] ws, wt, gs, col, out, gradW;

    @Setup
    public void setUp() {
        Parallel.setThreads(Integer.parseInt(threads));
        String[] p = shape.split("x");
        int n = Integer.parseInt(p[0]), c = Integer.parseInt(p[1]), oc = Integer.parseInt(p[2]), h = Integer.parseInt(p[3]);
        Rng rng = new Rng(42);
        x = rng.uniform(Shape.of(n, c, h, h), DType.F32, -1, 1);
        weight = rng.uniform(Shape.of(oc, c, 3, 3), DType.F32, -0.2, 0.2);
        bias = rng.uniform(Shape.of(oc), DType.F32, -0.1, 0.1);
        gradOut = rng.uniform(Shape.of(n, oc, h, h), DType.F32, -1, 1);
        geometry = new ConvGeometry(n, c, h, h, oc, 3, 3, h, h, 1, 1, 1, 1, 1, 1, 1);
        ws = weight.toFloatArray();
        wt = weight.reshape(oc, c * 9).transpose(0, 1).toFloatArray();   // Wᵀ, as the facade's backward-input reads W
        gs = gradOut.toFloatArray();
        col = new float[geometry.columnSize()];
        out = new float[n * oc * h * h];
        gradW = new float[geometry.weightSize()];
        if (tier.equals("reference")) {
            xd = x.toDoubleArray();
            wd = weight.toDoubleArray();
            bd = bias.toDoubleArray();
            gd = gradOut.toDoubleArray();
            outD = new double[out.length];
            gradXD = new double[xd.length];
            gradWD = new double[wd.length];
            gradBD = new double[oc];
        } else if (!tier.equals("facade")) {
            throw new IllegalArgumentException("tier must be facade or reference, got " + tier);
        }
    }

    /** Forward + backward-input + backward-weight + bias gradient; returns a value that depends on all four. */
    @Benchmark
    public double forwardBackward() {
        if (tier.equals("reference")) {
            ReferenceConv.conv2dForward(geometry, xd, wd, bd, outD);
            ReferenceConv.conv2dBackwardInput(geometry, gd, wd, gradXD);
            ReferenceConv.conv2dBackwardWeight(geometry, gd, xd, gradWD);
            ReferenceConv.conv2dBackwardBias(geometry.batch(), geometry.outChannels(), geometry.outPlane(), gd, gradBD);
            return outD[0] + gradXD[0] + gradWD[0] + gradBD[0];
        }
        NDArray y = Convolution.conv2d(x, weight, bias, spec);
        NDArray gradX = Convolution.conv2dBackwardInput(gradOut, weight, x.shape(), spec);
        NDArray gradWeight = Convolution.conv2dBackwardWeight(gradOut, x, weight.shape(), spec);
        NDArray gradBias = Convolution.conv2dBackwardBias(gradOut);
        return y.get(0, 0, 0, 0) + gradX.get(0, 0, 0, 0) + gradWeight.get(0, 0, 0, 0) + gradBias.get(0);
    }

    /**
     * Only the GEMMs of {@link #forwardBackward} (forward, backward-input, backward-weight per image,
     * with the same shapes and strides) over a fixed column buffer: with {@code threads=1}, a lower
     * bound for the facade on one thread. (Called from the benchmark thread, outside any chunk, so
     * with more threads the GEMM splits each per-image product itself, unlike inside the facade.)
     */
    @Benchmark
    public float gemmOnly() {
        ConvGeometry g = geometry;
        int p = g.outPlane(), k = g.groupPatch(), oc = g.outChannels();
        for (int n = 0; n < g.batch(); n++) {
            int gOff = n * oc * p;
            GemmKernels.sgemm(oc, p, k, ws, 0, k, 1, col, 0, p, 1, out, gOff, p, false);
            GemmKernels.sgemm(k, p, oc, wt, 0, oc, 1, gs, gOff, p, 1, col, 0, p, false);
            GemmKernels.sgemm(oc, k, p, gs, gOff, p, 1, col, 0, 1, p, gradW, 0, k, true);
        }
        return out[0] + col[0] + gradW[0];
    }
}
