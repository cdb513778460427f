package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.internal.BlockMath;
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
public final class Softplus extends ElementwiseFunction {
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
        double beta = theta[0], z = beta * x, e = Math.exp(-Math.abs(z));
        return value(x, beta, z, Math.log1p(e));
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        double beta = theta[0], z = beta * x, e = Math.exp(-Math.abs(z));
        dTheta[0] = betaDerivative(beta, z, e, Math.log1p(e));
        return slope(z, e);
    }

    @Override
    public void valueBlock(PointwiseBlock b) {
        double beta = b.theta[0];
        double[] e = expBlock(b, beta), z = b.scratch(1), log1pE = b.scratch(3);
        BlockMath.log1p(e, log1pE, b.n);
        for (int i = 0; i < b.n; i++) b.out[i] = value(b.x[i], beta, z[i], log1pE[i]);
    }

    @Override
    public void derivativeBlock(PointwiseBlock b) {
        double beta = b.theta[0];
        double[] e = expBlock(b, beta), z = b.scratch(1), log1pE = b.scratch(3), dBeta = b.dTheta[0];
        BlockMath.log1p(e, log1pE, b.n);
        for (int i = 0; i < b.n; i++) {
            dBeta[i] = betaDerivative(beta, z[i], e[i], log1pE[i]);
            b.out[i] = slope(z[i], e[i]);
        }
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

    /** f, given z = βx and log1p(e^(−|z|)). */
    private double value(double x, double beta, double z, double log1pE) {
        return z > threshold ? x : (Math.max(z, 0) + log1pE) / beta;
    }

    /** ∂f/∂x = σ(z), given e = e^(−|z|). */
    private double slope(double z, double e) {
        return z > threshold ? 1 : Swish.sigmoid(z, e);
    }

    /** ∂f/∂β = −(|z|·e/(1 + e) + log1p(e))/β². */
    private double betaDerivative(double beta, double z, double e, double log1pE) {
        return z > threshold ? 0 : -(Math.abs(z) * e / (1 + e) + log1pE) / (beta * beta);
    }

    /** scratch(1) = z = βx and scratch(0) = e^(−|z|) (returned), by one SIMD exp pass (scratch 2 holds −|z|). */
    private static double[] expBlock(PointwiseBlock b, double beta) {
        double[] e = b.scratch(0), z = b.scratch(1), minusAbs = b.scratch(2);
        for (int i = 0; i < b.n; i++) {
            z[i] = beta * b.x[i];
            minusAbs[i] = -Math.abs(z[i]);
        }
        BlockExp.exp(minusAbs, e, b.n);
        return e;
    }
}
