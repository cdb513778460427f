package dev.nabla.tensor.internal;

import dev.nabla.tensor.internal.simd.VectorElementwise;
import java.util.EnumSet;
import java.util.Set;

/**
 * The element-wise kernel facade: the one place that chooses between the SIMD, scalar, reference
 * and parallel tiers. F32 takes the fast paths; F64 and I64 run the reference loops (F64 is for
 * gradient checks and reference computations, where exactness matters more than speed).
 *
 * <p>With SIMD on, every F32 element of a given op is computed by the same formula wherever it
 * sits in the array (partial vectors are masked or padded, not finished by a scalar loop), so
 * results do not depend on chunking, offsets or thread count.
 */
public final class ElementwiseKernels {
    private ElementwiseKernels() {}

    /**
     * Elements per parallel chunk, and the size from which work is split: 64 Ki elements (256 KiB
     * of F32 per operand, about 20 µs of memory traffic for an add) is large against the ~1 µs it
     * costs to hand a chunk to a worker, and still gives 256 chunks to balance for 16 M elements.
     */
    public static final int CHUNK = 1 << 16;

    /** F32 unary ops that {@link VectorElementwise} implements; the others run the scalar tier. */
    private static final Set<UnaryOp> VECTOR_UNARY = EnumSet.of(UnaryOp.NEG, UnaryOp.ABS, UnaryOp.SIGN,
            UnaryOp.RELU, UnaryOp.SQUARE, UnaryOp.SQRT, UnaryOp.RSQRT, UnaryOp.RECIPROCAL, UnaryOp.EXP,
            UnaryOp.EXPM1, UnaryOp.LOG, UnaryOp.LOG1P, UnaryOp.TANH, UnaryOp.SIGMOID, UnaryOp.SOFTPLUS, UnaryOp.ERF,
            UnaryOp.ERFC);

    /** A piece of work over the elements [start, end) of an op's output. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int start, int end);
    }

    /** Runs {@code body} over [0, n): in fixed chunks on the worker pool when n exceeds {@link #CHUNK}. */
    public static void forRanges(int n, RangeBody body) {
        if (n > CHUNK) ParallelElementwise.forRanges(n, CHUNK, body);
        else ReferenceElementwise.forRanges(n, body);
    }

    // x is (n) contiguous from xOff; out is (n) from outOff.

    public static void unary(UnaryOp op, float[] x, int xOff, float[] out, int outOff, int n) {
        if (Simd.ENABLED && VECTOR_UNARY.contains(op)) VectorElementwise.unary(op, x, xOff, out, outOff, n);
        else ScalarElementwise.unary(op, x, xOff, out, outOff, n);
    }

    public static void unary(UnaryOp op, double[] x, int xOff, double[] out, int outOff, int n) {
        ReferenceElementwise.unary(op, x, xOff, out, outOff, n);
    }

    public static void unary(UnaryOp op, long[] x, int xOff, long[] out, int outOff, int n) {
        ReferenceElementwise.unary(op, x, xOff, out, outOff, n);
    }

    // a, b are (n) with strides aStride, bStride (0 broadcasts); out is (n) contiguous.

    public static void binary(BinaryOp op, float[] a, int aOff, int aStride, float[] b, int bOff, int bStride,
                              float[] out, int outOff, int n) {
        if (Simd.ENABLED && op != BinaryOp.POW && (aStride == 0 || aStride == 1) && (bStride == 0 || bStride == 1)) {
            VectorElementwise.binary(op, a, aOff, aStride, b, bOff, bStride, out, outOff, n);
        } else {
            ScalarElementwise.binary(op, a, aOff, aStride, b, bOff, bStride, out, outOff, n);
        }
    }

    public static void binary(BinaryOp op, double[] a, int aOff, int aStride, double[] b, int bOff, int bStride,
                              double[] out, int outOff, int n) {
        ReferenceElementwise.binary(op, a, aOff, aStride, b, bOff, bStride, out, outOff, n);
    }

    public static void binary(BinaryOp op, long[] a, int aOff, int aStride, long[] b, int bOff, int bStride,
                              long[] out, int outOff, int n) {
        ReferenceElementwise.binary(op, a, aOff, aStride, b, bOff, bStride, out, outOff, n);
    }

    // where is pure selection: the reference loop is all a scalar loop can do, for every type.

    public static void where(float[] mask, int mOff, int mStride, float[] a, int aOff, int aStride,
                             float[] b, int bOff, int bStride, float[] out, int outOff, int n) {
        ReferenceElementwise.where(mask, mOff, mStride, a, aOff, aStride, b, bOff, bStride, out, outOff, n);
    }

    public static void where(double[] mask, int mOff, int mStride, double[] a, int aOff, int aStride,
                             double[] b, int bOff, int bStride, double[] out, int outOff, int n) {
        ReferenceElementwise.where(mask, mOff, mStride, a, aOff, aStride, b, bOff, bStride, out, outOff, n);
    }

    public static void where(long[] mask, int mOff, int mStride, long[] a, int aOff, int aStride,
                             long[] b, int bOff, int bStride, long[] out, int outOff, int n) {
        ReferenceElementwise.where(mask, mOff, mStride, a, aOff, aStride, b, bOff, bStride, out, outOff, n);
    }

    public static void clamp(float[] x, int xOff, float[] out, int outOff, int n, float lo, float hi) {
        if (Simd.ENABLED) VectorElementwise.clamp(x, xOff, out, outOff, n, lo, hi);
        else ReferenceElementwise.clamp(x, xOff, out, outOff, n, lo, hi);
    }

    public static void clamp(double[] x, int xOff, double[] out, int outOff, int n, double lo, double hi) {
        ReferenceElementwise.clamp(x, xOff, out, outOff, n, lo, hi);
    }

    public static void clamp(long[] x, int xOff, long[] out, int outOff, int n, long lo, long hi) {
        ReferenceElementwise.clamp(x, xOff, out, outOff, n, lo, hi);
    }
}
