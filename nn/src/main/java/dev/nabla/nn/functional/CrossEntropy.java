package dev.nabla.nn.functional;

import dev.nabla.autograd.Tensor;
import dev.nabla.nn.loss.Reduction;
import dev.nabla.tensor.NDArray;

/**
 * Cross-entropy of class-index targets, fused: log-softmax over the class dim and the weighted,
 * smoothed NLL in one op. With q the target distribution of {@link ClassTargets} (class weights,
 * label smoothing, ignored targets and the reduction's scale folded in) and p = softmax(x) over
 * dim 1:
 * <pre>
 *   forward   ℓᵢ = −Σ_c q[i, c] · log p[i, c]          (log p = x − logsumexp(x), stably)
 *             L  = Σᵢ ℓᵢ  (MEAN and SUM; q carries the mean's divisor)   or ℓ itself (NONE)
 *   backward  ∂L/∂x[i, c] = ∂L/∂ℓᵢ · (p[i, c] · Σ_c' q[i, c'] − q[i, c])
 * </pre>
 * which is "softmax minus the target distribution", scaled. Why fused: the composition
 * logSoftmax → multiply → sum builds three graph nodes and an (N, C) gradient for each; this op
 * keeps one and its backward is a single expression. It is tested against the composition.
 *
 * <p>Shapes: x (N, C) or (N, C, d₁, …); q the same; L a scalar, or (N, d₁, …) for NONE.
 */
public final class CrossEntropy {
    private CrossEntropy() {}

    /** The fused loss of logits {@code x} given the target distribution {@code q} (same shape as x). */
    public static Tensor apply(Tensor x, NDArray q, Reduction reduction) {
        int[] classDim = {1};
        NDArray perSample = x.value().logSoftmax(1).mul(q).sum(classDim, false).neg();
        NDArray loss = reduction == Reduction.NONE ? perSample : perSample.sum();
        NDArray qSum = q.sum(classDim, true);
        return Tensor.fromOp("cross_entropy", loss, (g, y) -> {
            Tensor perSampleGrad = reduction == Reduction.NONE ? g.unsqueeze(1) : g;
            return new Tensor[] {x.softmax(1).mul(Tensor.of(qSum)).sub(Tensor.of(q)).mul(perSampleGrad)};
        }, x);
    }
}
