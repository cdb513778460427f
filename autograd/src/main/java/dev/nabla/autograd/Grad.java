package dev.nabla.autograd;

/**
 * Thread-confined switches of the autograd engine, as try-with-resources scopes.
 *
 * <pre>{@code
 * try (var g = Grad.disabled()) {        // like torch.no_grad(): ops record no graph
 *     Tensor y = model.forward(x);
 * }
 * try (var a = Grad.detectAnomaly()) {   // every op remembers where it was created; the first
 *     loss.backward();                   // NaN/Inf in a forward value or a gradient is an error
 * }                                      // naming that op, its shapes and its creation site
 * }</pre>
 *
 * Scopes nest and restore the previous state when closed. Anomaly mode is also on for the whole
 * JVM with {@code -Dnabla.detectAnomaly=true}.
 */
public final class Grad {
    private static final ThreadLocal<boolean[]> STATE = ThreadLocal.withInitial(
            () -> new boolean[] {true, Boolean.getBoolean("nabla.detectAnomaly")});
    private static final int ENABLED = 0, ANOMALY = 1;

    private Grad() {}

    /** A scope in which ops record a graph only if they did outside it. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** True when ops on tensors that require grad record the graph (the default). */
    public static boolean isEnabled() {
        return STATE.get()[ENABLED];
    }

    /** True inside {@link #detectAnomaly()} or with {@code -Dnabla.detectAnomaly=true}. */
    public static boolean isAnomalyDetectionEnabled() {
        return STATE.get()[ANOMALY];
    }

    /** Until closed, ops record no graph and results do not require grad. */
    public static Scope disabled() {
        return set(ENABLED, false);
    }

    /** Until closed, ops record the graph again (inside a {@link #disabled()} scope, say). */
    public static Scope enabled() {
        return set(ENABLED, true);
    }

    /** Until closed, anomaly detection is on; see the class comment. */
    public static Scope detectAnomaly() {
        return set(ANOMALY, true);
    }

    private static Scope set(int flag, boolean value) {
        boolean[] state = STATE.get();
        boolean previous = state[flag];
        state[flag] = value;
        return () -> state[flag] = previous;
    }
}
