package dev.nabla.tensor;

import dev.nabla.tensor.internal.ReductionKernels;
import dev.nabla.tensor.internal.ReductionKernels.Rows;
import java.util.Arrays;

/**
 * Reductions over sets of dims, softmax, and batch-norm statistics: the API boundary that checks
 * arguments, lays the input out as {@link Rows} (one row per output element) and calls
 * {@link ReductionKernels}.
 *
 * <p><b>Dims.</b> Any set of dims, negative ones counting from the end; a repeated dim is an error.
 * An empty dims list reduces every dim, as PyTorch's {@code sum(dim=[])}. With {@code keepDim} the
 * reduced dims stay with extent 1.
 *
 * <p><b>Empty reductions</b> (a reduced dim of extent 0), as PyTorch: sum gives 0, mean and var
 * NaN, logsumexp −∞; max, min, argmax and argmin throw.
 *
 * <p><b>NaN</b> propagates through every reduction; argmax and argmin return the position of the
 * first NaN (PyTorch's rule: NaN counts as larger and smaller than everything).
 *
 * <p><b>Layout.</b> A contiguous input whose kept dims are consecutive is read in place: the
 * reduced dims in front of them become segments and those behind them the contiguous runs (so
 * {@code (N, C, H, W)} per channel is C rows of N runs of H·W; {@code (N, C)} over dim 0 is the C
 * columns of an N×C matrix). Otherwise, or when the runs would be shorter than {@link #MIN_RUN}
 * (but longer than 1), the input is first copied with the reduced dims innermost.
 */
final class Reductions {
    /**
     * Shortest contiguous run read in place when the reduced dims lie on both sides of the kept
     * ones. Each run costs a leaf call and a partial result, so short runs are faster as one
     * transposing copy followed by long contiguous rows. Runs of one element (only leading dims
     * reduced, as a bias gradient's sum over dim 0) are read in place by the column kernels.
     */
    static final int MIN_RUN = 64;

    private Reductions() {}

    /** {@code Σ x} over {@code dims}. */
    static NDArray sum(NDArray x, int[] dims, boolean keepDim) {
        Plan p = plan("sum", x, dims);
        return p.output(x.dtype, keepDim, p.run(ReductionKernels::sum, ReductionKernels::sum));
    }

    /** {@code Σ x / n} over {@code dims}, n the number of reduced elements (NaN for n = 0). */
    static NDArray mean(NDArray x, int[] dims, boolean keepDim) {
        Plan p = plan("mean", x, dims);
        double[] s = p.run(ReductionKernels::sum, ReductionKernels::sum);
        for (int o = 0; o < s.length; o++) s[o] /= p.rows.count();
        return p.output(x.dtype, keepDim, s);
    }

    /**
     * {@code Σ(x − mean)² / (n − 1)} ({@code unbiased}) or {@code / n}, over {@code dims}. One pass
     * over memory: per-piece corrected two-pass moments merged with Chan's formula. NaN when the
     * divisor is 0.
     */
    static NDArray var(NDArray x, int[] dims, boolean unbiased, boolean keepDim) {
        Plan p = plan("var", x, dims);
        double[] m2 = p.moments()[1];
        double divisor = p.rows.count() - (unbiased ? 1 : 0);
        for (int o = 0; o < m2.length; o++) m2[o] = divisor > 0 ? m2[o] / divisor : Double.NaN;
        return p.output(x.dtype, keepDim, m2);
    }

    /** Largest element over {@code dims} (NaN if any is NaN); an error for an empty reduction. */
    static NDArray max(NDArray x, int[] dims, boolean keepDim) {
        Plan p = plan("max", x, dims).requireNonEmpty();
        return p.output(x.dtype, keepDim, p.run(ReductionKernels::max, ReductionKernels::max));
    }

    /** Smallest element over {@code dims} (NaN if any is NaN); an error for an empty reduction. */
    static NDArray min(NDArray x, int[] dims, boolean keepDim) {
        Plan p = plan("min", x, dims).requireNonEmpty();
        return p.output(x.dtype, keepDim, p.run(ReductionKernels::min, ReductionKernels::min));
    }

    /**
     * {@code ln Σ e^x} over {@code dims}, computed as {@code m + ln Σ e^(x − m)} with {@code m} the
     * max, so ±1000 neither overflows nor underflows. All −∞ gives −∞; any +∞ gives +∞.
     */
    static NDArray logsumexp(NDArray x, int[] dims, boolean keepDim) {
        Plan p = plan("logsumexp", x, dims);
        return p.output(x.dtype, keepDim, p.run(ReductionKernels::logsumexp, ReductionKernels::logsumexp));
    }

    /** Index (I64) of the largest element along {@code dim}: the first NaN, else the first maximum. */
    static NDArray argmax(NDArray x, int dim, boolean keepDim) {
        Plan p = plan("argmax", x, new int[] {dim}).requireNonEmpty();
        return p.outputIndices(keepDim, p.run(ReductionKernels::argmax, ReductionKernels::argmax));
    }

    /** Index (I64) of the smallest element along {@code dim}: the first NaN, else the first minimum. */
    static NDArray argmin(NDArray x, int dim, boolean keepDim) {
        Plan p = plan("argmin", x, new int[] {dim}).requireNonEmpty();
        return p.outputIndices(keepDim, p.run(ReductionKernels::argmin, ReductionKernels::argmin));
    }

    /** {@code e^(x − m) / Σ e^(x − m)} along {@code dim}, m the max along dim; rows sum to 1. */
    static NDArray softmax(NDArray x, int dim) {
        return softmax("softmax", x, dim, false);
    }

    /** {@code x − m − ln Σ e^(x − m)} along {@code dim}. */
    static NDArray logSoftmax(NDArray x, int dim) {
        return softmax("logSoftmax", x, dim, true);
    }

    private static NDArray softmax(String op, NDArray x, int dim, boolean log) {
        requireFloating(op, x);
        int d = x.shape.axis(dim, op), last = x.rank() - 1;
        int[] order = NDArray.identity(x.rank());
        order[d] = last;
        order[last] = d;
        // x moved is (M, K) with K the softmax dim, contiguous
        NDArray moved = (d == last ? x : x.permute(order)).contiguous();
        int cols = x.shape.raw()[d], rows = cols == 0 ? 0 : x.numel() / cols;
        NDArray out = NDArray.zeros(x.dtype, moved.shape.raw());
        if (x.dtype == DType.F32) ReductionKernels.softmax(moved.f32(), moved.offset, rows, cols, out.f32(), log);
        else ReductionKernels.softmax(moved.f64(), moved.offset, rows, cols, out.f64(), log);
        return d == last ? out : out.permute(order).contiguous();
    }

    /** Batch-norm forward with given statistics; see {@link BatchNormStats#normalize}. */
    static NDArray batchNormForward(BatchNormStats stats, NDArray x, NDArray weight, NDArray bias, double eps) {
        int c = x.rank() >= 2 ? x.shape.dim(1) : -1;
        if (c < 0 || stats.mean().numel() != c || stats.var().numel() != c || (weight == null) != (bias == null)
                || (weight != null && (weight.rank() != 1 || weight.numel() != c || !bias.shape.equals(weight.shape)))) {
            throw new ShapeException("batch_norm: expected x (N, C, *), mean, var" + (weight == null ? "" : ", weight, bias")
                    + " of shape [C] (weight and bias both given or both null): x.shape=" + x.shape + ", mean.shape="
                    + stats.mean().shape + ", var.shape=" + stats.var().shape
                    + (weight == null ? "" : ", weight.shape=" + weight.shape) + (bias == null ? "" : ", bias.shape=" + bias.shape));
        }
        DType type = x.dtype == DType.F32 && stats.mean().dtype == DType.F32 && (weight == null || weight.dtype == DType.F32 && bias.dtype == DType.F32)
                ? DType.F32 : DType.F64;
        int n = x.shape.dim(0), s = c == 0 ? 0 : x.numel() / Math.max(1, n * c);
        NDArray mean = dense(stats.mean(), type), invStd = dense(stats.var().astype(type).add(eps).rsqrt(), type);
        NDArray gamma = weight == null ? null : dense(weight, type), beta = bias == null ? null : dense(bias, type);
        NDArray xd = dense(x, type), y = NDArray.zeros(type, x.shape.raw());
        if (type == DType.F32) {
            ReductionKernels.batchNormForward(xd.f32(), y.f32(), n, c, s, mean.f32(), invStd.f32(),
                    gamma == null ? null : gamma.f32(), beta == null ? null : beta.f32());
        } else {
            ReductionKernels.batchNormForward(xd.f64(), y.f64(), n, c, s, mean.f64(), invStd.f64(),
                    gamma == null ? null : gamma.f64(), beta == null ? null : beta.f64());
        }
        return y;
    }

    /**
     * Batch-norm backward in training mode; see {@link BatchNormStats#backward}. F32 operands take
     * the fast kernel, F64 (or mixed) the reference loops.
     */
    static BatchNormStats.Gradients batchNormBackward(BatchNormStats stats, NDArray x, NDArray g, NDArray weight, double eps) {
        int c = x.rank() >= 2 ? x.shape.dim(1) : -1;
        if (c < 0 || !g.shape.equals(x.shape) || stats.mean().numel() != c || stats.var().numel() != c
                || (weight != null && (weight.rank() != 1 || weight.numel() != c))) {
            throw new ShapeException("batch_norm backward: expected x (N, C, *), gradOutput of x's shape and mean, var"
                    + (weight == null ? "" : ", weight") + " of shape [C]: x.shape=" + x.shape + ", gradOutput.shape=" + g.shape
                    + ", mean.shape=" + stats.mean().shape + ", var.shape=" + stats.var().shape
                    + (weight == null ? "" : ", weight.shape=" + weight.shape));
        }
        DType type = DType.promote(x.dtype, g.dtype) == DType.F32 && (weight == null || weight.dtype == DType.F32) ? DType.F32 : DType.F64;
        int n = x.shape.dim(0), s = c == 0 ? 0 : x.numel() / Math.max(1, n * c);
        double[] mean = stats.mean().toDoubleArray(), invStd = stats.var().toDoubleArray();
        for (int ch = 0; ch < c; ch++) invStd[ch] = 1 / Math.sqrt(invStd[ch] + eps);
        double[] gamma = weight == null ? null : weight.toDoubleArray(), sumG = new double[c], sumGC = new double[c];
        NDArray xd = dense(x, type), gd = dense(g, type), gx = NDArray.zeros(type, x.shape.raw());
        if (type == DType.F32) {
            ReductionKernels.batchNormBackward(xd.f32(), gd.f32(), gx.f32(), n, c, s, mean, invStd, gamma, sumG, sumGC);
        } else {
            ReductionKernels.batchNormBackward(xd.f64(), gd.f64(), gx.f64(), n, c, s, mean, invStd, gamma, sumG, sumGC);
        }
        NDArray gWeight = NDArray.zeros(type, c), gBias = NDArray.zeros(type, c);
        for (int ch = 0; ch < c; ch++) {
            gWeight.setFlat(ch, sumGC[ch] * invStd[ch]);
            gBias.setFlat(ch, sumG[ch]);
        }
        return new BatchNormStats.Gradients(gx, gWeight, gBias);
    }

    /** x as a contiguous array of {@code type} starting at index 0 of its storage (what the kernels index). */
    private static NDArray dense(NDArray x, DType type) {
        NDArray c = x.astype(type).contiguous();
        return c.offset == 0 ? c : c.copy();
    }

    /**
     * Per-channel mean and biased variance of an {@code (N, C, *)} array over every dim except 1,
     * in one pass over memory (see {@link #var}).
     */
    static BatchNormStats batchNormStats(NDArray x) {
        if (x.rank() < 2) {
            throw new ShapeException("batchNormStats: needs an (N, C, *) input of rank >= 2, got shape " + x.shape);
        }
        int[] dims = new int[x.rank() - 1];
        dims[0] = 0;
        for (int d = 2; d < x.rank(); d++) dims[d - 1] = d;
        Plan p = plan("batchNormStats", x, dims);
        double[][] moments = p.moments();
        int count = p.rows.count();
        for (int c = 0; c < moments[1].length; c++) moments[1][c] = count > 0 ? moments[1][c] / count : Double.NaN;
        return new BatchNormStats(p.output(x.dtype, false, moments[0]), p.output(x.dtype, false, moments[1]), count);
    }

    // ------------------------------------------------------------------------------------------

    private static void requireFloating(String op, NDArray x) {
        if (!x.dtype.isFloating()) {
            throw new IllegalArgumentException(op + ": needs an F32 or F64 array, got " + x.dtype + " with shape " + x.shape
                    + " (I64 holds indices and labels; convert with astype)");
        }
    }

    /** Which dims are reduced: {@code dims} resolved against x's rank, empty meaning all. */
    private static boolean[] reducedDims(String op, NDArray x, int[] dims) {
        boolean[] reduced = new boolean[x.rank()];
        if (dims.length == 0) {
            Arrays.fill(reduced, true);
            return reduced;
        }
        for (int dim : dims) {
            int d = x.shape.axis(dim, op);
            if (reduced[d]) {
                throw new ShapeException(op + ": dim " + d + " appears more than once in dims " + Arrays.toString(dims)
                        + " for shape " + x.shape);
            }
            reduced[d] = true;
        }
        return reduced;
    }

    private static Plan plan(String op, NDArray x, int[] dims) {
        requireFloating(op, x);
        boolean[] reduced = reducedDims(op, x, dims);
        int[] shape = x.shape.raw();
        int firstKept = -1, lastKept = -1;
        for (int d = 0; d < shape.length; d++) {
            if (!reduced[d]) {
                if (firstKept < 0) firstKept = d;
                lastKept = d;
            }
        }
        int before = 1, kept = 1, after = 1, count = 1;
        boolean keptConsecutive = true;
        for (int d = 0; d < shape.length; d++) {
            if (!reduced[d]) kept *= shape[d];
            else {
                count *= shape[d];
                if (firstKept < 0 || d > lastKept) after *= shape[d];
                else if (d < firstKept) before *= shape[d];
                else keptConsecutive = false;
            }
        }
        if (x.isContiguous() && kept == 1) {
            // one output: the whole array is one contiguous row, whatever the dims
            return new Plan(op, x.shape, reduced, x, Rows.contiguous(x.offset, 1, count));
        }
        if (x.isContiguous() && keptConsecutive && (after >= MIN_RUN || after == 1 || before == 1)) {
            // x is (B, O, A): row o is B runs of A elements (A = 1: the columns of a (B, O) matrix)
            return new Plan(op, x.shape, reduced, x, new Rows(x.offset, kept, before, after, after, kept * after));
        }
        int[] order = new int[shape.length];
        int k = 0;
        for (int d = 0; d < shape.length; d++) if (!reduced[d]) order[k++] = d;
        for (int d = 0; d < shape.length; d++) if (reduced[d]) order[k++] = d;
        // moved is (O, R): kept dims first, reduced dims innermost
        NDArray moved = x.permute(order).contiguous();
        return new Plan(op, x.shape, reduced, moved, Rows.contiguous(moved.offset, kept, count));
    }

    /** A reduction kernel over data of type {@code A} (float[] or double[]) laid out as rows. */
    @FunctionalInterface
    private interface Kernel<A, T> {
        T apply(A x, Rows rows);
    }

    /** A reduction laid out: the array to read, which dims of x are reduced, and the rows. */
    private record Plan(String op, Shape input, boolean[] reduced, NDArray source, Rows rows) {

        Plan requireNonEmpty() {
            if (rows.count() == 0) {
                throw new ShapeException(op + ": cannot reduce over zero elements (the op has no identity): shape " + input
                        + ", reduced dims " + reducedList() + " include one of extent 0");
            }
            return this;
        }

        /** Runs the kernel for the source's dtype: F32 data through {@code f32}, F64 through {@code f64}. */
        <T> T run(Kernel<float[], T> f32, Kernel<double[], T> f64) {
            return source.dtype == DType.F32 ? f32.apply(source.f32(), rows) : f64.apply(source.f64(), rows);
        }

        double[][] moments() {
            return run(ReductionKernels::moments, ReductionKernels::moments);
        }

        NDArray output(DType dtype, boolean keepDim, double[] values) {
            NDArray out = NDArray.zeros(dtype, outputDims(keepDim));
            for (int o = 0; o < values.length; o++) out.setFlat(o, values[o]);
            return out;
        }

        NDArray outputIndices(boolean keepDim, long[] values) {
            return NDArray.wrap(values, DType.I64, Shape.of(outputDims(keepDim)));
        }

        private int[] outputDims(boolean keepDim) {
            int[] in = input.raw();
            int[] out = new int[in.length];
            int k = 0;
            for (int d = 0; d < in.length; d++) {
                if (!reduced[d]) out[k++] = in[d];
                else if (keepDim) out[k++] = 1;
            }
            return Arrays.copyOf(out, k);
        }

        private String reducedList() {
            StringBuilder sb = new StringBuilder("[");
            for (int d = 0; d < reduced.length; d++) {
                if (reduced[d]) sb.append(sb.length() > 1 ? ", " : "").append(d);
            }
            return sb.append(']').toString();
        }
    }
}
