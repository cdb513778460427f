package dev.nabla.tensor;

/** The machinery behind views: stride arithmetic, strided copies and printing. */
final class Views {
    private Views() {}

    /**
     * The strides that let an array of {@code shape}/{@code strides} be read as {@code target}
     * without copying, or null when no such strides exist (PyTorch's {@code computeStride}).
     *
     * <p>Dims are grouped into chunks that are contiguous with each other (each dim's stride is the
     * next one's stride times its extent). A view exists iff the target dims can be cut into
     * consecutive groups whose element counts equal those chunks' counts; inside a chunk the new
     * strides are contiguous over the chunk's innermost stride.
     */
    static int[] reshapeStrides(Shape shape, int[] strides, Shape target) {
        int[] oldDims = shape.dims(), newDims = target.dims();
        int[] newStrides = new int[newDims.length];
        if (shape.numel() == 0 || oldDims.length == 0) return NDArray.contiguousStrides(newDims);

        int viewD = newDims.length - 1;
        int chunkBaseStride = strides[oldDims.length - 1];
        long tensorNumel = 1, viewNumel = 1;
        for (int d = oldDims.length - 1; d >= 0; d--) {
            tensorNumel *= oldDims[d];
            boolean chunkEnds = d == 0 || (oldDims[d - 1] != 1 && strides[d - 1] != tensorNumel * chunkBaseStride);
            if (chunkEnds) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newDims[viewD] == 1)) {
                    newStrides[viewD] = (int) (viewNumel * chunkBaseStride);
                    viewNumel *= newDims[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) return null;
                if (d > 0) {
                    chunkBaseStride = strides[d - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? newStrides : null;
    }

    /** Copies every element of {@code src} into the fresh, contiguous, same-shaped {@code dst}, converting the type. */
    static void copyInto(NDArray src, NDArray dst) {
        int n = src.numel();
        if (n == 0) return;
        int[] dims = src.shape.raw();
        int rank = dims.length;
        int rowLength = rank == 0 ? 1 : dims[rank - 1];
        int step = rank == 0 ? 0 : src.strides[rank - 1];
        int[] index = new int[Math.max(rank - 1, 0)];
        int start = src.offset;
        for (int out = 0; out < n; out += rowLength) {
            copyRow(src, start, step, dst, out, rowLength);
            // advance the odometer over the outer dims
            for (int d = rank - 2; d >= 0; d--) {
                start += src.strides[d];
                if (++index[d] < dims[d]) break;
                start -= index[d] * src.strides[d];
                index[d] = 0;
            }
        }
    }

    private static void copyRow(NDArray src, int from, int step, NDArray dst, int to, int length) {
        if (src.dtype == DType.F32 && dst.dtype == DType.F32) {
            float[] s = src.f32(), d = dst.f32();
            if (step == 1) System.arraycopy(s, from, d, to, length);
            else for (int i = 0; i < length; i++) d[to + i] = s[from + i * step];
        } else if (src.dtype == DType.F64 && dst.dtype == DType.F64) {
            double[] s = src.f64(), d = dst.f64();
            if (step == 1) System.arraycopy(s, from, d, to, length);
            else for (int i = 0; i < length; i++) d[to + i] = s[from + i * step];
        } else if (src.dtype == DType.I64 && dst.dtype == DType.I64) {
            long[] s = src.i64(), d = dst.i64();
            if (step == 1) System.arraycopy(s, from, d, to, length);
            else for (int i = 0; i < length; i++) d[to + i] = s[from + i * step];
        } else {
            for (int i = 0; i < length; i++) dst.setStorage(to + i, src.getStorage(from + i * step));
        }
    }

    /** {@code NDArray(F32, [2, 3])} followed by the values, nested; long dims show their first and last 3. */
    static String format(NDArray a) {
        StringBuilder sb = new StringBuilder("NDArray(").append(a.dtype).append(", ").append(a.shape).append(") ");
        appendNested(sb, a, 0, a.offset);
        return sb.toString();
    }

    private static void appendNested(StringBuilder sb, NDArray a, int dim, int at) {
        if (dim == a.rank()) {
            double v = a.getStorage(at);
            if (a.dtype == DType.I64 || (v == Math.rint(v) && Math.abs(v) < 1e15)) sb.append((long) v);
            else sb.append(a.dtype == DType.F32 ? Float.toString((float) v) : Double.toString(v));
            return;
        }
        int n = a.shape.raw()[dim];
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (n > 6 && i == 3) {
                sb.append("..., ");
                i = n - 3;
            }
            appendNested(sb, a, dim + 1, at + i * a.strides[dim]);
            if (i < n - 1) sb.append(", ");
        }
        sb.append(']');
    }
}
