package dev.nabla.tensor.internal.simd;

import dev.nabla.tensor.internal.BlockMath;
import dev.nabla.tensor.internal.ReferenceMath;
import dev.nabla.tensor.internal.ReferenceTwin;
import dev.nabla.tensor.internal.ZorroForm;

/**
 * The public door to {@link VectorMath} for {@code BlockMath}: rounds each block pass up to whole
 * vectors (the arrays have room, see {@code BlockMath}), and runs each in-place kernel over whole
 * vectors, the last, partial one padded ({@link #inWholeVectors}).
 */
public final class VectorBlockMath {
    private VectorBlockMath() {}

    private static int whole(int n) {
        int lanes = VectorMath.D.length();
        return (n + lanes - 1) / lanes * lanes;
    }

    private static int wholeFloats(int n) {
        int lanes = VectorMath.F.length();
        return (n + lanes - 1) / lanes * lanes;
    }

    @ReferenceTwin(reference = Math.class, method = "exp", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void exp(float[] x, float[] y, int n) {
        VectorMath.exp(x, y, wholeFloats(n));
    }

    @ReferenceTwin(reference = Math.class, method = "log1p", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void log1p(float[] x, float[] y, int n) {
        VectorMath.log1p(x, y, wholeFloats(n));
    }

    @ReferenceTwin(reference = Math.class, method = "expm1", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void expm1(float[] x, float[] y, int n) {
        VectorMath.expm1(x, y, wholeFloats(n));
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "erf", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void erfOfNonNegative(float[] x, float[] y, int n) {
        VectorMath.erfOfNonNegative(x, y, wholeFloats(n));
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "erf", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void erf(float[] x, float[] y, int n) {
        VectorMath.erf(x, y, wholeFloats(n));
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "erfc", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void erfc(float[] x, float[] y, int n) {
        VectorMath.erfc(x, y, wholeFloats(n));
    }

    /**
     * One of VectorMath's in-place kernel loops over [from, to), to − from a multiple of the float
     * lanes: reads x (and g, where not null), writes out, and sets sums (where not null) to the
     * range's parameter sums.
     */
    @FunctionalInterface
    private interface WholeVectorLoop {
        void run(float[] x, float[] g, float[] out, int from, int to, double[] sums);
    }

    /**
     * Runs {@code loop} over [from, to): over the whole vectors where they are, then over the last,
     * partial vector (fewer elements than lanes) on copies padded with zeros, whose results are
     * copied back and whose sums are added (g is 0 in the padding, so it adds nothing). Every
     * element gets the same arithmetic wherever it sits, and no vector is loaded or stored under a
     * mask: JDK 17 stores under a mask slowly (a Zorro forward loop with masks took 21 instead of 6.9 ms
     * per 8M elements, scratch timing), and JDK 25 ran the Zorro loops 3-5 % faster without.
     */
    private static void inWholeVectors(float[] x, float[] g, float[] out, int from, int to, double[] sums, WholeVectorLoop loop) {
        int lanes = VectorMath.F.length(), whole = from + (to - from) / lanes * lanes, rest = to - whole;
        loop.run(x, g, out, from, whole, sums);
        if (rest == 0) return;
        float[] xRest = new float[lanes], gRest = g == null ? null : new float[lanes], outRest = new float[lanes];
        System.arraycopy(x, whole, xRest, 0, rest);
        if (g != null) System.arraycopy(g, whole, gRest, 0, rest);
        double[] restSums = sums == null ? null : new double[sums.length];
        loop.run(xRest, gRest, outRest, 0, lanes, restSums);
        System.arraycopy(outRest, 0, out, whole, rest);
        if (sums != null) for (int j = 0; j < sums.length; j++) sums[j] += restSums[j];
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "swish", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void swish(float[] x, float[] y, int from, int to, float beta) {
        inWholeVectors(x, null, y, from, to, null, (xs, gs, ys, lo, hi, sums) -> VectorMath.swish(xs, ys, lo, hi, beta));
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "swishSlope", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void swishGradient(float[] x, float[] g, float[] dx, int from, int to, float beta) {
        inWholeVectors(x, g, dx, from, to, null, (xs, gs, dxs, lo, hi, sums) -> VectorMath.swishGradient(xs, gs, dxs, lo, hi, beta));
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "gelu", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void gelu(float[] x, float[] y, int from, int to) {
        inWholeVectors(x, null, y, from, to, null, (xs, gs, ys, lo, hi, sums) -> VectorMath.gelu(xs, null, ys, lo, hi, false));
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "geluSlope", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void geluGradient(float[] x, float[] g, float[] dx, int from, int to) {
        inWholeVectors(x, g, dx, from, to, null, (xs, gs, dxs, lo, hi, sums) -> VectorMath.gelu(xs, gs, dxs, lo, hi, true));
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "softRootSign", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void softRootSign(float[] x, float[] y, int from, int to, double alpha, double beta) {
        inWholeVectors(x, null, y, from, to, null, (xs, gs, ys, lo, hi, sums) -> VectorMath.softRootSign(xs, ys, lo, hi, alpha, beta));
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "softRootSignDerivatives", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void softRootSignGradient(float[] x, float[] g, float[] dx, int from, int to, double alpha, double beta, double[] sums) {
        inWholeVectors(x, g, dx, from, to, sums, (xs, gs, dxs, lo, hi, s) -> VectorMath.softRootSignGradient(xs, gs, dxs, lo, hi, alpha, beta, s));
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "sigmoid", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void sigmoid(float[] x, float[] y, int from, int to) {
        inWholeVectors(x, null, y, from, to, null, (xs, gs, ys, lo, hi, sums) -> VectorMath.sigmoid(xs, ys, lo, hi));
    }

    @ReferenceTwin(reference = Math.class, method = "tanh", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void tanh(float[] x, float[] y, int from, int to) {
        inWholeVectors(x, null, y, from, to, null, (xs, gs, ys, lo, hi, sums) -> VectorMath.tanh(xs, ys, lo, hi));
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "sigmoidSlope", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void logisticGradient(float[] x, float[] g, float[] dx, int from, int to, float a, float c) {
        inWholeVectors(x, g, dx, from, to, null, (xs, gs, dxs, lo, hi, sums) -> VectorMath.logisticGradient(xs, gs, dxs, lo, hi, a, c));
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "softplus", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void softplus(float[] x, float[] y, int from, int to, float beta, float threshold) {
        inWholeVectors(x, null, y, from, to, null, (xs, gs, ys, lo, hi, sums) -> VectorMath.softplus(xs, ys, lo, hi, beta, threshold));
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "softplusSlope", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void softplusGradient(float[] x, float[] g, float[] dx, int from, int to, float beta, float threshold) {
        inWholeVectors(x, g, dx, from, to, null, (xs, gs, dxs, lo, hi, sums) -> VectorMath.softplusGradient(xs, gs, dxs, lo, hi, beta, threshold));
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "elu", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void elu(float[] x, float[] y, int from, int to, float scale, float alpha) {
        inWholeVectors(x, null, y, from, to, null, (xs, gs, ys, lo, hi, sums) -> VectorMath.elu(xs, ys, lo, hi, scale, alpha));
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "eluSlope", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void eluGradient(float[] x, float[] g, float[] dx, int from, int to, float scale, float alpha) {
        inWholeVectors(x, g, dx, from, to, null, (xs, gs, dxs, lo, hi, sums) -> VectorMath.eluGradient(xs, gs, dxs, lo, hi, scale, alpha));
    }

    @ReferenceTwin(reference = ZorroForm.class, method = "value", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void zorro(float[] x, float[] y, int from, int to, ZorroForm.Floats k) {
        inWholeVectors(x, null, y, from, to, null, (xs, gs, ys, lo, hi, s) -> VectorMath.zorro(xs, ys, lo, hi, k));
    }

    @ReferenceTwin(reference = ZorroForm.class, method = "derivatives", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void zorroGradient(float[] x, float[] g, float[] dx, int from, int to, ZorroForm.Floats k, double[] sums) {
        if (sums == null) inWholeVectors(x, g, dx, from, to, null, (xs, gs, dxs, lo, hi, s) -> VectorMath.zorroGradient(xs, gs, dxs, lo, hi, k));
        else inWholeVectors(x, g, dx, from, to, sums, (xs, gs, dxs, lo, hi, s) -> VectorMath.zorroGradientAndSums(xs, gs, dxs, lo, hi, k, s));
    }

    @ReferenceTwin(reference = dev.nabla.tensor.internal.ReferencePointwise.class, method = "positiveAndAllSums",
            parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static double[] positiveAndAllSums(float[] z, int from, int to, boolean squares) {
        return VectorMath.positiveAndAllSums(z, from, to, squares);
    }

    @ReferenceTwin(reference = dev.nabla.tensor.internal.ReferencePointwise.class, method = "positivePartDot",
            parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static double positivePartDot(float[] z, float[] g, int from, int to, double sign) {
        return VectorMath.positivePartDot(z, g, from, to, sign);
    }

    @ReferenceTwin(reference = dev.nabla.tensor.internal.ReferencePointwise.class, method = "dot",
            parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static double dot(float[] a, int aAt, float[] b, int n) {
        double s = 0;
        for (int from = 0; from < n; from += BlockMath.BLOCK) s += VectorMath.dot(a, aAt + from, b, from, Math.min(BlockMath.BLOCK, n - from));
        return s;
    }

    @ReferenceTwin(reference = Math.class, method = "exp", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void exp(double[] x, double[] y, int n) {
        VectorMath.exp(x, y, whole(n));
    }

    @ReferenceTwin(reference = Math.class, method = "expm1", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void expm1(double[] x, double[] y, int n) {
        VectorMath.expm1(x, y, whole(n));
    }

    @ReferenceTwin(reference = Math.class, method = "log1p", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void log1p(double[] x, double[] y, int n) {
        VectorMath.log1p(x, y, whole(n));
    }

    @ReferenceTwin(reference = Math.class, method = "tanh", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void tanh(double[] x, double[] y, int n) {
        VectorMath.tanh(x, y, whole(n));
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "sigmoid", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void sigmoid(double[] x, double[] y, int n) {
        VectorMath.sigmoid(x, y, whole(n));
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "softplus", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void softplus(double[] x, double[] y, double[] tmp, int n) {
        VectorMath.softplus(x, y, tmp, whole(n));
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "erf", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void erf(double[] x, double[] y, double[] tmp, int n) {
        VectorMath.erf(x, y, tmp, whole(n));
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "erfc", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void erfc(double[] x, double[] y, double[] tmp, int n) {
        VectorMath.erfc(x, y, tmp, whole(n));
    }
}
