package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.PointwiseFunction;
import dev.nabla.tensor.internal.BlockMath;

/**
 * GELU, tanh approximation (Hendrycks &amp; Gimpel, arXiv 1606.08415; PyTorch's
 * {@code nn.GELU(approximate='tanh')}); no parameters. {@link Gelu} is the exact form.
 * <pre>
 *   f(x)  = ½x·(1 + tanh u),   u = √(2/π)·(x + 0.044715·x³)
 *   f′(x) = ½(1 + tanh u) + ½x·(1 − tanh² u)·√(2/π)·(1 + 3·0.044715·x²)
 * </pre>
 * Stable form: ½(1 + tanh u) = σ(2u) and ½(1 − tanh² u) = 2σ(2u)σ(−2u), both from
 * e = e^(−2|u|) ≤ 1 (no overflow, no cancellation of 1 + tanh u for x ≪ 0; {@link Swish}'s helpers):
 * <pre>
 *   s = σ(2u) = 1/(1 + e)  (u ≥ 0)  or  e/(1 + e)  (u &lt; 0),     s·(1 − s) = e/(1 + e)²
 *   f = x·s,   f′ = s + 2x·s(1 − s)·√(2/π)·(1 + 3·0.044715·x²)
 * </pre>
 * In f′ the second term's polynomial takes x clamped to ±40, where s(1 − s) has long underflowed
 * to 0 (2|u| &gt; 4600), so that x³ can never turn 0 into NaN. The F32 kernels run the same forms in
 * float lanes with e from the float exp pass (exactly 0 below e^−104, so x·e is 0 for huge x as in
 * double).
 */
public final class GeluTanh extends ElementwiseFunction implements PointwiseFunction.FloatValues, PointwiseFunction.FloatDerivatives {
    static final GeluTanh FUNCTION = new GeluTanh();
    static final Activations.Entry ENTRY = Activations.ElementwiseEntry
            .of("gelu_tanh", FUNCTION, "Hendrycks & Gimpel, Gaussian error linear units (GELUs), arXiv 1606.08415 (2016), tanh approximation")
            .notes("no parameters; PyTorch's GELU(approximate='tanh')")
            .build();

    /** √(2/π). */
    private static final double K = 0.7978845608028654;
    private static final double C = 0.044715;

    private GeluTanh() {
        super("gelu_tanh");
    }

    @Override
    public double value(double x, double[] theta) {
        double z = twiceU(x);
        return value(x, z, Math.exp(-Math.abs(z)));
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        double z = twiceU(x);
        return slope(x, z, Math.exp(-Math.abs(z)));
    }

    @Override
    public void valueBlockF32(PointwiseBlock b) {
        float[] e = expBlockF32(b), z = b.floatScratch(1), x = b.xf, out = b.outf;
        for (int i = 0; i < b.n; i++) out[i] = x[i] * (Math.max(e[i], Math.signum(z[i])) / (1 + e[i]));
    }

    @Override
    public void derivativeBlockF32(PointwiseBlock b) {
        float[] e = expBlockF32(b), z = b.floatScratch(1), x = b.xf, out = b.outf;
        float k = (float) K, c3 = (float) (3 * C), tail = (float) Gelu.TAIL;
        for (int i = 0; i < b.n; i++) {
            float ei = e[i], t = Math.min(Math.max(x[i], -tail), tail);
            out[i] = Math.max(ei, Math.signum(z[i])) / (1 + ei) + 2 * t * (ei / ((1 + ei) * (1 + ei))) * k * (1 + c3 * t * t);
        }
    }

    /** ½x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), the textbook form. */
    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        Tensor u = x.add(x.square().mul(x).mul(C)).mul(K);
        return x.mul(0.5).mul(u.tanh().add(1));
    }

    /** z = 2u = 2√(2/π)·(x + 0.044715·x³). */
    private static double twiceU(double x) {
        return 2 * K * (x + C * x * x * x);
    }

    /** f = x·σ(z), given z = 2u and e = e^(−|z|). */
    private static double value(double x, double z, double e) {
        return x * Swish.sigmoid(z, e);
    }

    /** f′ = σ(z) + 2x·σ(z)σ(−z)·√(2/π)·(1 + 3·0.044715·x²), given z = 2u and e = e^(−|z|). */
    private static double slope(double x, double z, double e) {
        double t = Gelu.tail(x);
        return Swish.sigmoid(z, e) + 2 * t * Swish.spread(e) * K * (1 + 3 * C * t * t);
    }

    /**
     * Float lanes: floatScratch(1) = z = 2u and floatScratch(0) = e^(−|z|) (returned), by one float exp
     * pass. Where x³ overflows a float (|x| &gt; 7e12), z is ±∞ and e = 0, so σ(z) is exactly 1 or 0,
     * as in double.
     */
    private static float[] expBlockF32(PointwiseBlock b) {
        float[] e = b.floatScratch(0), z = b.floatScratch(1), x = b.xf;
        float twoK = (float) (2 * K), c = (float) C;
        for (int i = 0; i < b.n; i++) z[i] = twoK * (x[i] + c * x[i] * x[i] * x[i]);
        for (int i = 0; i < b.n; i++) e[i] = -Math.abs(z[i]);
        BlockMath.exp(e, e, b.n);
        return e;
    }
}
