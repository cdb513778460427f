package dev.nabla.tensor.internal.simd;

import dev.nabla.tensor.internal.BlockMath;
import dev.nabla.tensor.internal.ReferenceMath;
import dev.nabla.tensor.internal.ReferenceTwin;
import dev.nabla.tensor.internal.ZorroForm;

/**
 * The public door to {@link VectorMath} for {@code BlockMath}: rounds each pass up to whole
 * vectors (the arrays have room, see {@code BlockMath}) and nothing else.
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

    @ReferenceTwin(reference = ReferenceMath.class, method = "swish", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void swish(float[] x, float[] y, int from, int to, float beta) {
        VectorMath.swish(x, y, from, to, beta);
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "swishSlope", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void swishGradient(float[] x, float[] g, float[] dx, int from, int to, float beta) {
        VectorMath.swishGradient(x, g, dx, from, to, beta);
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "gelu", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void gelu(float[] x, float[] y, int from, int to) {
        VectorMath.gelu(x, null, y, from, to, false);
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "geluSlope", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void geluGradient(float[] x, float[] g, float[] dx, int from, int to) {
        VectorMath.gelu(x, g, dx, from, to, true);
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "softRootSign", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void softRootSign(float[] x, float[] y, int from, int to, double alpha, double beta) {
        VectorMath.softRootSign(x, y, from, to, alpha, beta);
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "softRootSignDerivatives", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void softRootSignGradient(float[] x, float[] g, float[] dx, int from, int to, double alpha, double beta, double[] sums) {
        VectorMath.softRootSignGradient(x, g, dx, from, to, alpha, beta, sums);
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "sigmoid", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void sigmoid(float[] x, float[] y, int from, int to) {
        VectorMath.sigmoid(x, y, from, to);
    }

    @ReferenceTwin(reference = Math.class, method = "tanh", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void tanh(float[] x, float[] y, int from, int to) {
        VectorMath.tanh(x, y, from, to);
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "sigmoidSlope", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void logisticGradient(float[] x, float[] g, float[] dx, int from, int to, float a, float c) {
        VectorMath.logisticGradient(x, g, dx, from, to, a, c);
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "softplus", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void softplus(float[] x, float[] y, int from, int to, float beta, float threshold) {
        VectorMath.softplus(x, y, from, to, beta, threshold);
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "softplusSlope", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void softplusGradient(float[] x, float[] g, float[] dx, int from, int to, float beta, float threshold) {
        VectorMath.softplusGradient(x, g, dx, from, to, beta, threshold);
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "elu", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void elu(float[] x, float[] y, int from, int to, float scale, float alpha) {
        VectorMath.elu(x, y, from, to, scale, alpha);
    }

    @ReferenceTwin(reference = ReferenceMath.class, method = "eluSlope", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void eluGradient(float[] x, float[] g, float[] dx, int from, int to, float scale, float alpha) {
        VectorMath.eluGradient(x, g, dx, from, to, scale, alpha);
    }

    @ReferenceTwin(reference = ZorroForm.class, method = "value", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void zorro(float[] x, float[] y, int from, int to, ZorroForm.Floats k) {
        VectorMath.zorro(x, y, from, to, k);
    }

    @ReferenceTwin(reference = ZorroForm.class, method = "derivatives", parityTest = "dev.nabla.tensor.internal.BlockMathParityTest")
    public static void zorroGradient(float[] x, float[] g, float[] dx, int from, int to, ZorroForm.Floats k, double[] sums) {
        if (sums == null) VectorMath.zorroGradient(x, g, dx, from, to, k);
        else VectorMath.zorroGradientAndSums(x, g, dx, from, to, k, sums);
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
