package dev.nabla.nn.loss;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.NDArray;
import java.util.Objects;

/**
 * Mean absolute error, as PyTorch's {@code L1Loss}.
 * <pre>
 *   ℓᵢ = |xᵢ − yᵢ|,   L = mean(ℓ) (default), sum(ℓ) or ℓ
 *   ∂ℓᵢ/∂xᵢ = sign(xᵢ − yᵢ)      (subgradient 0 where xᵢ = yᵢ, as PyTorch)
 * </pre>
 * Shapes: input (*) and target (*) of the same shape; L a scalar, or (*) for NONE.
 */
public final class L1Loss {
    private final Reduction reduction;

    public L1Loss() {
        this(Reduction.MEAN);
    }

    public L1Loss(Reduction reduction) {
        this.reduction = Objects.requireNonNull(reduction, "reduction");
    }

    public Tensor apply(Tensor input, Tensor target) {
        Losses.requireSameShape("l1_loss", input, target);
        return Losses.reduce(input.sub(target).abs(), reduction);
    }

    public Tensor apply(Tensor input, NDArray target) {
        return apply(input, Tensor.of(target));
    }
}
