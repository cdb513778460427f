package dev.nabla.nn.loss;

import dev.nabla.autograd.Tensor;
import dev.nabla.nn.functional.ClassTargets;
import dev.nabla.tensor.NDArray;
import java.util.Objects;

/**
 * Negative log-likelihood of class-index targets given log-probabilities, as PyTorch's
 * {@code NLLLoss}.
 * <pre>
 *   ℓᵢ = −w[yᵢ] · x[i, yᵢ]             (0 where yᵢ = ignoreIndex)
 *   MEAN: L = Σᵢ ℓᵢ / Σ_{i not ignored} w[yᵢ];   SUM: L = Σᵢ ℓᵢ;   NONE: ℓ
 *   ∂L/∂x[i, c] = −q[i, c]             (q = the scaled one-hot weights of {@link ClassTargets})
 * </pre>
 * It is the linear map L = −Σ q · x, built from existing differentiable ops.
 *
 * <p>Shapes: input (N, C) or (N, C, d₁, …) of log-probabilities; target (N) or (N, d₁, …) of I64
 * class indices in [0, C) or ignoreIndex; weight (C); L a scalar, or (N, d₁, …) for NONE.
 */
public final class NLLLoss {
    private final NDArray weight;
    private final int ignoreIndex;
    private final Reduction reduction;

    /** No class weights, ignoreIndex −100, MEAN. */
    public NLLLoss() {
        this(null, CrossEntropyLoss.DEFAULT_IGNORE_INDEX, Reduction.MEAN);
    }

    /**
     * @param weight      class weights (C), or null for all 1
     * @param ignoreIndex target value that contributes nothing (PyTorch's default −100)
     */
    public NLLLoss(NDArray weight, int ignoreIndex, Reduction reduction) {
        this.weight = weight;
        this.ignoreIndex = ignoreIndex;
        this.reduction = Objects.requireNonNull(reduction, "reduction");
    }

    public Tensor apply(Tensor input, NDArray target) {
        NDArray q = ClassTargets.distribution("nll_loss", input.shape(), target, weight, ignoreIndex, 0, reduction,
                input.dtype());
        Tensor perSample = input.mul(Tensor.of(q)).sum(new int[] {1}, false).neg();
        return reduction == Reduction.NONE ? perSample : ClassTargets.nanIfNothingCounted(perSample.sum(), q, reduction);
    }
}
