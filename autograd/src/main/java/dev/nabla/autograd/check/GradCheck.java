package dev.nabla.autograd.check;

import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Numerical gradient checking, in the spirit of PyTorch's {@code gradcheck}: the gradients that
 * backward computes (analytic) are compared with central differences of the forward (numeric).
 *
 * <pre>
 *   numeric   ∂yⱼ/∂xₖ ≈ (yⱼ(x + ε·eₖ) − yⱼ(x − ε·eₖ)) / 2ε        error O(ε²)
 *   analytic  row j of the Jacobian = backward with ∂L/∂y = eⱼ
 *   pass      |analytic − numeric| ≤ atol + rtol·|numeric|   for every j, k
 * </pre>
 *
 * Defaults are PyTorch's: ε = 1e-6, atol = 1e-5, rtol = 1e-3. They assume F64: in F32 the
 * difference quotient loses about 2^-24/ε of relative accuracy and such checks fail spuriously,
 * so F32 inputs are refused unless {@link #allowF32()} is asked for (with looser tolerances).
 * Every input that requires grad is checked; the others are held constant.
 *
 * <pre>{@code
 * Tensor x = Tensor.leaf(new Rng(0).normal(Shape.of(3, 4), DType.F64, 0, 1), true);
 * GradCheck.check(in -> in[0].tanh().sum(), x);                  // throws with a report on failure
 * GradCheck.Result r = GradCheck.withDefaults().fast(true).run(in -> in[0].softmax(1), x);
 * }</pre>
 *
 * <p>The fast mode compares random projections instead of whole Jacobians: with random u (per
 * input) and v (output), vᵀ·J·u from the difference quotient along u against (Jᵀv)·u from one
 * backward. It needs 2 forwards and 1 backward per input instead of one per element.
 */
public final class GradCheck {
    /** The function under test: outputs from inputs. */
    @FunctionalInterface
    public interface Fn {
        Tensor apply(Tensor... inputs);
    }

    private final double eps, atol, rtol;
    private final boolean allowF32, fast;
    private final long seed;

    private GradCheck(double eps, double atol, double rtol, boolean allowF32, boolean fast, long seed) {
        if (!(eps > 0) || !(atol >= 0) || !(rtol >= 0)) {
            throw new IllegalArgumentException("gradcheck: need eps > 0, atol >= 0, rtol >= 0, got eps=" + eps + ", atol=" + atol + ", rtol=" + rtol);
        }
        this.eps = eps;
        this.atol = atol;
        this.rtol = rtol;
        this.allowF32 = allowF32;
        this.fast = fast;
        this.seed = seed;
    }

    /** PyTorch's defaults: eps 1e-6, atol 1e-5, rtol 1e-3, full Jacobians, F64 only. */
    public static GradCheck withDefaults() {
        return new GradCheck(1e-6, 1e-5, 1e-3, false, false, 0);
    }

    public GradCheck eps(double eps) { return new GradCheck(eps, atol, rtol, allowF32, fast, seed); }
    public GradCheck atol(double atol) { return new GradCheck(eps, atol, rtol, allowF32, fast, seed); }
    public GradCheck rtol(double rtol) { return new GradCheck(eps, atol, rtol, allowF32, fast, seed); }
    /** Accept F32 inputs (expect to loosen eps and the tolerances). */
    public GradCheck allowF32() { return new GradCheck(eps, atol, rtol, true, fast, seed); }
    /** Random projections vᵀJu instead of full Jacobians; see the class comment. */
    public GradCheck fast(boolean fast) { return new GradCheck(eps, atol, rtol, allowF32, fast, seed); }
    /** The seed of the fast mode's random projections. */
    public GradCheck seed(long seed) { return new GradCheck(eps, atol, rtol, allowF32, fast, seed); }

    /** Checks with the defaults and throws {@link GradCheckFailure} (with the report) on a mismatch. */
    public static Result check(Fn fn, Tensor... inputs) {
        return withDefaults().checkOrThrow(fn, inputs);
    }

    /** Like {@link #run} but throws {@link GradCheckFailure} with the report when the check fails. */
    public Result checkOrThrow(Fn fn, Tensor... inputs) {
        Result r = run(fn, inputs);
        if (!r.passed()) throw new GradCheckFailure(r.report());
        return r;
    }

    /**
     * Second-order check (PyTorch's {@code gradgradcheck}): the gradients, as a function of the
     * inputs and of a random output gradient v, are themselves gradchecked. The backward of every
     * op on the way must be differentiable (built with {@code createGraph=true}).
     */
    public Result checkSecondOrder(Fn fn, Tensor... inputs) {
        Tensor probe = fn.apply(inputs);
        Rng rng = new Rng(seed ^ 0x5eed);
        Tensor v = Tensor.leaf(rng.normal(probe.shape(), probe.dtype(), 0, 1), true);
        List<Tensor> differentiable = Arrays.stream(inputs).filter(Tensor::requiresGrad).toList();
        Fn gradients = all -> {
            Tensor[] xs = Arrays.copyOf(all, all.length - 1);
            Tensor out = fn.apply(xs);
            List<Tensor> wrt = new ArrayList<>();
            for (Tensor x : xs) if (x.requiresGrad()) wrt.add(x);
            List<Tensor> gs = Autograd.grad(List.of(out), List.of(all[all.length - 1]), wrt, true, true);
            return Tensor.cat(0, gs.stream().map(Tensor::flatten).toList());
        };
        Tensor[] all = Arrays.copyOf(inputs, inputs.length + 1);
        all[inputs.length] = v;
        if (differentiable.isEmpty()) throw new IllegalArgumentException("gradgradcheck: no input requires grad");
        return run(gradients, all);
    }

    /** Compares analytic and numeric gradients and returns the result, passed or not. */
    public Result run(Fn fn, Tensor... inputs) {
        for (int i = 0; i < inputs.length; i++) {
            Tensor x = inputs[i];
            if (x.requiresGrad() && x.dtype() == DType.F32 && !allowF32) {
                throw new IllegalArgumentException("gradcheck: input " + i + " (shape " + x.shape() + ") is F32; central differences "
                        + "in F32 fail spuriously. Use F64 inputs, or allowF32() with looser eps/atol/rtol.");
            }
            if (!x.isLeaf()) {
                throw new IllegalArgumentException("gradcheck: input " + i + " is not a leaf (made by '" + x.opName() + "'); pass leaves");
            }
        }
        Tensor y = fn.apply(inputs);
        List<Mismatch> all = new ArrayList<>();
        int checked = 0;
        if (fast) {
            Rng rng = new Rng(seed);
            NDArray v = rng.normal(y.shape(), DType.F64, 0, 1);
            for (int i = 0; i < inputs.length; i++) {
                if (!inputs[i].requiresGrad()) continue;
                NDArray u = rng.normal(inputs[i].shape(), DType.F64, 0, 1);
                double analytic = dot(analyticVjp(y, inputs[i], v), u);
                double numeric = dot(v, numericJvp(fn, inputs, i, u));
                all.add(new Mismatch(i, inputs[i].shape(), new int[0], analytic, numeric));
                checked++;
            }
        } else {
            int m = y.shape().numel();
            for (int i = 0; i < inputs.length; i++) {
                if (!inputs[i].requiresGrad()) continue;
                int n = inputs[i].shape().numel();
                double[][] analytic = new double[m][];
                for (int j = 0; j < m; j++) analytic[j] = analyticVjp(y, inputs[i], oneHot(y.shape(), j)).toDoubleArray();
                for (int k = 0; k < n; k++) {
                    double[] column = numericColumn(fn, inputs, i, k);
                    for (int j = 0; j < m; j++) {
                        all.add(new Mismatch(i, inputs[i].shape(), unravel(inputs[i].shape(), k), analytic[j][k], column[j], j));
                        checked++;
                    }
                }
            }
        }
        List<Mismatch> failures = all.stream().filter(mm -> mm.error() > atol + rtol * Math.abs(mm.numeric()))
                .sorted(Comparator.comparingDouble(Mismatch::error).reversed()).toList();
        double worstAbs = all.stream().mapToDouble(Mismatch::error).max().orElse(0);
        double worstRel = all.stream().mapToDouble(mm -> mm.error() / Math.max(Math.abs(mm.numeric()), Double.MIN_NORMAL)).max().orElse(0);
        return new Result(checked, failures, worstAbs, worstRel, atol, rtol, eps, fast);
    }

    /**
     * Jᵀ·v for {@code input}: the gradient of Σ v·y with respect to it, by one backward through
     * y's graph, which is kept (retainGraph) so that every row of the Jacobian reuses one forward.
     */
    private static NDArray analyticVjp(Tensor y, Tensor input, NDArray v) {
        if (!y.requiresGrad()) return NDArray.zeros(input.dtype(), input.shape().dims());
        Tensor weight = Tensor.of(v.astype(y.dtype()));
        return Autograd.grad(List.of(y), List.of(weight), List.of(input), true, false).get(0).value();
    }

    /** (f(x + ε·eₖ) − f(x − ε·eₖ)) / 2ε for element k of input i, flattened. */
    private double[] numericColumn(Fn fn, Tensor[] inputs, int i, int k) {
        NDArray direction = oneHot(inputs[i].shape(), k);
        return numericJvp(fn, inputs, i, direction).toDoubleArray();
    }

    /** (f(xᵢ + ε·u) − f(xᵢ − ε·u)) / 2ε with the other inputs fixed. */
    private NDArray numericJvp(Fn fn, Tensor[] inputs, int i, NDArray u) {
        NDArray plus = evaluate(fn, inputs, i, u, eps), minus = evaluate(fn, inputs, i, u, -eps);
        return plus.astype(DType.F64).sub(minus.astype(DType.F64)).div(2 * eps);
    }

    /**
     * f with input i moved by step·u. The moved input is a fresh leaf that requires grad like the
     * original, because f may itself differentiate (as the function a second-order check tests).
     */
    private static NDArray evaluate(Fn fn, Tensor[] inputs, int i, NDArray u, double step) {
        Tensor[] shifted = inputs.clone();
        NDArray x = inputs[i].value();
        shifted[i] = Tensor.leaf(x.astype(DType.F64).add(u.mul(step)).astype(x.dtype()), inputs[i].requiresGrad());
        return fn.apply(shifted).value();
    }

    private static NDArray oneHot(Shape shape, int flatIndex) {
        double[] e = new double[shape.numel()];
        e[flatIndex] = 1;
        return NDArray.of(e, shape.dims());
    }

    private static double dot(NDArray a, NDArray b) {
        double[] x = a.toDoubleArray(), y = b.toDoubleArray();
        double s = 0;
        for (int k = 0; k < x.length; k++) s += x[k] * y[k];
        return s;
    }

    private static int[] unravel(Shape shape, int flat) {
        int[] index = new int[shape.rank()];
        for (int d = shape.rank() - 1; d >= 0; d--) {
            index[d] = flat % shape.dim(d);
            flat /= shape.dim(d);
        }
        return index;
    }

    /** One compared Jacobian entry (or projection, in fast mode). */
    public record Mismatch(int input, Shape inputShape, int[] element, double analytic, double numeric, int outputIndex) {
        Mismatch(int input, Shape inputShape, int[] element, double analytic, double numeric) {
            this(input, inputShape, element, analytic, numeric, -1);
        }

        public double error() {
            return Math.abs(analytic - numeric);
        }

        @Override
        public String toString() {
            String where = element.length == 0 && outputIndex < 0 ? "projection vᵀJu" : "element " + Arrays.toString(element)
                    + (outputIndex >= 0 ? " (output " + outputIndex + ")" : "");
            return String.format("input %d %s %s: analytic %.17g, numeric %.17g, |diff| %.3g", input, inputShape, where, analytic, numeric, error());
        }
    }

    /** What a check found. {@link #report()} lists the failures, worst first. */
    public record Result(int checked, List<Mismatch> failures, double worstAbs, double worstRel,
                         double atol, double rtol, double eps, boolean fast) {
        public boolean passed() {
            return failures.isEmpty();
        }

        public String report() {
            StringBuilder sb = new StringBuilder();
            sb.append(passed() ? "gradcheck passed" : "gradcheck FAILED: " + failures.size() + " of " + checked + " entries")
                    .append(String.format(" (eps=%g, atol=%g, rtol=%g%s; worst |diff| %.3g, worst rel %.3g)",
                            eps, atol, rtol, fast ? ", fast mode" : "", worstAbs, worstRel));
            failures.stream().limit(20).forEach(f -> sb.append("\n  ").append(f));
            if (failures.size() > 20) sb.append("\n  … and ").append(failures.size() - 20).append(" more");
            return sb.toString();
        }
    }
}
