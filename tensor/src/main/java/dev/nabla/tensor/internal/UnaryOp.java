package dev.nabla.tensor.internal;

/**
 * The element-wise functions of one operand. Each names its op (for error messages) and says
 * whether it is defined on I64 (exact integer arithmetic) or only on F32/F64.
 * The math of each one is in {@link ReferenceElementwise#apply(UnaryOp, double)}.
 */
public enum UnaryOp {
    NEG(true), ABS(true), SIGN(true), RELU(true), SQUARE(true),
    SQRT(false), RSQRT(false), RECIPROCAL(false),
    EXP(false), EXPM1(false), LOG(false), LOG1P(false), SIN(false), COS(false),
    TANH(false), SIGMOID(false), SOFTPLUS(false), ERF(false), ERFC(false);

    private final boolean integral;

    UnaryOp(boolean integral) {
        this.integral = integral;
    }

    /** The op's user-facing name, e.g. {@code "log1p"}. */
    public String opName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** True when I64 inputs give exact I64 results (with Java's wrap-around on overflow). */
    public boolean acceptsI64() {
        return integral;
    }
}
