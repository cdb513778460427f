package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.PointwiseFunction;
import dev.nabla.tensor.internal.BlockMath;
import dev.nabla.tensor.internal.ReferenceMath;

/**
 * Soft-Root-Sign (Zhou, Li, Huo &amp; Kung, arXiv 2003.00547; docs/activations.md §1), with
 * trainable α, β &gt; 0 (per layer, or per channel with {@code channels=C}):
 * <pre>
 *   f(x) = x / (x/α + e^(−x/β))          bounded: [αβ/(β − αe), α), f(0) = 0, f′(0) = 1
 * </pre>
 * The denominator stays positive for every x iff β &lt; e·α, so that constraint is enforced after
 * every optimizer step (α ≥ 1e-3, 1e-3 ≤ β ≤ (e − 1e-3)·α) and violating it at construction is an
 * error. Init α = 2, β = 3 (AMBIGUOUS in the sources: the survey attributes it to the authors;
 * third-party code uses (5, 3), (3, 2) and (1, 1)).
 *
 * <p>Stable evaluation: with t = e^(−|x|/β) ≤ 1, never overflowing,
 * <pre>
 *   x ≥ 0:  num = 1,  den = x/α + t           (den = D)
 *   x &lt; 0:  num = t,  den = 1 + x·t/α         (den = D·t, i.e. the fraction multiplied by t)
 *   f      = x·num/den
 *   ∂f/∂x  = (1 + x/β)·t / den²
 *   ∂f/∂α  = (f/α)²                           (= x²/(α²D²))
 *   ∂f/∂β  = −(x/den)²·t / β²                 (= −x²e^(−x/β)/(β²D²))
 * </pre>
 * Both branches give the same expressions once written with num/den, so there is no kink at 0.
 */
public final class SoftRootSign extends ElementwiseFunction implements PointwiseFunction.FloatInPlace {
    static final SoftRootSign FUNCTION = new SoftRootSign();
    static final Activations.Entry ENTRY = Activations.ElementwiseEntry
            .of("srs", FUNCTION, "Zhou, Li, Huo & Kung, Soft-Root-Sign activation function, arXiv 2003.00547 (2020)")
            .parameter("alpha", 2, true)
            .parameter("beta", 3, true)
            .perChannel()
            .notes("alpha, beta trainable, 0 < beta < e*alpha enforced after each step; init (2, 3) is AMBIGUOUS, see docs/activations.md")
            .gradchecks("srs", "srs(alpha=5,beta=3)", "srs(channels=3)")
            .build();

    private static final double FLOOR = 1e-3;

    private SoftRootSign() {
        super("srs", "alpha", "beta");
    }

    @Override
    public double value(double x, double[] theta) {
        return ReferenceMath.softRootSign(x, theta[0], theta[1]);
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        return ReferenceMath.softRootSignDerivatives(x, theta[0], theta[1], dTheta);
    }

    /**
     * F32: one SIMD loop per direction with the float exp inside ({@link BlockMath#softRootSign}),
     * the two cases picked per lane without a branch; within a few float ulps of the element forms.
     */
    @Override
    public void valueRangeF32(float[] x, float[] y, int from, int to, double[] theta) {
        BlockMath.softRootSign(x, y, from, to, theta[0], theta[1]);
    }

    @Override
    public void gradientRangeF32(float[] x, float[] g, float[] dx, int from, int to, double[] theta) {
        BlockMath.softRootSignGradient(x, g, dx, from, to, theta[0], theta[1], null);
    }

    /** ∂L/∂x and the sums for α and β in the same loop ({@link BlockMath#softRootSignGradient}). */
    @Override
    public void backwardRangeF32(float[] x, float[] g, float[] dx, int from, PointwiseBlock b) {
        BlockMath.softRootSignGradient(x, g, dx, from, from + b.n, b.theta[0], b.theta[1], b.parameterSums);
    }

    /** The textbook form x / (x/α + e^(−x/β)); fine where second order is needed (moderate x). */
    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        Tensor alpha = theta[0], beta = theta[1];
        return x.div(x.div(alpha).add(x.neg().div(beta).exp()));
    }

    @Override
    public String violation(double[] theta) {
        double alpha = theta[0], beta = theta[1];
        if (alpha > 0 && beta > 0 && beta < Math.E * alpha) return null;
        return "needs alpha > 0, beta > 0 and beta < e*alpha (so that x/alpha + e^(-x/beta) > 0 for all x); got alpha="
                + alpha + ", beta=" + beta;
    }

    @Override
    public boolean hasConstraint() {
        return true;
    }

    @Override
    public void constrain(double[] theta) {
        theta[0] = Math.max(theta[0], FLOOR);
        theta[1] = Math.min(Math.max(theta[1], FLOOR), (Math.E - FLOOR) * theta[0]);
    }
}
