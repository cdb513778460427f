package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.PointwiseFunction;

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
public final class SoftRootSign extends ElementwiseFunction implements PointwiseFunction.FloatValues, PointwiseFunction.FloatDerivatives {
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
        double alpha = theta[0], beta = theta[1];
        double t = Math.exp(-Math.abs(x) / beta);
        return x >= 0 ? x / (x / alpha + t) : x * t / (1 + x * t / alpha);
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        double alpha = theta[0], beta = theta[1];
        double t = Math.exp(-Math.abs(x) / beta);
        double den = x >= 0 ? x / alpha + t : 1 + x * t / alpha;
        double f = (x >= 0 ? x : x * t) / den;
        double xOverDen = x / den;
        dTheta[0] = (f / alpha) * (f / alpha);
        dTheta[1] = -xOverDen * xOverDen * t / (beta * beta);
        return (1 + x / beta) * t / (den * den);
    }

    /**
     * The F32 blocks run in float lanes and select the branch arithmetically, with
     * h = [x &gt; 0] ({@link Indicator#positive}) and h̄ = 1 − h: num = h + t·h̄ and
     * den = x·num/α + t·h + h̄ pick the two cases above exactly, without a data-dependent branch
     * (random signs would mispredict), so C2 can vectorize the loops. At x = 0 both cases give f = 0
     * and the same derivatives. With t from the float exp pass (2 ulps) the results are within a few
     * float ulps of the element forms; ∂f/∂β multiplies (x/den)·t before the second x/den, so that it
     * stays finite where x² would overflow a float (x = −1e30, t = 0).
     */
    @Override
    public void valueBlockF32(PointwiseBlock b) {
        float invAlpha = (float) (1 / b.theta[0]);
        float[] x = b.xf, t = Sigmoid.expOfMinusAbs(b, (float) (1 / b.theta[1])), out = b.outf;
        for (int i = 0; i < b.n; i++) {
            float xi = x[i], ti = t[i], h = Indicator.positive(xi), notH = 1 - h;
            float xNum = xi * (h + ti * notH);
            out[i] = xNum / (xNum * invAlpha + ti * h + notH);
        }
    }

    @Override
    public void derivativeBlockF32(PointwiseBlock b) {
        float invAlpha = (float) (1 / b.theta[0]), beta = (float) b.theta[1], invBeta = 1 / beta;
        float[] x = b.xf, t = Sigmoid.expOfMinusAbs(b, (float) (1 / b.theta[1])), invDen = b.floatScratch(1), f = b.floatScratch(2), out = b.outf;
        for (int i = 0; i < b.n; i++) {
            float xi = x[i], ti = t[i], h = Indicator.positive(xi), notH = 1 - h;
            float xNum = xi * (h + ti * notH), inv = 1 / (xNum * invAlpha + ti * h + notH);
            invDen[i] = inv;
            f[i] = xNum * inv;
        }
        for (int i = 0; i < b.n; i++) out[i] = (x[i] + beta) * invBeta * t[i] * invDen[i] * invDen[i]; // 1 + x/β without cancellation near x = −β
        if (b.wanted[0]) {
            float[] dAlpha = b.dThetaf[0];
            for (int i = 0; i < b.n; i++) {
                float fOverAlpha = f[i] * invAlpha;
                dAlpha[i] = fOverAlpha * fOverAlpha;
            }
        }
        if (b.wanted[1]) {
            float[] dBeta = b.dThetaf[1];
            for (int i = 0; i < b.n; i++) {
                float xOverDen = x[i] * invDen[i];
                dBeta[i] = -(xOverDen * t[i]) * xOverDen * invBeta * invBeta;
            }
        }
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
