package dev.nabla.nn;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.NDArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A layer or a model: a function {@link #forward} with named {@link Parameter}s, {@link Buffer}s
 * and child modules, as PyTorch's {@code nn.Module}.
 *
 * <p>Names follow PyTorch's {@code state_dict}: a child's entries are prefixed by its name and a
 * dot ({@code features.0.weight}, {@code bn1.running_var}, {@code bn1.num_batches_tracked}), so a
 * checkpoint written by one loads in the other. Subclasses register what they own in their
 * constructor:
 *
 * <pre>{@code
 * final class Affine extends Module {
 *     private final Parameter scale = registerParameter("scale", new Parameter(NDArray.ones(DType.F32, 4)));
 *     public Tensor forward(Tensor x) { return x.mul(scale.tensor()); }
 * }
 * }</pre>
 *
 * <p>{@link #train()} and {@link #eval()} switch the mode of the whole tree (dropout and batch
 * norm behave differently). A post-step hook ({@link #addPostStepHook}) runs after every optimizer
 * step that updated one of this module's parameters: that is where constraints such as SRS's
 * 0 &lt; β &lt; e·α are enforced.
 */
public abstract class Module {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Buffer> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final List<Runnable> postStepHooks = new ArrayList<>();
    private boolean training = true;

    /** The function this module computes. */
    public abstract Tensor forward(Tensor x);

    // ------------------------------------------------------------------------------------------
    // Registration (from subclass constructors)

    protected final Parameter registerParameter(String name, Parameter parameter) {
        checkName(name);
        parameter.setOwner(this);
        parameters.put(name, parameter);
        return parameter;
    }

    protected final Buffer registerBuffer(String name, Buffer buffer) {
        checkName(name);
        buffers.put(name, buffer);
        return buffer;
    }

    protected final <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        children.put(name, module);
        return module;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".")) throw new IllegalArgumentException("module: invalid name '" + name + "' (non-empty, no dots)");
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("module: '" + name + "' is already registered in " + getClass().getSimpleName());
        }
    }

    // ------------------------------------------------------------------------------------------
    // Mode

    /** Training mode for this module and all below it (the default). */
    public Module train() {
        return train(true);
    }

    /** Evaluation mode for this module and all below it. */
    public Module eval() {
        return train(false);
    }

    public Module train(boolean mode) {
        apply(m -> m.training = mode);
        return this;
    }

    public boolean isTraining() {
        return training;
    }

    // ------------------------------------------------------------------------------------------
    // The tree

    /** Every parameter, depth-first in registration order (each once). */
    public List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Every parameter by its dotted name, depth-first in registration order. */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        visit("", (prefix, m) -> m.parameters.forEach((n, p) -> out.putIfAbsent(prefix + n, p)));
        return out;
    }

    /** Every buffer by its dotted name. */
    public Map<String, Buffer> namedBuffers() {
        Map<String, Buffer> out = new LinkedHashMap<>();
        visit("", (prefix, m) -> m.buffers.forEach((n, b) -> out.put(prefix + n, b)));
        return out;
    }

    /** The direct children by name. */
    public Map<String, Module> children() {
        return new LinkedHashMap<>(children);
    }

    /** Runs {@code fn} on every module below this one, children before parents (as PyTorch's {@code apply}). */
    public Module apply(Consumer<Module> fn) {
        for (Module child : children.values()) child.apply(fn);
        fn.accept(this);
        return this;
    }

    /** Clears the gradient of every parameter. */
    public void zeroGrad() {
        for (Parameter p : parameters()) p.zeroGrad();
    }

    /** The number of trainable values. */
    public long numParameters() {
        long n = 0;
        for (Parameter p : parameters()) n += p.numel();
        return n;
    }

    // ------------------------------------------------------------------------------------------
    // Post-step hooks

    /** Registers {@code hook} to run after every optimizer step that updated this module's parameters. */
    public void addPostStepHook(Runnable hook) {
        postStepHooks.add(hook);
    }

    /** Runs this module's post-step hooks (optimizers call it after a step). */
    public void runPostStepHooks() {
        for (Runnable hook : postStepHooks) hook.run();
    }

    // ------------------------------------------------------------------------------------------
    // State dict

    /** Parameters and buffers by dotted name (the values themselves: they are immutable). */
    public Map<String, NDArray> stateDict() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        namedParameters().forEach((n, p) -> out.put(n, p.value()));
        namedBuffers().forEach((n, b) -> out.put(n, b.value()));
        return out;
    }

    /**
     * Loads values by dotted name. With {@code strict}, every key of this module must be present
     * and no other; in any mode shapes must match. One error lists every missing key, every
     * unexpected key and every shape mismatch, and nothing is loaded unless all is well.
     */
    public void loadStateDict(Map<String, NDArray> state, boolean strict) {
        Map<String, Parameter> params = namedParameters();
        Map<String, Buffer> bufs = namedBuffers();
        TreeSet<String> missing = new TreeSet<>(), unexpected = new TreeSet<>();
        List<String> mismatched = new ArrayList<>();
        for (String key : params.keySet()) if (!state.containsKey(key)) missing.add(key);
        for (String key : bufs.keySet()) if (!state.containsKey(key)) missing.add(key);
        for (Map.Entry<String, NDArray> e : state.entrySet()) {
            String key = e.getKey();
            NDArray current = params.containsKey(key) ? params.get(key).value() : bufs.containsKey(key) ? bufs.get(key).value() : null;
            if (current == null) unexpected.add(key);
            else if (!current.shape().equals(e.getValue().shape())) {
                mismatched.add(key + ": checkpoint " + e.getValue().shape() + " vs model " + current.shape());
            }
        }
        if (!mismatched.isEmpty() || (strict && (!missing.isEmpty() || !unexpected.isEmpty()))) {
            StringBuilder msg = new StringBuilder("loadStateDict: the state does not fit " + getClass().getSimpleName());
            if (!missing.isEmpty()) msg.append("\n  missing keys: ").append(missing);
            if (!unexpected.isEmpty()) msg.append("\n  unexpected keys: ").append(unexpected);
            if (!mismatched.isEmpty()) msg.append("\n  shape mismatches: ").append(mismatched);
            throw new IllegalArgumentException(msg.toString());
        }
        state.forEach((key, value) -> {
            if (params.containsKey(key)) params.get(key).set(value);
            else if (bufs.containsKey(key)) bufs.get(key).set(value);
        });
    }

    // ------------------------------------------------------------------------------------------
    // Printing

    /** The configuration shown in {@link #toString()}, e.g. {@code "1, 32, kernel=3, padding=1"}. */
    protected String extraRepr() {
        return "";
    }

    /** A tree of modules with their configuration and parameter counts, as PyTorch prints models. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendTree(sb, "");
        if (!children.isEmpty()) sb.append("\ntotal parameters: ").append(numParameters());
        return sb.toString();
    }

    private void appendTree(StringBuilder sb, String indent) {
        sb.append(getClass().getSimpleName()).append('(').append(extraRepr());
        if (children.isEmpty()) {
            sb.append(')');
        } else {
            for (Map.Entry<String, Module> c : children.entrySet()) {
                sb.append('\n').append(indent).append("  (").append(c.getKey()).append("): ");
                c.getValue().appendTree(sb, indent + "  ");
            }
            sb.append('\n').append(indent).append(')');
        }
        long own = 0;
        for (Parameter p : parameters.values()) own += p.numel();
        if (own > 0) sb.append("  # ").append(own).append(" params");
    }

    /** Visits this module and all below it with their dotted-name prefixes. */
    private void visit(String prefix, java.util.function.BiConsumer<String, Module> fn) {
        fn.accept(prefix, this);
        children.forEach((name, child) -> child.visit(prefix + name + ".", fn));
    }
}
