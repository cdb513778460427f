package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.PointwiseFunction;
import dev.nabla.tensor.internal.BlockMath;
import dev.nabla.tensor.internal.ZorroForm;
import java.util.Arrays;
import java.util.List;

/**
 * The Zorro family (Roodschild, Gotay-Sardiñas, Jiménez &amp; Will, arXiv 2409.19239;
 * docs/activations.md §4): a linear segment between two smooth tails, one class for all five
 * functions, which differ only in an affine map around the same building block.
 *
 * <p><b>Building block</b> h(v; a, b) = k·v·σ(a(v − b)) for v ≤ 0 with k = 1 + e^(ab), so that
 * h′(0) = 1 (GS(v) = σ(a(v − b)) is inferred: the only form with GS(0) = 1/k that reproduces the
 * authors' code). It and its derivatives, with the stable forms, are in {@link ZorroForm}, the
 * specification these functions evaluate.
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
 * element forms follow docs/activations.md, k·G = exp(sp(ab) − sp(a(b − v))) ({@link ZorroForm}).
 * F32 runs in place, one SIMD loop per direction with one float exp per element
 * ({@link BlockMath#zorro}, {@link BlockMath#zorroGradient}), the parameter-gradient sums in the
 * backward's loop.
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
public final class Zorro extends ElementwiseFunction implements PointwiseFunction.FloatInPlace {
    private static final String PAPER = "Roodschild, Gotay-Sardiñas, Jiménez & Will, Zorro: a flexible and differentiable "
            + "parametric family of activation functions that extends ReLU and GELU, arXiv 2409.19239 (2024)";
    private static final String FIXED = "fixed by default (trainable=true trains them); GS = sigma(a(x-b)) is inferred, see docs/activations.md";

    /** a·b ≥ −700 keeps ε = e^(−ab) finite in double (the float kernels never form ε). */
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

    /** The function at θ: lo + scale·Z(μx + c) with each tail's (a, b). */
    private ZorroForm form(double[] theta) {
        return new ZorroForm(mu(theta), c, scale, lo, theta[aLeft], theta[bLeft], theta[aRight], theta[bRight]);
    }

    @Override
    public double value(double x, double[] theta) {
        return form(theta).value(x);
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        double[] partials = new double[ZorroForm.PARTIALS];
        double dx = form(theta).derivatives(x, partials);
        toParameters(partials, dTheta);
        return dx;
    }

    /**
     * θ's derivatives from the form's (∂/∂μ, then each tail's ∂/∂a, ∂/∂b): ∂/∂m = q·∂/∂μ, and a pair
     * shared by both tails gets the sum of both (only one of them is non-zero at any x).
     */
    private void toParameters(double[] partials, double[] dTheta) {
        Arrays.fill(dTheta, 0);
        if (m >= 0) dTheta[m] = q * partials[ZorroForm.D_MU];
        dTheta[aLeft] += partials[ZorroForm.D_A_LEFT];
        dTheta[bLeft] += partials[ZorroForm.D_B_LEFT];
        dTheta[aRight] += partials[ZorroForm.D_A_RIGHT];
        dTheta[bRight] += partials[ZorroForm.D_B_RIGHT];
    }

    @Override
    public void valueRangeF32(float[] x, float[] y, int from, int to, double[] theta) {
        BlockMath.zorro(x, y, from, to, form(theta));
    }

    @Override
    public void gradientRangeF32(float[] x, float[] g, float[] dx, int from, int to, double[] theta) {
        BlockMath.zorroGradient(x, g, dx, from, to, form(theta), null);
    }

    /** ∂L/∂x and every parameter's sum in the same loop ({@link BlockMath#zorroGradient}). */
    @Override
    public void backwardRangeF32(float[] x, float[] g, float[] dx, int from, PointwiseBlock b) {
        double[] partials = new double[ZorroForm.PARTIALS];
        BlockMath.zorroGradient(x, g, dx, from, from + b.n, form(b.theta), partials);
        toParameters(partials, b.parameterSums);
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
