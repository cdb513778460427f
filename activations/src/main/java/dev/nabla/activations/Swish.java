package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.PointwiseFunction;
import dev.nabla.tensor.internal.BlockMath;

/**
 * Swish with a trainable β (Ramachandran, Zoph &amp; Le, Searching for activation functions,
 * arXiv 1710.05941), init 1, per layer or per channel with {@code channels=C}; β = 1 is
 * {@link Silu}.
 * <pre>
 *   f(x)   = x·σ(βx)
 *   ∂f/∂x  = σ(βx) + βx·σ(βx)·(1 − σ(βx))
 *   ∂f/∂β  = x²·σ(βx)·(1 − σ(βx))
 * </pre>
 * Stable form, with z = βx and e = e^(−|z|) ≤ 1 (one exp, never overflowing):
 * <pre>
 *   σ(z) = 1/(1 + e)  (z ≥ 0)   or   e/(1 + e)  (z &lt; 0)
 *   σ(z)·(1 − σ(z)) = σ(z)·σ(−z) = e/(1 + e)²        (no cancellation of 1 − σ)
 * </pre>
 * The F32 kernels run the same forms in place, one SIMD loop each with the float exp inside
 * ({@code BlockMath.swish}, {@code BlockMath.swishGradient}; {@link Silu} is β = 1): e is exactly 0
 * below e^−104, so that x·e and x²·e are 0 for huge x as in the element forms. ∂f/∂β, when β
 * trains, comes from a float block ({@link #backwardRangeF32}). Any real β is valid (β = 0
 * gives x/2).
 */
public final class Swish extends ElementwiseFunction implements PointwiseFunction.FloatInPlace {
    static final Swish FUNCTION = new Swish();
    static final Activations.Entry ENTRY = Activations.ElementwiseEntry
            .of("swish", FUNCTION, "Ramachandran, Zoph & Le, Searching for activation functions, arXiv 1710.05941 (2017)")
            .parameter("beta", 1, true)
            .perChannel()
            .notes("beta trainable, init 1 (beta = 1 is silu); channels=C gives one beta per channel")
            .gradchecks("swish", "swish(beta=1.5)", "swish(beta=-0.7,channels=3)")
            .build();

    private Swish() {
        super("swish", "beta");
    }

    @Override
    public double value(double x, double[] theta) {
        double z = theta[0] * x;
        return x * sigmoid(z, Math.exp(-Math.abs(z)));
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        double z = theta[0] * x, e = Math.exp(-Math.abs(z)), spread = spread(e);
        dTheta[0] = x * spread * x;
        return slope(z, e, spread);
    }

    @Override
    public void valueRangeF32(float[] x, float[] y, int from, int to, double[] theta) {
        BlockMath.swish(x, y, from, to, (float) theta[0]);
    }

    @Override
    public void gradientRangeF32(float[] x, float[] g, float[] dx, int from, int to, double[] theta) {
        BlockMath.swishGradient(x, g, dx, from, to, (float) theta[0]);
    }

    /**
     * With β trainable: ∂L/∂x as above, then Σ g·∂f/∂β over a float block, ∂f/∂β = (x·s)·x with
     * s = e/(1 + e)² and e = e^(−|βx|) from the float exp pass (in that order, so that it is 0, not
     * ∞·0, for huge x), summed by {@link BlockMath#dot}.
     */
    @Override
    public void backwardRangeF32(float[] x, float[] g, float[] dx, int from, PointwiseBlock b) {
        gradientRangeF32(x, g, dx, from, from + b.n, b.theta);
        System.arraycopy(x, from, b.xf, 0, b.n);
        float[] xb = b.xf, e = Sigmoid.expOfMinusAbs(b, Math.abs((float) b.theta[0])), dBeta = b.floatScratch(1); // |β|·|x| = |βx|, same bits
        for (int i = 0; i < b.n; i++) {
            float ei = e[i], spread = ei / ((1 + ei) * (1 + ei));
            dBeta[i] = xb[i] * spread * xb[i];
        }
        b.parameterSums[0] = BlockMath.dot(g, from, dBeta, b.n);
    }

    /** x·σ(βx). */
    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        return x.mul(theta[0].mul(x).sigmoid());
    }

    /**
     * σ(z) = 1/(1 + e) for z ≥ 0 and e/(1 + e) for z &lt; 0, given e = e^(−|z|). The numerator
     * max(e, sign z) is 1 for z &gt; 0 (as e ≤ 1), e = 1 at z = 0 and e for z &lt; 0: the same two
     * branches without a branch, so that the block loops vectorize (about 4× faster than the ternary
     * on random-sign input, measured on JDK 25).
     */
    static double sigmoid(double z, double e) {
        return Math.max(e, Math.signum(z)) / (1 + e);
    }

    /** σ(z)·σ(−z) = e/(1 + e)², given e = e^(−|z|). */
    static double spread(double e) {
        return e / ((1 + e) * (1 + e));
    }

    /** ∂(x·σ(βx))/∂x = σ(z) + z·σ(z)σ(−z), given z = βx, e = e^(−|z|) and the spread. */
    static double slope(double z, double e, double spread) {
        return sigmoid(z, e) + z * spread;
    }
}
