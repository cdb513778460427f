package dev.nabla.nn.optim;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.NDArray;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stochastic gradient descent with optional momentum, dampening, weight decay and Nesterov
 * momentum, exactly as PyTorch's {@code torch.optim.SGD} (lr γ, momentum μ, dampening τ, weight
 * decay λ; g the gradient, θ the parameter):
 * <pre>
 *   g ← g + λ θ                          (if λ ≠ 0)
 *   if μ ≠ 0:
 *     b ← g                              (first step)
 *     b ← μ b + (1 − τ) g                (later steps)
 *     g ← g + μ b   (Nesterov)   or   g ← b
 *   θ ← θ − γ g
 * </pre>
 * State per parameter with momentum: {@code momentum_buffer} (θ's shape). Defaults: momentum 0,
 * dampening 0, weight decay 0, no Nesterov.
 *
 * <pre>{@code
 * Optimizer opt = new SGD(model.parameters(), 0.05, 0.9);
 * }</pre>
 */
public final class SGD extends Optimizer {
    private static final String MOMENTUM_BUFFER = "momentum_buffer";

    private final double momentum, dampening, weightDecay;
    private final boolean nesterov;
    private final ParameterState state;

    public SGD(List<Parameter> params, double lr) {
        this(params, lr, 0);
    }

    public SGD(List<Parameter> params, double lr, double momentum) {
        this(params, lr, momentum, 0, 0, false);
    }

    public SGD(List<Parameter> params, double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        super(params, lr);
        Checks.nonNegative("SGD", "momentum", momentum);
        Checks.nonNegative("SGD", "weightDecay", weightDecay);
        if (!Double.isFinite(dampening)) throw new IllegalArgumentException("SGD: dampening must be finite, got " + dampening);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("SGD: Nesterov momentum requires momentum > 0 and dampening 0, got momentum="
                    + momentum + ", dampening=" + dampening);
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.state = new ParameterState("SGD", parameters, momentum != 0 ? Set.of(MOMENTUM_BUFFER) : Set.of());
    }

    @Override
    protected void update(Parameter p) {
        NDArray theta = p.value();
        NDArray g = p.grad();
        if (weightDecay != 0) g = g.add(theta.mul(weightDecay));
        if (momentum != 0) {
            Map<String, NDArray> s = state.of(state.indexOf(p));
            NDArray b = s.get(MOMENTUM_BUFFER);
            b = b == null ? g : b.mul(momentum).add(g.mul(1 - dampening));
            s.put(MOMENTUM_BUFFER, b);
            g = nesterov ? g.add(b.mul(momentum)) : b;
        }
        p.set(theta.sub(g.mul(lr())));
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
