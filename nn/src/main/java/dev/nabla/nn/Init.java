package dev.nabla.nn;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.ShapeException;

/**
 * Weight initializers with PyTorch's formulas ({@code torch.nn.init}); each returns a new array of
 * the given shape and dtype drawn from {@code rng}.
 * <pre>
 *   fan_in  = shape[1] · receptive,   fan_out = shape[0] · receptive,   receptive = Π shape[2:]
 *   xavier_uniform  U(−a, a),   a = gain · √(6 / (fan_in + fan_out))
 *   xavier_normal   N(0, σ²),   σ = gain · √(2 / (fan_in + fan_out))
 *   kaiming_uniform U(−b, b),   b = gain · √(3 / fan),   fan = fan_in or fan_out (mode)
 *   kaiming_normal  N(0, σ²),   σ = gain / √fan
 *   gain: linear, conv, sigmoid 1; tanh 5/3; relu √2; leaky_relu(a) √(2 / (1 + a²)); selu 3/4
 * </pre>
 * Layers built without an explicit {@link Rng} draw from {@link #defaultRng()}: one process-wide
 * stream seeded with {@value #DEFAULT_SEED} (reset it with {@link #manualSeed}), so that a program
 * that builds the same layers in the same order gets the same weights on every run.
 */
public final class Init {
    /** Seed of the default stream at start-up. */
    public static final long DEFAULT_SEED = 0;

    private static Rng defaultStream = new Rng(DEFAULT_SEED);

    private Init() {}

    /** Which fan scales a Kaiming init: {@code FAN_IN} preserves the forward variance, {@code FAN_OUT} the backward's. */
    public enum FanMode { FAN_IN, FAN_OUT }

    /** The nonlinearity that follows a layer, for {@link #gain}. */
    public enum Nonlinearity { LINEAR, CONV2D, SIGMOID, TANH, RELU, LEAKY_RELU, SELU }

    /** A generator split from the default stream (each call advances the stream). */
    public static synchronized Rng defaultRng() {
        return defaultStream.split();
    }

    /** Restarts the default stream from {@code seed}, like {@code torch.manual_seed}. */
    public static synchronized void manualSeed(long seed) {
        defaultStream = new Rng(seed);
    }

    /** PyTorch's {@code calculate_gain}; {@code param} is leaky_relu's negative slope (ignored otherwise). */
    public static double gain(Nonlinearity nonlinearity, double param) {
        return switch (nonlinearity) {
            case LINEAR, CONV2D, SIGMOID -> 1;
            case TANH -> 5.0 / 3;
            case RELU -> Math.sqrt(2);
            case LEAKY_RELU -> Math.sqrt(2 / (1 + param * param));
            case SELU -> 0.75;
        };
    }

    /** {@code [fan_in, fan_out]} of a weight of rank ≥ 2, e.g. (OC, C/groups, KH, KW) → [C/groups·KH·KW, OC·KH·KW]. */
    public static int[] fans(Shape shape) {
        if (shape.rank() < 2) {
            throw new ShapeException("init: fan in and fan out need a weight of rank >= 2, got shape " + shape);
        }
        int receptive = 1;
        for (int d = 2; d < shape.rank(); d++) receptive *= shape.dim(d);
        return new int[] {shape.dim(1) * receptive, shape.dim(0) * receptive};
    }

    public static NDArray zeros(Shape shape, DType dtype) {
        return NDArray.zeros(dtype, shape.dims());
    }

    public static NDArray ones(Shape shape, DType dtype) {
        return NDArray.ones(dtype, shape.dims());
    }

    /** U(low, high). */
    public static NDArray uniform(Shape shape, DType dtype, Rng rng, double low, double high) {
        return rng.uniform(shape, dtype, low, high);
    }

    /** N(mean, std²). */
    public static NDArray normal(Shape shape, DType dtype, Rng rng, double mean, double std) {
        return rng.normal(shape, dtype, mean, std);
    }

    /** U(−a, a) with a = gain · √(6 / (fan_in + fan_out)). */
    public static NDArray xavierUniform(Shape shape, DType dtype, Rng rng, double gain) {
        double a = Math.sqrt(3) * xavierStd(shape, gain);
        return rng.uniform(shape, dtype, -a, a);
    }

    /** N(0, σ²) with σ = gain · √(2 / (fan_in + fan_out)). */
    public static NDArray xavierNormal(Shape shape, DType dtype, Rng rng, double gain) {
        return rng.normal(shape, dtype, 0, xavierStd(shape, gain));
    }

    /** U(−b, b) with b = gain(nonlinearity, a) · √(3 / fan). PyTorch's default is a = 0, FAN_IN, LEAKY_RELU. */
    public static NDArray kaimingUniform(Shape shape, DType dtype, Rng rng, double a, FanMode mode, Nonlinearity nonlinearity) {
        double bound = Math.sqrt(3) * kaimingStd(shape, a, mode, nonlinearity);
        return rng.uniform(shape, dtype, -bound, bound);
    }

    /** N(0, σ²) with σ = gain(nonlinearity, a) / √fan. */
    public static NDArray kaimingNormal(Shape shape, DType dtype, Rng rng, double a, FanMode mode, Nonlinearity nonlinearity) {
        return rng.normal(shape, dtype, 0, kaimingStd(shape, a, mode, nonlinearity));
    }

    /**
     * PyTorch's default for {@code Linear} and {@code Conv2d}: the weight from kaiming_uniform with
     * a = √5 (which is U(−1/√fan_in, 1/√fan_in)).
     */
    static NDArray defaultWeight(Shape shape, DType dtype, Rng rng) {
        return kaimingUniform(shape, dtype, rng, Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU);
    }

    /** PyTorch's default bias for {@code Linear} and {@code Conv2d}: U(−1/√fan_in, 1/√fan_in), zeros if fan_in = 0. */
    static NDArray defaultBias(int size, int fanIn, DType dtype, Rng rng) {
        if (fanIn == 0) return NDArray.zeros(dtype, size);
        double bound = 1 / Math.sqrt(fanIn);
        return rng.uniform(Shape.of(size), dtype, -bound, bound);
    }

    private static double xavierStd(Shape shape, double gain) {
        int[] f = fans(shape);
        return gain * Math.sqrt(2.0 / (f[0] + f[1]));
    }

    private static double kaimingStd(Shape shape, double a, FanMode mode, Nonlinearity nonlinearity) {
        int[] f = fans(shape);
        int fan = mode == FanMode.FAN_IN ? f[0] : f[1];
        if (fan == 0) throw new ShapeException("init: kaiming init of a weight with zero " + mode + ", shape " + shape);
        return gain(nonlinearity, a) / Math.sqrt(fan);
    }
}
