package dev.nabla.tensor.internal;

/**
 * The specification of every element-wise op: plain loops over one element at a time, never
 * optimized. F32 and F64 are computed in double (F32 results are rounded once, at the end), I64
 * exactly in long. The fast tiers ({@link ScalarElementwise}, {@code VectorElementwise},
 * {@link ParallelElementwise}) are tested against these loops by {@code ElementwiseParityTest}.
 *
 * <p>Every loop reads operand element i at {@code off + i·stride} (stride 0 broadcasts one value)
 * and writes {@code out[outOff + i]}, for i in [0, n).
 */
public final class ReferenceElementwise {
    private ReferenceElementwise() {}

    /** The math of each unary op on F32/F64 values. */
    public static double apply(UnaryOp op, double x) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);            // NaN stays NaN, ±0 stays ±0
            case RELU -> Math.max(x, 0.0);          // relu(NaN) = NaN, relu(−0) = +0, as PyTorch
            case SQUARE -> x * x;
            case SQRT -> StrictMath.sqrt(x);
            case RSQRT -> 1 / StrictMath.sqrt(x);
            case RECIPROCAL -> 1 / x;
            case EXP -> StrictMath.exp(x);
            case EXPM1 -> StrictMath.expm1(x);
            case LOG -> StrictMath.log(x);
            case LOG1P -> StrictMath.log1p(x);
            case SIN -> StrictMath.sin(x);
            case COS -> StrictMath.cos(x);
            case TANH -> StrictMath.tanh(x);
            case SIGMOID -> ReferenceMath.sigmoid(x);
            case SOFTPLUS -> ReferenceMath.softplus(x);
            case ERF -> ReferenceMath.erf(x);
            case ERFC -> ReferenceMath.erfc(x);
        };
    }

    /** The math of each unary op on I64 values (only ops with {@link UnaryOp#acceptsI64()}). */
    public static long apply(UnaryOp op, long x) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SIGN -> Long.signum(x);
            case RELU -> Math.max(x, 0);
            case SQUARE -> x * x;
            default -> throw new IllegalArgumentException(op.opName() + ": not defined on I64");
        };
    }

    /** The math of each binary op on F32/F64 values; maximum/minimum propagate NaN. */
    public static double apply(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> StrictMath.pow(a, b);
            case MAXIMUM -> Math.max(a, b);
            case MINIMUM -> Math.min(a, b);
            case EQ -> a == b ? 1 : 0;
            case NE -> a != b ? 1 : 0;
            case LT -> a < b ? 1 : 0;
            case LE -> a <= b ? 1 : 0;
            case GT -> a > b ? 1 : 0;
            case GE -> a >= b ? 1 : 0;
        };
    }

    /** The math of each binary op on I64 values (only ops with {@link BinaryOp#acceptsI64()}). */
    public static long apply(BinaryOp op, long a, long b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case MAXIMUM -> Math.max(a, b);
            case MINIMUM -> Math.min(a, b);
            case EQ -> a == b ? 1 : 0;
            case NE -> a != b ? 1 : 0;
            case LT -> a < b ? 1 : 0;
            case LE -> a <= b ? 1 : 0;
            case GT -> a > b ? 1 : 0;
            case GE -> a >= b ? 1 : 0;
            default -> throw new IllegalArgumentException(op.opName() + ": not defined on I64");
        };
    }

    // x is (n) with stride 1 from xOff; out is (n) from outOff. (Java generics do not cover
    // primitive arrays, hence one loop per element type.)

    public static void unary(UnaryOp op, float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = (float) apply(op, x[xOff + i]);
    }

    public static void unary(UnaryOp op, double[] x, int xOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = apply(op, x[xOff + i]);
    }

    public static void unary(UnaryOp op, long[] x, int xOff, long[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = apply(op, x[xOff + i]);
    }

    // a, b are (n) with strides aStride, bStride (0 broadcasts); out is (n) contiguous.

    public static void binary(BinaryOp op, float[] a, int aOff, int aStride, float[] b, int bOff, int bStride,
                              float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = (float) apply(op, a[aOff + i * aStride], b[bOff + i * bStride]);
    }

    public static void binary(BinaryOp op, double[] a, int aOff, int aStride, double[] b, int bOff, int bStride,
                              double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = apply(op, a[aOff + i * aStride], b[bOff + i * bStride]);
    }

    public static void binary(BinaryOp op, long[] a, int aOff, int aStride, long[] b, int bOff, int bStride,
                              long[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = apply(op, a[aOff + i * aStride], b[bOff + i * bStride]);
    }

    // out[i] = mask[i] != 0 ? a[i] : b[i]; mask, a, b strided as above (a NaN mask selects a).

    public static void where(float[] mask, int mOff, int mStride, float[] a, int aOff, int aStride,
                             float[] b, int bOff, int bStride, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = mask[mOff + i * mStride] != 0 ? a[aOff + i * aStride] : b[bOff + i * bStride];
        }
    }

    public static void where(double[] mask, int mOff, int mStride, double[] a, int aOff, int aStride,
                             double[] b, int bOff, int bStride, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = mask[mOff + i * mStride] != 0 ? a[aOff + i * aStride] : b[bOff + i * bStride];
        }
    }

    public static void where(long[] mask, int mOff, int mStride, long[] a, int aOff, int aStride,
                             long[] b, int bOff, int bStride, long[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = mask[mOff + i * mStride] != 0 ? a[aOff + i * aStride] : b[bOff + i * bStride];
        }
    }

    // out[i] = min(max(x[i], lo), hi); NaN stays NaN; lo > hi gives hi everywhere (as PyTorch).

    public static void clamp(float[] x, int xOff, float[] out, int outOff, int n, float lo, float hi) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.min(Math.max(x[xOff + i], lo), hi);
    }

    public static void clamp(double[] x, int xOff, double[] out, int outOff, int n, double lo, double hi) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.min(Math.max(x[xOff + i], lo), hi);
    }

    public static void clamp(long[] x, int xOff, long[] out, int outOff, int n, long lo, long hi) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.min(Math.max(x[xOff + i], lo), hi);
    }

    /** The sequential twin of {@link ParallelElementwise#forRanges}: the whole range at once. */
    public static void forRanges(int n, ElementwiseKernels.RangeBody body) {
        if (n > 0) body.run(0, n);
    }
}
