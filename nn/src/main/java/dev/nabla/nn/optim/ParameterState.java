package dev.nabla.nn.optim;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The per-parameter state of an optimizer (momentum buffers, moments, step counts), kept by the
 * parameter's index, and its checkpoint form {@code "<index>.<name>"}. As in PyTorch, a
 * parameter has no state until its first update; then it holds every name the optimizer's
 * configuration uses. Buffers have the parameter's shape and dtype; {@code "step"} is an I64 scalar.
 */
final class ParameterState {
    static final String STEP = "step";

    private final String optimizer;
    private final List<Parameter> parameters;
    private final Set<String> names;
    private final List<Map<String, NDArray>> state = new ArrayList<>();
    private final Map<Parameter, Integer> indices = new IdentityHashMap<>();

    /** @param names every state name this optimizer configuration keeps per parameter */
    ParameterState(String optimizer, List<Parameter> parameters, Set<String> names) {
        this.optimizer = optimizer;
        this.parameters = parameters;
        this.names = Set.copyOf(names);
        for (int i = 0; i < parameters.size(); i++) {
            state.add(new HashMap<>());
            indices.put(parameters.get(i), i);
        }
    }

    /** The index of {@code p} in the optimizer's parameter list. */
    int indexOf(Parameter p) {
        return indices.get(p);
    }

    /** The state of parameter {@code index} (empty before its first update); the optimizer fills it. */
    Map<String, NDArray> of(int index) {
        return state.get(index);
    }

    /** Increments and returns the step count of parameter {@code index}. */
    long nextStep(int index) {
        NDArray step = state.get(index).get(STEP);
        long next = step == null ? 1 : step.getLong() + 1;
        state.get(index).put(STEP, NDArray.of(new long[] {next}));
        return next;
    }

    Map<String, NDArray> toStateDict() {
        Map<String, NDArray> out = new TreeMap<>();
        for (int i = 0; i < state.size(); i++) {
            for (Map.Entry<String, NDArray> e : state.get(i).entrySet()) out.put(i + "." + e.getKey(), e.getValue());
        }
        return out;
    }

    /** Validates everything first, then replaces the whole state: a failed load changes nothing. */
    void load(Map<String, NDArray> dict) {
        List<Map<String, NDArray>> loaded = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) loaded.add(new HashMap<>());
        for (Map.Entry<String, NDArray> e : dict.entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            int index = dot > 0 ? parseIndex(key.substring(0, dot)) : -1;
            String name = dot > 0 ? key.substring(dot + 1) : "";
            if (index < 0 || index >= parameters.size() || !names.contains(name)) {
                throw new IllegalArgumentException(optimizer + ".loadStateDict: unexpected entry '" + key + "' (expected '<index>.<name>'"
                        + " with index < " + parameters.size() + " and name in " + new TreeSet<>(names) + ")");
            }
            NDArray value = e.getValue();
            Parameter p = parameters.get(index);
            boolean ok = name.equals(STEP)
                    ? value.dtype() == DType.I64 && value.shape().equals(Shape.of())
                    : value.shape().equals(p.shape());
            if (!ok) {
                throw new IllegalArgumentException(optimizer + ".loadStateDict: entry '" + key + "' has shape " + value.shape()
                        + " " + value.dtype() + ", expected " + (name.equals(STEP) ? "a scalar I64" : p.shape() + " (parameter " + index + ")"));
            }
            loaded.get(index).put(name, name.equals(STEP) ? value : value.astype(p.dtype()));
        }
        for (int i = 0; i < loaded.size(); i++) {
            Map<String, NDArray> s = loaded.get(i);
            if (!s.isEmpty() && !s.keySet().equals(names)) {
                Set<String> missing = new TreeSet<>(names);
                missing.removeAll(s.keySet());
                throw new IllegalArgumentException(optimizer + ".loadStateDict: parameter " + i + " is missing " + missing);
            }
        }
        for (int i = 0; i < loaded.size(); i++) state.set(i, loaded.get(i));
    }

    private static int parseIndex(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
