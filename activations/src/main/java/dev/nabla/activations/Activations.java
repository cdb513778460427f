package dev.nabla.activations;

import dev.nabla.nn.Module;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The registry of activation functions by name: {@code Activations.parse("relu")} builds a new
 * module. Unknown names or arguments, and values that violate a constraint, are errors that list
 * what is valid.
 *
 * <pre>{@code
 * Module act = Activations.parse("relu");
 * Activations.names();   // [relu, …]
 * }</pre>
 */
public final class Activations {
    /** One registered activation: its parameters (with defaults, in order), its paper, and how to build it. */
    public record Entry(String name, Map<String, String> defaults, String paper, Function<Map<String, String>, Module> factory) {}

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        register(new Entry("relu", Map.of(), "Nair & Hinton, Rectified linear units improve restricted Boltzmann machines, ICML 2010",
                args -> new ReLU()));
    }

    private Activations() {}

    private static void register(Entry e) {
        ENTRIES.put(e.name(), e);
    }

    /** Builds the activation module that {@code spec} names. */
    public static Module parse(String spec) {
        ActivationSpec s = ActivationSpec.parse(spec);
        Entry e = ENTRIES.get(s.name());
        if (e == null) throw new IllegalArgumentException("unknown activation '" + s.name() + "'; known: " + names());
        Set<String> unknown = new java.util.TreeSet<>(s.args().keySet());
        unknown.removeAll(e.defaults().keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("activation '" + s.name() + "': unknown argument(s) " + unknown + "; valid: "
                    + (e.defaults().isEmpty() ? "none" : e.defaults().keySet()));
        }
        Map<String, String> args = new LinkedHashMap<>(e.defaults());
        args.putAll(s.args());
        return e.factory().apply(args);
    }

    /** Every registered name, in registration order. */
    public static List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }

    /** The entries, for listings ({@code nabla activations list}). */
    public static List<Entry> entries() {
        return List.copyOf(ENTRIES.values());
    }
}
