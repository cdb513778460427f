package dev.nabla.tensor;

/**
 * Thrown when operands' shapes do not fit an op. The message names the op, the rule that was
 * broken and every operand's shape, for example
 * {@code matmul: inner dimensions must match: a.shape=[2, 3], b.shape=[4, 5] (a[1]=3 != b[0]=4)}.
 */
public final class ShapeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ShapeException(String message) {
        super(message);
    }
}
