package dev.nabla.nn.optim;

import dev.nabla.nn.Module;
import dev.nabla.nn.Parameter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Base of the optimizers: holds the parameters and the learning rate, and after every
 * {@link #step()} runs the post-step hooks of the modules that own the parameters (parameter
 * constraints such as SRS's live there).
 *
 * <pre>{@code
 * Optimizer opt = new SGD(model.parameters(), 0.05, 0.9);
 * for (Batch b : loader) {
 *     model.zeroGrad();
 *     lossFn.apply(model.forward(b.x()), b.y()).backward();
 *     opt.step();
 * }
 * }</pre>
 */
public abstract class Optimizer {
    protected final List<Parameter> parameters;
    private double lr;

    protected Optimizer(List<Parameter> parameters, double lr) {
        if (parameters.isEmpty()) throw new IllegalArgumentException(getClass().getSimpleName() + ": no parameters to optimize");
        if (!(lr >= 0)) throw new IllegalArgumentException(getClass().getSimpleName() + ": lr must be >= 0, got " + lr);
        this.parameters = List.copyOf(parameters);
        this.lr = lr;
    }

    /** Updates every parameter that has a gradient, then runs the owners' post-step hooks. */
    public final void step() {
        for (Parameter p : parameters) {
            if (p.grad() != null) update(p);
        }
        Set<Module> owners = new LinkedHashSet<>();
        for (Parameter p : parameters) if (p.owner() != null) owners.add(p.owner());
        for (Module m : owners) m.runPostStepHooks();
    }

    /** Updates one parameter from its gradient (and this optimizer's state for it). */
    protected abstract void update(Parameter p);

    /** Clears the gradients of all parameters. */
    public void zeroGrad() {
        for (Parameter p : parameters) p.zeroGrad();
    }

    public double lr() {
        return lr;
    }

    /** Sets the learning rate (schedules call this). */
    public void setLr(double lr) {
        if (!(lr >= 0)) throw new IllegalArgumentException(getClass().getSimpleName() + ": lr must be >= 0, got " + lr);
        this.lr = lr;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * Per-parameter state (momentum buffers, Adam moments, step counts) by name, for checkpoints:
     * {@code "<index>.<state>"} with the index of the parameter in {@link #parameters()}, e.g.
     * {@code "3.exp_avg"}. Stateless optimizers return an empty map.
     */
    public abstract java.util.Map<String, dev.nabla.tensor.NDArray> stateDict();

    /** Restores what {@link #stateDict()} returned; an error names missing, unexpected or misshaped entries. */
    public abstract void loadStateDict(java.util.Map<String, dev.nabla.tensor.NDArray> state);
}
