package dev.nabla.tensor.internal;

/**
 * The element-wise functions of two operands. Comparisons give 1 where the relation holds and 0
 * elsewhere. The math of each one is in {@link ReferenceElementwise#apply(BinaryOp, double, double)}.
 */
public enum BinaryOp {
    ADD(true), SUB(true), MUL(true), DIV(false), POW(false), MAXIMUM(true), MINIMUM(true),
    EQ(true), NE(true), LT(true), LE(true), GT(true), GE(true);

    private final boolean integral;

    BinaryOp(boolean integral) {
        this.integral = integral;
    }

    /** The op's user-facing name, e.g. {@code "maximum"}. */
    public String opName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** True when I64 operands give exact I64 results (with Java's wrap-around on overflow). */
    public boolean acceptsI64() {
        return integral;
    }
}
