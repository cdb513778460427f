package dev.nabla.tensor.internal.simd;

import dev.nabla.tensor.internal.ParallelReductions;
import dev.nabla.tensor.internal.ReductionKernels;
import dev.nabla.tensor.internal.ReferenceReductions;
import dev.nabla.tensor.internal.ReferenceTwin;
import dev.nabla.tensor.internal.ScalarReductions;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD leaves of the reductions ({@link ReductionKernels.Leaves}): contiguous ranges
 * {@code x[from, from+len)} of at most {@code ParallelReductions.PIECE} (4096) floats, blocks of at
 * most 64 matrix rows for the column reductions, and whole rows for softmax and logsumexp. Loaded
 * only when {@code Simd.ENABLED}.
 *
 * <p><b>Accuracy of the float-lane sums.</b> Four vector accumulators take consecutive vectors
 * in turn, so with 16 lanes each lane adds at most 4096/64 = 64 terms in float; the 64 lane sums
 * are then added by a fixed pairwise tree (never {@code reduceLanes(ADD)}, whose order is
 * unspecified) and the leftover tail in double. The error against the exact sum is at most about
 * (64 + 6)·2^-24·Σ|x| ≈ 4.2e-6·Σ|x| per piece; pieces are then added in double. That keeps the
 * inner loop a plain float add, as fast as reading memory, while the error stays independent of
 * the array's total size.
 */
public final class VectorReductions {
    private static final VectorSpecies<Float> S = Lanes.F32;
    private static final int L = S.length();
    private static final int PIECE = ParallelReductions.PIECE;
    private static final String PARITY = "dev.nabla.tensor.internal.ReductionParityTest";

    private VectorReductions() {}

    /** {@code Σ x[from, from+len)}; see the class comment for the accuracy. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "sum", parityTest = PARITY)
    public static double sum(float[] x, int from, int len) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        for (; i <= len - 4 * L; i += 4 * L) {
            a0 = a0.add(FloatVector.fromArray(S, x, from + i));
            a1 = a1.add(FloatVector.fromArray(S, x, from + i + L));
            a2 = a2.add(FloatVector.fromArray(S, x, from + i + 2 * L));
            a3 = a3.add(FloatVector.fromArray(S, x, from + i + 3 * L));
        }
        for (; i <= len - L; i += L) a0 = a0.add(FloatVector.fromArray(S, x, from + i));
        double s = laneTree(a0.add(a1).add(a2.add(a3)));
        for (; i < len; i++) s += x[from + i];
        return s;
    }

    /** {@code max x[from, from+len)} (as Math.max: NaN wins); {@code len ≥ 1}. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "max", parityTest = PARITY)
    public static float max(float[] x, int from, int len) {
        return extreme(x, from, len, true);
    }

    /** {@code min x[from, from+len)} (as Math.min: NaN wins); {@code len ≥ 1}. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "min", parityTest = PARITY)
    public static float min(float[] x, int from, int len) {
        return extreme(x, from, len, false);
    }

    private static float extreme(float[] x, int from, int len, boolean max) {
        if (len < L) return max ? ScalarReductions.max(x, from, len) : ScalarReductions.min(x, from, len);
        FloatVector m = FloatVector.fromArray(S, x, from);
        int i = L;
        for (; i <= len - L; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, from + i);
            m = max ? m.max(v) : m.min(v);
        }
        float[] lanes = m.toArray();
        float r = lanes[0];
        for (int k = 1; k < L; k++) r = max ? Math.max(r, lanes[k]) : Math.min(r, lanes[k]);
        for (; i < len; i++) r = max ? Math.max(r, x[from + i]) : Math.min(r, x[from + i]);
        return r;
    }

    /**
     * Mean and {@code M2 = Σ(x − mean)²} of {@code x[from, from+len)} ({@code len ≥ 1}) into
     * {@code mean[at]}, {@code m2[at]}: corrected two-pass with {@code k} = the first-pass mean
     * rounded to float, {@code d = x − k}, {@code mean = k + Σd/n}, {@code M2 = Σd² − (Σd)²/n}
     * ({@code Σd²} by fused multiply-add in two float-lane accumulators, so at most 128 terms
     * per lane, then trees as in {@link #sum}). The range fits
     * in L1, so the second pass costs no memory traffic.
     */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "moments", parityTest = PARITY)
    public static void moments(float[] x, int from, int len, double[] mean, double[] m2, int at) {
        float k = (float) (sum(x, from, len) / len);
        FloatVector shift = FloatVector.broadcast(S, k);
        FloatVector d1a = FloatVector.zero(S), d1b = d1a, d2a = d1a, d2b = d1a;
        int i = 0;
        for (; i <= len - 2 * L; i += 2 * L) {
            FloatVector da = FloatVector.fromArray(S, x, from + i).sub(shift);
            FloatVector db = FloatVector.fromArray(S, x, from + i + L).sub(shift);
            d1a = d1a.add(da);
            d1b = d1b.add(db);
            d2a = da.fma(da, d2a);
            d2b = db.fma(db, d2b);
        }
        double s1 = laneTree(d1a.add(d1b)), s2 = laneTree(d2a.add(d2b));
        for (; i < len; i++) {
            double d = (double) x[from + i] - k;
            s1 += d;
            s2 += d * d;
        }
        mean[at] = k + s1 / len;
        m2[at] = Math.max(0, s2 - s1 * s1 / len);
    }

    /**
     * Softmax or log-softmax of rows {@code [fromRow, toRow)} ({@code cols} contiguous elements each,
     * from {@code offset}) into the contiguous {@code out}: with {@code m} the row max,
     * {@code e = exp(x − m)} by {@link VectorMath#exp} rounded to float (within 1 ulp), {@code s = Σe} summed per
     * piece as in {@link #sum}; then {@code out = e·(1/s)}, or for log {@code out = (x − m) − ln s}.
     * Against the double reference: relative error about 70·2^-24 from the sum plus a few ulp.
     */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "softmax", parityTest = PARITY)
    public static void softmax(float[] x, int offset, int cols, float[] out, boolean log, int fromRow, int toRow) {
        for (int o = fromRow; o < toRow && cols > 0; o++) {
            int from = offset + o * cols, to = o * cols;
            float m = extreme(x, from, cols, true);
            double s = 0;
            for (int p = 0; p < cols; p += PIECE) s += sumExp(x, from + p, Math.min(PIECE, cols - p), m, log ? null : out, to + p);
            if (log) {
                // (x − m) first: exact when x is near m, whereas m + ln s would round at m's magnitude
                float logS = (float) Math.log(s);
                int i = 0;
                for (; i <= cols - L; i += L) FloatVector.fromArray(S, x, from + i).sub(m).sub(logS).intoArray(out, to + i);
                for (; i < cols; i++) out[to + i] = (x[from + i] - m) - logS;
            } else {
                float scale = (float) (1 / s);
                int i = 0;
                for (; i <= cols - L; i += L) FloatVector.fromArray(S, out, to + i).mul(scale).intoArray(out, to + i);
                for (; i < cols; i++) out[to + i] *= scale;
            }
        }
    }

    /**
     * Logsumexp of rows {@code [fromRow, toRow)} of {@code r}: {@code m + ln Σ exp(x − m)} with the
     * float exp and piece sums of {@link #softmax}; an infinite or NaN max is the answer itself.
     */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "logsumexp", parityTest = PARITY)
    public static void logsumexp(float[] x, ReductionKernels.Rows r, double[] out, int fromRow, int toRow) {
        for (int o = fromRow; o < toRow; o++) {
            float m = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < r.segments() && r.length() > 0; j++) m = Math.max(m, extreme(x, r.start(o, j), r.length(), true));
            if (Float.isInfinite(m) || Float.isNaN(m)) {
                out[o] = m;
                continue;
            }
            double s = 0;
            for (int j = 0; j < r.segments(); j++) {
                for (int p = 0; p < r.length(); p += PIECE) s += sumExp(x, r.start(o, j) + p, Math.min(PIECE, r.length() - p), m, null, 0);
            }
            out[o] = m + Math.log(s);
        }
    }

    /**
     * {@code Σ exp(x − m)} over {@code x[from, from+len)} (len ≤ PIECE), also storing each term to
     * {@code e} unless null. The exp is {@link VectorMath#exp} on double lanes, rounded to float:
     * not the Vector API's {@code lanewise(EXP)}, whose interpreted fallback and compiled intrinsic
     * can differ in the last bit, which made softmax results depend on when C2 compiled it.
     */
    private static double sumExp(float[] x, int from, int len, float m, float[] e, int to) {
        int whole = (len + VectorMath.D.length() - 1) / VectorMath.D.length() * VectorMath.D.length();
        double[] w = new double[whole];
        for (int i = 0; i < len; i++) w[i] = x[from + i] - m; // the float difference, as the reference
        VectorMath.exp(w, w, whole);
        float[] terms = e != null ? e : new float[len];
        int at = e != null ? to : 0;
        for (int i = 0; i < len; i++) terms[at + i] = (float) w[i];
        FloatVector a = FloatVector.zero(S);
        int i = 0;
        for (; i <= len - L; i += L) a = a.add(FloatVector.fromArray(S, terms, at + i));
        double s = laneTree(a);
        for (; i < len; i++) s += terms[at + i];
        return s;
    }

    /**
     * Column sums of a block of {@code rows} (≤ 64) rows: each row is added to a float accumulator
     * row vector by vector, so each column adds at most 64 terms in float (the same bound as
     * {@link #sum}), and the result is widened to double.
     */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "sum", parityTest = PARITY)
    public static void sumColumns(float[] x, int from, int stride, int rows, int width, double[] out, int at) {
        float[] acc = columnSums(x, from, stride, rows, width);
        for (int c = 0; c < width; c++) out[at + c] = acc[c];
    }

    /** Column maxima of a block ({@code rows ≥ 1}), lane-wise as Math.max. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "max", parityTest = PARITY)
    public static void maxColumns(float[] x, int from, int stride, int rows, int width, float[] out, int at) {
        extremeColumns(x, from, stride, rows, width, out, at, true);
    }

    /** Column minima of a block ({@code rows ≥ 1}), lane-wise as Math.min. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "min", parityTest = PARITY)
    public static void minColumns(float[] x, int from, int stride, int rows, int width, float[] out, int at) {
        extremeColumns(x, from, stride, rows, width, out, at, false);
    }

    private static void extremeColumns(float[] x, int from, int stride, int rows, int width, float[] out, int at, boolean max) {
        System.arraycopy(x, from, out, at, width);
        for (int j = 1; j < rows; j++) {
            int row = from + j * stride, c = 0;
            for (; c <= width - L; c += L) {
                FloatVector m = FloatVector.fromArray(S, out, at + c), v = FloatVector.fromArray(S, x, row + c);
                (max ? m.max(v) : m.min(v)).intoArray(out, at + c);
            }
            for (; c < width; c++) out[at + c] = max ? Math.max(out[at + c], x[row + c]) : Math.min(out[at + c], x[row + c]);
        }
    }

    /**
     * Column moments of a block ({@code rows ≥ 1}): per column the corrected two-pass of
     * {@link #moments}, with the shift {@code k} = the block's column mean in float; the block
     * (at most 64 × 512 floats) is still in cache for the second pass.
     */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "moments", parityTest = PARITY)
    public static void momentsColumns(float[] x, int from, int stride, int rows, int width, double[] mean, double[] m2, int at) {
        float[] k = columnSums(x, from, stride, rows, width);
        for (int c = 0; c < width; c++) k[c] /= rows;
        float[] s1 = new float[width], s2 = new float[width];
        for (int j = 0; j < rows; j++) {
            int row = from + j * stride, c = 0;
            for (; c <= width - L; c += L) {
                FloatVector d = FloatVector.fromArray(S, x, row + c).sub(FloatVector.fromArray(S, k, c));
                d.add(FloatVector.fromArray(S, s1, c)).intoArray(s1, c);
                d.fma(d, FloatVector.fromArray(S, s2, c)).intoArray(s2, c);
            }
            for (; c < width; c++) {
                float d = x[row + c] - k[c];
                s1[c] += d;
                s2[c] = Math.fma(d, d, s2[c]);
            }
        }
        for (int c = 0; c < width; c++) {
            mean[at + c] = k[c] + (double) s1[c] / rows;
            m2[at + c] = Math.max(0, s2[c] - (double) s1[c] * s1[c] / rows);
        }
    }

    /** Float column sums of a block of {@code rows} rows, in a new array. */
    private static float[] columnSums(float[] x, int from, int stride, int rows, int width) {
        float[] acc = new float[width];
        for (int j = 0; j < rows; j++) {
            int row = from + j * stride, c = 0;
            for (; c <= width - L; c += L) {
                FloatVector.fromArray(S, acc, c).add(FloatVector.fromArray(S, x, row + c)).intoArray(acc, c);
            }
            for (; c < width; c++) acc[c] += x[row + c];
        }
        return acc;
    }

    /**
     * Batch-norm forward of one channel: the float expression of
     * {@link ScalarReductions#batchNormForward} lane by lane (no fused multiply-add), so both
     * leaves give the same bits.
     */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "batchNormForward", parityTest = PARITY)
    public static void batchNormForward(float[] x, float[] y, int from, int runs, int length, int stride, float mean, float invStd,
                                        float gamma, float beta) {
        FloatVector mu = FloatVector.broadcast(S, mean), k = FloatVector.broadcast(S, invStd);
        FloatVector g = FloatVector.broadcast(S, gamma), b = FloatVector.broadcast(S, beta);
        for (int j = 0; j < runs; j++) {
            int start = from + j * stride, i = 0;
            for (int bound = S.loopBound(length); i < bound; i += L) {
                FloatVector.fromArray(S, x, start + i).sub(mu).mul(k).mul(g).add(b).intoArray(y, start + i);
            }
            if (i < length) {
                VectorMask<Float> m = S.indexInRange(i, length);
                FloatVector.fromArray(S, x, start + i, m).sub(mu).mul(k).mul(g).add(b).intoArray(y, start + i, m);
            }
        }
    }

    /**
     * Batch-norm backward of one channel, the SIMD twin of
     * {@link ScalarReductions#batchNormBackward}. The sums Σg and Σg·(x − μ) take float lanes over
     * at most {@code PIECE} elements of a run (then lane trees, added in double), as {@link #sum};
     * gx is the same float expression as the scalar leaf, lane by lane (masked tail), so the two
     * leaves give the same gx for the same constants.
     */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "batchNormBackward", parityTest = PARITY)
    public static void batchNormBackward(float[] x, float[] g, float[] gx, int from, int runs, int length, int stride, float mean,
                                         double invStd, double gamma, double[] sumG, double[] sumGC, int at) {
        FloatVector mu = FloatVector.broadcast(S, mean);
        double sg = 0, sgc = 0;
        for (int j = 0; j < runs; j++) {
            for (int start = from + j * stride, end = start + length; start < end; start += PIECE) {
                int len = Math.min(PIECE, end - start), i = 0;
                FloatVector a = FloatVector.zero(S), b = a;
                for (; i <= len - L; i += L) {
                    FloatVector vg = FloatVector.fromArray(S, g, start + i);
                    a = a.add(vg);
                    b = FloatVector.fromArray(S, x, start + i).sub(mu).fma(vg, b);
                }
                sg += laneTree(a);
                sgc += laneTree(b);
                for (; i < len; i++) {
                    sg += g[start + i];
                    sgc += g[start + i] * (x[start + i] - mean);
                }
            }
        }
        sumG[at] = sg;
        sumGC[at] = sgc;
        long count = (long) runs * length;
        FloatVector k = FloatVector.broadcast(S, (float) (gamma * invStd)), mg = FloatVector.broadcast(S, (float) (sg / count));
        FloatVector q = FloatVector.broadcast(S, (float) (invStd * invStd * sgc / count));
        for (int j = 0; j < runs; j++) {
            int start = from + j * stride, i = 0;
            for (int bound = S.loopBound(length); i < bound; i += L) {
                FloatVector d = FloatVector.fromArray(S, x, start + i).sub(mu).mul(q);
                FloatVector.fromArray(S, g, start + i).sub(mg).sub(d).mul(k).intoArray(gx, start + i);
            }
            if (i < length) {
                VectorMask<Float> m = S.indexInRange(i, length);
                FloatVector d = FloatVector.fromArray(S, x, start + i, m).sub(mu).mul(q);
                FloatVector.fromArray(S, g, start + i, m).sub(mg).sub(d).mul(k).intoArray(gx, start + i, m);
            }
        }
    }

    /** Sum of the lanes by a fixed pairwise tree: lane k adds lane k + w for w = L/2, L/4, …, 1. */
    private static double laneTree(FloatVector v) {
        float[] a = v.toArray();
        for (int w = a.length / 2; w > 0; w /= 2) {
            for (int k = 0; k < w; k++) a[k] += a[k + w];
        }
        return a[0];
    }
}
