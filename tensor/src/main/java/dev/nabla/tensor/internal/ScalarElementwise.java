package dev.nabla.tensor.internal;

/**
 * The F32 kernels used when the Vector API is absent (and for strided binary operands and pow).
 * The commonest exact IEEE ops (+ − × ÷, neg, abs, relu, square, reciprocal) run directly in
 * float, with the op chosen once outside the loop; float and double-then-round give the same bits
 * for them, since 53 ≥ 2·24 + 2 makes double rounding innocuous. Every other op is computed by
 * the reference math in double and rounded once, which is both the F32 specification and the most
 * accurate scalar path: the twin of each method is the {@link ReferenceElementwise} method of the
 * same name, and the results are bit-identical.
 */
public final class ScalarElementwise {
    private ScalarElementwise() {}

    // x is (n) contiguous from xOff; out is (n) from outOff.
    @ReferenceTwin(reference = ReferenceElementwise.class, method = "unary",
            parityTest = "dev.nabla.tensor.internal.ElementwiseParityTest")
    public static void unary(UnaryOp op, float[] x, int xOff, float[] out, int outOff, int n) {
        switch (op) {
            case NEG -> { for (int i = 0; i < n; i++) out[outOff + i] = -x[xOff + i]; }
            case ABS -> { for (int i = 0; i < n; i++) out[outOff + i] = Math.abs(x[xOff + i]); }
            case RELU -> { for (int i = 0; i < n; i++) out[outOff + i] = Math.max(x[xOff + i], 0f); }
            case SQUARE -> { for (int i = 0; i < n; i++) out[outOff + i] = x[xOff + i] * x[xOff + i]; }
            case RECIPROCAL -> { for (int i = 0; i < n; i++) out[outOff + i] = 1f / x[xOff + i]; }
            default -> ReferenceElementwise.unary(op, x, xOff, out, outOff, n);
        }
    }

    // a, b are (n) with strides aStride, bStride (0 broadcasts, any other value is a strided view).
    @ReferenceTwin(reference = ReferenceElementwise.class, method = "binary",
            parityTest = "dev.nabla.tensor.internal.ElementwiseParityTest")
    public static void binary(BinaryOp op, float[] a, int aOff, int aStride, float[] b, int bOff, int bStride,
                              float[] out, int outOff, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i * aStride] + b[bOff + i * bStride]; }
            case SUB -> { for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i * aStride] - b[bOff + i * bStride]; }
            case MUL -> { for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i * aStride] * b[bOff + i * bStride]; }
            case DIV -> { for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i * aStride] / b[bOff + i * bStride]; }
            default -> ReferenceElementwise.binary(op, a, aOff, aStride, b, bOff, bStride, out, outOff, n);
        }
    }
}
