package dev.nabla.autograd;

import dev.nabla.autograd.ops.Abs;
import dev.nabla.autograd.ops.Add;
import dev.nabla.autograd.ops.Amax;
import dev.nabla.autograd.ops.AsType;
import dev.nabla.autograd.ops.AvgPool2d;
import dev.nabla.autograd.ops.Cat;
import dev.nabla.autograd.ops.Clamp;
import dev.nabla.autograd.ops.Conv2d;
import dev.nabla.autograd.ops.Cos;
import dev.nabla.autograd.ops.Div;
import dev.nabla.autograd.ops.Erf;
import dev.nabla.autograd.ops.Erfc;
import dev.nabla.autograd.ops.Exp;
import dev.nabla.autograd.ops.Expand;
import dev.nabla.autograd.ops.Expm1;
import dev.nabla.autograd.ops.Gather;
import dev.nabla.autograd.ops.IndexSelect;
import dev.nabla.autograd.ops.Log;
import dev.nabla.autograd.ops.Log1p;
import dev.nabla.autograd.ops.LogSoftmax;
import dev.nabla.autograd.ops.LogSumExp;
import dev.nabla.autograd.ops.MatMul;
import dev.nabla.autograd.ops.MaxPool2d;
import dev.nabla.autograd.ops.Maximum;
import dev.nabla.autograd.ops.Mean;
import dev.nabla.autograd.ops.Minimum;
import dev.nabla.autograd.ops.Mul;
import dev.nabla.autograd.ops.Neg;
import dev.nabla.autograd.ops.Permute;
import dev.nabla.autograd.ops.Pow;
import dev.nabla.autograd.ops.Reciprocal;
import dev.nabla.autograd.ops.Relu;
import dev.nabla.autograd.ops.Reshape;
import dev.nabla.autograd.ops.Rsqrt;
import dev.nabla.autograd.ops.ScatterAdd;
import dev.nabla.autograd.ops.Sigmoid;
import dev.nabla.autograd.ops.Sign;
import dev.nabla.autograd.ops.Sin;
import dev.nabla.autograd.ops.Slice;
import dev.nabla.autograd.ops.Softmax;
import dev.nabla.autograd.ops.Softplus;
import dev.nabla.autograd.ops.Sqrt;
import dev.nabla.autograd.ops.Square;
import dev.nabla.autograd.ops.Sub;
import dev.nabla.autograd.ops.Sum;
import dev.nabla.autograd.ops.Tanh;
import dev.nabla.autograd.ops.Var;
import dev.nabla.autograd.ops.Where;
import dev.nabla.tensor.Conv2dSpec;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Pool2dSpec;
import dev.nabla.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An {@link NDArray} value that knows how it was computed, for reverse-mode differentiation.
 *
 * <p>Define-by-run: every op on tensors that require grad records a {@link Node} (its inputs and
 * its backward function), so the graph is whatever the program actually did. {@link #backward()}
 * walks that graph from this tensor back to the leaves, in reverse topological order, and adds
 * ∂this/∂leaf into each leaf's {@link #grad()}.
 *
 * <pre>{@code
 * Tensor w = Tensor.leaf(NDArray.of(new double[] {2, -1}, 2), true);
 * Tensor x = Tensor.of(NDArray.of(new double[] {3, 4}, 2));
 * Tensor loss = x.mul(w).sum();      // 3·2 + 4·(−1) = 2
 * loss.backward();
 * w.grad();                          // [3, 4] = ∂loss/∂w = x
 * }</pre>
 *
 * <p>Semantics follow PyTorch: leaves accumulate {@code grad} across backward calls
 * ({@link #zeroGrad()} clears it); non-leaf tensors keep no gradient unless {@link #retainGrad()}
 * was called; {@code backward} frees the graph unless asked to retain it; ops inside
 * {@link Grad#disabled()} record nothing. The value is never mutated through this API.
 */
public final class Tensor {
    private final NDArray value;
    private final boolean requiresGrad;
    /** How this tensor was computed; null for leaves. */
    private final Node gradFn;
    private Tensor grad;
    private boolean retainsGrad;
    private List<UnaryOperator<Tensor>> hooks;

    private Tensor(NDArray value, boolean requiresGrad, Node gradFn) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.gradFn = gradFn;
    }

    // ------------------------------------------------------------------------------------------
    // Creation

    /** A constant: a leaf that does not require grad. */
    public static Tensor of(NDArray value) {
        return new Tensor(value, false, null);
    }

    /** A leaf; with {@code requiresGrad} its gradient is accumulated by {@link #backward()}. */
    public static Tensor leaf(NDArray value, boolean requiresGrad) {
        if (requiresGrad && !value.dtype().isFloating()) {
            throw new IllegalArgumentException("leaf: only F32/F64 tensors can require grad, got " + value.dtype());
        }
        return new Tensor(value, requiresGrad, null);
    }

    /**
     * The result of an op: records {@code op} with its inputs and backward function when grad
     * mode is on and some input requires grad, else a constant. This is how every op in
     * {@code dev.nabla.autograd.ops} is built, and how a user adds their own:
     *
     * <pre>{@code
     * // y = x³, ∂L/∂x = ∂L/∂y · 3x²
     * static Tensor cube(Tensor x) {
     *     return Tensor.fromOp("cube", x.value().pow(3), (g, y) -> new Tensor[] {g.mul(x.square().mul(3))}, x);
     * }
     * }</pre>
     */
    public static Tensor fromOp(String op, NDArray value, Backward backward, Tensor... inputs) {
        boolean anyRequiresGrad = false;
        for (Tensor t : inputs) anyRequiresGrad |= t.requiresGrad;
        if (!anyRequiresGrad || !Grad.isEnabled()) return new Tensor(value, false, null);
        Node node = new Node(op, inputs.clone(), backward);
        if (Grad.isAnomalyDetectionEnabled()) Anomaly.checkForward(node, value);
        return new Tensor(value, true, node);
    }

    // ------------------------------------------------------------------------------------------
    // Properties

    /** The value (never mutated by autograd). */
    public NDArray value() {
        return value;
    }

    public Shape shape() {
        return value.shape();
    }

    public DType dtype() {
        return value.dtype();
    }

    public int rank() {
        return value.rank();
    }

    /** Extent of {@code dim}; negative values count from the end. */
    public int size(int dim) {
        return value.size(dim);
    }

    /** The value of a one-element tensor. */
    public double item() {
        return value.item();
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** True for tensors not computed by a recorded op (constants and parameters). */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /** The name of the op that computed this tensor, or null for a leaf. */
    public String opName() {
        return gradFn == null ? null : gradFn.op;
    }

    /** The accumulated gradient: set on leaves that require grad, and on tensors that {@link #retainGrad()}. */
    public Tensor grad() {
        return grad;
    }

    /** Forgets the accumulated gradient (PyTorch's {@code zero_grad(set_to_none=True)}). */
    public void zeroGrad() {
        grad = null;
    }

    /**
     * Replaces the accumulated gradient of a leaf (gradient clipping, optimizers that rescale);
     * the shape must match. Like assigning {@code .grad} in PyTorch.
     */
    public void setGrad(Tensor gradient) {
        if (!isLeaf() || !requiresGrad) throw new IllegalStateException("setGrad: only leaves that require grad hold a gradient");
        if (gradient != null && !gradient.shape().equals(shape())) {
            throw new IllegalArgumentException("setGrad: gradient shape " + gradient.shape() + " != tensor shape " + shape());
        }
        grad = gradient;
    }

    /** Asks {@link #backward()} to keep this non-leaf tensor's gradient in {@link #grad()}. */
    public Tensor retainGrad() {
        if (!requiresGrad) throw new IllegalStateException("retainGrad: this tensor does not require grad");
        retainsGrad = true;
        return this;
    }

    /**
     * Registers {@code hook}, called with ∂L/∂this whenever backward computes it (before it is
     * accumulated or passed on); a non-null return value replaces the gradient. Hooks run in
     * registration order. Returns a handle whose {@code close()} removes the hook.
     */
    public AutoCloseable registerHook(UnaryOperator<Tensor> hook) {
        if (!requiresGrad) throw new IllegalStateException("registerHook: this tensor does not require grad");
        if (hooks == null) hooks = new ArrayList<>();
        hooks.add(hook);
        return () -> hooks.remove(hook);
    }

    /** The same value as a constant, cut off from the graph (shares the storage). */
    public Tensor detach() {
        return new Tensor(value, false, null);
    }

    // ------------------------------------------------------------------------------------------
    // Backward

    /** Backpropagates from this scalar: ∂this/∂leaf is added into every leaf's grad. Frees the graph. */
    public void backward() {
        Autograd.backward(this, null, false, false);
    }

    /** Backpropagates {@code gradOutput} (∂L/∂this, same shape as this). Frees the graph. */
    public void backward(Tensor gradOutput) {
        Autograd.backward(this, gradOutput, false, false);
    }

    /**
     * Backpropagates {@code gradOutput} (null for a scalar: 1). {@code retainGraph} keeps the graph
     * for another backward; {@code createGraph} records the backward pass itself, so that the
     * gradients can be differentiated again (implies retainGraph).
     */
    public void backward(Tensor gradOutput, boolean retainGraph, boolean createGraph) {
        Autograd.backward(this, gradOutput, retainGraph || createGraph, createGraph);
    }

    // ------------------------------------------------------------------------------------------
    // Differentiable ops: one file each in dev.nabla.autograd.ops, with the math of forward and backward

    // element-wise binary, with broadcasting
    public Tensor add(Tensor other) { return Add.apply(this, other); }
    public Tensor sub(Tensor other) { return Sub.apply(this, other); }
    public Tensor mul(Tensor other) { return Mul.apply(this, other); }
    public Tensor div(Tensor other) { return Div.apply(this, other); }
    public Tensor pow(Tensor exponent) { return Pow.apply(this, exponent); }
    public Tensor maximum(Tensor other) { return Maximum.apply(this, other); }
    public Tensor minimum(Tensor other) { return Minimum.apply(this, other); }
    public Tensor add(double value) { return add(constant(value)); }
    public Tensor sub(double value) { return sub(constant(value)); }
    public Tensor mul(double value) { return mul(constant(value)); }
    public Tensor div(double value) { return div(constant(value)); }
    public Tensor pow(double exponent) { return pow(constant(exponent)); }
    /** {@code condition ≠ 0 ? a : b}; the condition is not differentiated. */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) { return Where.apply(condition, a, b); }

    // element-wise unary
    public Tensor neg() { return Neg.apply(this); }
    public Tensor abs() { return Abs.apply(this); }
    public Tensor exp() { return Exp.apply(this); }
    public Tensor expm1() { return Expm1.apply(this); }
    public Tensor log() { return Log.apply(this); }
    public Tensor log1p() { return Log1p.apply(this); }
    public Tensor sqrt() { return Sqrt.apply(this); }
    public Tensor rsqrt() { return Rsqrt.apply(this); }
    public Tensor square() { return Square.apply(this); }
    public Tensor reciprocal() { return Reciprocal.apply(this); }
    public Tensor sin() { return Sin.apply(this); }
    public Tensor cos() { return Cos.apply(this); }
    public Tensor tanh() { return Tanh.apply(this); }
    public Tensor sigmoid() { return Sigmoid.apply(this); }
    public Tensor softplus() { return Softplus.apply(this); }
    public Tensor erf() { return Erf.apply(this); }
    public Tensor erfc() { return Erfc.apply(this); }
    public Tensor sign() { return Sign.apply(this); }
    public Tensor relu() { return Relu.apply(this); }
    public Tensor clamp(double min, double max) { return Clamp.apply(this, min, max); }
    /** F32 ↔ F64; the gradient is converted back. */
    public Tensor astype(DType target) { return AsType.apply(this, target); }

    // reductions
    public Tensor sum() { return sum(allDims(), false); }
    public Tensor sum(int[] dims, boolean keepDim) { return Sum.apply(this, dims, keepDim); }
    public Tensor mean() { return mean(allDims(), false); }
    public Tensor mean(int[] dims, boolean keepDim) { return Mean.apply(this, dims, keepDim); }
    public Tensor var(int[] dims, boolean unbiased, boolean keepDim) { return Var.apply(this, dims, unbiased, keepDim); }
    public Tensor max() { return max(allDims(), false); }
    public Tensor max(int[] dims, boolean keepDim) { return Amax.max(this, dims, keepDim); }
    public Tensor min() { return min(allDims(), false); }
    public Tensor min(int[] dims, boolean keepDim) { return Amax.min(this, dims, keepDim); }
    public Tensor logsumexp(int[] dims, boolean keepDim) { return LogSumExp.apply(this, dims, keepDim); }
    public Tensor softmax(int dim) { return Softmax.apply(this, dim); }
    public Tensor logSoftmax(int dim) { return LogSoftmax.apply(this, dim); }

    // views and joins
    public Tensor reshape(int... shape) { return Reshape.apply(this, shape); }
    public Tensor flatten() { return reshape(value.numel()); }
    public Tensor flatten(int startDim, int endDim) { return reshape(value.flatten(startDim, endDim).shape().dims()); }
    public Tensor squeeze(int dim) { return reshape(value.squeeze(dim).shape().dims()); }
    public Tensor unsqueeze(int dim) { return reshape(value.unsqueeze(dim).shape().dims()); }
    public Tensor permute(int... order) { return Permute.apply(this, order); }
    public Tensor transpose(int dim0, int dim1) {
        int[] order = allDims();
        int a = shape().axis(dim0, "transpose"), b = shape().axis(dim1, "transpose");
        order[a] = b;
        order[b] = a;
        return permute(order);
    }
    public Tensor expand(int... shape) { return Expand.apply(this, shape); }
    public Tensor slice(int dim, int start, int end, int step) { return Slice.apply(this, dim, start, end, step); }
    public static Tensor cat(int dim, List<Tensor> tensors) { return Cat.apply(dim, tensors); }
    public static Tensor stack(int dim, List<Tensor> tensors) { return Cat.apply(dim, tensors.stream().map(t -> t.unsqueeze(dim)).toList()); }
    /** Consecutive pieces along {@code dim}; sizes as {@code NDArray.split}. */
    public List<Tensor> split(int dim, int... sizes) {
        List<Tensor> pieces = new ArrayList<>();
        int at = 0;
        for (NDArray piece : value.split(dim, sizes)) {
            int n = piece.size(dim);
            pieces.add(slice(dim, at, at + n, 1));
            at += n;
        }
        return pieces;
    }
    public Tensor gather(int dim, NDArray index) { return Gather.apply(this, dim, index); }
    public Tensor scatterAdd(int dim, NDArray index, Tensor src) { return ScatterAdd.apply(this, dim, index, src); }
    public Tensor indexSelect(int dim, NDArray index) { return IndexSelect.apply(this, dim, index); }

    // linear algebra, convolution, pooling
    public Tensor matmul(Tensor other) { return MatMul.apply(this, other); }
    /** {@code bias} may be null. */
    public Tensor conv2d(Tensor weight, Tensor bias, Conv2dSpec spec) { return Conv2d.apply(this, weight, bias, spec); }
    public Tensor maxPool2d(Pool2dSpec spec) { return MaxPool2d.apply(this, spec); }
    public Tensor avgPool2d(Pool2dSpec spec) { return AvgPool2d.apply(this, spec); }
    /** Mean over H and W: (N, C, H, W) → (N, C). */
    public Tensor globalAvgPool2d() { return mean(new int[] {2, 3}, false); }

    private Tensor constant(double v) {
        return Tensor.of(NDArray.scalar(v, dtype()));
    }

    private int[] allDims() {
        int[] dims = new int[rank()];
        for (int d = 0; d < dims.length; d++) dims[d] = d;
        return dims;
    }

    // ---- engine access ------------------------------------------------------------------------

    Node gradFn() {
        return gradFn;
    }

    boolean retainsGrad() {
        return retainsGrad;
    }

    /** Runs the hooks on a freshly computed gradient of this tensor. */
    Tensor applyHooks(Tensor gradient) {
        if (hooks == null) return gradient;
        for (UnaryOperator<Tensor> hook : List.copyOf(hooks)) {
            Tensor replaced = hook.apply(gradient);
            if (replaced != null) gradient = replaced;
        }
        return gradient;
    }

    /** grad += gradient (creating it on first use). */
    void accumulateGrad(Tensor gradient) {
        grad = grad == null ? gradient : grad.add(gradient);
    }

    @Override
    public String toString() {
        String suffix = gradFn != null ? ", op=" + gradFn.op : requiresGrad ? ", requiresGrad" : "";
        return "Tensor(" + value + suffix + ")";
    }
}
