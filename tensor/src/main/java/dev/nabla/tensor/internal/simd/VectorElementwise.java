package dev.nabla.tensor.internal.simd;

import dev.nabla.tensor.internal.BinaryOp;
import dev.nabla.tensor.internal.ReferenceElementwise;
import dev.nabla.tensor.internal.ReferenceTwin;
import dev.nabla.tensor.internal.UnaryOp;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
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
            case NEG -> map(x, xOff, out, outOff, n, FloatVector::neg);
            case ABS -> map(x, xOff, out, outOff, n, FloatVector::abs);
            case RELU -> map(x, xOff, out, outOff, n, v -> v.max(0f));
            case SQUARE -> map(x, xOff, out, outOff, n, v -> v.mul(v));
            case SQRT -> map(x, xOff, out, outOff, n, FloatVector::sqrt);
            case RECIPROCAL -> map(x, xOff, out, outOff, n, ONE::div);
            case SIGN -> map(x, xOff, out, outOff, n, v -> v.blend(ONE, v.compare(VectorOperators.GT, 0f))
                    .blend(MINUS_ONE, v.compare(VectorOperators.LT, 0f)));
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
            case ADD -> zip(a, aOff, aStride, b, bOff, bStride, out, outOff, n, FloatVector::add);
            case SUB -> zip(a, aOff, aStride, b, bOff, bStride, out, outOff, n, FloatVector::sub);
            case MUL -> zip(a, aOff, aStride, b, bOff, bStride, out, outOff, n, FloatVector::mul);
            case DIV -> zip(a, aOff, aStride, b, bOff, bStride, out, outOff, n, FloatVector::div);
            case MAXIMUM -> zip(a, aOff, aStride, b, bOff, bStride, out, outOff, n, FloatVector::max);
            case MINIMUM -> zip(a, aOff, aStride, b, bOff, bStride, out, outOff, n, FloatVector::min);
            case EQ -> zip(a, aOff, aStride, b, bOff, bStride, out, outOff, n, (p, q) -> indicator(p, VectorOperators.EQ, q));
            case NE -> zip(a, aOff, aStride, b, bOff, bStride, out, outOff, n, (p, q) -> indicator(p, VectorOperators.NE, q));
            case LT -> zip(a, aOff, aStride, b, bOff, bStride, out, outOff, n, (p, q) -> indicator(p, VectorOperators.LT, q));
            case LE -> zip(a, aOff, aStride, b, bOff, bStride, out, outOff, n, (p, q) -> indicator(p, VectorOperators.LE, q));
            case GT -> zip(a, aOff, aStride, b, bOff, bStride, out, outOff, n, (p, q) -> indicator(p, VectorOperators.GT, q));
            case GE -> zip(a, aOff, aStride, b, bOff, bStride, out, outOff, n, (p, q) -> indicator(p, VectorOperators.GE, q));
            default -> throw new IllegalArgumentException(op.opName() + ": no SIMD kernel (the facade routes it to the scalar tier)");
        }
    }

    /** out = min(max(x, lo), hi), x and out (n) contiguous. */
    @ReferenceTwin(reference = ReferenceElementwise.class, method = "clamp",
            parityTest = "dev.nabla.tensor.internal.ElementwiseParityTest")
    public static void clamp(float[] x, int xOff, float[] out, int outOff, int n, float lo, float hi) {
        map(x, xOff, out, outOff, n, v -> v.max(lo).min(hi));
    }

    private static FloatVector indicator(FloatVector p, VectorOperators.Comparison relation, FloatVector q) {
        return ZERO.blend(ONE, p.compare(relation, q));
    }

    /** out[i] = f(x[i]) in float lanes. */
    private static void map(float[] x, int xOff, float[] out, int outOff, int n, UnaryOperator<FloatVector> f) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            f.apply(FloatVector.fromArray(F, x, xOff + i)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            f.apply(FloatVector.fromArray(F, x, xOff + i, m)).intoArray(out, outOff + i, m);
        }
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

    /** out[i] = f(a[i], b[i]); an operand with stride 0 is one value broadcast to every lane. */
    private static void zip(float[] a, int aOff, int aStride, float[] b, int bOff, int bStride,
                            float[] out, int outOff, int n, BinaryOperator<FloatVector> f) {
        if (n == 0) return;
        FloatVector aSplat = FloatVector.broadcast(F, a[aOff]), bSplat = FloatVector.broadcast(F, b[bOff]);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector va = aStride == 0 ? aSplat : FloatVector.fromArray(F, a, aOff + i);
            FloatVector vb = bStride == 0 ? bSplat : FloatVector.fromArray(F, b, bOff + i);
            f.apply(va, vb).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector va = aStride == 0 ? aSplat : FloatVector.fromArray(F, a, aOff + i, m);
            FloatVector vb = bStride == 0 ? bSplat : FloatVector.fromArray(F, b, bOff + i, m);
            f.apply(va, vb).intoArray(out, outOff + i, m);
        }
    }
}
