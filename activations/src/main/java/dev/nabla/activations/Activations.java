package dev.nabla.activations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The registry of activation functions by name: {@code Activations.parse("srs(alpha=3,beta=2)")}
 * builds a new module. Unknown names or arguments, and values that violate a constraint, are
 * errors that list what is valid.
 *
 * <pre>{@code
 * Activation act = Activations.parse("srs");      // α = 2, β = 3, both trainable
 * Activations.names();                            // [relu, leaky_relu, …, srs, …]
 * }</pre>
 */
public final class Activations {
    /**
     * One registered activation.
     *
     * @param name       the registry name
     * @param defaults   every argument with its default, in declaration order
     * @param paper      the source (paper or documentation) of the definition
     * @param notes      one line on parameters and choices (e.g. "α, β trainable; AMBIGUOUS init, see docs")
     * @param factory    builds the module from the arguments (defaults filled in)
     * @param gradchecks specs whose gradient checks the registry runs (parameter choices that
     *                   exercise every branch: e.g. SAU at n = 1 and n = 20000)
     */
    public record Entry(String name, Map<String, String> defaults, String paper, String notes,
                        Function<Arguments, Activation> factory, List<String> gradchecks) {
        public Entry {
            defaults = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
            gradchecks = List.copyOf(gradchecks);
        }
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        // the papers' families
        register(SoftRootSign.ENTRY);

        // serf and sau
        register(Serf.ENTRY);
        register(SAU.ENTRY);

        // the zorro family
        register(Zorro.SYMMETRIC_ENTRY);
        register(Zorro.ASYMMETRIC_ENTRY);
        register(Zorro.SIGMOID_ENTRY);
        register(Zorro.TANH_ENTRY);
        register(Zorro.SLOPED_ENTRY);

        // carelu
        register(CAReLU.ENTRY);

        // the classics
        register(ReLU.ENTRY);
        register(LeakyReLU.ENTRY);

        // the classics built on exp, erf, tanh
        register(Elu.ENTRY);
        register(Selu.ENTRY);
        register(Gelu.ENTRY);
        register(GeluTanh.ENTRY);
        register(Dgelu.ENTRY);
        register(Silu.ENTRY);
        register(Swish.ENTRY);
        register(Mish.ENTRY);
        register(Softplus.ENTRY);
        register(Dsilu.ENTRY);

        // the remaining classics
        register(PReLU.ENTRY);
        register(Tanh.ENTRY);
        register(Sigmoid.ENTRY);
        register(HardSwish.ENTRY);
        register(HardSigmoid.ENTRY);
        register(Softsign.ENTRY);
    }

    private static void register(Entry e) {
        if (ENTRIES.put(e.name(), e) != null) throw new IllegalStateException("activation '" + e.name() + "' registered twice");
    }

    private Activations() {}

    /** Builds the activation module that {@code spec} names. */
    public static Activation parse(String spec) {
        ActivationSpec s = ActivationSpec.parse(spec);
        Entry e = entry(s.name());
        Set<String> unknown = new TreeSet<>(s.args().keySet());
        unknown.removeAll(e.defaults().keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("activation '" + s.name() + "': unknown argument(s) " + unknown + "; valid: "
                    + (e.defaults().isEmpty() ? "none" : e.defaults()));
        }
        Map<String, String> args = new LinkedHashMap<>(e.defaults());
        args.putAll(s.args());
        return e.factory().apply(new Arguments(canonical(e, s), args));
    }

    /** The entry named {@code name}, or an error listing the names there are. */
    public static Entry entry(String name) {
        Entry e = ENTRIES.get(name);
        if (e == null) throw new IllegalArgumentException("unknown activation '" + name + "'; known: " + names());
        return e;
    }

    /** Every registered name, in registration order. */
    public static List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }

    /** The entries, for listings ({@code nabla activations list}). */
    public static List<Entry> entries() {
        return List.copyOf(ENTRIES.values());
    }

    /** The given arguments in declaration order: {@code srs(beta=2, alpha=3)} → {@code srs(alpha=3,beta=2)}. */
    private static String canonical(Entry e, ActivationSpec s) {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String key : e.defaults().keySet()) if (s.args().containsKey(key)) ordered.put(key, s.args().get(key));
        return new ActivationSpec(s.name(), ordered).toString();
    }

    /**
     * Builds the {@link Entry} of an element-wise activation: its parameters with defaults and
     * whether they train by default, and the optional {@code channels=C} (one value per channel)
     * and {@code trainable=true} (train the parameters that are fixed by default) arguments.
     */
    public static final class ElementwiseEntry {
        private final String name, paper;
        private final ElementwiseFunction function;
        private final List<String> parameters = new ArrayList<>();
        private final List<Double> defaults = new ArrayList<>();
        private final List<Boolean> trainable = new ArrayList<>();
        private final Map<String, String> extra = new LinkedHashMap<>();
        private String notes = "";
        private List<String> gradchecks;

        private ElementwiseEntry(String name, ElementwiseFunction function, String paper) {
            this.name = name;
            this.function = function;
            this.paper = paper;
            this.gradchecks = List.of(name);
        }

        public static ElementwiseEntry of(String name, ElementwiseFunction function, String paper) {
            return new ElementwiseEntry(name, function, paper);
        }

        /** The next parameter of the function, in its order. */
        public ElementwiseEntry parameter(String parameter, double defaultValue, boolean trainsByDefault) {
            parameters.add(parameter);
            defaults.add(defaultValue);
            trainable.add(trainsByDefault);
            return this;
        }

        /** Adds {@code channels=1}: one parameter value per channel when C &gt; 1. */
        public ElementwiseEntry perChannel() {
            extra.put("channels", "1");
            return this;
        }

        /** Adds {@code trainable=false}: with true, the parameters fixed by default train as well. */
        public ElementwiseEntry trainableSwitch() {
            extra.put("trainable", "false");
            return this;
        }

        public ElementwiseEntry notes(String text) {
            notes = text;
            return this;
        }

        /** The specs gradient-checked by the registry (default: the name alone). */
        public ElementwiseEntry gradchecks(String... specs) {
            gradchecks = List.of(specs);
            return this;
        }

        public Entry build() {
            if (!parameters.equals(function.parameterNames())) {
                throw new IllegalStateException(name + ": entry parameters " + parameters + " != function parameters " + function.parameterNames());
            }
            Map<String, String> all = new LinkedHashMap<>();
            for (int k = 0; k < parameters.size(); k++) all.put(parameters.get(k), format(defaults.get(k)));
            all.putAll(extra);
            return new Entry(name, all, paper, notes, args -> {
                double[] values = new double[parameters.size()];
                boolean[] trains = new boolean[parameters.size()];
                boolean allTrain = extra.containsKey("trainable") && args.bool("trainable");
                for (int k = 0; k < values.length; k++) {
                    values[k] = args.number(parameters.get(k));
                    trains[k] = trainable.get(k) || allTrain;
                }
                int channels = extra.containsKey("channels") ? args.integer("channels", 1) : 1;
                return new ElementwiseActivation(args.activation(), function, values, trains, channels);
            }, gradchecks);
        }

        private static String format(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
    }
}
