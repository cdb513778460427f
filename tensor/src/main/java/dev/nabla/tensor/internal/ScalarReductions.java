package dev.nabla.tensor.internal;

import dev.nabla.tensor.internal.ReductionKernels.Rows;
import java.util.Arrays;

/**
 * Fast scalar reductions on F32 data, used when the Vector API is absent; also the row kernels
 * (logsumexp, argmax, softmax) and the partial-result combiners that both leaf tiers share.
 *
 * <p>Leaves ({@code sum}, {@code max}, {@code min}, {@code moments}) reduce one contiguous range
 * {@code x[from, from+len)} of at most {@link ParallelReductions#PIECE} elements; sums accumulate
 * in double with four independent accumulators (interleaved by index mod 4), so they differ from
 * the reference only by reassociation: error ≤ len·2^-53·Σ|x|, far below F32 resolution. The
 * column leaves reduce a block of matrix rows column by column, in double.
 */
public final class ScalarReductions {
    private static final String PARITY = "dev.nabla.tensor.internal.ReductionParityTest";

    private ScalarReductions() {}

    /** {@code Σ x[from, from+len)} in double. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "sum", parityTest = PARITY)
    public static double sum(float[] x, int from, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = from, end = from + len;
        for (; i <= end - 4; i += 4) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
        }
        for (; i < end; i++) s0 += x[i];
        return (s0 + s1) + (s2 + s3);
    }

    /** Batch-norm forward of one channel ({@link ReductionKernels.ChannelBatchNormForward}), in float. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "batchNormForward", parityTest = PARITY)
    public static void batchNormForward(float[] x, float[] y, int from, int runs, int length, int stride, float mean, float invStd,
                                        float gamma, float beta) {
        for (int j = 0; j < runs; j++) {
            for (int i = from + j * stride, end = i + length; i < end; i++) y[i] = ((x[i] - mean) * invStd) * gamma + beta;
        }
    }

    /**
     * Batch-norm backward of one channel ({@link ReductionKernels.ChannelBatchNormBackward}): the
     * sums in double, then, with the per-channel constants k = γσ⁻¹, mg = Σg/n and
     * q = σ⁻²·Σg(x − μ)/n rounded to float, {@code gx = k·((g − mg) − (x − μ)·q)} in float
     * (the SIMD leaf computes the same float expression).
     */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "batchNormBackward", parityTest = PARITY)
    public static void batchNormBackward(float[] x, float[] g, float[] gx, int from, int runs, int length, int stride, float mean,
                                         double invStd, double gamma, double[] sumG, double[] sumGC, int at) {
        double sg = 0, sgc = 0;
        for (int j = 0; j < runs; j++) {
            for (int i = from + j * stride, end = i + length; i < end; i++) {
                sg += g[i];
                sgc += g[i] * (x[i] - mean);
            }
        }
        sumG[at] = sg;
        sumGC[at] = sgc;
        long count = (long) runs * length;
        float k = (float) (gamma * invStd), mg = (float) (sg / count), q = (float) (invStd * invStd * sgc / count);
        for (int j = 0; j < runs; j++) {
            for (int i = from + j * stride, end = i + length; i < end; i++) gx[i] = k * ((g[i] - mg) - (x[i] - mean) * q);
        }
    }

    /** {@code max x[from, from+len)} (Math.max: NaN wins); {@code len ≥ 1}. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "max", parityTest = PARITY)
    public static float max(float[] x, int from, int len) {
        float m = x[from];
        for (int i = from + 1; i < from + len; i++) m = Math.max(m, x[i]);
        return m;
    }

    /** {@code min x[from, from+len)} (Math.min: NaN wins); {@code len ≥ 1}. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "min", parityTest = PARITY)
    public static float min(float[] x, int from, int len) {
        float m = x[from];
        for (int i = from + 1; i < from + len; i++) m = Math.min(m, x[i]);
        return m;
    }

    /**
     * Mean and {@code M2 = Σ(x − mean)²} of {@code x[from, from+len)} ({@code len ≥ 1}), written to
     * {@code mean[at]}, {@code m2[at]}. Corrected two-pass (Chan, Golub &amp; LeVeque 1983): with
     * {@code k} the first-pass mean, {@code d = x − k}, {@code mean = k + Σd/n} and
     * {@code M2 = Σd² − (Σd)²/n}. The range is at most one piece (16 KB), so the second pass reads
     * it from L1 cache: memory is still read once.
     */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "moments", parityTest = PARITY)
    public static void moments(float[] x, int from, int len, double[] mean, double[] m2, int at) {
        double k = sum(x, from, len) / len;
        double s1 = 0, s2 = 0;
        for (int i = from; i < from + len; i++) {
            double d = x[i] - k;
            s1 += d;
            s2 += d * d;
        }
        mean[at] = k + s1 / len;
        m2[at] = Math.max(0, s2 - s1 * s1 / len);
    }

    /** Rows {@code [fromRow, toRow)} of the reference {@code logsumexp}, reading F32. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "logsumexp", parityTest = PARITY)
    public static void logsumexp(float[] x, Rows r, double[] out, int fromRow, int toRow) {
        for (int o = fromRow; o < toRow; o++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < r.segments(); j++) {
                int at = r.start(o, j);
                if (r.length() > 0) m = Math.max(m, max(x, at, r.length()));
            }
            if (Double.isInfinite(m) || Double.isNaN(m)) {
                out[o] = m;
                continue;
            }
            double s = 0;
            for (int j = 0; j < r.segments(); j++) {
                int at = r.start(o, j);
                for (int l = 0; l < r.length(); l++) s += Math.exp(x[at + l] - m);
            }
            out[o] = m + Math.log(s);
        }
    }

    /** Rows {@code [fromRow, toRow)} of the reference {@code argmax} ({@code max}) or {@code argmin}. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "argmax", parityTest = PARITY)
    public static void argExtreme(float[] x, Rows r, boolean max, long[] out, int fromRow, int toRow) {
        for (int o = fromRow; o < toRow; o++) {
            int best = -1;
            float bestValue = Float.NaN;
            search:
            for (int j = 0; j < r.segments(); j++) {
                int at = r.start(o, j);
                for (int l = 0; l < r.length(); l++) {
                    float v = x[at + l];
                    if (best < 0 || Float.isNaN(v) || (max ? v > bestValue : v < bestValue)) {
                        best = j * r.length() + l;
                        bestValue = v;
                        if (Float.isNaN(v)) break search;
                    }
                }
            }
            out[o] = best;
        }
    }

    /** Rows {@code [fromRow, toRow)} of the reference {@code softmax}, F32 in and out, computed in double. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "softmax", parityTest = PARITY)
    public static void softmax(float[] x, int offset, int cols, float[] out, boolean log, int fromRow, int toRow) {
        for (int o = fromRow; o < toRow; o++) {
            int from = offset + o * cols, to = o * cols;
            double m = cols == 0 ? 0 : max(x, from, cols);
            double s = 0;
            for (int l = 0; l < cols; l++) s += Math.exp(x[from + l] - m);
            double logS = Math.log(s);
            for (int l = 0; l < cols; l++) {
                double shifted = x[from + l] - m;
                out[to + l] = (float) (log ? shifted - logS : Math.exp(shifted) / s);
            }
        }
    }

    /** Column sums of a block (see {@link ReductionKernels.ColumnsSum}), accumulated in double. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "sum", parityTest = PARITY)
    public static void sumColumns(float[] x, int from, int stride, int rows, int width, double[] out, int at) {
        Arrays.fill(out, at, at + width, 0);
        for (int j = 0; j < rows; j++) {
            int row = from + j * stride;
            for (int c = 0; c < width; c++) out[at + c] += x[row + c];
        }
    }

    /** Column maxima of a block ({@code rows ≥ 1}), as Math.max. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "max", parityTest = PARITY)
    public static void maxColumns(float[] x, int from, int stride, int rows, int width, float[] out, int at) {
        System.arraycopy(x, from, out, at, width);
        for (int j = 1; j < rows; j++) {
            int row = from + j * stride;
            for (int c = 0; c < width; c++) out[at + c] = Math.max(out[at + c], x[row + c]);
        }
    }

    /** Column minima of a block ({@code rows ≥ 1}), as Math.min. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "min", parityTest = PARITY)
    public static void minColumns(float[] x, int from, int stride, int rows, int width, float[] out, int at) {
        System.arraycopy(x, from, out, at, width);
        for (int j = 1; j < rows; j++) {
            int row = from + j * stride;
            for (int c = 0; c < width; c++) out[at + c] = Math.min(out[at + c], x[row + c]);
        }
    }

    /** Column moments of a block ({@code rows ≥ 1}): the corrected two-pass of {@link #moments}, per column. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "moments", parityTest = PARITY)
    public static void momentsColumns(float[] x, int from, int stride, int rows, int width, double[] mean, double[] m2, int at) {
        sumColumns(x, from, stride, rows, width, mean, at);
        double[] s1 = new double[width], s2 = new double[width];
        for (int j = 0; j < rows; j++) {
            int row = from + j * stride;
            for (int c = 0; c < width; c++) {
                double d = x[row + c] - mean[at + c] / rows;
                s1[c] += d;
                s2[c] += d * d;
            }
        }
        for (int c = 0; c < width; c++) {
            mean[at + c] = mean[at + c] / rows + s1[c] / rows;
            m2[at + c] = Math.max(0, s2[c] - s1[c] * s1[c] / rows);
        }
    }

    // ---- combiners of partial results, in partial order (used by ParallelReductions) ----
    // Partial p of output o sits at partial[o·oStride + p·pStride]: oStride = perRow, pStride = 1 for
    // pieces of rows; oStride = 1, pStride = outputs for blocks of columns.

    /** {@code out[o] = Σ_p partial(o, p)}, left to right (0 when {@code perRow = 0}). */
    static double[] combineSums(double[] partial, int rows, int perRow, int oStride, int pStride) {
        double[] out = new double[rows];
        for (int o = 0; o < rows; o++) {
            if (perRow == 0) continue;
            double s = partial[o * oStride];
            for (int p = 1; p < perRow; p++) s += partial[o * oStride + p * pStride];
            out[o] = s;
        }
        return out;
    }

    /** {@code out[o] = max (or min) of partial(o, ·)}, NaN winning; {@code perRow ≥ 1}. */
    static double[] combineExtremes(float[] partial, int rows, int perRow, int oStride, int pStride, boolean max) {
        double[] out = new double[rows];
        for (int o = 0; o < rows; o++) {
            float m = partial[o * oStride];
            for (int p = 1; p < perRow; p++) {
                float v = partial[o * oStride + p * pStride];
                m = max ? Math.max(m, v) : Math.min(m, v);
            }
            out[o] = m;
        }
        return out;
    }

    /**
     * Merges the partial {@code (count, mean, M2)} of each output left to right with Chan's formula:
     * {@code n = na + nb, δ = mb − ma, mean = ma + δ·nb/n, M2 = M2a + M2b + δ²·na·nb/n}.
     * Returns {@code {mean, m2}}; an empty row gives mean NaN and M2 0, as the reference.
     */
    static double[][] combineMoments(int[] count, double[] mean, double[] m2, int rows, int perRow, int oStride, int pStride) {
        double[] outMean = new double[rows], outM2 = new double[rows];
        for (int o = 0; o < rows; o++) {
            if (perRow == 0) {
                outMean[o] = Double.NaN;
                continue;
            }
            int first = o * oStride;
            double n = count[first], ma = mean[first], m2a = m2[first];
            for (int p = 1; p < perRow; p++) {
                int at = first + p * pStride;
                double nb = count[at], total = n + nb, delta = mean[at] - ma;
                ma += delta * nb / total;
                m2a += m2[at] + delta * delta * n * nb / total;
                n = total;
            }
            outMean[o] = ma;
            outM2[o] = m2a;
        }
        return new double[][] {outMean, outM2};
    }
}
