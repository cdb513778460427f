package dev.nabla.tensor.internal.simd;

import dev.nabla.tensor.internal.BinaryOp;
import dev.nabla.tensor.internal.ReferenceElementwise;
import dev.nabla.tensor.internal.ReferenceTwin;
import dev.nabla.tensor.internal.UnaryOp;
import java.util.Arrays;
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
            case NEG -> neg(x, xOff, out, outOff, n);
            case ABS -> abs(x, xOff, out, outOff, n);
            case RELU -> relu(x, xOff, out, outOff, n);
            case SQUARE -> square(x, xOff, out, outOff, n);
            case SQRT -> sqrt(x, xOff, out, outOff, n);
            case RECIPROCAL -> reciprocal(x, xOff, out, outOff, n);
            case SIGN -> sign(x, xOff, out, outOff, n);
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
        if (n == 0) return;
        // A broadcast operand is read from a vector's worth of copies of its value with index step 0,
        // so each op is one loop of plain loads: a vector that is "a splat or a load" depending on the
        // stride makes C2 drop the load intrinsic (docs/decisions/0002-kernels.md).
        float[] as = aStride == 0 ? splat(a[aOff]) : a, bs = bStride == 0 ? splat(b[bOff]) : b;
        int ao = aStride == 0 ? 0 : aOff, bo = bStride == 0 ? 0 : bOff;
        switch (op) {
            case ADD -> add(as, ao, aStride, bs, bo, bStride, out, outOff, n);
            case SUB -> sub(as, ao, aStride, bs, bo, bStride, out, outOff, n);
            case MUL -> mul(as, ao, aStride, bs, bo, bStride, out, outOff, n);
            case DIV -> div(as, ao, aStride, bs, bo, bStride, out, outOff, n);
            case MAXIMUM -> max(as, ao, aStride, bs, bo, bStride, out, outOff, n);
            case MINIMUM -> min(as, ao, aStride, bs, bo, bStride, out, outOff, n);
            case EQ -> eq(as, ao, aStride, bs, bo, bStride, out, outOff, n);
            case NE -> ne(as, ao, aStride, bs, bo, bStride, out, outOff, n);
            case GT -> gt(as, ao, aStride, bs, bo, bStride, out, outOff, n);
            case GE -> ge(as, ao, aStride, bs, bo, bStride, out, outOff, n);
            case LT -> gt(bs, bo, bStride, as, ao, aStride, out, outOff, n); // a < b exactly when b > a, NaN included
            case LE -> ge(bs, bo, bStride, as, ao, aStride, out, outOff, n);
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

    /*
     * The float-lane unary loops, out[i] = op(x[i]). One small loop per op, for the reason given
     * at the binary loops.
     */

    private static void neg(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) FloatVector.fromArray(F, x, xOff + i).neg().intoArray(out, outOff + i);
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector.fromArray(F, x, xOff + i, m).neg().intoArray(out, outOff + i, m);
        }
    }

    private static void abs(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) FloatVector.fromArray(F, x, xOff + i).abs().intoArray(out, outOff + i);
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector.fromArray(F, x, xOff + i, m).abs().intoArray(out, outOff + i, m);
        }
    }

    /** max(x, 0) by {@code Math.max}'s rules: NaN stays NaN, −0 gives +0. */
    private static void relu(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) FloatVector.fromArray(F, x, xOff + i).max(ZERO).intoArray(out, outOff + i);
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector.fromArray(F, x, xOff + i, m).max(ZERO).intoArray(out, outOff + i, m);
        }
    }

    private static void square(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, xOff + i);
            v.mul(v).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(F, x, xOff + i, m);
            v.mul(v).intoArray(out, outOff + i, m);
        }
    }

    private static void sqrt(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) FloatVector.fromArray(F, x, xOff + i).sqrt().intoArray(out, outOff + i);
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector.fromArray(F, x, xOff + i, m).sqrt().intoArray(out, outOff + i, m);
        }
    }

    private static void reciprocal(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) ONE.div(FloatVector.fromArray(F, x, xOff + i)).intoArray(out, outOff + i);
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            ONE.div(FloatVector.fromArray(F, x, xOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    /** 1 for x > 0, −1 for x < 0, x itself for ±0 and NaN. */
    private static void sign(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, xOff + i);
            v.blend(ONE, v.compare(VectorOperators.GT, 0f)).blend(MINUS_ONE, v.compare(VectorOperators.LT, 0f)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(F, x, xOff + i, m);
            v.blend(ONE, v.compare(VectorOperators.GT, 0f)).blend(MINUS_ONE, v.compare(VectorOperators.LT, 0f)).intoArray(out, outOff + i, m);
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

    /** One vector's worth of copies of v: a broadcast operand, read with index step 0. */
    private static float[] splat(float v) {
        float[] copies = new float[F.length()];
        Arrays.fill(copies, v);
        return copies;
    }

    /*
     * The binary loops: out[i] = a[aOff + i·aStep] op b[bOff + i·bStep], step 1 (a run) or 0 (a
     * broadcast value held in a splat array). One small loop per op, not one loop with an op
     * argument: C2 then compiles each with its op's instruction and no boxed vectors (a shared
     * loop measured 30 % of a training step in FloatVector boxing and Java fallbacks).
     */

    private static void add(float[] a, int aOff, int aStep, float[] b, int bOff, int bStep, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector.fromArray(F, a, aOff + i * aStep).add(FloatVector.fromArray(F, b, bOff + i * bStep)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector.fromArray(F, a, aOff + i * aStep, m).add(FloatVector.fromArray(F, b, bOff + i * bStep, m)).intoArray(out, outOff + i, m);
        }
    }

    private static void sub(float[] a, int aOff, int aStep, float[] b, int bOff, int bStep, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector.fromArray(F, a, aOff + i * aStep).sub(FloatVector.fromArray(F, b, bOff + i * bStep)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector.fromArray(F, a, aOff + i * aStep, m).sub(FloatVector.fromArray(F, b, bOff + i * bStep, m)).intoArray(out, outOff + i, m);
        }
    }

    private static void mul(float[] a, int aOff, int aStep, float[] b, int bOff, int bStep, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector.fromArray(F, a, aOff + i * aStep).mul(FloatVector.fromArray(F, b, bOff + i * bStep)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector.fromArray(F, a, aOff + i * aStep, m).mul(FloatVector.fromArray(F, b, bOff + i * bStep, m)).intoArray(out, outOff + i, m);
        }
    }

    /** Masked-off lanes of the tail divide 0 by 0 into lanes that are never stored. */
    private static void div(float[] a, int aOff, int aStep, float[] b, int bOff, int bStep, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector.fromArray(F, a, aOff + i * aStep).div(FloatVector.fromArray(F, b, bOff + i * bStep)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector.fromArray(F, a, aOff + i * aStep, m).div(FloatVector.fromArray(F, b, bOff + i * bStep, m)).intoArray(out, outOff + i, m);
        }
    }

    private static void max(float[] a, int aOff, int aStep, float[] b, int bOff, int bStep, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector.fromArray(F, a, aOff + i * aStep).max(FloatVector.fromArray(F, b, bOff + i * bStep)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector.fromArray(F, a, aOff + i * aStep, m).max(FloatVector.fromArray(F, b, bOff + i * bStep, m)).intoArray(out, outOff + i, m);
        }
    }

    private static void min(float[] a, int aOff, int aStep, float[] b, int bOff, int bStep, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector.fromArray(F, a, aOff + i * aStep).min(FloatVector.fromArray(F, b, bOff + i * bStep)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector.fromArray(F, a, aOff + i * aStep, m).min(FloatVector.fromArray(F, b, bOff + i * bStep, m)).intoArray(out, outOff + i, m);
        }
    }

    /** The comparisons: out[i] = 1 where the relation holds, else 0 (so 0 for NaN operands, but 1 for ne). */

    private static void eq(float[] a, int aOff, int aStep, float[] b, int bOff, int bStep, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector va = FloatVector.fromArray(F, a, aOff + i * aStep), vb = FloatVector.fromArray(F, b, bOff + i * bStep);
            ZERO.blend(ONE, va.compare(VectorOperators.EQ, vb)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector va = FloatVector.fromArray(F, a, aOff + i * aStep, m), vb = FloatVector.fromArray(F, b, bOff + i * bStep, m);
            ZERO.blend(ONE, va.compare(VectorOperators.EQ, vb)).intoArray(out, outOff + i, m);
        }
    }

    private static void ne(float[] a, int aOff, int aStep, float[] b, int bOff, int bStep, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector va = FloatVector.fromArray(F, a, aOff + i * aStep), vb = FloatVector.fromArray(F, b, bOff + i * bStep);
            ZERO.blend(ONE, va.compare(VectorOperators.NE, vb)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector va = FloatVector.fromArray(F, a, aOff + i * aStep, m), vb = FloatVector.fromArray(F, b, bOff + i * bStep, m);
            ZERO.blend(ONE, va.compare(VectorOperators.NE, vb)).intoArray(out, outOff + i, m);
        }
    }

    private static void gt(float[] a, int aOff, int aStep, float[] b, int bOff, int bStep, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector va = FloatVector.fromArray(F, a, aOff + i * aStep), vb = FloatVector.fromArray(F, b, bOff + i * bStep);
            ZERO.blend(ONE, va.compare(VectorOperators.GT, vb)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector va = FloatVector.fromArray(F, a, aOff + i * aStep, m), vb = FloatVector.fromArray(F, b, bOff + i * bStep, m);
            ZERO.blend(ONE, va.compare(VectorOperators.GT, vb)).intoArray(out, outOff + i, m);
        }
    }

    private static void ge(float[] a, int aOff, int aStep, float[] b, int bOff, int bStep, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector va = FloatVector.fromArray(F, a, aOff + i * aStep), vb = FloatVector.fromArray(F, b, bOff + i * bStep);
            ZERO.blend(ONE, va.compare(VectorOperators.GE, vb)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector va = FloatVector.fromArray(F, a, aOff + i * aStep, m), vb = FloatVector.fromArray(F, b, bOff + i * bStep, m);
            ZERO.blend(ONE, va.compare(VectorOperators.GE, vb)).intoArray(out, outOff + i, m);
        }
    }
}
