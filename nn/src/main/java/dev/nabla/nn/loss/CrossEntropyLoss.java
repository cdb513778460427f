package dev.nabla.nn.loss;

import dev.nabla.autograd.Tensor;
import dev.nabla.nn.functional.ClassTargets;
import dev.nabla.nn.functional.CrossEntropy;
import dev.nabla.tensor.NDArray;
import java.util.Objects;

/**
 * Cross-entropy between logits and class-index targets, as PyTorch's {@code CrossEntropyLoss}:
 * log-softmax over dim 1 and NLL, fused into one op ({@link CrossEntropy}). With C classes, class
 * weights w (default all 1), label smoothing ε (default 0) and log p = logSoftmax(x, 1):
 * <pre>
 *   ℓᵢ = (1 − ε) · (−w[yᵢ] · log p[i, yᵢ])  +  (ε / C) · Σ_c (−w[c] · log p[i, c])
 *   ℓᵢ = 0 where yᵢ = ignoreIndex (default −100)
 *   MEAN (default): Σᵢ ℓᵢ / Σ_{i not ignored} w[yᵢ]   (both terms; the number of non-ignored
 *                   targets when there are no class weights)
 *   SUM: Σᵢ ℓᵢ;  NONE: ℓ
 *   ∂L/∂x = softmax(x) · Σ_c q − q   (q: the scaled target distribution, see {@link ClassTargets})
 * </pre>
 * Shapes: input (N, C) or (N, C, d₁, …) of logits; target (N) or (N, d₁, …) of I64;
 * classWeights (C); L a scalar, or (N, d₁, …) for NONE.
 *
 * <pre>{@code
 * CrossEntropyLoss loss = CrossEntropyLoss.builder().labelSmoothing(0.1).build();
 * loss.apply(model.forward(x), labels).backward();
 * }</pre>
 */
public final class CrossEntropyLoss {
    /** PyTorch's default ignore_index. */
    public static final int DEFAULT_IGNORE_INDEX = -100;

    private final NDArray classWeights;
    private final int ignoreIndex;
    private final double labelSmoothing;
    private final Reduction reduction;

    /** No class weights, ignoreIndex −100, no label smoothing, MEAN. */
    public CrossEntropyLoss() {
        this(builder());
    }

    private CrossEntropyLoss(Builder b) {
        if (!(b.labelSmoothing >= 0 && b.labelSmoothing <= 1)) {
            throw new IllegalArgumentException("cross_entropy: labelSmoothing must be in [0, 1], got " + b.labelSmoothing);
        }
        this.classWeights = b.classWeights;
        this.ignoreIndex = b.ignoreIndex;
        this.labelSmoothing = b.labelSmoothing;
        this.reduction = b.reduction;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Tensor apply(Tensor input, NDArray target) {
        NDArray q = ClassTargets.distribution("cross_entropy", input.shape(), target, classWeights, ignoreIndex,
                labelSmoothing, reduction, input.dtype());
        return ClassTargets.nanIfNothingCounted(CrossEntropy.apply(input, q, reduction), q, reduction);
    }

    /** Options of {@link CrossEntropyLoss}; every one defaults to PyTorch's. */
    public static final class Builder {
        private NDArray classWeights;
        private int ignoreIndex = DEFAULT_IGNORE_INDEX;
        private double labelSmoothing;
        private Reduction reduction = Reduction.MEAN;

        private Builder() {}

        /** Per-class weights, shape (C); null for none. */
        public Builder classWeights(NDArray weights) {
            this.classWeights = weights;
            return this;
        }

        public Builder ignoreIndex(int ignoreIndex) {
            this.ignoreIndex = ignoreIndex;
            return this;
        }

        /** ε in [0, 1]: the target becomes (1 − ε)·onehot + ε/C. */
        public Builder labelSmoothing(double epsilon) {
            this.labelSmoothing = epsilon;
            return this;
        }

        public Builder reduction(Reduction reduction) {
            this.reduction = Objects.requireNonNull(reduction, "reduction");
            return this;
        }

        public CrossEntropyLoss build() {
            return new CrossEntropyLoss(this);
        }
    }
}
