package dev.nabla.tensor;

/**
 * An element-wise function {@code y = f(x; θ)} with scalar parameters θ₀ … θₚ₋₁, the shape of
 * every activation: {@link Pointwise} evaluates it and its derivatives over whole arrays, in
 * parallel, with each parameter shared by the whole array or one value per channel (dim 1).
 *
 * <p>The function is written twice:
 * <ul>
 *   <li>{@link #value} and {@link #derivatives}: one element in double, with the numerically
 *       stable forms. This is the specification. F64 arrays use it directly, and it is the reference
 *       twin the fused F32 kernels are tested against.</li>
 *   <li>{@link #valueBlock} and {@link #derivativeBlock}: a block of up to {@link PointwiseBlock#SIZE}
 *       elements (widened from F32), for the fast F32 path. The defaults loop over the element
 *       forms; a function overrides them with {@code BlockMath} passes (SIMD exp, erf, …) and
 *       plain loops where that pays. Their results only need float accuracy.</li>
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
}
