package dev.nabla.tensor;

import dev.nabla.tensor.internal.BinaryOp;
import dev.nabla.tensor.internal.ElementwiseKernels;
import dev.nabla.tensor.internal.UnaryOp;

/**
 * Element-wise ops at the API boundary: argument and dtype checks, type promotion, the broadcast
 * shape, then {@link Broadcast#forEachRun} feeding the kernels of {@link ElementwiseKernels}.
 *
 * <p>Types: F32 and F64 everywhere, F32 with F64 gives F64. I64 is accepted where integer
 * arithmetic is exact (add, sub, mul, neg, abs, sign, relu, square, maximum, minimum, the
 * comparisons, where, clamp; overflow wraps as Java's {@code long}) and rejected elsewhere. I64
 * with F32 gives F32. Unary results keep the input's dtype; comparisons give 1/0 in the promoted
 * dtype.
 */
final class Elementwise {
    private Elementwise() {}

    static NDArray add(NDArray a, NDArray b) { return binary(BinaryOp.ADD, a, b); }
    static NDArray sub(NDArray a, NDArray b) { return binary(BinaryOp.SUB, a, b); }
    static NDArray mul(NDArray a, NDArray b) { return binary(BinaryOp.MUL, a, b); }
    static NDArray div(NDArray a, NDArray b) { return binary(BinaryOp.DIV, a, b); }
    static NDArray pow(NDArray a, NDArray b) { return binary(BinaryOp.POW, a, b); }
    static NDArray maximum(NDArray a, NDArray b) { return binary(BinaryOp.MAXIMUM, a, b); }
    static NDArray minimum(NDArray a, NDArray b) { return binary(BinaryOp.MINIMUM, a, b); }
    static NDArray eq(NDArray a, NDArray b) { return binary(BinaryOp.EQ, a, b); }
    static NDArray ne(NDArray a, NDArray b) { return binary(BinaryOp.NE, a, b); }
    static NDArray lt(NDArray a, NDArray b) { return binary(BinaryOp.LT, a, b); }
    static NDArray le(NDArray a, NDArray b) { return binary(BinaryOp.LE, a, b); }
    static NDArray gt(NDArray a, NDArray b) { return binary(BinaryOp.GT, a, b); }
    static NDArray ge(NDArray a, NDArray b) { return binary(BinaryOp.GE, a, b); }

    static NDArray neg(NDArray x) { return unary(UnaryOp.NEG, x); }
    static NDArray abs(NDArray x) { return unary(UnaryOp.ABS, x); }
    static NDArray exp(NDArray x) { return unary(UnaryOp.EXP, x); }
    static NDArray expm1(NDArray x) { return unary(UnaryOp.EXPM1, x); }
    static NDArray log(NDArray x) { return unary(UnaryOp.LOG, x); }
    static NDArray log1p(NDArray x) { return unary(UnaryOp.LOG1P, x); }
    static NDArray sqrt(NDArray x) { return unary(UnaryOp.SQRT, x); }
    static NDArray rsqrt(NDArray x) { return unary(UnaryOp.RSQRT, x); }
    static NDArray square(NDArray x) { return unary(UnaryOp.SQUARE, x); }
    static NDArray reciprocal(NDArray x) { return unary(UnaryOp.RECIPROCAL, x); }
    static NDArray sin(NDArray x) { return unary(UnaryOp.SIN, x); }
    static NDArray cos(NDArray x) { return unary(UnaryOp.COS, x); }
    static NDArray tanh(NDArray x) { return unary(UnaryOp.TANH, x); }
    static NDArray sigmoid(NDArray x) { return unary(UnaryOp.SIGMOID, x); }
    static NDArray softplus(NDArray x) { return unary(UnaryOp.SOFTPLUS, x); }
    static NDArray erf(NDArray x) { return unary(UnaryOp.ERF, x); }
    static NDArray erfc(NDArray x) { return unary(UnaryOp.ERFC, x); }
    static NDArray sign(NDArray x) { return unary(UnaryOp.SIGN, x); }
    static NDArray relu(NDArray x) { return unary(UnaryOp.RELU, x); }

    /**
     * {@code out = op(a, b)} element-wise over the broadcast shape of a and b.
     * Shapes: a (*A), b (*B) → out (broadcast(*A, *B)).
     */
    private static NDArray binary(BinaryOp op, NDArray a, NDArray b) {
        DType type = DType.promote(a.dtype, b.dtype);
        if (type == DType.I64 && !op.acceptsI64()) {
            throw new IllegalArgumentException(op.opName() + ": I64 operands are not supported (" + op.opName()
                    + " is defined on F32 and F64): a.shape=" + a.shape + ", b.shape=" + b.shape
                    + "; convert with astype(DType.F64) first");
        }
        Shape shape = Broadcast.shape(op.opName(), a.shape, b.shape);
        NDArray x = a.astype(type), y = b.astype(type), out = NDArray.zeros(type, shape.raw());
        Broadcast.RunBody leaf = switch (type) {
            case F32 -> (o, s, n) -> ElementwiseKernels.binary(op, x.f32(), o[1], s[1], y.f32(), o[2], s[2], out.f32(), o[0], n);
            case F64 -> (o, s, n) -> ElementwiseKernels.binary(op, x.f64(), o[1], s[1], y.f64(), o[2], s[2], out.f64(), o[0], n);
            case I64 -> (o, s, n) -> ElementwiseKernels.binary(op, x.i64(), o[1], s[1], y.i64(), o[2], s[2], out.i64(), o[0], n);
        };
        Broadcast.forEachRun(new NDArray[] {out, x, y}, leaf);
        return out;
    }

    /**
     * {@code out = op(x)} element-wise, same shape and dtype as x. A non-contiguous x is copied
     * first, so that every element of an op goes through the same (contiguous) kernel.
     */
    private static NDArray unary(UnaryOp op, NDArray x) {
        requireFloatingUnlessExact(op.opName(), op.acceptsI64(), x);
        NDArray in = x.contiguous(), out = NDArray.zeros(x.dtype, x.shape.raw());
        Broadcast.RunBody leaf = switch (x.dtype) {
            case F32 -> (o, s, n) -> ElementwiseKernels.unary(op, in.f32(), o[1], out.f32(), o[0], n);
            case F64 -> (o, s, n) -> ElementwiseKernels.unary(op, in.f64(), o[1], out.f64(), o[0], n);
            case I64 -> (o, s, n) -> ElementwiseKernels.unary(op, in.i64(), o[1], out.i64(), o[0], n);
        };
        Broadcast.forEachRun(new NDArray[] {out, in}, leaf);
        return out;
    }

    /**
     * {@code out = condition ≠ 0 ? a : b} (a NaN condition counts as true), all three broadcast
     * together; the dtype is that of a and b promoted, the condition may have any dtype.
     * Shapes: condition (*C), a (*A), b (*B) → out (broadcast(*C, *A, *B)).
     */
    static NDArray where(NDArray condition, NDArray a, NDArray b) {
        DType type = DType.promote(a.dtype, b.dtype);
        Shape shape = Broadcast.shape("where", condition.shape, a.shape, b.shape);
        // the condition as exact 1/0 of the result type (a cast alone could turn 1e-50 into 0f)
        NDArray mask = condition.dtype == type ? condition
                : ne(condition, NDArray.scalar(0, condition.dtype)).astype(type);
        NDArray x = a.astype(type), y = b.astype(type), out = NDArray.zeros(type, shape.raw());
        Broadcast.RunBody leaf = switch (type) {
            case F32 -> (o, s, n) -> ElementwiseKernels.where(mask.f32(), o[1], s[1], x.f32(), o[2], s[2],
                    y.f32(), o[3], s[3], out.f32(), o[0], n);
            case F64 -> (o, s, n) -> ElementwiseKernels.where(mask.f64(), o[1], s[1], x.f64(), o[2], s[2],
                    y.f64(), o[3], s[3], out.f64(), o[0], n);
            case I64 -> (o, s, n) -> ElementwiseKernels.where(mask.i64(), o[1], s[1], x.i64(), o[2], s[2],
                    y.i64(), o[3], s[3], out.i64(), o[0], n);
        };
        Broadcast.forEachRun(new NDArray[] {out, mask, x, y}, leaf);
        return out;
    }

    /**
     * {@code out = min(max(x, min), max)}, same dtype as x; NaN elements stay NaN, and min > max
     * gives max everywhere (as PyTorch). For I64, the bounds are rounded inward (ceil(min),
     * floor(max)), which clamps every integer exactly as the real bounds would.
     */
    static NDArray clamp(NDArray x, double min, double max) {
        if (Double.isNaN(min) || Double.isNaN(max)) {
            throw new IllegalArgumentException("clamp: bounds must not be NaN, got min=" + min + ", max=" + max
                    + " for x.shape=" + x.shape);
        }
        NDArray in = x.contiguous(), out = NDArray.zeros(x.dtype, x.shape.raw());
        Broadcast.RunBody leaf = switch (x.dtype) {
            case F32 -> (o, s, n) -> ElementwiseKernels.clamp(in.f32(), o[1], out.f32(), o[0], n, (float) min, (float) max);
            case F64 -> (o, s, n) -> ElementwiseKernels.clamp(in.f64(), o[1], out.f64(), o[0], n, min, max);
            case I64 -> (o, s, n) -> ElementwiseKernels.clamp(in.i64(), o[1], out.i64(), o[0], n,
                    (long) Math.ceil(min), (long) Math.floor(max));
        };
        Broadcast.forEachRun(new NDArray[] {out, in}, leaf);
        return out;
    }

    private static void requireFloatingUnlessExact(String op, boolean exactOnI64, NDArray x) {
        if (x.dtype == DType.I64 && !exactOnI64) {
            throw new IllegalArgumentException(op + ": I64 input is not supported (" + op + " is defined on F32 and F64): x.shape="
                    + x.shape + "; convert with astype(DType.F32) or astype(DType.F64) first");
        }
    }
}
