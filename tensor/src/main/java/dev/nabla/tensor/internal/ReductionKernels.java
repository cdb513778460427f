package dev.nabla.tensor.internal;

import dev.nabla.tensor.internal.simd.VectorReductions;

/**
 * Facade of the reduction kernels: the only place that chooses between the SIMD and the scalar
 * leaves. F32 takes the fast path ({@link ParallelReductions} over {@link VectorReductions} or
 * {@link ScalarReductions}); F64 takes the plain {@link ReferenceReductions}, which compute in double.
 *
 * <p>Every kernel reads its input through a {@link Rows} layout and returns one value per row in
 * double (the caller rounds once to the output dtype). The results do not depend on the number of
 * threads: the parallel tier cuts work into pieces whose boundaries depend only on the layout.
 */
public final class ReductionKernels {
    /** The leaves used on this JVM: SIMD when the Vector API is enabled, else scalar. */
    private static final Leaves LEAVES = Simd.ENABLED ? vectorLeaves() : scalarLeaves();

    private ReductionKernels() {}

    /**
     * Which elements each output reduces. Row {@code o} (one output) is made of {@code segments}
     * contiguous runs of {@code length} elements:
     * <pre>
     *   row o = { x[offset + o·rowStride + j·segmentStride + l] : 0 ≤ j &lt; segments, 0 ≤ l &lt; length }
     * </pre>
     * in that order (j outer, l inner). A contiguous {@code (M, K)} matrix reduced along K is
     * {@code Rows.contiguous(0, M, K)}; an {@code (N, C, S)} array reduced per channel is
     * {@code new Rows(0, C, N, S, S, C·S)}.
     */
    public record Rows(int offset, int rows, int segments, int length, int rowStride, int segmentStride) {
        /** {@code rows} contiguous rows of {@code length} elements, back to back from {@code offset}. */
        public static Rows contiguous(int offset, int rows, int length) {
            return new Rows(offset, rows, 1, length, length, 0);
        }

        /** Elements per row. */
        public int count() {
            return segments * length;
        }

        /**
         * True when each row is one element per segment and rows are adjacent: the outputs are the
         * columns of a {@code (segments, rows)} matrix with row stride {@code segmentStride}, best
         * reduced by adding whole matrix rows (the column kernels).
         */
        public boolean isColumns() {
            return length == 1 && rowStride == 1;
        }

        /** Storage index of the first element of segment {@code j} of row {@code o}. */
        public int start(int o, int j) {
            return offset + o * rowStride + j * segmentStride;
        }
    }

    // ---- leaf kernels: what the parallel tier calls on each piece or block of rows ----

    /** {@code Σ x[from, from+len)}. */
    @FunctionalInterface
    public interface RangeSum {
        double apply(float[] x, int from, int len);
    }

    /** {@code max} or {@code min} of {@code x[from, from+len)}, NaN winning; {@code len ≥ 1}. */
    @FunctionalInterface
    public interface RangeExtreme {
        float apply(float[] x, int from, int len);
    }

    /** Mean and {@code Σ(x − mean)²} of {@code x[from, from+len)} into {@code mean[at]}, {@code m2[at]}. */
    @FunctionalInterface
    public interface RangeMoments {
        void apply(float[] x, int from, int len, double[] mean, double[] m2, int at);
    }

    /**
     * Softmax ({@code log=false}) or log-softmax of rows {@code [fromRow, toRow)} of contiguous rows
     * of {@code cols} elements from {@code offset}, into the contiguous {@code out}.
     */
    @FunctionalInterface
    public interface RowsSoftmax {
        void apply(float[] x, int offset, int cols, float[] out, boolean log, int fromRow, int toRow);
    }

    /** Logsumexp of rows {@code [fromRow, toRow)} of the layout {@code r} into {@code out}. */
    @FunctionalInterface
    public interface RowsLogsumexp {
        void apply(float[] x, Rows r, double[] out, int fromRow, int toRow);
    }

    /**
     * Column sums of a block of {@code rows} rows of {@code width} floats, row {@code j} starting at
     * {@code from + j·stride}: {@code out[at + c] = Σ_j x[from + j·stride + c]}.
     */
    @FunctionalInterface
    public interface ColumnsSum {
        void apply(float[] x, int from, int stride, int rows, int width, double[] out, int at);
    }

    /** Column maxima or minima of such a block ({@code rows ≥ 1}), NaN winning, into {@code out[at + c]}. */
    @FunctionalInterface
    public interface ColumnsExtreme {
        void apply(float[] x, int from, int stride, int rows, int width, float[] out, int at);
    }

    /** Column means and {@code Σ(x − mean)²} of such a block ({@code rows ≥ 1}) into {@code mean[at + c]}, {@code m2[at + c]}. */
    @FunctionalInterface
    public interface ColumnsMoments {
        void apply(float[] x, int from, int stride, int rows, int width, double[] mean, double[] m2, int at);
    }

    /**
     * Batch-norm backward of one channel ({@link ReferenceReductions#batchNormBackward}): its
     * elements are {@code runs} runs of {@code length} floats, run j at {@code from + j·stride}, in
     * x, g and gx. Writes {@code gx} there and {@code sumG[at] = Σg}, {@code sumGC[at] = Σg·(x − mean)};
     * {@code gamma·invStd} scales gx.
     */
    @FunctionalInterface
    public interface ChannelBatchNormBackward {
        void apply(float[] x, float[] g, float[] gx, int from, int runs, int length, int stride, float mean, double invStd,
                   double gamma, double[] sumG, double[] sumGC, int at);
    }

    /**
     * Batch-norm forward of one channel ({@link ReferenceReductions#batchNormForward}) in float,
     * {@code y = ((x − mean)·invStd)·gamma + beta}, over {@code runs} runs of {@code length}
     * floats, run j at {@code from + j·stride}.
     */
    @FunctionalInterface
    public interface ChannelBatchNormForward {
        void apply(float[] x, float[] y, int from, int runs, int length, int stride, float mean, float invStd, float gamma, float beta);
    }

    /** One tier's leaf kernels (see {@link #scalarLeaves()} and {@link #vectorLeaves()}). */
    public record Leaves(RangeSum sum, RangeExtreme max, RangeExtreme min, RangeMoments moments, RowsSoftmax softmax, RowsLogsumexp logsumexp,
                         ColumnsSum sumColumns, ColumnsExtreme maxColumns, ColumnsExtreme minColumns,
                         ColumnsMoments momentsColumns, ChannelBatchNormForward batchNormForward,
                         ChannelBatchNormBackward batchNormBackward) {}

    /** The scalar leaves (also the fallback without the Vector API). */
    public static Leaves scalarLeaves() {
        return new Leaves(ScalarReductions::sum, ScalarReductions::max, ScalarReductions::min,
                ScalarReductions::moments, ScalarReductions::softmax, ScalarReductions::logsumexp,
                ScalarReductions::sumColumns, ScalarReductions::maxColumns, ScalarReductions::minColumns,
                ScalarReductions::momentsColumns, ScalarReductions::batchNormForward, ScalarReductions::batchNormBackward);
    }

    /** The SIMD leaves; call only when {@link Simd#ENABLED}. */
    public static Leaves vectorLeaves() {
        return new Leaves(VectorReductions::sum, VectorReductions::max, VectorReductions::min,
                VectorReductions::moments, VectorReductions::softmax, VectorReductions::logsumexp,
                VectorReductions::sumColumns, VectorReductions::maxColumns, VectorReductions::minColumns,
                VectorReductions::momentsColumns, VectorReductions::batchNormForward, VectorReductions::batchNormBackward);
    }

    /** Per-row sums. */
    public static double[] sum(float[] x, Rows r) {
        return r.isColumns() ? ParallelReductions.sumColumns(x, r, LEAVES) : ParallelReductions.sum(x, r, LEAVES);
    }

    public static double[] sum(double[] x, Rows r) {
        return ReferenceReductions.sum(x, r);
    }

    /** Per-row maxima; NaN if the row holds a NaN. Rows must not be empty. */
    public static double[] max(float[] x, Rows r) {
        return r.isColumns() ? ParallelReductions.maxColumns(x, r, LEAVES) : ParallelReductions.max(x, r, LEAVES);
    }

    public static double[] max(double[] x, Rows r) {
        return ReferenceReductions.max(x, r);
    }

    /** Per-row minima; NaN if the row holds a NaN. Rows must not be empty. */
    public static double[] min(float[] x, Rows r) {
        return r.isColumns() ? ParallelReductions.minColumns(x, r, LEAVES) : ParallelReductions.min(x, r, LEAVES);
    }

    public static double[] min(double[] x, Rows r) {
        return ReferenceReductions.min(x, r);
    }

    /** Per-row mean and sum of squared deviations {@code M2 = Σ(x − mean)²}, as {@code {mean, m2}}. */
    public static double[][] moments(float[] x, Rows r) {
        return r.isColumns() ? ParallelReductions.momentsColumns(x, r, LEAVES) : ParallelReductions.moments(x, r, LEAVES);
    }

    public static double[][] moments(double[] x, Rows r) {
        return ReferenceReductions.moments(x, r);
    }

    /** Per-row {@code ln Σ e^x}, shifted by the row's max. */
    public static double[] logsumexp(float[] x, Rows r) {
        return ParallelReductions.logsumexp(x, r, LEAVES);
    }

    public static double[] logsumexp(double[] x, Rows r) {
        return ReferenceReductions.logsumexp(x, r);
    }

    /** Per-row position of the largest element (the first NaN, else the first maximum). */
    public static long[] argmax(float[] x, Rows r) {
        return ParallelReductions.argmax(x, r);
    }

    public static long[] argmax(double[] x, Rows r) {
        return ReferenceReductions.argmax(x, r);
    }

    /** Per-row position of the smallest element (the first NaN, else the first minimum). */
    public static long[] argmin(float[] x, Rows r) {
        return ParallelReductions.argmin(x, r);
    }

    public static long[] argmin(double[] x, Rows r) {
        return ReferenceReductions.argmin(x, r);
    }

    /**
     * Softmax ({@code log=false}) or log-softmax ({@code log=true}) of each of {@code rows}
     * contiguous rows of {@code cols} elements of {@code x} (from {@code offset}) into the
     * contiguous {@code out}.
     */
    public static void softmax(float[] x, int offset, int rows, int cols, float[] out, boolean log) {
        ParallelReductions.softmax(x, offset, rows, cols, out, log, LEAVES);
    }

    public static void softmax(double[] x, int offset, int rows, int cols, double[] out, boolean log) {
        ReferenceReductions.softmax(x, offset, rows, cols, out, log);
    }

    /**
     * Batch-norm backward of an (N, C, S) contiguous {@code x} and output gradient {@code g}: fills
     * {@code gx} (N, C, S) and the per-channel {@code sumG}, {@code sumGC}; see
     * {@link ReferenceReductions#batchNormBackward}. {@code gamma} may be null (γ = 1).
     */
    public static void batchNormBackward(float[] x, float[] g, float[] gx, int n, int c, int s, double[] mean, double[] invStd,
                                         double[] gamma, double[] sumG, double[] sumGC) {
        ParallelReductions.batchNormBackward(x, g, gx, n, c, s, mean, invStd, gamma, sumG, sumGC, LEAVES);
    }

    public static void batchNormBackward(double[] x, double[] g, double[] gx, int n, int c, int s, double[] mean, double[] invStd,
                                         double[] gamma, double[] sumG, double[] sumGC) {
        ReferenceReductions.batchNormBackward(x, g, gx, n, c, s, mean, invStd, gamma, sumG, sumGC);
    }

    /**
     * Batch-norm forward of an (N, C, S) contiguous {@code x} into {@code y} with per-channel
     * {@code mean}, {@code invStd} and (both null or both given) {@code gamma}, {@code beta}; see
     * {@link ReferenceReductions#batchNormForward}.
     */
    public static void batchNormForward(float[] x, float[] y, int n, int c, int s, float[] mean, float[] invStd, float[] gamma, float[] beta) {
        ParallelReductions.batchNormForward(x, y, n, c, s, mean, invStd, gamma, beta, LEAVES);
    }

    public static void batchNormForward(double[] x, double[] y, int n, int c, int s, double[] mean, double[] invStd,
                                        double[] gamma, double[] beta) {
        ReferenceReductions.batchNormForward(x, y, n, c, s, mean, invStd, gamma, beta);
    }
}
