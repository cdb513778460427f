package dev.nabla.nn.loss;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.ShapeException;
import java.util.Objects;

/**
 * Binary cross-entropy on logits, as PyTorch's {@code BCEWithLogitsLoss}: a sigmoid and BCE in one
 * stable formula, with an optional weight p on the positive class (pos_weight).
 * <pre>
 *   ℓ = −p·y·log σ(x) − (1 − y)·log(1 − σ(x))
 *     = (1 − y)·x + (1 + (p − 1)·y) · softplus(−x)
 *   softplus(−x) = max(−x, 0) + log1p(e^(−|x|))            (never overflows)
 *   without p:  ℓ = max(x, 0) − x·y + log1p(e^(−|x|))
 *   ∂ℓ/∂x = (1 − y) − (1 + (p − 1)·y) · σ(−x)             (= σ(x) − y without p)
 * </pre>
 * Targets are probabilities in [0, 1] (not checked, as PyTorch). Shapes: input (*) and target (*)
 * of the same shape; posWeight broadcastable to them, usually (C) for input (N, C); L a scalar,
 * or (*) for NONE.
 */
public final class BCEWithLogitsLoss {
    private final NDArray posWeight;
    private final Reduction reduction;

    public BCEWithLogitsLoss() {
        this(null, Reduction.MEAN);
    }

    /** @param posWeight weight of the positive class, broadcast over the input (null: none) */
    public BCEWithLogitsLoss(NDArray posWeight) {
        this(posWeight, Reduction.MEAN);
    }

    public BCEWithLogitsLoss(NDArray posWeight, Reduction reduction) {
        this.posWeight = posWeight;
        this.reduction = Objects.requireNonNull(reduction, "reduction");
    }

    public Tensor apply(Tensor input, Tensor target) {
        Losses.requireSameShape("binary_cross_entropy_with_logits", input, target);
        Tensor softplusNegX = input.neg().softplus();
        Tensor oneMinusY = target.neg().add(1);
        Tensor perElement;
        if (posWeight == null) {
            perElement = oneMinusY.mul(input).add(softplusNegX);
        } else {
            if (posWeight.rank() > input.rank() || !broadcastsTo(posWeight, input)) {
                throw new ShapeException("binary_cross_entropy_with_logits: posWeight.shape=" + posWeight.shape()
                        + " does not broadcast to input.shape=" + input.shape());
            }
            Tensor logWeight = target.mul(Tensor.of(posWeight.astype(input.dtype()).sub(1))).add(1);
            perElement = oneMinusY.mul(input).add(logWeight.mul(softplusNegX));
        }
        return Losses.reduce(perElement, reduction);
    }

    public Tensor apply(Tensor input, NDArray target) {
        return apply(input, Tensor.of(target));
    }

    /** True when every trailing dim of w is 1 or equals the input's. */
    private static boolean broadcastsTo(NDArray w, Tensor input) {
        for (int i = 1; i <= w.rank(); i++) {
            int wd = w.size(w.rank() - i), xd = input.size(input.rank() - i);
            if (wd != 1 && wd != xd) return false;
        }
        return true;
    }
}
