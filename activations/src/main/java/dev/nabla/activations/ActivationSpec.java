package dev.nabla.activations;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed activation spec such as {@code srs(alpha=2,beta=3)}: a name and named arguments (as
 * written; the registry checks and converts them). Grammar:
 * <pre>
 *   spec  = name [ "(" [ arg { "," arg } ] ")" ]
 *   arg   = key "=" value            value: a number, true/false, or a word such as energy
 * </pre>
 * Whitespace around tokens is ignored; names and keys are lower-case words with underscores.
 */
public record ActivationSpec(String name, Map<String, String> args) {

    public ActivationSpec {
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args)); // keeps the order: toString is canonical text
    }

    /** Parses {@code text}, or throws {@link IllegalArgumentException} saying where it went wrong. */
    public static ActivationSpec parse(String text) {
        String s = text.strip();
        int open = s.indexOf('(');
        String name = (open < 0 ? s : s.substring(0, open)).strip();
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("activation spec '" + text + "': expected a name like relu or srs(alpha=2,beta=3)");
        }
        Map<String, String> args = new LinkedHashMap<>();
        if (open >= 0) {
            if (!s.endsWith(")")) throw new IllegalArgumentException("activation spec '" + text + "': missing ')'");
            String inner = s.substring(open + 1, s.length() - 1).strip();
            if (!inner.isEmpty()) {
                for (String arg : inner.split(",")) {
                    String[] kv = arg.split("=", -1);
                    if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                        throw new IllegalArgumentException("activation spec '" + text + "': argument '" + arg.strip() + "' is not key=value");
                    }
                    String key = kv[0].strip();
                    if (args.put(key, kv[1].strip()) != null) {
                        throw new IllegalArgumentException("activation spec '" + text + "': argument '" + key + "' given twice");
                    }
                }
            }
        }
        return new ActivationSpec(name, args);
    }

    /** The canonical text: {@code name} or {@code name(k=v,…)} in the given order. */
    @Override
    public String toString() {
        if (args.isEmpty()) return name;
        StringBuilder sb = new StringBuilder(name).append('(');
        args.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : ",").append(k).append('=').append(v));
        return sb.append(')').toString();
    }
}
