package dev.nabla.nn.optim;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.NDArray;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adam, exactly as PyTorch's {@code torch.optim.Adam} (lr γ, betas β₁ β₂, eps ε, weight decay λ
 * added to the gradient, optional AMSGrad; t counts this parameter's steps from 1):
 * <pre>
 *   g ← g + λ θ                           (if λ ≠ 0; AdamW decays θ instead, see {@link AdamW})
 *   m ← m + (1 − β₁)(g − m)               (= β₁ m + (1 − β₁) g)
 *   v ← β₂ v + (1 − β₂) g²
 *   v̂ ← max(v̂, v)                          (AMSGrad only; the denominator then uses v̂)
 *   θ ← θ − γ/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 * State per parameter: {@code step} (I64 scalar), {@code exp_avg} (m), {@code exp_avg_sq} (v),
 * and with AMSGrad {@code max_exp_avg_sq} (v̂). Defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8,
 * weight decay 0, no AMSGrad. A runnable training loop with a loss, clipping and a schedule is
 * {@code OptimizerTest.adamWithMseAndCosineSchedule_fitsALine} in nn's tests.
 */
public class Adam extends Optimizer {
    private static final String EXP_AVG = "exp_avg", EXP_AVG_SQ = "exp_avg_sq", MAX_EXP_AVG_SQ = "max_exp_avg_sq";

    private final double beta1, beta2, eps, weightDecay;
    private final boolean amsgrad, decoupledWeightDecay;
    private final ParameterState state;

    public Adam(List<Parameter> params) {
        this(params, 1e-3);
    }

    public Adam(List<Parameter> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0, false);
    }

    public Adam(List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        this(params, lr, beta1, beta2, eps, weightDecay, amsgrad, false);
    }

    /** For {@link AdamW}: with {@code decoupledWeightDecay} the decay shrinks θ instead of adding to g. */
    Adam(List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad,
         boolean decoupledWeightDecay) {
        super(params, lr);
        String name = getClass().getSimpleName();
        Checks.unitInterval(name, "beta1", beta1);
        Checks.unitInterval(name, "beta2", beta2);
        Checks.nonNegative(name, "eps", eps);
        Checks.nonNegative(name, "weightDecay", weightDecay);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.amsgrad = amsgrad;
        this.decoupledWeightDecay = decoupledWeightDecay;
        this.state = new ParameterState(name, parameters, amsgrad
                ? Set.of(ParameterState.STEP, EXP_AVG, EXP_AVG_SQ, MAX_EXP_AVG_SQ)
                : Set.of(ParameterState.STEP, EXP_AVG, EXP_AVG_SQ));
    }

    @Override
    protected final void update(Parameter p) {
        int index = state.indexOf(p);
        Map<String, NDArray> s = state.of(index);
        NDArray theta = p.value();
        NDArray g = p.grad();
        if (weightDecay != 0) {
            if (decoupledWeightDecay) theta = theta.mul(1 - lr() * weightDecay);
            else g = g.add(theta.mul(weightDecay));
        }
        long t = state.nextStep(index);
        NDArray zero = NDArray.zeros(theta.dtype(), theta.shape().dims());
        NDArray m = s.getOrDefault(EXP_AVG, zero);
        m = m.add(g.sub(m).mul(1 - beta1));
        NDArray v = s.getOrDefault(EXP_AVG_SQ, zero).mul(beta2).add(g.mul(g).mul(1 - beta2));
        s.put(EXP_AVG, m);
        s.put(EXP_AVG_SQ, v);
        if (amsgrad) {
            v = s.getOrDefault(MAX_EXP_AVG_SQ, zero).maximum(v);
            s.put(MAX_EXP_AVG_SQ, v);
        }
        double stepSize = lr() / (1 - Math.pow(beta1, t));
        NDArray denom = v.sqrt().div(Math.sqrt(1 - Math.pow(beta2, t))).add(eps);
        p.set(theta.sub(m.div(denom).mul(stepSize)));
    }

    @Override
    public final Map<String, NDArray> stateDict() {
        return state.toStateDict();
    }

    @Override
    public final void loadStateDict(Map<String, NDArray> dict) {
        state.load(dict);
    }
}
