package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.PointwiseFunction;
import dev.nabla.tensor.internal.BlockMath;

/**
 * Mish (Misra, Mish: a self regularized non-monotonic activation function, BMVC 2020,
 * arXiv 1908.08681; PyTorch's {@code nn.Mish}); no parameters.
 * <pre>
 *   f(x)  = x·tanh(sp(x)),   sp(x) = ln(1 + e^x)
 *   f′(x) = tanh(sp(x)) + x·sech²(sp(x))·σ(x)
 * </pre>
 * Stable form (docs/activations.md §6), from one e = e^x for x &lt; 20:
 * <pre>
 *   n = e·(e + 2) = (1 + e^x)² − 1
 *   tanh(sp(x)) = n/(n + 2),   sech²(sp(x)) = 1 − tanh² = 4(n + 1)/(n + 2)²,   σ(x) = e/(1 + e)
 * </pre>
 * No cancellation for x ≪ 0 (tanh(sp(x)) ≈ e^x keeps its relative accuracy), and n never
 * overflows. From x = 20 on, 1 − tanh(sp(x)) &lt; 1e-17, so f = x (exactly, in
 * double) and f′ = 1 (within 4e-16). Minimum −0.3088434130 at x = −1.192431215; f′(0) = 0.6.
 */
public final class Mish extends ElementwiseFunction implements PointwiseFunction.FloatValues, PointwiseFunction.FloatDerivatives {
    static final Mish FUNCTION = new Mish();
    static final Activations.Entry ENTRY = Activations.ElementwiseEntry
            .of("mish", FUNCTION, "Misra, Mish: a self regularized non-monotonic activation function, BMVC 2020, arXiv 1908.08681")
            .notes("no parameters")
            .build();

    /** Where f becomes x in double. */
    static final double LINEAR = 20;

    private Mish() {
        super("mish");
    }

    @Override
    public double value(double x, double[] theta) {
        return value(x, Math.exp(Math.min(x, LINEAR)));
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        return slope(x, Math.exp(Math.min(x, LINEAR)));
    }

    /**
     * Float lanes, the same forms with e = e^min(x, 20) from the float exp pass: n = e·(e + 2) stays
     * below 2.4e17 and (n + 2)² below 5.5e34, both finite in float. f = x·(n/(n + 2)) (in that order,
     * so that x up to 1e30 does not overflow), which is x itself from 20 on; there
     * n/(n + 2) = 1 in float. Within a few ulps; e is 0 below e^−104, so f is −0 for very negative x.
     */
    @Override
    public void valueBlockF32(PointwiseBlock b) {
        float[] e = expBlockF32(b), x = b.xf, out = b.outf;
        for (int i = 0; i < b.n; i++) {
            float n = e[i] * (e[i] + 2);
            out[i] = x[i] * (n / (n + 2));
        }
    }

    /**
     * Float lanes: f′ = n/(n + 2) + min(x, 20)·σ·4(n + 1)/(n + 2)², the second term taking x capped
     * like e (beyond 20 it is below 1e-15, so f′ = 1 in float as in double, while x itself, up to
     * 1e30, would blow it up). Near the zero of f′ (x ≈ −1.19) the two terms cancel to about 1e-7
     * absolute (see the test's allowance).
     */
    @Override
    public void derivativeBlockF32(PointwiseBlock b) {
        float[] e = expBlockF32(b), capped = b.floatScratch(1), out = b.outf;
        for (int i = 0; i < b.n; i++) {
            float ei = e[i], n = ei * (ei + 2), nPlus2 = n + 2;
            out[i] = n / nPlus2 + capped[i] * (ei / (1 + ei)) * 4 * (n + 1) / (nPlus2 * nPlus2);
        }
    }

    /** x·tanh(softplus(x)). */
    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        return x.mul(x.softplus().tanh());
    }

    /** f, given e = e^min(x, 20). */
    private static double value(double x, double e) {
        if (x >= LINEAR) return x;
        double n = e * (e + 2);
        return x * n / (n + 2);
    }

    /** f′, given e = e^min(x, 20). */
    private static double slope(double x, double e) {
        if (x >= LINEAR) return 1;
        double n = e * (e + 2), nPlus2 = n + 2;
        return n / nPlus2 + x * e / (1 + e) * 4 * (n + 1) / (nPlus2 * nPlus2);
    }

    /** floatScratch(1) = min(x, 20) and floatScratch(0) = e^min(x, 20) (returned), by one float exp pass. */
    private static float[] expBlockF32(PointwiseBlock b) {
        float[] e = b.floatScratch(0), capped = b.floatScratch(1), x = b.xf;
        for (int i = 0; i < b.n; i++) capped[i] = Math.min(x[i], (float) LINEAR);
        BlockMath.exp(capped, e, b.n);
        return e;
    }
}
