package dev.nabla.cli.compare;

import dev.nabla.activations.ActivationSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Splits {@code --activations} values into activation specs. Specs contain commas themselves
 * ({@code srs(alpha=2,beta=3)}), so a value is split only at commas outside parentheses, and the
 * option may be repeated:
 * <pre>{@code
 * SpecList.split(List.of("relu,srs(alpha=2,beta=3)", "gelu"))   // [relu, srs(alpha=2,beta=3), gelu]
 * }</pre>
 */
public final class SpecList {
    private SpecList() {}

    /** The specs of all {@code values}, in order, each stripped of surrounding whitespace. */
    public static List<String> split(List<String> values) {
        List<String> specs = new ArrayList<>();
        for (String value : values) specs.addAll(split(value));
        return specs;
    }

    /**
     * The specs of one value. Unbalanced parentheses and empty items ({@code "relu,,gelu"},
     * a trailing comma) are errors that quote the value.
     */
    public static List<String> split(String value) {
        List<String> specs = new ArrayList<>();
        int depth = 0, start = 0;
        for (int i = 0; i <= value.length(); i++) {
            char c = i < value.length() ? value.charAt(i) : ',';
            if (c == '(') depth++;
            else if (c == ')' && --depth < 0) throw error(value, "')' at position " + i + " closes nothing");
            else if (c == ',' && depth == 0) {
                String spec = value.substring(start, i).strip();
                if (spec.isEmpty()) throw error(value, "empty activation spec at position " + start);
                specs.add(spec);
                start = i + 1;
            }
        }
        if (depth > 0) throw error(value, "'(' without a matching ')'");
        return specs;
    }

    /**
     * The canonical text of a spec: {@code name} or {@code name(k=v,…)} with the arguments sorted
     * by key and no whitespace, so {@code "srs( beta=3, alpha=2 )"} and {@code "srs(alpha=2,beta=3)"}
     * are one activation (and one run directory). Sorting makes it stable on every JVM: the
     * argument map of {@link ActivationSpec} does not keep the written order.
     */
    public static String canonical(String spec) {
        ActivationSpec s = ActivationSpec.parse(spec);
        if (s.args().isEmpty()) return s.name();
        StringJoiner args = new StringJoiner(",", s.name() + "(", ")");
        new TreeMap<>(s.args()).forEach((k, v) -> args.add(k + "=" + v));
        return args.toString();
    }

    private static IllegalArgumentException error(String value, String problem) {
        return new IllegalArgumentException("--activations '" + value + "': " + problem);
    }
}
