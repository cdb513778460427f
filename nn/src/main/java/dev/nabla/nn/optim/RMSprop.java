package dev.nabla.nn.optim;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.NDArray;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RMSprop, exactly as PyTorch's {@code torch.optim.RMSprop} (lr γ, smoothing α, eps ε, weight
 * decay λ, momentum μ, optionally centered):
 * <pre>
 *   g ← g + λ θ                          (if λ ≠ 0)
 *   v ← α v + (1 − α) g²
 *   centered:  ḡ ← ḡ + (1 − α)(g − ḡ),   d ← √(v − ḡ²) + ε
 *   otherwise: d ← √v + ε
 *   μ &gt; 0:     b ← μ b + g / d,   θ ← θ − γ b
 *   otherwise: θ ← θ − γ g / d
 * </pre>
 * State per parameter: {@code step} (I64 scalar), {@code square_avg} (v), with momentum
 * {@code momentum_buffer} (b), when centered {@code grad_avg} (ḡ). Defaults: lr 1e-2, α 0.99,
 * eps 1e-8, weight decay 0, momentum 0, not centered.
 */
public final class RMSprop extends Optimizer {
    private static final String SQUARE_AVG = "square_avg", MOMENTUM_BUFFER = "momentum_buffer", GRAD_AVG = "grad_avg";

    private final double alpha, eps, weightDecay, momentum;
    private final boolean centered;
    private final ParameterState state;

    public RMSprop(List<Parameter> params) {
        this(params, 1e-2);
    }

    public RMSprop(List<Parameter> params, double lr) {
        this(params, lr, 0.99, 1e-8, 0, 0, false);
    }

    public RMSprop(List<Parameter> params, double lr, double alpha, double eps, double weightDecay, double momentum,
                   boolean centered) {
        super(params, lr);
        Checks.nonNegative("RMSprop", "alpha", alpha);
        Checks.nonNegative("RMSprop", "eps", eps);
        Checks.nonNegative("RMSprop", "weightDecay", weightDecay);
        Checks.nonNegative("RMSprop", "momentum", momentum);
        this.alpha = alpha;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        this.centered = centered;
        Set<String> names = new HashSet<>(Set.of(ParameterState.STEP, SQUARE_AVG));
        if (momentum > 0) names.add(MOMENTUM_BUFFER);
        if (centered) names.add(GRAD_AVG);
        this.state = new ParameterState("RMSprop", parameters, names);
    }

    @Override
    protected void update(Parameter p) {
        int index = state.indexOf(p);
        Map<String, NDArray> s = state.of(index);
        NDArray theta = p.value();
        NDArray g = p.grad();
        if (weightDecay != 0) g = g.add(theta.mul(weightDecay));
        state.nextStep(index);
        NDArray zero = NDArray.zeros(theta.dtype(), theta.shape().dims());
        NDArray v = s.getOrDefault(SQUARE_AVG, zero).mul(alpha).add(g.mul(g).mul(1 - alpha));
        s.put(SQUARE_AVG, v);
        NDArray avg;
        if (centered) {
            NDArray gAvg = s.getOrDefault(GRAD_AVG, zero);
            gAvg = gAvg.add(g.sub(gAvg).mul(1 - alpha));
            s.put(GRAD_AVG, gAvg);
            avg = v.sub(gAvg.mul(gAvg)).sqrt().add(eps);
        } else {
            avg = v.sqrt().add(eps);
        }
        if (momentum > 0) {
            NDArray b = s.getOrDefault(MOMENTUM_BUFFER, zero).mul(momentum).add(g.div(avg));
            s.put(MOMENTUM_BUFFER, b);
            p.set(theta.sub(b.mul(lr())));
        } else {
            p.set(theta.sub(g.div(avg).mul(lr())));
        }
    }

    @Override
    public Map<String, NDArray> stateDict() {
        return state.toStateDict();
    }

    @Override
    public void loadStateDict(Map<String, NDArray> dict) {
        state.load(dict);
    }
}
