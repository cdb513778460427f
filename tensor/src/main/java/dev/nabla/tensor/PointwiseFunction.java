package dev.nabla.tensor;

/**
 * An element-wise function {@code y = f(x; θ)} with scalar parameters θ₀ … θₚ₋₁, the shape of
 * every activation: {@link Pointwise} evaluates it and its derivatives over whole arrays, in
 * parallel, with each parameter shared by the whole array or one value per channel (dim 1).
 *
 * <p>The function is written in these forms:
 * <ul>
 *   <li>{@link #value} and {@link #derivatives}: one element in double, with the numerically
 *       stable forms. This is the specification. F64 arrays use it directly, and it is the reference
 *       twin the fused F32 kernels are tested against.</li>
 *   <li>For a {@link FloatValues} / {@link FloatDerivatives} function (the fast F32 path, which
 *       every registered activation takes): {@link FloatValues#valueBlockF32} /
 *       {@link FloatDerivatives#derivativeBlockF32}, a block of up to {@link PointwiseBlock#FLOAT_SIZE}
 *       elements in float lanes, with {@code BlockMath}'s float passes (exp, expm1, log1p, erf,
 *       erfc) and branch-free loops. Their results only need float accuracy. The cheapest
 *       functions, and those whose kernels are one SIMD loop over whole arrays, give range forms
 *       instead ({@link FloatInPlace}).</li>
 *   <li>Otherwise {@link #valueBlock} and {@link #derivativeBlock}: a block of up to
 *       {@link PointwiseBlock#SIZE} elements widened from F32 to double. The defaults loop over the
 *       element forms, so a new function works before it has float-lane forms.</li>
 * </ul>
 */
public interface PointwiseFunction {
    /** The name in error messages, e.g. "srs". */
    String name();

    /** Number of parameters θ. */
    int parameterCount();

    /** f(x; θ). */
    double value(double x, double[] theta);

    /** Returns ∂f/∂x and writes ∂f/∂θₖ into {@code dTheta[k]}. */
    double derivatives(double x, double[] theta, double[] dTheta);

    /** {@code b.out[i] = f(b.x[i]; b.theta)} for i &lt; b.n. */
    default void valueBlock(PointwiseBlock b) {
        for (int i = 0; i < b.n; i++) b.out[i] = value(b.x[i], b.theta);
    }

    /** {@code b.out[i] = ∂f/∂x} and {@code b.dTheta[k][i] = ∂f/∂θₖ} at {@code b.x[i]}, for i &lt; b.n. */
    default void derivativeBlock(PointwiseBlock b) {
        double[] d = new double[parameterCount()];
        for (int i = 0; i < b.n; i++) {
            b.out[i] = derivatives(b.x[i], b.theta, d);
            for (int k = 0; k < d.length; k++) b.dTheta[k][i] = d[k];
        }
    }

    /**
     * A function whose F32 values are computed in float lanes ({@link #valueBlockF32}), with no
     * widening to double: for cheap functions, where widening and narrowing would cost more than the
     * function itself. Its loops should be branch-free (min/max/abs/signum and arithmetic), so that
     * C2 vectorizes them, and may use {@code BlockMath}'s float passes. The accuracy it promises
     * against the element forms is stated by the function and tested
     * ({@code ElementwiseActivationPropertiesTest}).
     */
    interface FloatValues extends PointwiseFunction {
        /** {@code b.outf[i] = f(b.xf[i]; b.theta)} for i &lt; b.n. */
        void valueBlockF32(PointwiseBlock b);
    }

    /**
     * As {@link FloatValues}, for the derivatives. Where f′ crosses zero (a non-monotonic f) its
     * terms cancel, and float internals leave an absolute error of a few ulps of the terms there,
     * not a relative one; the activations' property test states and allows exactly that.
     */
    interface FloatDerivatives extends PointwiseFunction {
        /**
         * {@code b.outf[i] = ∂f/∂x} and, for every k with {@code b.wanted[k]}, {@code b.dThetaf[k][i] = ∂f/∂θₖ}
         * at {@code b.xf[i]}, for i &lt; b.n.
         */
        void derivativeBlockF32(PointwiseBlock b);
    }

    /**
     * A float-lane function whose f and ∂L/∂x = g·f′ are each one branch-free loop over whole
     * arrays: the cheapest, where a block's copies would cost as much as the function itself (ReLU,
     * leaky ReLU, PReLU, the hard functions, softsign), and the SIMD kernels with their exps inside
     * (SiLU/Swish, SRS, GELU, the Zorro functions, ELU/SELU, sigmoid, tanh, softplus). {@link Pointwise} runs them over x, ∂L/∂y and the result in
     * place, every array at the same index. That is the loop shape C2 vectorizes (with x at an
     * offset and a block array at 0 it did not, docs/decisions/0003), and it keeps one stream
     * through memory: ReLU's backward on 16M elements takes 5.2 ms in place against 8.0 through a
     * block (scratch measurement, JDK 25).
     *
     * <p>When a parameter gradient is wanted, {@link #backwardRangeF32} gives ∂L/∂x and the block's
     * parameter-gradient sums together, so that a function whose kernel can accumulate them in the
     * same loop (SRS) reads x and ∂L/∂y once. There are no block forms: the driver never needs f′ or
     * ∂f/∂θ element by element.
     */
    interface FloatInPlace extends PointwiseFunction {
        /** {@code y[i] = f(x[i]; θ)} for from ≤ i &lt; to. */
        void valueRangeF32(float[] x, float[] y, int from, int to, double[] theta);

        /** {@code dx[i] = g[i]·∂f/∂x(x[i]; θ)} for from ≤ i &lt; to, f′ rounded to float before the product. */
        void gradientRangeF32(float[] x, float[] g, float[] dx, int from, int to, double[] theta);

        /**
         * The backward of one block when a parameter gradient is wanted: {@link #gradientRangeF32} over
         * from ≤ i &lt; from + b.n with θ = b.theta, and {@code b.parameterSums[k] = Σ g[i]·∂f/∂θₖ(x[i]; θ)}
         * over those i for every k with {@code b.wanted[k]}, summed in a fixed order (the same bits on
         * every run) at least as accurately as {@code BlockMath.dot}. b's float arrays are free scratch.
         * A function with parameters must override this; without parameters it is never called.
         */
        default void backwardRangeF32(float[] x, float[] g, float[] dx, int from, PointwiseBlock b) {
            throw new UnsupportedOperationException(name() + ": no float parameter gradients for its " + parameterCount() + " parameters");
        }
    }
}
