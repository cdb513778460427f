package dev.nabla.activations;

import dev.nabla.activations.CAReLUOp.Grouping;
import dev.nabla.activations.CAReLUOp.Layout;
import dev.nabla.activations.CAReLUOp.Measure;
import dev.nabla.activations.CAReLUOp.Settings;
import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.OpCase;
import dev.nabla.autograd.check.TensorGen;
import dev.nabla.nn.Parameter;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Competition-based Adaptive ReLU (Chen &amp; Pan, arXiv 2407.19441; docs/activations.md §5), the
 * module: trainable α, β (one scalar each per layer) and the fixed settings of {@link CAReLUOp},
 * whose Javadoc has the math of the forward and backward. Within each competition group z,
 * <pre>
 *   p = share of the positive entries (measure=energy|l1|count),  c = K·tanh(α·p + β),  yⱼ = max(c·zⱼ, 0)
 * </pre>
 * Spec: {@code carelu(measure=energy, alpha=4, beta=-2, k=1.0373147207275482, eps=auto, groups=sample)}.
 * <ul>
 *   <li>{@code measure}: energy (p_E, the default, "frequently" the strongest in the paper's TL;DR),
 *       l1 (p_L1) or count (p_c, no gradient through p).</li>
 *   <li>{@code alpha}, {@code beta}, {@code k}: AMBIGUOUS in the sources (the paper's initial values
 *       and K were not recovered). The library defaults α = 4, β = −2, K = 1/tanh 2 make
 *       c = K·tanh(2·(2p − 1)) a smooth sgn(2p − 1) with c = 1 at p = 1 (plain ReLU) and c = −1 at
 *       p = 0 (ReLU(−z)). K is a constant and must be &gt; 0.</li>
 *   <li>{@code eps}: the division guard ε &gt; 0; {@code auto} means 1e-6 for F32 inputs and 1e-12 for
 *       F64 inputs.</li>
 *   <li>{@code groups}: AMBIGUOUS (the sources say only "input vector z"). {@code sample} (default):
 *       one group per sample over every non-batch dim; {@code channel}: one per (sample, channel)
 *       over the remaining dims, which for (N, T, D) is one group per token.</li>
 * </ul>
 * Caveat: p ≈ 0.5 gives c ≈ 0, i.e. near-zero output and gradient (likely why the paper adds
 * BN-aware variants, whose details were not recovered). After batch norm about half of every
 * sample's entries are positive, so the defaults start close to that point: in the default CNN
 * (the setup of {@code EveryActivationTrainsTest}) |c| is about 0.2 at the first step and the loss
 * barely moves for the first 10 steps; β then drifts away from −2 and the loss falls, more slowly
 * than with ReLU.
 *
 * <pre>{@code
 * Activation act = Activations.parse("carelu(measure=l1,groups=channel)");
 * Tensor y = act.forward(x);              // x (N, C, H, W): one group per (n, c)
 * }</pre>
 */
public final class CAReLU extends Activation {
    private static final String AUTO = "auto";

    static final Activations.Entry ENTRY = new Activations.Entry("carelu", defaults(),
            "Chen & Pan, Competition-based Adaptive ReLU for Deep Neural Networks, arXiv 2407.19441 (2024)",
            "not element-wise: competition groups per sample or per channel; alpha, beta trainable per layer; k fixed; "
                    + "init (4, -2, 1/tanh 2) and grouping are AMBIGUOUS, see docs/activations.md",
            CAReLU::of,
            List.of("carelu", "carelu(groups=channel)", "carelu(measure=l1)", "carelu(measure=l1,groups=channel)",
                    "carelu(measure=count)", "carelu(measure=count,groups=channel)", "carelu(alpha=-3,beta=1,k=0.8,eps=0.01)"));

    /** Gradcheck keeps |α·p + β| at least this far from 0 (c = 0 flips the sign of every ReLU of a group). */
    private static final double TANH_MARGIN = 0.1;
    /** Gradcheck keeps every |zⱼ| at least this far from 0 (the ReLU kinks, and p_c's jumps). */
    private static final double INPUT_MARGIN = 0.1;

    private final Settings settings;
    private final Parameter alpha, beta;

    /** A CAReLU layer with initial α, β and fixed settings; {@code spec} is its canonical spec. */
    public CAReLU(String spec, Settings settings, double alpha, double beta) {
        super(spec);
        this.settings = settings;
        this.alpha = registerParameter("alpha", new Parameter(NDArray.scalar(alpha, DType.F32)));
        this.beta = registerParameter("beta", new Parameter(NDArray.scalar(beta, DType.F32)));
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("measure", "energy");
        d.put("alpha", "4");
        d.put("beta", "-2");
        d.put("k", Double.toString(1 / Math.tanh(2)));
        d.put("eps", AUTO);
        d.put("groups", "sample");
        return d;
    }

    private static CAReLU of(Arguments args) {
        Measure measure = Measure.valueOf(args.word("measure", "energy", "l1", "count").toUpperCase(Locale.ROOT));
        Grouping grouping = Grouping.valueOf(args.word("groups", "sample", "channel").toUpperCase(Locale.ROOT));
        Settings settings = new Settings(measure, grouping, args.numberAbove("k", 0), eps(args));
        return new CAReLU(args.activation(), settings, args.number("alpha"), args.number("beta"));
    }

    /**
     * eps: {@code auto} (by dtype) or a finite number &gt; 0. Arguments reads only one kind of value
     * per key, so the value is taken from the canonical spec ({@link Arguments#activation()}).
     */
    private static OptionalDouble eps(Arguments args) {
        String given = ActivationSpec.parse(args.activation()).args().getOrDefault("eps", AUTO);
        if (given.equals(AUTO)) return OptionalDouble.empty();
        try {
            double eps = Double.parseDouble(given);
            if (eps > 0 && Double.isFinite(eps)) return OptionalDouble.of(eps);
        } catch (NumberFormatException e) {
            // reported below
        }
        throw args.error("argument eps=" + given + " is invalid; expected auto (1e-6 for F32 inputs, 1e-12 for F64) or a finite number > 0");
    }

    public Settings settings() {
        return settings;
    }

    public Parameter alpha() {
        return alpha;
    }

    public Parameter beta() {
        return beta;
    }

    @Override
    public Tensor forward(Tensor x) {
        return CAReLUOp.apply(x, alpha.tensor(), beta.tensor(), settings);
    }

    /**
     * The same function composed of primitive Tensor ops (relu, square, sum, div, tanh, mul), with
     * this layer's α and β: what {@link #forward} computes in one fused op, and the baseline of
     * {@code ActivationBenchmark}'s "composed". Accurate for moderate inputs only (no stable forms).
     */
    public Tensor composed(Tensor x) {
        return CAReLUOp.compose(x, alpha.tensor(), beta.tensor(), settings);
    }

    /**
     * Gradcheck of ∂/∂z, ∂/∂α and ∂/∂β in F64 at this layer's α, β. The inputs avoid the kinks:
     * every |zⱼ| ∈ [0.1, 2] (ReLU(c·zⱼ) switches at zⱼ = 0, p_c jumps there, and Σ z² stays far
     * above ε), and each group is redrawn until |α·p + β| ≥ 0.1, since at c = 0 every ReLU of the
     * group switches at once. Each group draws its share of positive entries first, so that p
     * spreads over [0, 1] rather than bunching at 0.5.
     */
    @Override
    public OpCase gradcheckCase(String name) {
        double a = alpha.value().item(), b = beta.value().item();
        return OpCase.of(name, 3, gen -> new Tensor[] {
                    Tensor.leaf(gradcheckInput(gen, a, b), true),
                    Tensor.leaf(NDArray.scalar(a, DType.F64), true),
                    Tensor.leaf(NDArray.scalar(b, DType.F64), true)},
                in -> CAReLUOp.apply(in[0], in[1], in[2], settings))
                .covers("CAReLUOp")
                .kinks("|z| in [" + INPUT_MARGIN + ", 2] (ReLU kinks at z = 0, count jumps); groups redrawn until |alpha*p + beta| >= "
                        + TANH_MARGIN + " (c = 0)");
    }

    private NDArray gradcheckInput(TensorGen gen, double a, double b) {
        int minRank = settings.grouping() == Grouping.SAMPLE ? 1 : 2;
        int rank = gen.integer(minRank, Math.max(minRank, Math.min(gen.maxRank(), 3)));
        int[] dims = new int[rank];
        for (int d = 0; d < rank; d++) dims[d] = gen.integer(1, Math.min(gen.maxDim(), d < 2 ? 3 : 4));
        Layout layout = Layout.of(Shape.of(dims), settings.grouping());
        double eps = settings.eps(DType.F64);
        double[] v = new double[layout.count() * layout.size()];
        Rng rng = gen.rng();
        for (int gi = 0; gi < layout.count(); gi++) {
            int from = gi * layout.size(), tries = 0;
            do {
                if (++tries > 1000) {
                    throw new IllegalStateException("carelu gradcheck: cannot draw a group with |alpha*p + beta| >= " + TANH_MARGIN
                            + " for alpha=" + a + ", beta=" + b + " (c is near 0 for every p)");
                }
                double positiveShare = rng.nextDouble();
                for (int j = from; j < from + layout.size(); j++) {
                    double magnitude = INPUT_MARGIN + (2 - INPUT_MARGIN) * rng.nextDouble();
                    v[j] = rng.nextDouble() < positiveShare ? magnitude : -magnitude;
                }
            } while (Math.abs(a * CAReLUReference.ratio(v, from, layout.size(), settings.measure(), eps) + b) < TANH_MARGIN);
        }
        NDArray x = NDArray.of(v, dims);
        // a transposed view half of the time: the op must read strided inputs too
        return rank >= 2 && rng.nextDouble() < 0.5 ? x.transpose(rank - 2, rank - 1).contiguous().transpose(rank - 2, rank - 1) : x;
    }

    @Override
    protected String extraRepr() {
        return spec() + ", trainable [alpha, beta]";
    }
}
