package dev.nabla.tensor.internal;

import dev.nabla.tensor.internal.ReductionKernels.ColumnsExtreme;
import dev.nabla.tensor.internal.ReductionKernels.Leaves;
import dev.nabla.tensor.internal.ReductionKernels.RangeExtreme;
import dev.nabla.tensor.internal.ReductionKernels.Rows;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The parallel tier of the reductions: cuts a {@link Rows} layout into fixed pieces (runs of at
 * most {@link #PIECE} elements; for a columns layout, blocks of 64 matrix rows × 512 columns), runs
 * a leaf kernel on each (in parallel chunks), and combines the partials of each output in order.
 * It has no arithmetic of its own; row kernels (logsumexp, argmax, softmax) get whole rows.
 *
 * <p>Piece and chunk boundaries depend only on the layout, never on the thread count, and every
 * combination runs in a fixed order, so the results are bit-identical on 1 or N threads. A layout
 * smaller than one chunk runs inline on the caller.
 */
public final class ParallelReductions {
    /**
     * Longest range one leaf call reduces: 4096 floats = 16 KB. It fits in L1, so the moments
     * leaf reads it twice at the cost of one memory pass, and it keeps float-lane sums short (with
     * 16 lanes × 4 accumulators, each lane adds at most 64 terms).
     */
    public static final int PIECE = 4096;

    /**
     * Elements per parallel chunk (256 KB of F32): large enough that the hand-off to a worker
     * (about a microsecond) is noise next to the ~20 µs of work, small enough to balance threads.
     */
    public static final int CHUNK_ELEMENTS = 1 << 16;

    private static final String PARITY = "dev.nabla.tensor.internal.ReductionParityTest";

    private ParallelReductions() {}

    /** Per-row sums: leaf sums per piece, added in piece order. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "sum", parityTest = PARITY)
    public static double[] sum(float[] x, Rows r, Leaves leaves) {
        Pieces p = new Pieces(r);
        double[] partial = new double[p.total];
        p.forEach(t -> partial[t] = leaves.sum().apply(x, p.from(t), p.length(t)));
        return ScalarReductions.combineSums(partial, r.rows(), p.perRow, p.perRow, 1);
    }

    /** Per-row maxima; rows must not be empty. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "max", parityTest = PARITY)
    public static double[] max(float[] x, Rows r, Leaves leaves) {
        return extremes(x, r, leaves.max(), true);
    }

    /** Per-row minima; rows must not be empty. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "min", parityTest = PARITY)
    public static double[] min(float[] x, Rows r, Leaves leaves) {
        return extremes(x, r, leaves.min(), false);
    }

    private static double[] extremes(float[] x, Rows r, RangeExtreme leaf, boolean max) {
        Pieces p = new Pieces(r);
        float[] partial = new float[p.total];
        p.forEach(t -> partial[t] = leaf.apply(x, p.from(t), p.length(t)));
        return ScalarReductions.combineExtremes(partial, r.rows(), p.perRow, p.perRow, 1, max);
    }

    /** Per-row {@code {mean, M2}}: leaf moments per piece, merged in piece order (Chan). */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "moments", parityTest = PARITY)
    public static double[][] moments(float[] x, Rows r, Leaves leaves) {
        Pieces p = new Pieces(r);
        int[] count = new int[p.total];
        double[] mean = new double[p.total], m2 = new double[p.total];
        p.forEach(t -> {
            count[t] = p.length(t);
            leaves.moments().apply(x, p.from(t), count[t], mean, m2, t);
        });
        return ScalarReductions.combineMoments(count, mean, m2, r.rows(), p.perRow, p.perRow, 1);
    }

    /** Per-column sums of a columns layout ({@link Rows#isColumns()}): block column sums, added in block order. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "sum", parityTest = PARITY)
    public static double[] sumColumns(float[] x, Rows r, Leaves leaves) {
        ColumnBlocks b = new ColumnBlocks(r);
        double[] partial = new double[b.partials];
        b.forEach(t -> leaves.sumColumns().apply(x, b.from(t), r.segmentStride(), b.rows(t), b.width(t), partial, b.at(t)));
        return ScalarReductions.combineSums(partial, r.rows(), b.rowBlocks, 1, r.rows());
    }

    /** Per-column maxima of a columns layout; rows must not be empty. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "max", parityTest = PARITY)
    public static double[] maxColumns(float[] x, Rows r, Leaves leaves) {
        return extremeColumns(x, r, leaves.maxColumns(), true);
    }

    /** Per-column minima of a columns layout; rows must not be empty. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "min", parityTest = PARITY)
    public static double[] minColumns(float[] x, Rows r, Leaves leaves) {
        return extremeColumns(x, r, leaves.minColumns(), false);
    }

    private static double[] extremeColumns(float[] x, Rows r, ColumnsExtreme leaf, boolean max) {
        ColumnBlocks b = new ColumnBlocks(r);
        float[] partial = new float[b.partials];
        b.forEach(t -> leaf.apply(x, b.from(t), r.segmentStride(), b.rows(t), b.width(t), partial, b.at(t)));
        return ScalarReductions.combineExtremes(partial, r.rows(), b.rowBlocks, 1, r.rows(), max);
    }

    /** Per-column {@code {mean, M2}} of a columns layout: block moments merged in block order (Chan). */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "moments", parityTest = PARITY)
    public static double[][] momentsColumns(float[] x, Rows r, Leaves leaves) {
        ColumnBlocks b = new ColumnBlocks(r);
        int[] count = new int[b.partials];
        double[] mean = new double[b.partials], m2 = new double[b.partials];
        b.forEach(t -> {
            Arrays.fill(count, b.at(t), b.at(t) + b.width(t), b.rows(t));
            leaves.momentsColumns().apply(x, b.from(t), r.segmentStride(), b.rows(t), b.width(t), mean, m2, b.at(t));
        });
        return ScalarReductions.combineMoments(count, mean, m2, r.rows(), b.rowBlocks, 1, r.rows());
    }

    /** Batch-norm forward of an (N, C, S) contiguous layout, one chunk per channel. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "batchNormForward", parityTest = PARITY)
    public static void batchNormForward(float[] x, float[] y, int n, int c, int s, float[] mean, float[] invStd, float[] gamma,
                                        float[] beta, Leaves leaves) {
        Parallel.forEach(c, ch -> leaves.batchNormForward().apply(x, y, ch * s, n, s, c * s, mean[ch], invStd[ch],
                gamma == null ? 1 : gamma[ch], beta == null ? 0 : beta[ch]));
    }

    /**
     * Batch-norm backward of an (N, C, S) contiguous layout, one chunk per channel: a channel's
     * sums run in a fixed order inside its chunk, so the result does not depend on the threads.
     */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "batchNormBackward", parityTest = PARITY)
    public static void batchNormBackward(float[] x, float[] g, float[] gx, int n, int c, int s, double[] mean, double[] invStd,
                                         double[] gamma, double[] sumG, double[] sumGC, Leaves leaves) {
        Parallel.forEach(c, ch -> leaves.batchNormBackward().apply(x, g, gx, ch * s, n, s, c * s, (float) mean[ch], invStd[ch],
                gamma == null ? 1 : gamma[ch], sumG, sumGC, ch));
    }

    /** Per-row logsumexp, whole rows per chunk. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "logsumexp", parityTest = PARITY)
    public static double[] logsumexp(float[] x, Rows r, Leaves leaves) {
        double[] out = new double[r.rows()];
        forEachRowRange(r.rows(), r.count(), (from, to) -> leaves.logsumexp().apply(x, r, out, from, to));
        return out;
    }

    /** Per-row argmax, whole rows per chunk. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "argmax", parityTest = PARITY)
    public static long[] argmax(float[] x, Rows r) {
        long[] out = new long[r.rows()];
        forEachRowRange(r.rows(), r.count(), (from, to) -> ScalarReductions.argExtreme(x, r, true, out, from, to));
        return out;
    }

    /** Per-row argmin, whole rows per chunk. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "argmin", parityTest = PARITY)
    public static long[] argmin(float[] x, Rows r) {
        long[] out = new long[r.rows()];
        forEachRowRange(r.rows(), r.count(), (from, to) -> ScalarReductions.argExtreme(x, r, false, out, from, to));
        return out;
    }

    /** Softmax or log-softmax of contiguous rows, whole rows per chunk. */
    @ReferenceTwin(reference = ReferenceReductions.class, method = "softmax", parityTest = PARITY)
    public static void softmax(float[] x, int offset, int rows, int cols, float[] out, boolean log, Leaves leaves) {
        forEachRowRange(rows, cols, (from, to) -> leaves.softmax().apply(x, offset, cols, out, log, from, to));
    }

    @FunctionalInterface
    private interface RowRange {
        void run(int fromRow, int toRow);
    }

    /** Runs {@code body} over consecutive row ranges of about {@link #CHUNK_ELEMENTS} elements. */
    private static void forEachRowRange(int rows, int rowLength, RowRange body) {
        int rowsPerChunk = Math.max(1, CHUNK_ELEMENTS / Math.max(1, rowLength));
        Parallel.forEach(Parallel.chunks(rows, rowsPerChunk),
                c -> body.run(c * rowsPerChunk, Math.min(rows, (c + 1) * rowsPerChunk)));
    }

    /**
     * The cut of a columns layout, a {@code (J, O)} matrix (J = segments, O = rows of the layout,
     * i.e. outputs), into blocks of {@link #BLOCK_ROWS} matrix rows × {@link #BLOCK_WIDTH}
     * columns. Task {@code t} is block {@code (t / colChunks, t % colChunks)}; the partial of output
     * {@code o} from row block {@code b} sits at {@code b·O + o}.
     */
    private static final class ColumnBlocks {
        /** Matrix rows per block: float column sums stay as short as a piece's lane sums (≤ 64 terms). */
        static final int BLOCK_ROWS = 64;
        /** Columns per block: 64 × 512 floats = 128 KB, so the moments' second pass reads L2, not memory. */
        static final int BLOCK_WIDTH = 512;

        final Rows rows;
        final int rowBlocks, colChunks, total, partials, tasksPerChunk;

        ColumnBlocks(Rows rows) {
            this.rows = rows;
            rowBlocks = Parallel.chunks(rows.segments(), BLOCK_ROWS);
            colChunks = Parallel.chunks(rows.rows(), BLOCK_WIDTH);
            total = rowBlocks * colChunks;
            partials = rowBlocks * rows.rows();
            tasksPerChunk = Math.max(1, CHUNK_ELEMENTS / (BLOCK_ROWS * Math.max(1, Math.min(rows.rows(), BLOCK_WIDTH))));
        }

        int from(int task) {
            return rows.offset() + (task / colChunks) * BLOCK_ROWS * rows.segmentStride() + (task % colChunks) * BLOCK_WIDTH;
        }

        int rows(int task) {
            return Math.min(BLOCK_ROWS, rows.segments() - (task / colChunks) * BLOCK_ROWS);
        }

        int width(int task) {
            return Math.min(BLOCK_WIDTH, rows.rows() - (task % colChunks) * BLOCK_WIDTH);
        }

        int at(int task) {
            return (task / colChunks) * rows.rows() + (task % colChunks) * BLOCK_WIDTH;
        }

        void forEach(IntConsumer body) {
            forEachTask(total, tasksPerChunk, body);
        }
    }

    /** Runs {@code body} for tasks {@code [0, total)} in chunks of {@code tasksPerChunk} consecutive tasks. */
    private static void forEachTask(int total, int tasksPerChunk, IntConsumer body) {
        Parallel.forEach(Parallel.chunks(total, tasksPerChunk), c -> {
            for (int t = c * tasksPerChunk, end = Math.min(total, t + tasksPerChunk); t < end; t++) body.accept(t);
        });
    }

    /**
     * The cut of a layout into pieces: each segment of each row is split into consecutive pieces
     * of {@link #PIECE} elements (the last one shorter). Task {@code t} numbers the pieces row by
     * row, segment by segment, so the partials of row {@code o} are
     * {@code [o·perRow, (o+1)·perRow)} in element order.
     */
    private static final class Pieces {
        final Rows rows;
        final int perSegment, perRow, total, tasksPerChunk;

        Pieces(Rows rows) {
            this.rows = rows;
            perSegment = Parallel.chunks(rows.length(), PIECE);
            perRow = rows.segments() * perSegment;
            total = rows.rows() * perRow;
            tasksPerChunk = Math.max(1, CHUNK_ELEMENTS / Math.max(1, Math.min(rows.length(), PIECE)));
        }

        int from(int task) {
            int o = task / perRow, inRow = task % perRow;
            return rows.start(o, inRow / perSegment) + (inRow % perSegment) * PIECE;
        }

        int length(int task) {
            int k = task % perSegment;
            return Math.min(PIECE, rows.length() - k * PIECE);
        }

        void forEach(IntConsumer body) {
            forEachTask(total, tasksPerChunk, body);
        }
    }
}
