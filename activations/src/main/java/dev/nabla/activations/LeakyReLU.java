package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.PointwiseFunction;
import dev.nabla.tensor.internal.BlockMath;

/**
 * Leaky ReLU with a fixed negative slope s (Maas, Hannun &amp; Ng, ICML 2013; PyTorch's
 * {@code nn.LeakyReLU}, default s = 0.01).
 * <pre>
 *   f(x) = x       (x ≥ 0)        f′(x) = 1   (x &gt; 0)
 *   f(x) = s·x     (x &lt; 0)        f′(x) = s   (x ≤ 0; PyTorch's convention at 0)
 * </pre>
 * F32 runs in float lanes: the value is s·x rounded once, the derivatives are exact.
 */
public final class LeakyReLU extends ElementwiseFunction implements PointwiseFunction.FloatInPlace {
    static final LeakyReLU FUNCTION = new LeakyReLU();
    static final Activations.Entry ENTRY = Activations.ElementwiseEntry
            .of("leaky_relu", FUNCTION, "Maas, Hannun & Ng, Rectifier nonlinearities improve neural network acoustic models, ICML 2013")
            .parameter("slope", 0.01, false)
            .notes("slope fixed (PyTorch's negative_slope)")
            .gradchecks("leaky_relu", "leaky_relu(slope=0.2)")
            .build();

    private LeakyReLU() {
        super("leaky_relu", "slope");
    }

    @Override
    public double value(double x, double[] theta) {
        return x >= 0 ? x : theta[0] * x;
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        dTheta[0] = x > 0 ? 0 : x;
        return x > 0 ? 1 : theta[0];
    }

    /** Float lanes, branch-free (random signs would mispredict a branch): f = max(x, 0) + s·min(x, 0), one rounding. */
    @Override
    public void valueRangeF32(float[] x, float[] y, int from, int to, double[] theta) {
        float s = (float) theta[0];
        for (int i = from; i < to; i++) y[i] = Math.max(x[i], 0f) + s * Math.min(x[i], 0f);
    }

    /** ∂L/∂x = g·f′, f′ = h + s·(1 − h) with h = [x &gt; 0] ({@link Indicator#positive}), exact. */
    @Override
    public void gradientRangeF32(float[] x, float[] g, float[] dx, int from, int to, double[] theta) {
        float s = (float) theta[0];
        for (int i = from; i < to; i++) {
            float h = Indicator.positive(x[i]);
            dx[i] = g[i] * (h + s * (1 - h));
        }
    }

    /**
     * With PReLU's trainable slope: ∂L/∂x as above, then Σ g·∂f/∂s with ∂f/∂s = min(x, 0), from a copy
     * of the block's x at index 0 (a loop mixing offsets would stay scalar) and {@link BlockMath#dot}.
     */
    @Override
    public void backwardRangeF32(float[] x, float[] g, float[] dx, int from, PointwiseBlock b) {
        gradientRangeF32(x, g, dx, from, from + b.n, b.theta);
        float[] dS = b.floatScratch(0);
        System.arraycopy(x, from, dS, 0, b.n);
        for (int i = 0; i < b.n; i++) dS[i] = Math.min(dS[i], 0f);
        b.parameterSums[0] = BlockMath.dot(g, from, dS, b.n);
    }

    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        // x·(s + (1 − s)·[x > 0]) written as max(x, 0) + s·min(x, 0)
        Tensor zero = Tensor.of(dev.nabla.tensor.NDArray.scalar(0, x.dtype()));
        return x.maximum(zero).add(theta[0].mul(x.minimum(zero)));
    }

    @Override
    public Domain gradcheckDomain(double[] theta) {
        return Domain.real().avoiding(0);
    }
}
