package dev.nabla.tensor.internal.simd;

import dev.nabla.tensor.internal.BinaryOp;
import dev.nabla.tensor.internal.ReferenceElementwise;
import dev.nabla.tensor.internal.ReferenceTwin;
import dev.nabla.tensor.internal.UnaryOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * F32 element-wise kernels on the Java Vector API.
 *
 * <p>Exact IEEE ops (+ − × ÷, √, abs, neg, max, min, comparisons, relu, sign, clamp) run in float
 * lanes and are bit-identical to {@link ReferenceElementwise}. Transcendental ops widen blocks of
 * floats to double lanes, run {@link VectorMath}'s passes (relative error below 1e-10, far below a
 * float ulp) and round once, so they are within 1 F32 ulp of the reference (tested on a dense grid
 * of all floats, including overflow, underflow, ±∞ and NaN). Partial vectors are handled by masked
 * loads and stores or zero-padded blocks, never by scalar code, so an element's result does not
 * depend on where it sits in the array.
 */
public final class VectorElementwise {
    private static final VectorSpecies<Float> F = Lanes.F32;
    /** Double lanes for the transcendental ops, and the float species with as many lanes. */
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FD = VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
    private static final FloatVector ZERO = FloatVector.zero(F);
    private static final FloatVector ONE = FloatVector.broadcast(F, 1f);
    private static final FloatVector MINUS_ONE = FloatVector.broadcast(F, -1f);

    private VectorElementwise() {}

    // x is (n) contiguous from xOff; out is (n) from outOff.
    @ReferenceTwin(reference = ReferenceElementwise.class, method = "unary",
            parityTest = "dev.nabla.tensor.internal.ElementwiseParityTest")
    public static void unary(UnaryOp op, float[] x, int xOff, float[] out, int outOff, int n) {
        switch (op) {
            case NEG, ABS, RELU, SQUARE, SQRT, RECIPROCAL, SIGN -> map(op, x, xOff, out, outOff, n);
            case RSQRT -> mapWide(x, xOff, out, outOff, n, (in, y, tmp, m) -> VectorMath.rsqrt(in, y, m));
            case EXP -> mapWide(x, xOff, out, outOff, n, (in, y, tmp, m) -> VectorMath.exp(in, y, m));
            case EXPM1 -> mapWide(x, xOff, out, outOff, n, (in, y, tmp, m) -> VectorMath.expm1(in, y, m));
            case LOG -> mapWide(x, xOff, out, outOff, n, (in, y, tmp, m) -> VectorMath.log(in, y, m));
            case LOG1P -> mapWide(x, xOff, out, outOff, n, (in, y, tmp, m) -> VectorMath.log1p(in, y, m));
            case TANH -> mapWide(x, xOff, out, outOff, n, (in, y, tmp, m) -> VectorMath.tanh(in, y, m));
            case SIGMOID -> mapWide(x, xOff, out, outOff, n, (in, y, tmp, m) -> VectorMath.sigmoid(in, y, m));
            case SOFTPLUS -> mapWide(x, xOff, out, outOff, n, VectorMath::softplus);
            case ERF -> mapWide(x, xOff, out, outOff, n, VectorMath::erf);
            case ERFC -> mapWide(x, xOff, out, outOff, n, VectorMath::erfc);
            default -> throw new IllegalArgumentException(op.opName() + ": no SIMD kernel (the facade routes it to the scalar tier)");
        }
    }

    // a, b are (n) with strides 0 (one broadcast value) or 1; out is (n) contiguous.
    @ReferenceTwin(reference = ReferenceElementwise.class, method = "binary",
            parityTest = "dev.nabla.tensor.internal.ElementwiseParityTest")
    public static void binary(BinaryOp op, float[] a, int aOff, int aStride, float[] b, int bOff, int bStride,
                              float[] out, int outOff, int n) {
        switch (op) {
            case ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, EQ, NE, LT, LE, GT, GE -> zip(op, a, aOff, aStride, b, bOff, bStride, out, outOff, n);
            default -> throw new IllegalArgumentException(op.opName() + ": no SIMD kernel (the facade routes it to the scalar tier)");
        }
    }

    /** out = min(max(x, lo), hi), x and out (n) contiguous. */
    @ReferenceTwin(reference = ReferenceElementwise.class, method = "clamp",
            parityTest = "dev.nabla.tensor.internal.ElementwiseParityTest")
    public static void clamp(float[] x, int xOff, float[] out, int outOff, int n, float lo, float hi) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector.fromArray(F, x, xOff + i).max(lo).min(hi).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector.fromArray(F, x, xOff + i, m).max(lo).min(hi).intoArray(out, outOff + i, m);
        }
    }

    private static FloatVector indicator(FloatVector p, VectorOperators.Comparison relation, FloatVector q) {
        return ZERO.blend(ONE, p.compare(relation, q));
    }

    /** out[i] = op(x[i]) in float lanes. */
    private static void map(UnaryOp op, float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            apply(op, FloatVector.fromArray(F, x, xOff + i)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            apply(op, FloatVector.fromArray(F, x, xOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    /**
     * One vector of op(v). The ops are a switch, not lambdas: a lambda called with several ops
     * at one site is a megamorphic call that C2 cannot inline, so vectors get boxed and the
     * lanewise ops run their slow Java fallbacks (measured: most of a training step's time).
     * Every arm here has a constant op, which compiles to SIMD instructions; the switch itself
     * is a loop-invariant, well-predicted branch.
     */
    private static FloatVector apply(UnaryOp op, FloatVector v) {
        return switch (op) {
            case NEG -> v.neg();
            case ABS -> v.abs();
            case RELU -> v.max(0f);
            case SQUARE -> v.mul(v);
            case SQRT -> v.sqrt();
            case RECIPROCAL -> ONE.div(v);
            case SIGN -> v.blend(ONE, v.compare(VectorOperators.GT, 0f)).blend(MINUS_ONE, v.compare(VectorOperators.LT, 0f));
            default -> throw new IllegalArgumentException(op.opName() + ": not a float-lane op");
        };
    }

    /** A double-lane function as a pass over arrays: y[i] = f(x[i]) for i < n (a multiple of the lanes); tmp is scratch. */
    @FunctionalInterface
    private interface WidePass {
        void apply(double[] x, double[] y, double[] tmp, int n);
    }

    /** Floats per block of the double-lane ops: the three 4 KiB double buffers stay in L1. */
    private static final int BLOCK = 512;

    /**
     * out[i] = (float) f((double) x[i]), block by block: widen into a double buffer (zero-padded to
     * whole vectors; pad lanes compute f(0), harmlessly), run the passes of f, narrow back.
     */
    private static void mapWide(float[] x, int xOff, float[] out, int outOff, int n, WidePass f) {
        int capacity = Math.min(BLOCK, roundUp(n));
        double[] in = new double[capacity], result = new double[capacity], tmp = new double[capacity];
        for (int start = 0; start < n; start += BLOCK) {
            int length = Math.min(BLOCK, n - start), padded = roundUp(length);
            for (int i = 0; i < padded; i += FD.length()) {
                VectorMask<Float> m = FD.indexInRange(i, length);
                ((DoubleVector) FloatVector.fromArray(FD, x, xOff + start + i, m).convertShape(VectorOperators.F2D, D, 0)).intoArray(in, i);
            }
            f.apply(in, result, tmp, padded);
            for (int i = 0; i < length; i += FD.length()) {
                VectorMask<Float> m = FD.indexInRange(i, length);
                ((FloatVector) DoubleVector.fromArray(D, result, i).convertShape(VectorOperators.D2F, FD, 0)).intoArray(out, outOff + start + i, m);
            }
        }
    }

    private static int roundUp(int n) {
        return (n + FD.length() - 1) / FD.length() * FD.length();
    }

    /** out[i] = a[i] op b[i]; an operand with stride 0 is one value broadcast to every lane. */
    private static void zip(BinaryOp op, float[] a, int aOff, int aStride, float[] b, int bOff, int bStride,
                            float[] out, int outOff, int n) {
        if (n == 0) return;
        FloatVector aSplat = FloatVector.broadcast(F, a[aOff]), bSplat = FloatVector.broadcast(F, b[bOff]);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector va = aStride == 0 ? aSplat : FloatVector.fromArray(F, a, aOff + i);
            FloatVector vb = bStride == 0 ? bSplat : FloatVector.fromArray(F, b, bOff + i);
            apply(op, va, vb).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector va = aStride == 0 ? aSplat : FloatVector.fromArray(F, a, aOff + i, m);
            FloatVector vb = bStride == 0 ? bSplat : FloatVector.fromArray(F, b, bOff + i, m);
            apply(op, va, vb).intoArray(out, outOff + i, m);
        }
    }

    /** One vector of a op b; a switch of constant ops rather than lambdas, for the reason given at {@link #apply(UnaryOp, FloatVector)}. */
    private static FloatVector apply(BinaryOp op, FloatVector a, FloatVector b) {
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case DIV -> a.div(b);
            case MAXIMUM -> a.max(b);
            case MINIMUM -> a.min(b);
            case EQ -> indicator(a, VectorOperators.EQ, b);
            case NE -> indicator(a, VectorOperators.NE, b);
            case LT -> indicator(a, VectorOperators.LT, b);
            case LE -> indicator(a, VectorOperators.LE, b);
            case GT -> indicator(a, VectorOperators.GT, b);
            case GE -> indicator(a, VectorOperators.GE, b);
            default -> throw new IllegalArgumentException(op.opName() + ": not a float-lane op");
        };
    }
}
