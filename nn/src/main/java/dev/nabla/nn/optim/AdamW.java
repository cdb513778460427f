package dev.nabla.nn.optim;

import dev.nabla.nn.Parameter;
import java.util.List;

/**
 * AdamW (Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization", ICLR 2019), exactly as
 * PyTorch's {@code torch.optim.AdamW}: {@link Adam} whose weight decay shrinks the parameter
 * directly instead of entering the gradient and the moments:
 * <pre>
 *   θ ← θ (1 − γ λ)      then the Adam step on the plain gradient g
 * </pre>
 * Defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 1e-2, no AMSGrad. State as Adam's.
 */
public final class AdamW extends Adam {
    public AdamW(List<Parameter> params) {
        this(params, 1e-3);
    }

    public AdamW(List<Parameter> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 1e-2, false);
    }

    public AdamW(List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        super(params, lr, beta1, beta2, eps, weightDecay, amsgrad, true);
    }
}
