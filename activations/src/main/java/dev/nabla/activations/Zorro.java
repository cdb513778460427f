package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.PointwiseFunction;
import dev.nabla.tensor.internal.BlockMath;
import dev.nabla.tensor.internal.ReferenceMath;
import java.util.Arrays;
import java.util.List;

/**
 * The Zorro family (Roodschild, Gotay-Sardiñas, Jiménez &amp; Will, arXiv 2409.19239;
 * docs/activations.md §4): a linear segment between two smooth tails, one class for all five
 * functions, which differ only in an affine map around the same building block.
 *
 * <p><b>Building block</b>, for v ≤ 0 (GS(v) = σ(a(v − b)) is inferred: the only form with
 * GS(0) = 1/k that reproduces the authors' code):
 * <pre>
 *   h(v; a, b) = k·v·G,   G = σ(a(v − b)),   k = 1 + e^(ab),   s = 1 − G = σ(a(b − v))
 *   h′(v)      = k·G·(1 + a·v·s)                               (h(0) = 0, h′(0) = k·G(0) = 1)
 *   ∂h/∂a      = v·s·(k·G·v + b·G·(e^(av) − 1))
 *   ∂h/∂b      = a·v·G·s·(e^(av) − 1)
 * </pre>
 * The parameter derivatives are the docs' v·[b·E·G + k·G·s·(v − b)] and v·[a·E·G − a·k·G·s]
 * (E = e^(ab)) rewritten with E·G − k·G·s = G·s·(e^(av) − 1), which has no cancellation near v = 0.
 *
 * <p><b>Symmetric-Zorro</b> Z(u) = h(u) for u &lt; 0, u on [0, 1], 1 − h(1 − u) for u &gt; 1;
 * Z′(u) = h′(v) in both tails (v = u or 1 − u) and 1 on [0, 1]. Each function is
 * f(x) = lo + scale·Z(u) with u = μ·x + c:
 * <pre>
 *   zorro_symmetric(a=1.2,b=1)            u = x              f = Z(u)        Z(1 − x) = 1 − Z(x)
 *   zorro_asymmetric(an=1.2,bn=1,ap=1.2,bp=1)  as symmetric, with (an, bn) in the left tail, (ap, bp) in the right
 *   zorro_sigmoid(m=0.5,a=4,b=2)          u = m·x + ½        f = Z(u)        f(−x) = 1 − f(x)
 *   zorro_tanh(m=1,a=4,b=2)               u = (m·x + 1)/2    f = 2·Z(u) − 1  odd; = m·x for |m·x| ≤ 1
 *   zorro_sloped(m=1,a=1.2,b=1)           u = m·x            f = Z(u)        linear m·x on [0, 1/m]
 * </pre>
 * and its derivatives (μ = q·m with q = ½ for Tanh-Zorro, 1 otherwise; μ = 1 without m):
 * <pre>
 *   ∂f/∂x     = scale·μ·Z′(u)
 *   ∂f/∂m     = scale·q·x·Z′(u)
 *   ∂f/∂{a,b} = scale·∂h/∂{a,b}(u) for u &lt; 0,  −scale·∂h/∂{a,b}(1 − u) for u &gt; 1,  0 on [0, 1]
 * </pre>
 * (Asymmetric-Zorro: each pair only from its own tail.)
 *
 * <p><b>Sloped-Zorro is AMBIGUOUS</b>: the sources say only that a slope m steepens the linear part.
 * This is reading A, Z(m·x), as the authors' code always lets a slope multiply the input; m = 1
 * gives Symmetric-Zorro. The alternative reading, Z(x) + m·x (by analogy with the same authors'
 * SigLin σ(x) + a·x), is not offered.
 *
 * <p><b>Kinks.</b> k·G(0) = 1 makes every function C¹ at u = 0 and u = 1 (slope 1 on both sides),
 * but not C²: h″(0⁻) = 2a·σ(ab), while Z″ = 0 on the segment. In x the boundaries are −c/μ and
 * (1 − c)/μ, which {@link #gradcheckDomain} keeps away from since second order is checked. At a
 * boundary itself the linear branch is taken (same value and slope as the tail).
 *
 * <p><b>Stable evaluation</b>: e^(ab) is never formed (a·b = 800 works; e^800 overflows). The
 * element forms, the specification, follow docs/activations.md with w = a(b − v):
 * k·G = exp(sp(ab) − sp(w)), s = σ(w), G = σ(−w), e^(av) − 1 by expm1. The fused F32 values run
 * in float lanes with two SIMD exp passes, t = e^(a·v) ∈ [0, 1] and E = ε·t = e^(−w):
 * <pre>
 *   s = 1/(1 + E),   G = E·s,   k·G = (1 + ε)·t·s = (t + E)·s,   e^(av) − 1 = t − 1
 * </pre>
 * so no intermediate exceeds 1 (ε = e^(−ab) itself would overflow a float for a·b &lt; −88). The
 * derivatives use the same passes ({@link #derivativeBlockF32}). The loops avoid branches (see the
 * note above valueBlockF32).
 *
 * <p><b>Parameters</b>: a &gt; 0 (steepness), m &gt; 0 (slope), and a·b ≥ −700 so that ε stays
 * finite (b is the shift; every source uses b &gt; 0). Defaults: (a, b) = (1.2, 1) from the authors'
 * yolov5zorro; m = 0.5, 1 with (4, 2) from their LSTM code. The paper's per-architecture values
 * were not recovered. <b>Trainable: AMBIGUOUS</b>; the authors' code keeps every parameter a
 * constant and the paper grid-searched them, so all are fixed by default; {@code trainable=true}
 * makes every one a Parameter, the slope m included (its gradient is as well defined as those of
 * a and b). After each step they are projected back: a, m ≥ 1e-3, b ≥ −700/a.
 *
 * <p>Shapes: x (*) → f (*); every parameter is one scalar for the layer. Example (as run in
 * {@code ZorroFamilyTest}): {@code Activations.parse("zorro_sloped(m=2,trainable=true)").forward(x)}
 * gives Z(2x) with trainable m, a and b.
 */
public final class Zorro extends ElementwiseFunction implements PointwiseFunction.FloatValues, PointwiseFunction.FloatDerivatives {
    private static final String PAPER = "Roodschild, Gotay-Sardiñas, Jiménez & Will, Zorro: a flexible and differentiable "
            + "parametric family of activation functions that extends ReLU and GELU, arXiv 2409.19239 (2024)";
    private static final String FIXED = "fixed by default (trainable=true trains them); GS = sigma(a(x-b)) is inferred, see docs/activations.md";

    /** a·b ≥ −700 keeps ε = e^(−ab) finite in double (the float blocks never form ε). */
    private static final double MIN_AB = -700;
    private static final double FLOOR = 1e-3;

    static final Zorro SYMMETRIC = new Zorro("zorro_symmetric", 1, 0, 1, 0, "a", "b");
    static final Zorro ASYMMETRIC = new Zorro("zorro_asymmetric", 1, 0, 1, 0, "an", "bn", "ap", "bp");
    static final Zorro SIGMOID = new Zorro("zorro_sigmoid", 1, 0.5, 1, 0, "m", "a", "b");
    static final Zorro TANH = new Zorro("zorro_tanh", 0.5, 0.5, 2, -1, "m", "a", "b");
    static final Zorro SLOPED = new Zorro("zorro_sloped", 1, 0, 1, 0, "m", "a", "b");

    static final Activations.Entry SYMMETRIC_ENTRY = Activations.ElementwiseEntry.of("zorro_symmetric", SYMMETRIC, PAPER)
            .parameter("a", 1.2, false)
            .parameter("b", 1, false)
            .trainableSwitch()
            .notes("a, b " + FIXED + "; defaults from the authors' yolov5zorro")
            .gradchecks("zorro_symmetric", "zorro_symmetric(a=4,b=2,trainable=true)", "zorro_symmetric(a=10,b=10,trainable=true)")
            .build();
    static final Activations.Entry ASYMMETRIC_ENTRY = Activations.ElementwiseEntry.of("zorro_asymmetric", ASYMMETRIC, PAPER)
            .parameter("an", 1.2, false)
            .parameter("bn", 1, false)
            .parameter("ap", 1.2, false)
            .parameter("bp", 1, false)
            .trainableSwitch()
            .notes("(an, bn) shape the left tail, (ap, bp) the right; " + FIXED)
            .gradchecks("zorro_asymmetric", "zorro_asymmetric(an=1.2,bn=1,ap=4,bp=2,trainable=true)")
            .build();
    static final Activations.Entry SIGMOID_ENTRY = Activations.ElementwiseEntry.of("zorro_sigmoid", SIGMOID, PAPER)
            .parameter("m", 0.5, false)
            .parameter("a", 4, false)
            .parameter("b", 2, false)
            .trainableSwitch()
            .notes("Z(m*x + 1/2); m, a, b " + FIXED + "; defaults from the authors' LSTM code")
            .gradchecks("zorro_sigmoid", "zorro_sigmoid(m=2,a=1.2,b=1,trainable=true)")
            .build();
    static final Activations.Entry TANH_ENTRY = Activations.ElementwiseEntry.of("zorro_tanh", TANH, PAPER)
            .parameter("m", 1, false)
            .parameter("a", 4, false)
            .parameter("b", 2, false)
            .trainableSwitch()
            .notes("2*Z((m*x + 1)/2) - 1; m, a, b " + FIXED + "; defaults from the authors' LSTM code")
            .gradchecks("zorro_tanh", "zorro_tanh(m=0.7,a=1.2,b=1,trainable=true)")
            .build();
    static final Activations.Entry SLOPED_ENTRY = Activations.ElementwiseEntry.of("zorro_sloped", SLOPED, PAPER)
            .parameter("m", 1, false)
            .parameter("a", 1.2, false)
            .parameter("b", 1, false)
            .trainableSwitch()
            .notes("Z(m*x): AMBIGUOUS, reading A of docs/activations.md (alternative Z(x) + m*x not offered); m, a, b " + FIXED)
            .gradchecks("zorro_sloped", "zorro_sloped(m=2,trainable=true)")
            .build();

    /** θ indices: the slope m (−1: none, μ = q), and (a, b) of the left and the right tail (the same pair unless asymmetric). */
    private final int m, aLeft, bLeft, aRight, bRight;
    /** The cap on E = e^(a·v − a·b) in the float lanes (see the note above valueBlockF32). */
    private static final float E_CAP = 1e30f;
    /** u = q·m·x + c and f = lo + scale·Z(u). */
    private final double q, c, scale, lo;

    private Zorro(String name, double q, double c, double scale, double lo, String... parameters) {
        super(name, parameters);
        List<String> names = List.of(parameters);
        this.m = names.indexOf("m");
        this.aLeft = names.contains("an") ? names.indexOf("an") : names.indexOf("a");
        this.bLeft = names.contains("bn") ? names.indexOf("bn") : names.indexOf("b");
        this.aRight = names.contains("ap") ? names.indexOf("ap") : aLeft;
        this.bRight = names.contains("bp") ? names.indexOf("bp") : bLeft;
        this.q = q;
        this.c = c;
        this.scale = scale;
        this.lo = lo;
    }

    /** μ, the slope of u = μ·x + c. */
    private double mu(double[] theta) {
        return m < 0 ? q : q * theta[m];
    }

    @Override
    public double value(double x, double[] theta) {
        double mu = mu(theta), u = mu * x + c;
        if (u < 0) return lo + scale * h(u, theta[aLeft], theta[bLeft]);
        if (u > 1) return lo + scale - scale * h(1 - u, theta[aRight], theta[bRight]);
        return scale * mu * x + (lo + scale * c); // lo + scale·u, without Tanh-Zorro's cancellation near 0
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        Arrays.fill(dTheta, 0);
        double mu = mu(theta), u = mu * x + c, zPrime;
        if (u < 0) zPrime = hDerivatives(u, theta[aLeft], theta[bLeft], scale, dTheta, aLeft, bLeft);
        else if (u > 1) zPrime = hDerivatives(1 - u, theta[aRight], theta[bRight], -scale, dTheta, aRight, bRight);
        else zPrime = 1;
        if (m >= 0) dTheta[m] = scale * q * x * zPrime;
        return scale * mu * zPrime;
    }

    /** h(v; a, b) = k·v·σ(a(v − b)) for v ≤ 0, as v·exp(sp(ab) − sp(a(b − v))). */
    static double h(double v, double a, double b) {
        return v * Math.exp(ReferenceMath.softplus(a * b) - ReferenceMath.softplus(a * (b - v)));
    }

    /** Returns h′(v) and writes sign·∂h/∂a, sign·∂h/∂b into dTheta[ia], dTheta[ib]. */
    static double hDerivatives(double v, double a, double b, double sign, double[] dTheta, int ia, int ib) {
        double w = a * (b - v);
        double kG = Math.exp(ReferenceMath.softplus(a * b) - ReferenceMath.softplus(w));
        double s = ReferenceMath.sigmoid(w), g = ReferenceMath.sigmoid(-w), em1 = Math.expm1(a * v);
        dTheta[ia] = sign * v * s * (kG * v + b * g * em1);
        dTheta[ib] = sign * a * v * g * s * em1;
        return kG * (1 + a * v * s);
    }

    /*
     * The F32 values run in float lanes and avoid branches, so that C2 can vectorize them. With the
     * two tail arguments vL = min(u, 0) and vR = min(1 − u, 0) (at most one is non-zero), the exponent
     * a·v is aL·vL + aR·vR, the signed tail term (+h on the left, −h on the right) is (vL − vR)·k·G,
     * and each tail's parameter derivatives carry a factor vL or vR, so they vanish on the other side.
     * Two float exp passes give t = e^(a·v) ∈ [0, 1] and E = ε·t = e^(a·v − a·b) (a·b of the element's
     * tail, picked as abR + (abL − abR)·[u < 0] with [u < 0] = [−u &gt; 0] ({@link Indicator#positive}),
     * exactly abR for a shared pair), and then
     *   s = 1/(1 + E),   G = E·s,   k·G = (1 + ε)·t·s = (t + E)·s,   e^(av) − 1 = t − 1,
     * one division per element, with E capped at 1e30 (where s = 1e-30, G = 1 and k·G = 1 to float
     * precision, as for any larger E), so that ∞/∞ never occurs and ε itself (up to e^700) is never
     * formed in float. On the segment
     * v = 0 and t = 1, so k·G = 1 whatever E is. Float rounding of u = μx + c costs up to |a·v|·6e-8
     * relative in t, which matters only where |a·v| is moderate: the values are within a few ulps
     * where they exceed 1e-6, and within 1e-6 absolute where t is tiny.
     */

    @Override
    public void valueBlockF32(PointwiseBlock b) {
        double[] th = b.theta;
        double mu = mu(th);
        float muF = (float) mu, cF = (float) c, slope = (float) (scale * mu), intercept = (float) (lo + scale * c);
        float xLo = (float) (-c / mu), xHi = (float) ((1 - c) / mu), scaleF = (float) scale;
        float[] x = b.xf, out = b.outf, t = b.floatScratch(0), e = b.floatScratch(1);
        expOfTails(b, muF, t, e);
        for (int i = 0; i < b.n; i++) {
            float u = muF * x[i] + cF, ei = Math.min(e[i], E_CAP);
            float kG = (t[i] + ei) / (1 + ei);
            out[i] = slope * Math.min(Math.max(x[i], xLo), xHi) + intercept + scaleF * (Math.min(u, 0f) - Math.min(1 - u, 0f)) * kG;
        }
    }

    /**
     * The derivatives in float lanes, from the same two exp passes as the values: with s, G and
     * k·G as above, Z′ = k·G·(1 + a·v·s) and g = ε·t·s = G. Z′ has a zero in each tail (h has a
     * minimum), where its terms cancel: there the float internals (u, a·v and the exps each rounded)
     * leave an absolute error of about 1e-7 in Z′ instead of a relative one, the size that rounding
     * u itself causes (ε·|u|·|Z″|); {@code ElementwiseActivationPropertiesTest} allows exactly that
     * near zeros of f′. The parameter derivatives are computed only when some are wanted (by
     * default a and b are fixed); e^(av) − 1 is t − 1 there, whose absolute error of an ulp only
     * ever multiplies a factor v or a·v, so the summed gradients keep float accuracy.
     */
    @Override
    public void derivativeBlockF32(PointwiseBlock b) {
        double[] th = b.theta;
        double mu = mu(th);
        float muF = (float) mu, cF = (float) c, slope = (float) (scale * mu), scaleF = (float) scale;
        float aL = (float) th[aLeft], bL = (float) th[bLeft], aR = (float) th[aRight], bR = (float) th[bRight];
        float[] x = b.xf, out = b.outf, t = b.floatScratch(0), e = b.floatScratch(1);
        expOfTails(b, muF, t, e);
        for (int i = 0; i < b.n; i++) {
            float u = muF * x[i] + cF, av = aL * Math.min(u, 0f) + aR * Math.min(1 - u, 0f), ei = Math.min(e[i], E_CAP);
            float s = 1 / (1 + ei);
            out[i] = slope * (t[i] + ei) * s * (1 + av * s); // scale·μ·k·G·(1 + a·v·s) = scale·μ·Z′(u)
        }
        boolean[] wanted = b.wanted;
        if (wanted[aLeft] || wanted[bLeft] || wanted[aRight] || wanted[bRight]) {
            // with P = s·k·G and Q = G·s·(e^(av) − 1) per element: ∂h/∂a = v·(P·v + b·Q), ∂h/∂b = a·v·Q
            float[] p = b.floatScratch(2), q = b.floatScratch(3);
            for (int i = 0; i < b.n; i++) {
                float ei = Math.min(e[i], E_CAP), s = 1 / (1 + ei);
                p[i] = (t[i] + ei) * s * s;
            }
            for (int i = 0; i < b.n; i++) {
                float ei = Math.min(e[i], E_CAP), s = 1 / (1 + ei);
                q[i] = ei * (t[i] - 1) * s * s;
            }
            // one loop per array (a loop storing all four vectorized only in some JIT runs); with one
            // (a, b) pair for both tails the right-tail arrays are the left ones, and get both terms
            float shared = aLeft == aRight ? 1 : 0;
            float[] daL = b.dThetaf[aLeft], dbL = b.dThetaf[bLeft], daR = b.dThetaf[aRight], dbR = b.dThetaf[bRight];
            for (int i = 0; i < b.n; i++) {
                float u = muF * x[i] + cF, vL = Math.min(u, 0f), v = vL + Math.min(1 - u, 0f);
                daL[i] = scaleF * vL * (p[i] * v + bL * q[i]);
            }
            for (int i = 0; i < b.n; i++) dbL[i] = scaleF * aL * Math.min(muF * x[i] + cF, 0f) * q[i];
            for (int i = 0; i < b.n; i++) {
                float u = muF * x[i] + cF, vR = Math.min(1 - u, 0f), v = Math.min(u, 0f) + vR;
                daR[i] = -scaleF * vR * (p[i] * v + bR * q[i]) + shared * daL[i];
            }
            for (int i = 0; i < b.n; i++) dbR[i] = -scaleF * aR * Math.min(1 - (muF * x[i] + cF), 0f) * q[i] + shared * dbL[i];
        }
        if (m >= 0 && wanted[m]) { // ∂f/∂m = scale·q·x·Z′ = x·(∂f/∂x)/m
            float[] dm = b.dThetaf[m];
            float invM = (float) (1 / th[m]);
            for (int i = 0; i < b.n; i++) dm[i] = x[i] * out[i] * invM;
        }
    }

    /**
     * t = e^(a·v) and e = e^(a·v − a·b) for each element's tail, a·v = aL·min(u, 0) + aR·min(1 − u, 0)
     * (0 on the segment), by two float exp passes.
     */
    private void expOfTails(PointwiseBlock b, float mu, float[] t, float[] e) {
        double[] th = b.theta;
        float aL = (float) th[aLeft], aR = (float) th[aRight], cF = (float) c;
        float abR = (float) (th[aRight] * th[bRight]), dAb = (float) (th[aLeft] * th[bLeft]) - abR;
        float[] x = b.xf;
        for (int i = 0; i < b.n; i++) {
            float u = mu * x[i] + cF;
            t[i] = aL * Math.min(u, 0f) + aR * Math.min(1 - u, 0f);
        }
        for (int i = 0; i < b.n; i++) e[i] = t[i] - (abR + dAb * Indicator.positive(-(mu * x[i] + cF)));
        BlockMath.exp(t, t, b.n);
        BlockMath.exp(e, e, b.n);
    }

    /** lo + scale·Z(u) with Z selected by where and each tail in the stable exp/softplus form. */
    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        Tensor u = m < 0 ? x : x.mul(theta[m].mul(q)).add(c);
        NDArray uv = u.value();
        Tensor zero = Tensor.of(NDArray.scalar(0, uv.dtype()));
        Tensor left = Tensor.of(uv.lt(NDArray.scalar(0, uv.dtype()))), right = Tensor.of(uv.gt(NDArray.scalar(1, uv.dtype())));
        Tensor hLeft = composeH(Tensor.where(left, u, zero), theta[aLeft], theta[bLeft]);
        Tensor hRight = composeH(Tensor.where(right, u.neg().add(1), zero), theta[aRight], theta[bRight]);
        return Tensor.where(left, hLeft, Tensor.where(right, hRight.neg().add(1), u)).mul(scale).add(lo);
    }

    private static Tensor composeH(Tensor v, Tensor a, Tensor b) {
        return v.mul(a.mul(b).softplus().sub(a.mul(b.sub(v)).softplus()).exp());
    }

    /** u = μx + c from −2 to 3 (both tails two units deep), avoiding the boundaries u = 0 and u = 1 by 0.05 in u. */
    @Override
    public Domain gradcheckDomain(double[] theta) {
        double mu = mu(theta);
        return Domain.range((-2 - c) / mu, (3 - c) / mu).avoiding(-c / mu, (1 - c) / mu).margin(0.05 / mu);
    }

    @Override
    public String violation(double[] theta) {
        boolean ok = m < 0 || theta[m] > 0;
        for (int[] pair : pairs()) ok &= theta[pair[0]] > 0 && theta[pair[0]] * theta[pair[1]] >= MIN_AB;
        if (ok) return null;
        StringBuilder got = new StringBuilder();
        for (int k = 0; k < theta.length; k++) got.append(k == 0 ? "" : ", ").append(parameterNames().get(k)).append('=').append(theta[k]);
        return "needs " + (m < 0 ? "" : "m > 0, ") + String.join(" and ", pairRules())
                + " (a is the steepness; e^(-a*b) must stay finite); got " + got;
    }

    @Override
    public boolean hasConstraint() {
        return true;
    }

    /** a, m ≥ 1e-3 and b ≥ −700/a. */
    @Override
    public void constrain(double[] theta) {
        if (m >= 0) theta[m] = Math.max(theta[m], FLOOR);
        for (int[] pair : pairs()) {
            theta[pair[0]] = Math.max(theta[pair[0]], FLOOR);
            theta[pair[1]] = Math.max(theta[pair[1]], MIN_AB / theta[pair[0]]);
        }
    }

    /** The (a, b) index pairs: one, or left and right. */
    private int[][] pairs() {
        return aRight == aLeft ? new int[][] {{aLeft, bLeft}} : new int[][] {{aLeft, bLeft}, {aRight, bRight}};
    }

    private List<String> pairRules() {
        return Arrays.stream(pairs()).map(p -> {
            String a = parameterNames().get(p[0]), b = parameterNames().get(p[1]);
            return a + " > 0, " + a + "*" + b + " >= " + (int) MIN_AB;
        }).toList();
    }
}
