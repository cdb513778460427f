package dev.nabla.activations;

import dev.nabla.autograd.check.OpCase;
import dev.nabla.nn.Module;

/**
 * An activation layer built by {@link Activations#parse}: a {@link Module} that also knows its
 * spec and how to gradient-check itself (its inputs avoid its own kinks).
 */
public abstract class Activation extends Module {
    private final String spec;

    protected Activation(String spec) {
        this.spec = spec;
    }

    /** The spec this module was built from, in canonical form (e.g. {@code srs(alpha=2,beta=3)}). */
    public final String spec() {
        return spec;
    }

    /**
     * A gradient-check case named {@code name}: F64 inputs drawn away from the kinks, and every
     * trainable parameter as an input too (at this module's current values).
     */
    public abstract OpCase gradcheckCase(String name);
}
