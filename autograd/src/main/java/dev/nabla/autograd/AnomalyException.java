package dev.nabla.autograd;

/**
 * Thrown in anomaly mode ({@link Grad#detectAnomaly()}) at the first NaN or infinity in an op's
 * forward value or in a gradient its backward produced. The message names the op, the shapes
 * involved and the line that created the op; the cause's stack trace is that creation site.
 */
public final class AnomalyException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    AnomalyException(String message, Throwable createdAt) {
        super(message);
        if (createdAt != null) initCause(createdAt);
    }
}
