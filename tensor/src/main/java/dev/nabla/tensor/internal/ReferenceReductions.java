package dev.nabla.tensor.internal;

import dev.nabla.tensor.internal.ReductionKernels.Rows;

/**
 * The specification of every reduction: plain loops in double, in element order, never optimized.
 * The fast kernels are tested against these; F64 arrays use them directly.
 *
 * <p>NaN rules (as PyTorch): a NaN anywhere in a row makes its max, min, sum, logsumexp and
 * softmax NaN, and argmax/argmin return the position of the first NaN.
 */
public final class ReferenceReductions {
    private ReferenceReductions() {}

    /** {@code out[o] = Σ row o}. */
    public static double[] sum(double[] x, Rows r) {
        double[] out = new double[r.rows()];
        for (int o = 0; o < r.rows(); o++) {
            double s = 0;
            for (int j = 0; j < r.segments(); j++) {
                for (int l = 0; l < r.length(); l++) s += x[r.start(o, j) + l];
            }
            out[o] = s;
        }
        return out;
    }

    /** {@code out[o] = max row o} (Math.max: NaN wins, +0 above −0). Rows must not be empty. */
    public static double[] max(double[] x, Rows r) {
        return extreme(x, r, true);
    }

    /** {@code out[o] = min row o} (Math.min: NaN wins, −0 below +0). Rows must not be empty. */
    public static double[] min(double[] x, Rows r) {
        return extreme(x, r, false);
    }

    private static double[] extreme(double[] x, Rows r, boolean max) {
        double[] out = new double[r.rows()];
        for (int o = 0; o < r.rows(); o++) {
            double m = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            for (int j = 0; j < r.segments(); j++) {
                for (int l = 0; l < r.length(); l++) {
                    double v = x[r.start(o, j) + l];
                    m = max ? Math.max(m, v) : Math.min(m, v);
                }
            }
            out[o] = m;
        }
        return out;
    }

    /** Two-pass moments: {@code mean = Σx/n}, then {@code M2 = Σ(x − mean)²}; returns {@code {mean, m2}}. */
    public static double[][] moments(double[] x, Rows r) {
        double[] mean = sum(x, r), m2 = new double[r.rows()];
        int n = r.count();
        for (int o = 0; o < r.rows(); o++) {
            mean[o] /= n;
            double s = 0;
            for (int j = 0; j < r.segments(); j++) {
                for (int l = 0; l < r.length(); l++) {
                    double d = x[r.start(o, j) + l] - mean[o];
                    s += d * d;
                }
            }
            m2[o] = s;
        }
        return new double[][] {mean, m2};
    }

    /**
     * {@code out[o] = m + ln Σ e^(x − m)} with {@code m = max row o}. An infinite or NaN max is the
     * answer itself (all −∞ gives −∞, any +∞ gives +∞); an empty row gives −∞.
     */
    public static double[] logsumexp(double[] x, Rows r) {
        double[] out = new double[r.rows()];
        double[] max = r.count() == 0 ? null : max(x, r);
        for (int o = 0; o < r.rows(); o++) {
            if (max == null) {
                out[o] = Double.NEGATIVE_INFINITY;
                continue;
            }
            double m = max[o];
            if (Double.isInfinite(m) || Double.isNaN(m)) {
                out[o] = m;
                continue;
            }
            double s = 0;
            for (int j = 0; j < r.segments(); j++) {
                for (int l = 0; l < r.length(); l++) s += Math.exp(x[r.start(o, j) + l] - m);
            }
            out[o] = m + Math.log(s);
        }
        return out;
    }

    /** Position in row o (counting {@code j·length + l}) of its first NaN, else of its first maximum. */
    public static long[] argmax(double[] x, Rows r) {
        return argExtreme(x, r, true);
    }

    /** Position in row o of its first NaN, else of its first minimum. */
    public static long[] argmin(double[] x, Rows r) {
        return argExtreme(x, r, false);
    }

    private static long[] argExtreme(double[] x, Rows r, boolean max) {
        long[] out = new long[r.rows()];
        for (int o = 0; o < r.rows(); o++) {
            int best = -1;
            double bestValue = Double.NaN;
            for (int j = 0; j < r.segments() && !(best >= 0 && Double.isNaN(bestValue)); j++) {
                for (int l = 0; l < r.length(); l++) {
                    double v = x[r.start(o, j) + l];
                    boolean better = best < 0 || Double.isNaN(v) || (max ? v > bestValue : v < bestValue);
                    if (better) {
                        best = j * r.length() + l;
                        bestValue = v;
                        if (Double.isNaN(v)) break;
                    }
                }
            }
            out[o] = best;
        }
        return out;
    }

    /**
     * Per row of {@code cols} contiguous elements: {@code out = e^(x − m) / Σ e^(x − m)}, or for
     * {@code log}: {@code out = x − m − ln Σ e^(x − m)}, with {@code m} the row's max. As PyTorch, a
     * row of all −∞ gives NaN, and +∞ entries give NaN.
     */
    public static void softmax(double[] x, int offset, int rows, int cols, double[] out, boolean log) {
        for (int o = 0; o < rows; o++) {
            int from = offset + o * cols, to = o * cols;
            double m = Double.NEGATIVE_INFINITY;
            for (int l = 0; l < cols; l++) m = Math.max(m, x[from + l]);
            double s = 0;
            for (int l = 0; l < cols; l++) s += Math.exp(x[from + l] - m);
            for (int l = 0; l < cols; l++) {
                double shifted = x[from + l] - m;
                out[to + l] = log ? shifted - Math.log(s) : Math.exp(shifted) / s;
            }
        }
    }

    /**
     * Batch-norm backward in training mode, per channel {@code ch} of an (N, C, S) contiguous
     * {@code x} and its output gradient {@code g}, with the forward's statistics μ = {@code mean},
     * σ⁻¹ = {@code invStd}, and γ = {@code gamma} (null: γ = 1); n = N·S:
     * <pre>
     *   sumG[ch]  = Σ g,   sumGC[ch] = Σ g·(x − μ)
     *   gx        = γσ⁻¹ · ((g − Σg/n) − (x − μ) · σ⁻²·Σg(x − μ)/n)
     *             = γσ⁻¹ · (g − mean(g) − x̂ · mean(g·x̂))          (x̂ = (x − μ)·σ⁻¹)
     * </pre>
     * ∂L/∂γ = σ⁻¹·sumGC and ∂L/∂β = sumG are left to the caller.
     */
    public static void batchNormBackward(double[] x, double[] g, double[] gx, int n, int c, int s, double[] mean,
                                         double[] invStd, double[] gamma, double[] sumG, double[] sumGC) {
        long count = (long) n * s;
        for (int ch = 0; ch < c; ch++) {
            double sg = 0, sgc = 0;
            for (int j = 0; j < n; j++) {
                for (int l = 0, i = (j * c + ch) * s; l < s; l++, i++) {
                    sg += g[i];
                    sgc += g[i] * (x[i] - mean[ch]);
                }
            }
            sumG[ch] = sg;
            sumGC[ch] = sgc;
            double k = (gamma == null ? 1 : gamma[ch]) * invStd[ch], mg = sg / count, q = invStd[ch] * invStd[ch] * sgc / count;
            for (int j = 0; j < n; j++) {
                for (int l = 0, i = (j * c + ch) * s; l < s; l++, i++) gx[i] = k * ((g[i] - mg) - (x[i] - mean[ch]) * q);
            }
        }
    }

    /**
     * Batch-norm forward with given statistics, per channel {@code ch} of an (N, C, S) contiguous
     * {@code x}: {@code y = ((x − μ)·σ⁻¹)·γ + β}, in that order of operations (μ = {@code mean},
     * σ⁻¹ = {@code invStd}; {@code gamma}, {@code beta} null: γ = 1, β = 0).
     */
    public static void batchNormForward(double[] x, double[] y, int n, int c, int s, double[] mean, double[] invStd,
                                        double[] gamma, double[] beta) {
        for (int j = 0; j < n; j++) {
            for (int ch = 0; ch < c; ch++) {
                double g = gamma == null ? 1 : gamma[ch], b = beta == null ? 0 : beta[ch];
                for (int l = 0, i = (j * c + ch) * s; l < s; l++, i++) y[i] = ((x[i] - mean[ch]) * invStd[ch]) * g + b;
            }
        }
    }
}
