package dev.nabla.nn.loss;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.NDArray;
import java.util.Objects;

/**
 * Mean squared error, as PyTorch's {@code MSELoss}.
 * <pre>
 *   ℓᵢ = (xᵢ − yᵢ)²,   L = mean(ℓ) (default), sum(ℓ) or ℓ
 *   ∂ℓᵢ/∂xᵢ = 2 (xᵢ − yᵢ) = −∂ℓᵢ/∂yᵢ
 * </pre>
 * Shapes: input (*) and target (*) of the same shape; L a scalar, or (*) for NONE.
 * Example: {@code new MSELoss().apply(prediction, target).backward()}.
 */
public final class MSELoss {
    private final Reduction reduction;

    public MSELoss() {
        this(Reduction.MEAN);
    }

    public MSELoss(Reduction reduction) {
        this.reduction = Objects.requireNonNull(reduction, "reduction");
    }

    public Tensor apply(Tensor input, Tensor target) {
        Losses.requireSameShape("mse_loss", input, target);
        return Losses.reduce(input.sub(target).square(), reduction);
    }

    public Tensor apply(Tensor input, NDArray target) {
        return apply(input, Tensor.of(target));
    }
}
