package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.PointwiseBlock;

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
public final class Mish extends ElementwiseFunction {
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

    @Override
    public void valueBlock(PointwiseBlock b) {
        double[] e = expBlock(b);
        for (int i = 0; i < b.n; i++) b.out[i] = value(b.x[i], e[i]);
    }

    @Override
    public void derivativeBlock(PointwiseBlock b) {
        double[] e = expBlock(b);
        for (int i = 0; i < b.n; i++) b.out[i] = slope(b.x[i], e[i]);
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

    /** scratch(0) = e^min(x, 20), by one SIMD exp pass (scratch 1 holds min(x, 20)). */
    private static double[] expBlock(PointwiseBlock b) {
        double[] e = b.scratch(0), arg = b.scratch(1);
        for (int i = 0; i < b.n; i++) arg[i] = Math.min(b.x[i], LINEAR);
        BlockExp.exp(arg, e, b.n);
        return e;
    }
}
