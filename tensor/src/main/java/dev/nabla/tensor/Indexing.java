package dev.nabla.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gather/scatter, index selection, one-hot, and joining and splitting, with PyTorch's rules.
 *
 * <p><b>Indices</b> are I64 and must lie in {@code 0 … extent−1}: negative indices are an error in
 * every op here (PyTorch wraps them in some ops and not in others; Nabla is strict everywhere).
 * An out-of-range index throws {@link IndexOutOfBoundsException} naming the op, the value, the dim
 * and its extent.
 *
 * <p>These ops move data rather than compute, so they are plain loops without kernel tiers.
 */
final class Indexing {
    private Indexing() {}

    /**
     * {@code out[p] = x[p with p[dim] := index[p]]} for every position p of {@code index}, e.g.
     * {@code out[i][j] = x[i][index[i][j]]} for dim 1. {@code index} is I64 of x's rank with
     * {@code index.size(d) ≤ x.size(d)} for {@code d ≠ dim}; out has index's shape and x's dtype.
     */
    static NDArray gather(NDArray x, int dim, NDArray index) {
        int d = x.shape.axis(dim, "gather");
        checkIndexArray("gather", x, d, index, null);
        NDArray out = NDArray.zeros(x.dtype, index.shape.raw());
        int[] at = new int[index.rank()];
        for (int k = 0; k < index.numel(); k++) {
            unravel(k, index.shape.raw(), at);
            int i = indexValue("gather", index, at, d, x);
            int source = storage(x, at, d, i);
            copyElement(x, source, out, out.offset + k);
        }
        return out;
    }

    /**
     * A copy of x with {@code src} added at {@code index} along {@code dim}:
     * {@code out[p with p[dim] := index[p]] += src[p]} for every position p of {@code index}, in
     * row-major order of p (so repeated indices accumulate deterministically). {@code index} is I64
     * of x's rank, no larger than src in any dim and than x in dims other than {@code dim}. The
     * result has the promoted dtype of x and src.
     */
    static NDArray scatterAdd(NDArray x, int dim, NDArray index, NDArray src) {
        int d = x.shape.axis(dim, "scatterAdd");
        checkIndexArray("scatterAdd", x, d, index, src);
        DType dtype = DType.promote(x.dtype, src.dtype);
        NDArray out = x.astype(dtype).copy();
        int[] at = new int[index.rank()];
        for (int k = 0; k < index.numel(); k++) {
            unravel(k, index.shape.raw(), at);
            int i = indexValue("scatterAdd", index, at, d, x);
            int target = storage(out, at, d, i), from = storage(src, at, -1, 0);
            if (dtype == DType.I64) out.i64()[target] += src.i64()[from];
            else out.setStorage(target, out.getStorage(target) + src.getStorage(from));
        }
        return out;
    }

    /** The entries {@code index[0], index[1], …} of x along {@code dim}; {@code index} is 1-d I64. */
    static NDArray indexSelect(NDArray x, int dim, NDArray index) {
        int d = x.shape.axis(dim, "indexSelect");
        if (index.dtype != DType.I64 || index.rank() != 1) {
            throw new IllegalArgumentException("indexSelect: index must be a 1-d I64 array, got " + index.dtype
                    + " with shape " + index.shape + " (x.shape=" + x.shape + ")");
        }
        int[] dims = x.shape.dims();
        dims[d] = index.numel();
        NDArray out = NDArray.zeros(x.dtype, dims);
        // x is (O, N, I) and out is (O, K, I): O the dims before d, I those after; out[o, k, :] = x[o, index[k], :]
        NDArray c = x.contiguous();
        int n = x.shape.raw()[d], k = index.numel(), outer = 1, inner = 1;
        for (int a = 0; a < d; a++) outer *= dims[a];
        for (int a = d + 1; a < dims.length; a++) inner *= dims[a];
        int[] position = new int[1];
        for (int i = 0; i < k; i++) {
            position[0] = i;
            int row = indexValue("indexSelect", index, position, d, x);
            for (int o = 0; o < outer && inner > 0; o++) {
                System.arraycopy(c.data, c.offset + (o * n + row) * inner, out.data, (o * k + i) * inner, inner);
            }
        }
        return out;
    }

    /**
     * {@code out[p][c] = (labels[p] == c) ? 1 : 0}, of shape {@code labels.shape + [numClasses]}
     * and the given dtype; {@code labels} is I64 with values in {@code 0 … numClasses−1}.
     */
    static NDArray oneHot(NDArray labels, int numClasses, DType dtype) {
        if (labels.dtype != DType.I64) {
            throw new IllegalArgumentException("oneHot: labels must be I64, got " + labels.dtype + " with shape " + labels.shape);
        }
        if (numClasses < 1) throw new IllegalArgumentException("oneHot: numClasses must be >= 1, got " + numClasses);
        int[] dims = Arrays.copyOf(labels.shape.raw(), labels.rank() + 1);
        dims[labels.rank()] = numClasses;
        NDArray out = NDArray.zeros(dtype, dims);
        int[] at = new int[labels.rank()];
        for (int k = 0; k < labels.numel(); k++) {
            unravel(k, labels.shape.raw(), at);
            long label = labels.i64()[storage(labels, at, -1, 0)];
            if (label < 0 || label >= numClasses) {
                throw new IndexOutOfBoundsException("oneHot: label " + label + " at position " + Arrays.toString(at)
                        + " is out of range for numClasses " + numClasses + " (the new last dim, extent " + numClasses
                        + "; labels.shape=" + labels.shape + ")");
            }
            out.setFlat(k * numClasses + (int) label, 1);
        }
        return out;
    }

    /**
     * Joins arrays along the existing dim {@code dim}: all of the same rank and equal in every other
     * dim; the result has their promoted dtype.
     */
    static NDArray cat(int dim, List<NDArray> arrays) {
        if (arrays.isEmpty()) throw new IllegalArgumentException("cat: needs at least one array");
        NDArray first = arrays.get(0);
        int d = first.shape.axis(dim, "cat");
        DType dtype = first.dtype;
        int extent = 0;
        for (int a = 0; a < arrays.size(); a++) {
            NDArray x = arrays.get(a);
            if (x.rank() != first.rank()) {
                throw new ShapeException("cat: all arrays must have the same rank: arrays[0].shape=" + first.shape
                        + ", arrays[" + a + "].shape=" + x.shape + " (rank " + first.rank() + " vs " + x.rank() + ")");
            }
            for (int k = 0; k < x.rank(); k++) {
                if (k != d && x.shape.raw()[k] != first.shape.raw()[k]) {
                    throw new ShapeException("cat: arrays must match in every dim except dim " + d + ": arrays[0].shape="
                            + first.shape + ", arrays[" + a + "].shape=" + x.shape + " (dim " + k + ": "
                            + first.shape.raw()[k] + " vs " + x.shape.raw()[k] + ")");
                }
            }
            dtype = DType.promote(dtype, x.dtype);
            extent += x.shape.raw()[d];
        }
        int[] dims = first.shape.dims();
        dims[d] = extent;
        NDArray out = NDArray.zeros(dtype, dims);
        // every array is (O, n_a·I) with O the dims before d and I those after; out is (O, extent·I)
        int outer = 1, inner = 1;
        for (int k = 0; k < d; k++) outer *= dims[k];
        for (int k = d + 1; k < dims.length; k++) inner *= dims[k];
        int start = 0;
        for (NDArray x : arrays) {
            NDArray c = x.astype(dtype).contiguous();
            int run = x.shape.raw()[d] * inner;
            for (int o = 0; o < outer && run > 0; o++) {
                System.arraycopy(c.data, c.offset + o * run, out.data, o * extent * inner + start * inner, run);
            }
            start += x.shape.raw()[d];
        }
        return out;
    }

    /** Joins equally shaped arrays along a new dim {@code dim} (in {@code −rank−1 … rank}). */
    static NDArray stack(int dim, List<NDArray> arrays) {
        if (arrays.isEmpty()) throw new IllegalArgumentException("stack: needs at least one array");
        Shape shape = arrays.get(0).shape;
        for (int a = 1; a < arrays.size(); a++) {
            if (!arrays.get(a).shape.equals(shape)) {
                throw new ShapeException("stack: all arrays must have the same shape: arrays[0].shape=" + shape
                        + ", arrays[" + a + "].shape=" + arrays.get(a).shape);
            }
        }
        int r = shape.rank();
        if (dim < -r - 1 || dim > r) {
            throw new ShapeException("stack: dim " + dim + " is out of range for arrays of shape " + shape
                    + " (valid: " + (-r - 1) + ".." + r + ")");
        }
        List<NDArray> lifted = new ArrayList<>(arrays.size());
        for (NDArray x : arrays) lifted.add(x.unsqueeze(dim));
        return cat(dim, lifted);
    }

    /**
     * Consecutive pieces of x along {@code dim}, as views. One size {@code s} means pieces of s
     * with a shorter last piece, as PyTorch's {@code split(int)}; several sizes are the pieces'
     * extents and must add up to the dim's extent, as PyTorch's {@code split(list)}.
     */
    static List<NDArray> split(NDArray x, int dim, int[] sizes) {
        int d = x.shape.axis(dim, "split");
        int extent = x.shape.raw()[d];
        if (sizes.length == 0) throw new IllegalArgumentException("split: needs at least one size (x.shape=" + x.shape + ")");
        List<NDArray> pieces = new ArrayList<>();
        if (sizes.length == 1) {
            int s = sizes[0];
            if (s < 1) throw new IllegalArgumentException("split: piece size must be >= 1, got " + s + " (x.shape=" + x.shape + ")");
            int start = 0;
            do {
                pieces.add(x.slice(d, start, Math.min(extent, start + s)));
                start += s;
            } while (start < extent);
            return pieces;
        }
        long total = 0;
        for (int s : sizes) {
            if (s < 0) {
                throw new IllegalArgumentException("split: sizes must be >= 0, got " + Arrays.toString(sizes) + " (x.shape=" + x.shape + ")");
            }
            total += s;
        }
        if (total != extent) {
            throw new ShapeException("split: sizes " + Arrays.toString(sizes) + " add up to " + total + ", not to the extent "
                    + extent + " of dim " + d + " of shape " + x.shape);
        }
        int start = 0;
        for (int s : sizes) {
            pieces.add(x.slice(d, start, start + s));
            start += s;
        }
        return pieces;
    }

    // ------------------------------------------------------------------------------------------

    /** gather/scatterAdd rules: index is I64 of x's rank, ≤ x off {@code dim}, ≤ src everywhere. */
    private static void checkIndexArray(String op, NDArray x, int dim, NDArray index, NDArray src) {
        String shapes = "x.shape=" + x.shape + ", index.shape=" + index.shape + (src == null ? "" : ", src.shape=" + src.shape);
        if (index.dtype != DType.I64) throw new IllegalArgumentException(op + ": index must be I64, got " + index.dtype + " (" + shapes + ")");
        if (index.rank() != x.rank() || (src != null && src.rank() != x.rank())) {
            throw new ShapeException(op + ": index" + (src == null ? "" : " and src") + " must have the rank of x: " + shapes);
        }
        for (int d = 0; d < x.rank(); d++) {
            int n = index.shape.raw()[d];
            if (d != dim && n > x.shape.raw()[d]) {
                throw new ShapeException(op + ": index.size(" + d + ") must be <= x.size(" + d + ") for dims other than dim "
                        + dim + ": " + shapes + " (" + n + " > " + x.shape.raw()[d] + ")");
            }
            if (src != null && n > src.shape.raw()[d]) {
                throw new ShapeException(op + ": index.size(" + d + ") must be <= src.size(" + d + "): " + shapes
                        + " (" + n + " > " + src.shape.raw()[d] + ")");
            }
        }
    }

    /** The index stored at position {@code at} of {@code index}, checked against x's extent along {@code dim}. */
    private static int indexValue(String op, NDArray index, int[] at, int dim, NDArray x) {
        long i = index.i64()[storage(index, at, -1, 0)];
        int extent = x.shape.raw()[dim];
        if (i < 0 || i >= extent) {
            throw new IndexOutOfBoundsException(op + ": index " + i + " at index position " + Arrays.toString(at)
                    + " is out of range for dim " + dim + " with extent " + extent + " (x.shape=" + x.shape
                    + "; valid: 0.." + (extent - 1) + ", negative indices are not allowed)");
        }
        return (int) i;
    }

    /** Storage index in {@code a} of position {@code at}, with {@code at[replacedDim]} read as {@code value}. */
    private static int storage(NDArray a, int[] at, int replacedDim, int value) {
        int s = a.offset;
        for (int d = 0; d < at.length; d++) s += (d == replacedDim ? value : at[d]) * a.strides[d];
        return s;
    }

    /** Row-major multi-index of flat position {@code k} in {@code dims}, into {@code at}. */
    private static void unravel(int k, int[] dims, int[] at) {
        for (int d = dims.length - 1; d >= 0; d--) {
            at[d] = k % dims[d];
            k /= dims[d];
        }
    }

    private static void copyElement(NDArray src, int from, NDArray dst, int to) {
        if (src.dtype == DType.I64) dst.i64()[to] = src.i64()[from];
        else dst.setStorage(to, src.getStorage(from));
    }
}
