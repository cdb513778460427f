package dev.nabla.activations;

import dev.nabla.autograd.Grad;
import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.ShapeException;
import dev.nabla.tensor.internal.BlockMath;
import dev.nabla.tensor.internal.Parallel;
import dev.nabla.tensor.internal.ReferenceTwin;
import java.util.OptionalDouble;

/**
 * The differentiable op of CAReLU (Chen &amp; Pan, arXiv 2407.19441; docs/activations.md §5). It is
 * not element-wise: positive and negative entries of each competition group z ∈ R^d compete.
 * <pre>
 *   forward   p = p_E  = Σⱼ max(zⱼ,0)² / (Σⱼ zⱼ² + ε)          measure=energy (default)
 *             p = p_L1 = Σⱼ max(zⱼ,0)  / (Σⱼ |zⱼ| + ε)         measure=l1
 *             p = p_c  = #{j : zⱼ &gt; 0} / d                     measure=count
 *             s = α·p + β,   c = K·tanh(s),   yⱼ = max(c·zⱼ, 0)
 *
 *   backward  with g = ∂L/∂y, mⱼ = [c·zⱼ &gt; 0] (ReLU′(0) = 0), S = Σⱼ gⱼ·zⱼ·mⱼ (= ∂L/∂c),
 *             c′ = dc/ds = K·(1 − tanh²(s)) = K·sech²(s),  T = S·c′ (= ∂L/∂s):
 *             ∂L/∂α = Σ_groups T·p        ∂L/∂β = Σ_groups T
 *             ∂L/∂zᵢ = gᵢ·c·mᵢ + T·α·∂p/∂zᵢ                    (the second term is non-local)
 *             ∂p_E/∂zᵢ  = 2·(max(zᵢ,0) − p·zᵢ) / (Σ z² + ε)
 *             ∂p_L1/∂zᵢ = (H(zᵢ) − p·sign(zᵢ)) / (Σ |z| + ε)     (H(0) = sign(0) = 0)
 *             ∂p_c/∂zᵢ  = 0                                     (piecewise constant)
 * </pre>
 * If c &lt; 0 (the negatives win) the output is |c|·ReLU(−z). With the library defaults α = 4,
 * β = −2, K = 1/tanh 2, c = K·tanh(2·(2p − 1)) is a smooth sgn(2p − 1): p = 1 gives plain ReLU,
 * p = 0 gives ReLU(−z). Caveat: p ≈ 0.5 gives c ≈ 0, so output and gradient vanish there.
 *
 * <p>Groups ({@link Grouping}, AMBIGUOUS in the sources): {@code sample} (default) is one group per
 * sample over every non-batch dim ((N, D) → D; (N, C, H, W) → C·H·W; a rank-1 input is one group);
 * {@code channel} is one group per (sample, dim-1 index) over the remaining dims ((N, C, H, W) →
 * H·W; (N, T, D) → D, i.e. per token). In row-major order each group is a contiguous run.
 *
 * <p>The first-order forward and backward are fused kernels (two passes over each group: its sums,
 * then y; or S, then ∂L/∂z) that read the F32 or F64 array in place, work in double and round
 * once on store. Each group's sums are accumulated in double in a fixed order (index order for
 * F64; for F32 per SIMD double lane, then the lanes in order, {@link BlockMath#positiveAndAllSums}),
 * groups are split into chunks of whole groups whose size depends only on the shape, and the parameter gradients are
 * added in group order, so results are bit-identical on any number of threads. The masks are
 * branch-free (zⱼ·mⱼ = σ·max(σ·zⱼ, 0) with σ = sign(c)). Their plain-loop twin is
 * {@link CAReLUReference}. When the backward is itself recorded (a backward with
 * {@code createGraph}, inside which {@link Grad#isEnabled()} is true) the gradients come from
 * differentiating {@link #compose}, the same function in Tensor ops, so second order works.
 *
 * <p>Numerics: the sums are bounded by d·max zⱼ² and are exact enough in double; F64 inputs beyond
 * |z| ≈ 1e154 overflow Σ z² (the stability range ends at 1e30). Shapes: z (*) → y (*),
 * y of z's dtype; α and β hold one element each.
 */
public final class CAReLUOp {
    /** Elements per parallel chunk, rounded to whole groups (at least one group per chunk). */
    static final int CHUNK = 1 << 14;

    private CAReLUOp() {}

    /** The competition ratio p of a group. */
    public enum Measure {
        /** p_E: share of the energy Σ z² held by the positive entries. */
        ENERGY,
        /** p_L1: share of Σ |z| held by the positive entries. */
        L1,
        /** p_c: fraction of positive entries; no gradient flows through it. */
        COUNT
    }

    /** Which entries compete with each other; see the class comment. */
    public enum Grouping {
        SAMPLE, CHANNEL
    }

    /**
     * The fixed settings of the op.
     *
     * @param k   K, the constant scale of c (library default 1/tanh 2, so that p = 1 gives c = 1)
     * @param eps ε, the division guard; empty means by the input's dtype: 1e-6 for F32, 1e-12 for F64
     */
    public record Settings(Measure measure, Grouping grouping, double k, OptionalDouble eps) {
        public Settings {
            if (measure == null || grouping == null) throw new IllegalArgumentException("carelu: measure and grouping must be given");
            if (!(k > 0) || !Double.isFinite(k)) throw new IllegalArgumentException("carelu: k must be a finite number > 0, got " + k);
            if (eps.isPresent() && !(eps.getAsDouble() > 0 && Double.isFinite(eps.getAsDouble()))) {
                throw new IllegalArgumentException("carelu: eps must be a finite number > 0, got " + eps.getAsDouble());
            }
        }

        /** ε for inputs of {@code dtype}. */
        public double eps(DType dtype) {
            return eps.orElse(dtype == DType.F32 ? 1e-6 : 1e-12);
        }
    }

    /** Groups of {@code size} contiguous elements, {@code count} of them. */
    record Layout(int count, int size) {
        /** The layout of an input, or a {@link ShapeException} naming the op, the grouping and the shape. */
        static Layout of(Shape shape, Grouping grouping) {
            int minRank = grouping == Grouping.SAMPLE ? 1 : 2;
            if (shape.rank() < minRank) {
                throw new ShapeException("carelu: groups=" + grouping.name().toLowerCase(java.util.Locale.ROOT) + " needs an input of rank >= " + minRank
                        + (grouping == Grouping.SAMPLE ? " (a rank-1 input is one group)" : " (N, C, ...)") + ", got shape " + shape);
            }
            int count = shape.rank() == 1 ? 1 : grouping == Grouping.SAMPLE ? shape.dim(0) : shape.dim(0) * shape.dim(1);
            return new Layout(count, count == 0 ? 0 : shape.numel() / count);
        }

        int groupsPerChunk() {
            return Math.max(1, CHUNK / Math.max(1, size));
        }
    }

    /**
     * Per-group values the backward needs: p, c, c′ = K·sech²(s) and the denominator of p
     * (Σ z² + ε, Σ |z| + ε, or d).
     */
    record GroupStats(double[] p, double[] c, double[] slope, double[] denominator) {
        GroupStats(int groups) {
            this(new double[groups], new double[groups], new double[groups], new double[groups]);
        }
    }

    /** The fused forward's result: y and the per-group statistics. */
    record Forward(NDArray y, GroupStats stats) {}

    /** The fused backward's result: ∂L/∂z (shape and dtype of z), ∂L/∂α and ∂L/∂β as doubles. */
    record Gradients(NDArray input, double alpha, double beta) {}

    /** y = CAReLU(z; α, β) with the given settings; α and β are one-element tensors. */
    public static Tensor apply(Tensor z, Tensor alpha, Tensor beta, Settings settings) {
        check(z, alpha, beta, settings);
        double a = alpha.value().item(), b = beta.value().item();
        Forward f = forward(z.value(), a, b, settings);
        return Tensor.fromOp("carelu", f.y(), (g, out) -> {
            if (Grad.isEnabled()) return differentiableGradients(g, z, alpha, beta, settings);
            Gradients grads = backward(z.value(), g.value(), f.stats(), a, settings);
            return new Tensor[] {
                Tensor.of(grads.input()),
                Tensor.of(NDArray.full(grads.alpha(), alpha.dtype(), alpha.shape().dims())),
                Tensor.of(NDArray.full(grads.beta(), beta.dtype(), beta.shape().dims()))};
        }, z, alpha, beta);
    }

    private static void check(Tensor z, Tensor alpha, Tensor beta, Settings settings) {
        if (!z.dtype().isFloating()) throw new IllegalArgumentException("carelu: input must be F32 or F64, got " + z.dtype());
        Layout.of(z.shape(), settings.grouping());
        if (alpha.shape().numel() != 1 || beta.shape().numel() != 1) {
            throw new ShapeException("carelu: alpha and beta must have one element each (per layer), got alpha.shape="
                    + alpha.shape() + ", beta.shape=" + beta.shape());
        }
    }

    // ---- fused kernels --------------------------------------------------------------------------

    /*
     * Each pass over a group is its own small method, so that C2 compiles every loop with its own
     * profile: with the three measures' loops in one method, switching measure in a JVM made the
     * count loops 3-4x slower (measured).
     */

    /** The fused forward: per group one pass for the sums of p, one for y. */
    @ReferenceTwin(reference = CAReLUReference.class, method = "forward", parityTest = "dev.nabla.activations.CAReLUTest")
    static Forward forward(NDArray z, double alpha, double beta, Settings settings) {
        Layout layout = Layout.of(z.shape(), settings.grouping());
        double eps = settings.eps(z.dtype());
        Values v = Values.of(z), y = Values.zeros(z.dtype(), v.length());
        GroupStats stats = new GroupStats(layout.count());
        int per = layout.groupsPerChunk();
        if (v.length() > 0) {
            Parallel.forEach(Parallel.chunks(layout.count(), per), chunk -> {
                for (int gi = chunk * per, end = Math.min(layout.count(), gi + per); gi < end; gi++) {
                    int from = gi * layout.size(), to = from + layout.size();
                    double[] sums = switch (settings.measure()) {
                        case ENERGY -> energySums(v, from, to);
                        case L1 -> l1Sums(v, from, to);
                        case COUNT -> countSums(v, from, to);
                    };
                    double denominator = settings.measure() == Measure.COUNT ? sums[1] : sums[1] + eps;
                    double p = sums[0] / denominator;
                    double s = alpha * p + beta, c = settings.k() * Math.tanh(s), cosh = Math.cosh(s);
                    stats.p()[gi] = p;
                    stats.c()[gi] = c;
                    stats.slope()[gi] = settings.k() / (cosh * cosh);
                    stats.denominator()[gi] = denominator;
                    scaledRelu(v, y, from, to, c);
                }
            });
        }
        return new Forward(y.toArray(z.shape()), stats);
    }

    /** {Σ max(z,0)², Σ z²} over [from, to); F32 in double SIMD lanes ({@link BlockMath#positiveAndAllSums}). */
    private static double[] energySums(Values v, int from, int to) {
        if (v instanceof Values.F32 f) return BlockMath.positiveAndAllSums(f.a(), from, to, true);
        double positive = 0, all = 0;
        for (int j = from; j < to; j++) {
            double x = v.get(j), relu = Math.max(x, 0);
            all += x * x;
            positive += relu * relu;
        }
        return new double[] {positive, all};
    }

    /** {Σ max(z,0), Σ |z|} over [from, to); F32 as {@link #energySums}. */
    private static double[] l1Sums(Values v, int from, int to) {
        if (v instanceof Values.F32 f) return BlockMath.positiveAndAllSums(f.a(), from, to, false);
        double positive = 0, all = 0;
        for (int j = from; j < to; j++) {
            double x = v.get(j);
            all += Math.abs(x);
            positive += Math.max(x, 0);
        }
        return new double[] {positive, all};
    }

    /** {#(z &gt; 0), d} over [from, to). */
    private static double[] countSums(Values v, int from, int to) {
        double positive = 0;
        for (int j = from; j < to; j++) positive += mask(v.get(j));
        return new double[] {positive, to - from};
    }

    /** yⱼ = max(c·zⱼ, 0) over [from, to). */
    private static void scaledRelu(Values v, Values y, int from, int to, double c) {
        for (int j = from; j < to; j++) y.set(j, Math.max(c * v.get(j), 0));
    }

    /** The fused backward: per group one pass for S = ∂L/∂c, one for ∂L/∂z; α, β partials per group. */
    @ReferenceTwin(reference = CAReLUReference.class, method = "backward", parityTest = "dev.nabla.activations.CAReLUTest")
    static Gradients backward(NDArray z, NDArray gradOutput, GroupStats stats, double alpha, Settings settings) {
        Layout layout = Layout.of(z.shape(), settings.grouping());
        if (!gradOutput.shape().equals(z.shape())) {
            throw new ShapeException("carelu backward: gradient shape " + gradOutput.shape() + " != input shape " + z.shape());
        }
        Values v = Values.of(z), g = Values.of(gradOutput.astype(z.dtype())), dz = Values.zeros(z.dtype(), v.length());
        double[] dAlpha = new double[layout.count()], dBeta = new double[layout.count()];
        int per = layout.groupsPerChunk();
        if (v.length() > 0) {
            Parallel.forEach(Parallel.chunks(layout.count(), per), chunk -> {
                for (int gi = chunk * per, end = Math.min(layout.count(), gi + per); gi < end; gi++) {
                    int from = gi * layout.size(), to = from + layout.size();
                    double c = stats.c()[gi], p = stats.p()[gi], sign = Math.signum(c);
                    double dLds = sign * winners(v, g, from, to, sign) * stats.slope()[gi];
                    dAlpha[gi] = dLds * p;
                    dBeta[gi] = dLds;
                    double a = dLds * alpha / stats.denominator()[gi];
                    switch (settings.measure()) {
                        case ENERGY -> energyGradient(v, g, dz, from, to, c, sign, a, p);
                        case L1 -> l1Gradient(v, g, dz, from, to, c, sign, a, p);
                        case COUNT -> localGradient(v, g, dz, from, to, c, sign);
                    }
                }
            });
        }
        double sumAlpha = 0, sumBeta = 0;
        for (int gi = 0; gi < layout.count(); gi++) {
            sumAlpha += dAlpha[gi];
            sumBeta += dBeta[gi];
        }
        return new Gradients(dz.toArray(z.shape()), sumAlpha, sumBeta);
    }

    /**
     * Σ gⱼ·max(σ·zⱼ, 0) over [from, to), σ = sign(c); times σ it is S = Σ gⱼ·zⱼ·mⱼ, since
     * mⱼ = [c·zⱼ &gt; 0] = [σ·zⱼ &gt; 0]. Branch-free: random signs would mispredict half the time. F32
     * in double SIMD lanes ({@link BlockMath#positivePartDot}).
     */
    private static double winners(Values v, Values g, int from, int to, double sign) {
        if (v instanceof Values.F32 f && g instanceof Values.F32 gf) return BlockMath.positivePartDot(f.a(), gf.a(), from, to, sign);
        double sum = 0;
        for (int j = from; j < to; j++) sum += g.get(j) * Math.max(sign * v.get(j), 0);
        return sum;
    }

    /** ∂L/∂zⱼ = gⱼ·c·mⱼ + 2a·(max(zⱼ,0) − p·zⱼ), with a = T·α/(Σ z² + ε). */
    private static void energyGradient(Values v, Values g, Values dz, int from, int to, double c, double sign, double a, double p) {
        for (int j = from; j < to; j++) {
            double x = v.get(j);
            dz.set(j, g.get(j) * c * mask(sign * x) + 2 * a * (Math.max(x, 0) - p * x));
        }
    }

    /** ∂L/∂zⱼ = gⱼ·c·mⱼ + a·(H(zⱼ) − p·sign(zⱼ)), with a = T·α/(Σ |z| + ε). */
    private static void l1Gradient(Values v, Values g, Values dz, int from, int to, double c, double sign, double a, double p) {
        for (int j = from; j < to; j++) {
            double x = v.get(j);
            dz.set(j, g.get(j) * c * mask(sign * x) + a * (mask(x) - p * Math.signum(x)));
        }
    }

    /** ∂L/∂zⱼ = gⱼ·c·mⱼ (count: no gradient through p). */
    private static void localGradient(Values v, Values g, Values dz, int from, int to, double c, double sign) {
        for (int j = from; j < to; j++) dz.set(j, g.get(j) * c * mask(sign * v.get(j)));
    }

    /** H(t) = [t &gt; 0] (H(0) = 0), branch-free: max(sign(t), 0). */
    private static double mask(double t) {
        return Math.max(Math.signum(t), 0);
    }

    /**
     * The elements of an F32 or F64 array, which the kernels read and write as doubles, so that one
     * kernel serves both dtypes (F32 rounds once, on {@link #set}). An input is read in place
     * ({@link NDArray#readFloats}: its storage, without a copy, when it is contiguous) and an output
     * is handed over ({@link NDArray#wrap(float[], int...)}): a copy of 16M floats each way cost
     * about 4.5 ms, a third of the op's time.
     */
    private sealed interface Values {
        double get(int i);

        void set(int i, double value);

        int length();

        NDArray toArray(Shape shape);

        static Values of(NDArray a) {
            return a.dtype() == DType.F32 ? new F32(a.readFloats()) : new F64(a.readDoubles());
        }

        static Values zeros(DType dtype, int n) {
            return dtype == DType.F32 ? new F32(new float[n]) : new F64(new double[n]);
        }

        record F32(float[] a) implements Values {
            public double get(int i) { return a[i]; }
            public void set(int i, double value) { a[i] = (float) value; }
            public int length() { return a.length; }
            public NDArray toArray(Shape shape) { return NDArray.wrap(a, shape.dims()); }
        }

        record F64(double[] a) implements Values {
            public double get(int i) { return a[i]; }
            public void set(int i, double value) { a[i] = value; }
            public int length() { return a.length; }
            public NDArray toArray(Shape shape) { return NDArray.wrap(a, shape.dims()); }
        }
    }

    // ---- the Tensor-op form, for second order -----------------------------------------------------

    /**
     * The same function in Tensor ops, on z reshaped to (groups, d): differentiable to any order
     * (p_c enters as a constant). Accurate for moderate inputs; the fused kernels serve the rest.
     */
    static Tensor compose(Tensor z, Tensor alpha, Tensor beta, Settings settings) {
        Layout layout = Layout.of(z.shape(), settings.grouping());
        Tensor groups = z.reshape(layout.count(), layout.size());
        int[] along = {1};
        double eps = settings.eps(z.dtype());
        Tensor p = switch (settings.measure()) {
            case ENERGY -> groups.relu().square().sum(along, true).div(groups.square().sum(along, true).add(eps));
            case L1 -> groups.relu().sum(along, true).div(groups.abs().sum(along, true).add(eps));
            case COUNT -> Tensor.of(groups.value().gt(NDArray.scalar(0, z.dtype())).astype(z.dtype()).mean(along, true));
        };
        Tensor c = p.mul(alpha.reshape()).add(beta.reshape()).tanh().mul(settings.k());
        return c.mul(groups).relu().reshape(z.shape().dims());
    }

    /**
     * The vector–Jacobian product of {@link #compose} as a graph
     * ({@link ActivationOp#vjpOfTensorForm}).
     */
    private static Tensor[] differentiableGradients(Tensor g, Tensor z, Tensor alpha, Tensor beta, Settings settings) {
        return ActivationOp.vjpOfTensorForm(g, new Tensor[] {z, alpha, beta}, in -> compose(in[0], in[1], in[2], settings));
    }
}
