package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.PointwiseBlock;

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
 * The F32 block forms take e from {@code BlockExp}, exactly 0 where it underflows in double, so
 * that x·e and x²·e are 0 for huge x as in the element forms. Any real β is valid (β = 0 gives x/2).
 *
 * <p>The static helpers serve {@link Silu} (β = 1) and {@link Dsilu} (SiLU′) as well.
 */
public final class Swish extends ElementwiseFunction {
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
    public void valueBlock(PointwiseBlock b) {
        double[] e = expBlock(b, b.theta[0]), z = b.scratch(1);
        for (int i = 0; i < b.n; i++) b.out[i] = b.x[i] * sigmoid(z[i], e[i]);
    }

    @Override
    public void derivativeBlock(PointwiseBlock b) {
        double[] e = expBlock(b, b.theta[0]), z = b.scratch(1), dBeta = b.dTheta[0];
        for (int i = 0; i < b.n; i++) {
            double x = b.x[i], spread = spread(e[i]);
            dBeta[i] = x * spread * x;
            b.out[i] = slope(z[i], e[i], spread);
        }
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

    /** scratch(1) = z = βx and scratch(0) = e^(−|z|) (returned), by one SIMD exp pass (scratch 2 holds −|z|). */
    static double[] expBlock(PointwiseBlock b, double beta) {
        double[] e = b.scratch(0), z = b.scratch(1), minusAbs = b.scratch(2);
        for (int i = 0; i < b.n; i++) {
            z[i] = beta * b.x[i];
            minusAbs[i] = -Math.abs(z[i]);
        }
        BlockExp.exp(minusAbs, e, b.n);
        return e;
    }
}
