package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.tensor.PointwiseFunction;

/**
 * Hard swish (Howard et al., Searching for MobileNetV3, arXiv 1905.02244; PyTorch's
 * {@code nn.Hardswish}), no parameters: x·relu6(x + 3)/6 with relu6(t) = min(max(t, 0), 6), piecewise
 * <pre>
 *   f(x) = 0              (x ≤ −3)          f′(x) = 0            (x &lt; −3)
 *   f(x) = x·(x + 3)/6    (−3 &lt; x &lt; 3)      f′(x) = x/3 + 1/2    (−3 ≤ x ≤ 3)
 *   f(x) = x              (x ≥ 3)           f′(x) = 1            (x &gt; 3)
 * </pre>
 * f is continuous but f′ jumps at ±3; there f′ follows PyTorch's backward: f′(−3) = −1/2,
 * f′(3) = 3/2 (the middle piece's slope on the closed interval). Gradcheck keeps away from ±3.
 */
public final class HardSwish extends ElementwiseFunction implements PointwiseFunction.FloatInPlace {
    static final HardSwish FUNCTION = new HardSwish();
    static final Activations.Entry ENTRY = Activations.ElementwiseEntry
            .of("hardswish", FUNCTION, "Howard et al., Searching for MobileNetV3, arXiv 1905.02244 (ICCV 2019); PyTorch nn.Hardswish")
            .notes("no parameters; PyTorch's backward at the kinks: f'(-3) = -1/2, f'(3) = 3/2")
            .build();

    private HardSwish() {
        super("hardswish");
    }

    /**
     * x·(relu6(x + 3)/6) = x·hardsigmoid(x): branch-free, and exactly x for x ≥ 3 (PyTorch's
     * x·relu6(x + 3)/6 overflows there for |x| &gt; 3e307).
     */
    @Override
    public double value(double x, double[] theta) {
        return x * (Math.min(Math.max(x + 3, 0), 6) / 6);
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        return x < -3 ? 0 : x > 3 ? 1 : x / 3 + 0.5;
    }

    /** Float lanes: x·(min(max(x + 3, 0), 6)/6), within 2 float ulps of the element form. */
    @Override
    public void valueRangeF32(float[] x, float[] y, int from, int to, double[] theta) {
        for (int i = from; i < to; i++) y[i] = x[i] * (Math.min(Math.max(x[i] + 3f, 0f), 6f) / 6f);
    }

    /**
     * Float lanes, branch-free: f′ = (c/3 + ½)·[|x| ≤ 3] + [x &gt; 3] with c = min(max(x, −3), 3) (finite
     * even for x = ±∞) and the indicators as 1 − [|x| − 3 &gt; 0] and [x − 3 &gt; 0] ({@link Indicator#positive});
     * one rounding of c/3 + ½ inside, exact outside (f′(±3) as in the element form).
     */
    @Override
    public void gradientRangeF32(float[] x, float[] g, float[] dx, int from, int to, double[] theta) {
        for (int i = from; i < to; i++) {
            float v = x[i], inside = 1 - Indicator.positive(Math.abs(v) - 3f), above = Indicator.positive(v - 3f);
            dx[i] = g[i] * ((Math.min(Math.max(v, -3f), 3f) / 3f + 0.5f) * inside + above);
        }
    }

    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        return x.mul(x.add(3).clamp(0, 6)).div(6);
    }

    /** [−5, 5], so that every piece is checked, without bands around the kinks ±3. */
    @Override
    public Domain gradcheckDomain(double[] theta) {
        return Domain.range(-5, 5).avoiding(-3, 3);
    }
}
