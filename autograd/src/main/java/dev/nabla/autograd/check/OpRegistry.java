package dev.nabla.autograd.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/** Every registered differentiable op: the core ops of this module plus every {@link OpProvider} service. */
public final class OpRegistry {
    private OpRegistry() {}

    /** All cases, core ops first; names are unique. */
    public static List<OpCase> all() {
        List<OpCase> cases = new ArrayList<>(CoreOps.CASES);
        for (OpProvider p : ServiceLoader.load(OpProvider.class, OpRegistry.class.getClassLoader())) {
            if (!(p instanceof CoreOps)) cases.addAll(p.cases());
        }
        Set<String> names = new HashSet<>();
        for (OpCase c : cases) {
            if (!names.add(c.name())) throw new IllegalStateException("op registry: two cases are named '" + c.name() + "'");
        }
        return List.copyOf(cases);
    }

    /** The case named {@code name}, or an error listing the names there are. */
    public static OpCase get(String name) {
        List<OpCase> all = all();
        return all.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown op '" + name + "'; registered: " + all.stream().map(OpCase::name).toList()));
    }
}
