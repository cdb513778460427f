package dev.nabla.tensor.internal;

import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.PointwiseFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference twin of {@link dev.nabla.tensor.Pointwise}: every element through the double
 * element forms of the function, parameter gradients summed in index order. Results are returned
 * in F64 whatever the input dtype, so a test can measure how far the fused F32 kernel is.
 */
public final class ReferencePointwise {
    private ReferencePointwise() {}

    /** f(x; θ) in F64. Parameters: one element, or one per channel (dim 1). */
    public static NDArray apply(PointwiseFunction f, NDArray x, NDArray... theta) {
        double[] in = x.toDoubleArray(), out = new double[in.length];
        double[][] t = perElementTheta(x, theta);
        double[] th = new double[theta.length];
        for (int i = 0; i < in.length; i++) {
            for (int k = 0; k < th.length; k++) th[k] = t[k][channel(x, t[k].length, i)];
            out[i] = f.value(in[i], th);
        }
        return NDArray.of(out, x.shape().dims());
    }

    /** [∂L/∂x, ∂L/∂θ₀, …] in F64, θ gradients shaped like θ. */
    public static List<NDArray> backward(PointwiseFunction f, NDArray x, NDArray gradOutput, NDArray... theta) {
        double[] in = x.toDoubleArray(), g = gradOutput.toDoubleArray(), dx = new double[in.length];
        double[][] t = perElementTheta(x, theta);
        double[][] dTheta = new double[theta.length][];
        for (int k = 0; k < theta.length; k++) dTheta[k] = new double[t[k].length];
        double[] th = new double[theta.length], d = new double[theta.length];
        for (int i = 0; i < in.length; i++) {
            for (int k = 0; k < th.length; k++) th[k] = t[k][channel(x, t[k].length, i)];
            dx[i] = g[i] * f.derivatives(in[i], th, d);
            for (int k = 0; k < th.length; k++) dTheta[k][channel(x, t[k].length, i)] += g[i] * d[k];
        }
        List<NDArray> result = new ArrayList<>();
        result.add(NDArray.of(dx, x.shape().dims()));
        for (int k = 0; k < theta.length; k++) result.add(NDArray.of(dTheta[k], theta[k].shape().dims()));
        return result;
    }

    /** Σ a[aAt + i]·b[i] for i &lt; n in double, in index order: the twin of {@link BlockMath#dot}. */
    public static double dot(float[] a, int aAt, float[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += (double) a[aAt + i] * b[i];
        return s;
    }

    /**
     * {Σ max(z, 0)^q, Σ |z|^q} over from ≤ i &lt; to in double, in index order, q = 2 ({@code squares})
     * or 1: the twin of {@link BlockMath#positiveAndAllSums}.
     */
    public static double[] positiveAndAllSums(float[] z, int from, int to, boolean squares) {
        double positive = 0, all = 0;
        for (int i = from; i < to; i++) {
            double x = z[i], relu = Math.max(x, 0);
            positive += squares ? relu * relu : relu;
            all += squares ? x * x : Math.abs(x);
        }
        return new double[] {positive, all};
    }

    /** Σ g[i]·max(σ·z[i], 0) over from ≤ i &lt; to in double, in index order: the twin of {@link BlockMath#positivePartDot}. */
    public static double positivePartDot(float[] z, float[] g, int from, int to, double sign) {
        double s = 0;
        for (int i = from; i < to; i++) s += g[i] * Math.max(sign * z[i], 0);
        return s;
    }

    private static double[][] perElementTheta(NDArray x, NDArray[] theta) {
        double[][] t = new double[theta.length][];
        for (int k = 0; k < theta.length; k++) t[k] = theta[k].toDoubleArray();
        return t;
    }

    /** The channel (dim 1 index) of flat element i, or 0 for a shared parameter. */
    private static int channel(NDArray x, int channels, int i) {
        if (channels == 1) return 0;
        int inner = 1;
        for (int d = 2; d < x.rank(); d++) inner *= x.shape().dim(d);
        return (i / inner) % channels;
    }
}
