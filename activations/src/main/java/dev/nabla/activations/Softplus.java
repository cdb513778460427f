package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.PointwiseFunction;
import dev.nabla.tensor.internal.BlockMath;
import dev.nabla.tensor.internal.ReferenceMath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Softplus with PyTorch's semantics ({@code nn.Softplus(beta, threshold)}; Dugas, Bengio, Bélisle,
 * Nadeau &amp; Garcia, NIPS 2000): β &gt; 0 (default 1) fixed, or trainable with
 * {@code trainable=true}; the threshold (default 20) is never trainable.
 * <pre>
 *   f(x)   = ln(1 + e^(βx))/β        (βx ≤ threshold)      = x   (βx &gt; threshold: linear, as PyTorch)
 *   ∂f/∂x  = σ(βx)                                         = 1
 *   ∂f/∂β  = (x·σ(βx) − f)/β = (z·σ(z) − sp(z))/β²,  z = βx  = 0
 * </pre>
 * Stable form, with z = βx and e = e^(−|z|) ≤ 1 (one exp and one log1p, never overflowing):
 * <pre>
 *   sp(z) = max(z, 0) + log1p(e)          (relatively accurate for z ≪ 0, where it is ≈ e^z)
 *   z·σ(z) − sp(z) = −(|z|·e/(1 + e) + log1p(e))
 * </pre>
 * The last identity (the left side is even in z) replaces the cancelling difference x·σ − f, which
 * for large z loses all but a few digits, by a sum of two positive terms. At βx = threshold
 * the function jumps by sp(threshold)/β − x (2e-9/β at the default), a kink kept out of gradient
 * checks. After each optimizer step a trainable β is kept ≥ 1e-3.
 *
 * <p>The threshold is a field of the function (one instance per threshold), not a parameter θ, and
 * the registry entry is written out rather than built by {@code ElementwiseEntry}, whose
 * {@code trainable=true} would train every fixed parameter: here it trains β only.
 */
public final class Softplus extends ElementwiseFunction implements PointwiseFunction.FloatInPlace {
    static final Activations.Entry ENTRY = new Activations.Entry("softplus", defaults(),
            "PyTorch nn.Softplus; Dugas, Bengio, Belisle, Nadeau & Garcia, Incorporating second-order functional knowledge for better "
                    + "option pricing, NIPS 2000",
            "beta fixed unless trainable=true; threshold never trainable: f = x where beta*x > threshold (PyTorch)",
            Softplus::build, List.of("softplus", "softplus(beta=2,trainable=true)", "softplus(beta=0.5,threshold=0.6,trainable=true)"));

    private static final double FLOOR = 1e-3;
    private final double threshold;

    private Softplus(double threshold) {
        super("softplus", "beta");
        this.threshold = threshold;
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("beta", "1");
        d.put("threshold", "20");
        d.put("trainable", "false");
        return d;
    }

    private static Activation build(Arguments args) {
        double beta = args.number("beta"), threshold = args.number("threshold");
        boolean trainable = args.bool("trainable");
        return new ElementwiseActivation(args.activation(), new Softplus(threshold), new double[] {beta}, new boolean[] {trainable}, 1);
    }

    @Override
    public double value(double x, double[] theta) {
        return ReferenceMath.softplus(x, theta[0], threshold);
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        double beta = theta[0], z = beta * x, e = Math.exp(-Math.abs(z));
        dTheta[0] = betaDerivative(beta, z, e, Math.log1p(e));
        return ReferenceMath.softplusSlope(x, beta, threshold);
    }

    /**
     * F32 in place with SIMD loops: the gradient one loop with the float exp inside, the value two
     * (the exp, then the log1p; {@link BlockMath#softplus}, {@link BlockMath#softplusGradient}); a
     * trained β's sum goes through a float block.
     */
    @Override
    public void valueRangeF32(float[] x, float[] y, int from, int to, double[] theta) {
        BlockMath.softplus(x, y, from, to, (float) theta[0], (float) threshold);
    }

    @Override
    public void gradientRangeF32(float[] x, float[] g, float[] dx, int from, int to, double[] theta) {
        BlockMath.softplusGradient(x, g, dx, from, to, (float) theta[0], (float) threshold);
    }

    /**
     * ∂L/∂x, and Σ g·∂f/∂β over a float block, branch-free: with lin = [βx &gt; threshold] and zc, e,
     * log1p(e) from {@link #expAndLog1pF32}, ∂f/∂β = −(1 − lin)·(|zc|·e/(1 + e) + log1p(e))/β².
     */
    @Override
    public void backwardRangeF32(float[] x, float[] g, float[] dx, int from, PointwiseBlock b) {
        System.arraycopy(x, from, b.xf, 0, b.n);
        float beta = (float) b.theta[0], thr = (float) threshold, minusInvBeta2 = -1 / (beta * beta);
        float[] log1pE = expAndLog1pF32(b, beta), e = b.floatScratch(0), zc = b.floatScratch(1), dBeta = b.floatScratch(3), xb = b.xf;
        for (int i = 0; i < b.n; i++) {
            float lin = Math.max(Math.signum(beta * xb[i] - thr), 0f), ei = e[i];
            dBeta[i] = (1 - lin) * minusInvBeta2 * (Math.abs(zc[i]) * ei / (1 + ei) + log1pE[i]);
        }
        b.parameterSums[0] = BlockMath.dot(g, from, dBeta, b.n); // before dx is written: dx may be g
        gradientRangeF32(x, g, dx, from, from + b.n, b.theta);
    }

    /**
     * floatScratch(1) = zc = min(βx, threshold), floatScratch(0) = e = e^(−|zc|) and floatScratch(2)
     * = log1p(e) (returned), by a float exp and a float log1p pass.
     */
    private float[] expAndLog1pF32(PointwiseBlock b, float beta) {
        float[] e = b.floatScratch(0), zc = b.floatScratch(1), log1pE = b.floatScratch(2), x = b.xf;
        float thr = (float) threshold;
        for (int i = 0; i < b.n; i++) zc[i] = Math.min(beta * x[i], thr);
        for (int i = 0; i < b.n; i++) e[i] = -Math.abs(zc[i]);
        BlockMath.exp(e, e, b.n);
        BlockMath.log1p(e, log1pE, b.n);
        return log1pE;
    }

    /** where(βx &gt; threshold, x, softplus(βx)/β). */
    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        Tensor beta = theta[0], z = beta.mul(x);
        Tensor linear = Tensor.of(z.value().gt(NDArray.scalar(threshold, z.dtype())));
        return Tensor.where(linear, x, z.softplus().div(beta));
    }

    @Override
    public String violation(double[] theta) {
        return theta[0] > 0 ? null : "needs beta > 0, got beta=" + theta[0];
    }

    @Override
    public boolean hasConstraint() {
        return true;
    }

    @Override
    public void constrain(double[] theta) {
        theta[0] = Math.max(theta[0], FLOOR);
    }

    /** Away from the switch to the linear branch at x = threshold/β. */
    @Override
    public Domain gradcheckDomain(double[] theta) {
        return Domain.real().avoiding(threshold / theta[0]);
    }

    /** ∂f/∂β = −(|z|·e/(1 + e) + log1p(e))/β². */
    private double betaDerivative(double beta, double z, double e, double log1pE) {
        return z > threshold ? 0 : -(Math.abs(z) * e / (1 + e) + log1pE) / (beta * beta);
    }
}
