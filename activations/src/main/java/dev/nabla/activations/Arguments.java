package dev.nabla.activations;

import java.util.Arrays;
import java.util.Map;

/**
 * The arguments of one activation spec, with its defaults filled in, read as typed values. Every
 * error names the activation, the argument and what would be valid.
 */
public final class Arguments {
    private final String activation;
    private final Map<String, String> values;

    Arguments(String activation, Map<String, String> values) {
        this.activation = activation;
        this.values = Map.copyOf(values);
    }

    /**
     * The activation as written, canonically (e.g. {@code srs(alpha=3)}): for messages, and the
     * spec the built module reports ({@link Activation#spec()}).
     */
    public String activation() {
        return activation;
    }

    /** A finite number. */
    public double number(String key) {
        String v = raw(key);
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) return d;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(key, v, "a finite number");
    }

    /** A number strictly greater than {@code bound}. */
    public double numberAbove(String key, double bound) {
        double d = number(key);
        if (!(d > bound)) throw invalid(key, raw(key), "a number > " + bound);
        return d;
    }

    /** A whole number ≥ {@code min}. */
    public int integer(String key, int min) {
        String v = raw(key);
        try {
            int i = Integer.parseInt(v);
            if (i >= min) return i;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(key, v, "a whole number >= " + min);
    }

    /** true or false. */
    public boolean bool(String key) {
        String v = raw(key);
        if (v.equals("true")) return true;
        if (v.equals("false")) return false;
        throw invalid(key, v, "true or false");
    }

    /** One of {@code choices}. */
    public String word(String key, String... choices) {
        String v = raw(key);
        if (Arrays.asList(choices).contains(v)) return v;
        throw invalid(key, v, "one of " + String.join(", ", choices));
    }

    /** An error about the combination of arguments (a violated constraint). */
    public IllegalArgumentException error(String message) {
        return new IllegalArgumentException("activation '" + activation + "': " + message);
    }

    private String raw(String key) {
        String v = values.get(key);
        if (v == null) throw new IllegalStateException("activation '" + activation + "': no argument '" + key + "' is declared");
        return v;
    }

    private IllegalArgumentException invalid(String key, String value, String expected) {
        return error("argument " + key + "=" + value + " is invalid; expected " + expected);
    }
}
