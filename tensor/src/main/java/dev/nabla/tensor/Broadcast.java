package dev.nabla.tensor;

import dev.nabla.tensor.internal.ElementwiseKernels;
import java.util.Arrays;
import java.util.StringJoiner;

/**
 * NumPy broadcasting: the result shape of operands of different shapes, and the one strided loop
 * that every element-wise op runs on.
 *
 * <p>Shapes are aligned at the right; missing leading dims count as 1; two extents match when they
 * are equal or one of them is 1, which then repeats (stride 0). {@code (3,1) + (1,4)} is
 * {@code (3,4)}; {@code (2,3) + (3)} is {@code (2,3)}; a rank-0 operand matches everything.
 */
final class Broadcast {
    private Broadcast() {}

    /** The broadcast shape of {@code a} and {@code b}, or a ShapeException naming {@code op}. */
    static Shape shape(String op, Shape a, Shape b) {
        return shape(op, new Shape[] {a, b});
    }

    /**
     * The broadcast shape of all {@code shapes}. Throws a {@link ShapeException} such as
     * {@code add: shapes are not broadcastable: [2, 3] vs [3, 2] (dim -1: 3 vs 2)}.
     */
    static Shape shape(String op, Shape... shapes) {
        int rank = 0;
        for (Shape s : shapes) rank = Math.max(rank, s.rank());
        int[] dims = new int[rank];
        Arrays.fill(dims, 1);
        for (Shape s : shapes) {
            for (int k = 1; k <= s.rank(); k++) { // k-th dim from the right
                int n = s.raw()[s.rank() - k], have = dims[rank - k];
                if (n == have || n == 1) continue;
                if (have != 1) throw notBroadcastable(op, shapes, k);
                dims[rank - k] = n;
            }
        }
        return Shape.of(dims);
    }

    private static ShapeException notBroadcastable(String op, Shape[] shapes, int k) {
        StringJoiner all = new StringJoiner(" vs "), extents = new StringJoiner(" vs ");
        for (Shape s : shapes) {
            all.add(s.toString());
            extents.add(String.valueOf(s.rank() >= k ? s.raw()[s.rank() - k] : 1));
        }
        return new ShapeException(op + ": shapes are not broadcastable: " + all + " (dim -" + k + ": " + extents + ")");
    }

    /** A leaf call: run {@code length} elements; operand j starts at {@code offsets[j]} and steps by {@code strides[j]}. */
    @FunctionalInterface
    interface RunBody {
        void run(int[] offsets, int[] strides, int length);
    }

    /**
     * Visits every element of {@code operands[0]} (the output: fresh and contiguous) together with
     * the matching elements of the other operands (any strides, broadcast to its shape), as runs
     * along the innermost dim. Index 0 of {@code offsets}/{@code strides} is the output, index j
     * is {@code operands[j]}; the output's inner stride is 1, an input's is 0 (broadcast), 1, or
     * anything else for a strided view.
     *
     * <p>Dims of extent 1 are dropped and neighbouring dims merged wherever every operand is
     * contiguous across them, so same-shaped contiguous operands, and a tensor with a scalar, are
     * one run. Large outputs are cut into fixed ranges ({@link ElementwiseKernels#forRanges}), each
     * walked independently, so a run may be split at a range boundary.
     */
    static void forEachRun(NDArray[] operands, RunBody body) {
        int[] outDims = operands[0].shape.raw();
        int rank = outDims.length, count = operands.length;
        // per-operand strides aligned to the output's dims, 0 where an operand is broadcast
        int[][] aligned = new int[count][rank];
        for (int j = 0; j < count; j++) {
            NDArray x = operands[j];
            int lead = rank - x.rank();
            for (int d = 0; d < x.rank(); d++) aligned[j][lead + d] = x.shape.raw()[d] == 1 ? 0 : x.strides[d];
        }
        // coalesce: keep dims of extent > 1, merging a dim into the previous kept one when contiguous
        int[] dims = new int[Math.max(rank, 1)];
        int[][] strides = new int[count][Math.max(rank, 1)];
        int kept = 0;
        for (int d = 0; d < rank; d++) {
            int n = outDims[d];
            if (n == 1) continue;
            if (kept > 0 && mergeable(aligned, strides, kept - 1, d, n)) {
                dims[kept - 1] *= n;
                for (int j = 0; j < count; j++) strides[j][kept - 1] = aligned[j][d];
            } else {
                dims[kept] = n;
                for (int j = 0; j < count; j++) strides[j][kept] = aligned[j][d];
                kept++;
            }
        }
        if (kept == 0) dims[kept++] = 1; // a single element: one run of length 1, strides 0
        int[] runDims = Arrays.copyOf(dims, kept);
        int[][] runStrides = new int[count][];
        for (int j = 0; j < count; j++) runStrides[j] = Arrays.copyOf(strides[j], kept);
        int[] base = new int[count];
        for (int j = 0; j < count; j++) base[j] = operands[j].offset;

        int n = operands[0].numel();
        ElementwiseKernels.forRanges(n, (start, end) -> walk(runDims, runStrides, base, start, end, body));
    }

    /** True when dim d continues kept dim p contiguously for every operand. */
    private static boolean mergeable(int[][] aligned, int[][] keptStrides, int p, int d, int n) {
        for (int j = 0; j < aligned.length; j++) {
            if (keptStrides[j][p] != aligned[j][d] * n) return false;
        }
        return true;
    }

    /** Calls {@code body} on the runs covering flat output elements [start, end). */
    private static void walk(int[] dims, int[][] strides, int[] base, int start, int end, RunBody body) {
        int rank = dims.length, count = base.length, inner = rank - 1, innerExtent = dims[inner];
        int[] index = new int[rank], offsets = base.clone(), innerStrides = new int[count];
        for (int j = 0; j < count; j++) innerStrides[j] = strides[j][inner];
        for (int d = inner, rest = start; d >= 0; d--) { // the multi-index of element `start`
            index[d] = rest % dims[d];
            rest /= dims[d];
            for (int j = 0; j < count; j++) offsets[j] += index[d] * strides[j][d];
        }
        for (int pos = start; pos < end; ) {
            int length = Math.min(innerExtent - index[inner], end - pos);
            body.run(offsets, innerStrides, length);
            pos += length;
            index[inner] += length;
            for (int j = 0; j < count; j++) offsets[j] += length * innerStrides[j];
            if (index[inner] < innerExtent) continue; // only at the range's end
            // carry into the outer dims, odometer style
            for (int d = inner; d > 0 && index[d] == dims[d]; d--) {
                for (int j = 0; j < count; j++) offsets[j] += strides[j][d - 1] - dims[d] * strides[j][d];
                index[d] = 0;
                index[d - 1]++;
            }
        }
    }
}
