package dev.nabla.bench;

import dev.nabla.activations.Activation;
import dev.nabla.activations.Activations;
import dev.nabla.activations.CAReLU;
import dev.nabla.activations.ElementwiseActivation;
import dev.nabla.activations.ElementwiseFunction;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.Tensor;
import dev.nabla.nn.Parameter;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.internal.ElementwiseKernels;
import dev.nabla.tensor.internal.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
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
 * Forward + backward of one activation on 16M F32 elements, shape (16, 16, 256, 256), as a training
 * step runs it: y = act(x), then ∂L/∂x and ∂L/∂θ for ∂L/∂y = 1 through autograd.
 *
 * <ul>
 *   <li>{@code copy}: a fresh array filled by a parallel arraycopy of x, the memory-bound baseline
 *       (the same as {@code ElementwiseBenchmark.copy}). The target for the cheap
 *       activations (ReLU family, Zorro, SRS, hardswish) is fused ≤ 3 × copy.
 *   <li>{@code fused}: the module (the fused {@code ActivationOp} kernel for element-wise ones).
 *   <li>{@code composed}: the same function composed of primitive autograd ops
 *       ({@link ElementwiseFunction#compose}) with the same θ, the baseline of the target
 *       fused ≥ 3 × faster than composed. ReLU, tanh and sigmoid are themselves primitive ops
 *       (composed is one core kernel per direction). CAReLU, not element-wise, is composed by
 *       {@link CAReLU#composed} (relu, square, sums, div, tanh, mul on its groups).
 * </ul>
 * Each returns the gradients so that the JIT cannot drop the work. {@code spec} lists the default
 * spec of every registered name; as the family grows, run others with {@code -p spec=gelu,mish}.
 * Run: {@code java -jar bench/target/benchmarks.jar ActivationBenchmark -f 2 -wi 3 -i 5 -w 1s -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class ActivationBenchmark {
    private static final int[] SHAPE = {16, 16, 256, 256};

    @Param({"srs", "serf", "sau", "zorro_symmetric", "zorro_asymmetric", "zorro_sigmoid", "zorro_tanh", "zorro_sloped", "carelu", "relu", "leaky_relu", "elu", "selu", "gelu", "gelu_tanh", "dgelu", "silu", "swish", "mish", "softplus", "dsilu", "prelu", "tanh", "sigmoid", "hardswish", "hardsigmoid", "softsign"})
    String spec;

    @Param("2")
    int threads;

    private float[] data;
    private NDArray x, ones;
    private Activation module;
    /** f(x) in primitive ops, with the module's θ (trainable ones are the module's parameters). */
    private UnaryOperator<Tensor> composed;

    @Setup
    public void setup() {
        Parallel.setThreads(threads);
        int size = 1;
        for (int d : SHAPE) size *= d;
        Rng rng = new Rng(42);
        data = new float[size];
        for (int i = 0; i < size; i++) data[i] = (float) (-6 + 12 * rng.nextDouble());
        x = NDArray.of(data, SHAPE);
        ones = NDArray.ones(DType.F32, SHAPE);
        module = Activations.parse(spec);
        composed = module instanceof ElementwiseActivation e ? in -> e.function().compose(in, theta(e)) : ((CAReLU) module)::composed;
    }

    /** θ in the function's order: a trainable one is the module's parameter (so composed computes its gradient too). */
    private static Tensor[] theta(ElementwiseActivation e) {
        List<String> names = e.function().parameterNames();
        Tensor[] theta = new Tensor[names.size()];
        for (int k = 0; k < theta.length; k++) {
            Parameter p = e.namedParameters().get(names.get(k));
            theta[k] = p != null ? p.tensor() : Tensor.of(e.parameterValues().get(k));
        }
        return theta;
    }

    @Benchmark
    public float[] copy() {
        float[] out = new float[data.length];
        ElementwiseKernels.forRanges(data.length, (start, end) -> System.arraycopy(data, start, out, start, end - start));
        return out;
    }

    @Benchmark
    public List<Tensor> fused() {
        return forwardBackward(module::forward);
    }

    @Benchmark
    public List<Tensor> composed() {
        return forwardBackward(composed);
    }

    /** ∂L/∂x and ∂L/∂θ of L = Σ f(x) (∂L/∂y = 1), by one forward and one backward. */
    private List<Tensor> forwardBackward(UnaryOperator<Tensor> f) {
        Tensor in = Tensor.leaf(x, true);
        List<Tensor> wrt = new ArrayList<>();
        wrt.add(in);
        for (Parameter p : module.parameters()) wrt.add(p.tensor());
        return Autograd.grad(List.of(f.apply(in)), List.of(Tensor.of(ones)), wrt, false, false);
    }
}
