package dev.nabla.nn.loss;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.NDArray;
import java.util.Objects;

/**
 * Huber loss, as PyTorch's {@code HuberLoss(delta)} (default δ = 1): quadratic near 0, linear
 * beyond δ, continuous with a continuous first derivative.
 * <pre>
 *   d = x − y
 *   ℓ = ½ d²                 if |d| &lt; δ
 *     = δ · (|d| − ½ δ)      otherwise
 *   ∂ℓ/∂x = clamp(d, −δ, δ)  (= −∂ℓ/∂y)
 * </pre>
 * Shapes: input (*) and target (*) of the same shape; L a scalar, or (*) for NONE.
 */
public final class HuberLoss {
    private final double delta;
    private final Reduction reduction;

    public HuberLoss() {
        this(1.0);
    }

    public HuberLoss(double delta) {
        this(delta, Reduction.MEAN);
    }

    public HuberLoss(double delta, Reduction reduction) {
        if (!(delta > 0)) throw new IllegalArgumentException("huber_loss: delta must be > 0, got " + delta);
        this.delta = delta;
        this.reduction = Objects.requireNonNull(reduction, "reduction");
    }

    public Tensor apply(Tensor input, Tensor target) {
        Losses.requireSameShape("huber_loss", input, target);
        Tensor d = input.sub(target);
        Tensor absD = d.abs();
        Tensor quadratic = Tensor.of(absD.value().lt(NDArray.scalar(delta, absD.dtype())));
        Tensor perElement = Tensor.where(quadratic, d.square().mul(0.5), absD.sub(0.5 * delta).mul(delta));
        return Losses.reduce(perElement, reduction);
    }

    public Tensor apply(Tensor input, NDArray target) {
        return apply(input, Tensor.of(target));
    }

    public double delta() {
        return delta;
    }
}
