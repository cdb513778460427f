package dev.nabla.tensor;

import java.util.Arrays;
import java.util.List;

/**
 * An n-d array: a {@link Shape}, per-dimension strides and an offset over a flat storage of one
 * {@link DType}.
 *
 * <p><b>Values, not variables.</b> No public method mutates an array. Views ({@link #reshape},
 * {@link #transpose}, {@link #permute}, {@link #expand}, {@link #slice}, {@link #squeeze},
 * {@link #unsqueeze}, {@link #flatten}) share storage with their source and say so;
 * {@link #contiguous()} and {@link #copy()} materialize. Factory methods that take a Java array
 * copy it.
 *
 * <p><b>Broadcasting</b> follows NumPy: shapes are aligned at the right; two extents match when
 * they are equal or one of them is 1. Mixed F32/F64 operands promote to F64.
 *
 * <pre>{@code
 * NDArray x = NDArray.arange(0, 6, 1, DType.F32).reshape(2, 3);   // [[0,1,2],[3,4,5]]
 * NDArray b = NDArray.of(new float[] {10, 20, 30}, 3);
 * NDArray y = x.add(b);                                         // broadcasts b over the rows
 * NDArray s = y.sum(new int[] {1}, false);                      // [63, 72]
 * }</pre>
 */
public final class NDArray {
    /** float[], double[] or long[], according to {@link #dtype}. */
    final Object data;
    final DType dtype;
    final Shape shape;
    final int[] strides;
    final int offset;

    NDArray(Object data, DType dtype, Shape shape, int[] strides, int offset) {
        this.data = data;
        this.dtype = dtype;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
    }

    /** A new contiguous array over {@code data} (not copied: package-private). */
    static NDArray wrap(Object data, DType dtype, Shape shape) {
        return new NDArray(data, dtype, shape, contiguousStrides(shape.raw()), 0);
    }

    // ------------------------------------------------------------------------------------------
    // Creation

    /** An array of zeros. */
    public static NDArray zeros(DType dtype, int... shape) {
        Shape s = Shape.of(shape);
        return wrap(allocate(dtype, s.numel()), dtype, s);
    }

    /** An array of ones. */
    public static NDArray ones(DType dtype, int... shape) {
        return full(1, dtype, shape);
    }

    /** An array filled with {@code value}. */
    public static NDArray full(double value, DType dtype, int... shape) {
        NDArray out = zeros(dtype, shape);
        switch (dtype) {
            case F32 -> Arrays.fill((float[]) out.data, (float) value);
            case F64 -> Arrays.fill((double[]) out.data, value);
            case I64 -> Arrays.fill((long[]) out.data, checkedLong("full", value));
        }
        return out;
    }

    /** A rank-0 array holding {@code value}. */
    public static NDArray scalar(double value, DType dtype) {
        return full(value, dtype);
    }

    /** The 1-d array {@code start, start+step, …} of values below {@code end} (above, for step < 0). */
    public static NDArray arange(double start, double end, double step, DType dtype) {
        if (step == 0 || !Double.isFinite(step) || !Double.isFinite(start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("arange: need finite start, end and a non-zero step, got start="
                    + start + ", end=" + end + ", step=" + step);
        }
        long n = Math.max(0, (long) Math.ceil((end - start) / step));
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("arange: " + n + " elements is too many");
        NDArray out = zeros(dtype, (int) n);
        for (int i = 0; i < n; i++) out.setFlat(i, start + i * step);
        return out;
    }

    /** {@code steps} evenly spaced values from {@code start} to {@code end}, both included. */
    public static NDArray linspace(double start, double end, int steps, DType dtype) {
        if (steps < 0) throw new IllegalArgumentException("linspace: steps must be >= 0, got " + steps);
        NDArray out = zeros(dtype, steps);
        double step = steps > 1 ? (end - start) / (steps - 1) : 0;
        for (int i = 0; i < steps; i++) out.setFlat(i, i == steps - 1 ? end : start + i * step);
        return out;
    }

    /** The {@code n × n} identity matrix. */
    public static NDArray eye(int n, DType dtype) {
        NDArray out = zeros(dtype, n, n);
        for (int i = 0; i < n; i++) out.setFlat(i * n + i, 1);
        return out;
    }

    /** An F32 array holding a copy of {@code values}, laid out row-major in {@code shape}. */
    public static NDArray of(float[] values, int... shape) {
        return wrap(values.clone(), DType.F32, fillShape("of", values.length, shape));
    }

    /** An F64 array holding a copy of {@code values}, laid out row-major in {@code shape}. */
    public static NDArray of(double[] values, int... shape) {
        return wrap(values.clone(), DType.F64, fillShape("of", values.length, shape));
    }

    /**
     * An F32 array over {@code values} itself, laid out row-major in {@code shape}: no copy (as
     * {@code torch.from_numpy}), so later writes to values show in the array. For kernels outside
     * this module that fill a fresh array and hand it over ({@link #of(float[], int...)} copies).
     */
    public static NDArray wrap(float[] values, int... shape) {
        return wrap(values, DType.F32, fillShape("wrap", values.length, shape));
    }

    /** An F64 array over {@code values} itself, as {@link #wrap(float[], int...)}. */
    public static NDArray wrap(double[] values, int... shape) {
        return wrap(values, DType.F64, fillShape("wrap", values.length, shape));
    }

    /** An I64 array holding a copy of {@code values}, laid out row-major in {@code shape}. */
    public static NDArray of(long[] values, int... shape) {
        return wrap(values.clone(), DType.I64, fillShape("of", values.length, shape));
    }

    // ------------------------------------------------------------------------------------------
    // Properties and element access

    public DType dtype() {
        return dtype;
    }

    public Shape shape() {
        return shape;
    }

    /** Extent of {@code dim}; negative values count from the end. */
    public int size(int dim) {
        return shape.dim(dim);
    }

    public int rank() {
        return shape.rank();
    }

    public int numel() {
        return shape.numel();
    }

    /** Element strides per dimension (a copy). */
    public int[] strides() {
        return strides.clone();
    }

    /** Index of element {@code [0, …, 0]} in the storage. */
    public int offset() {
        return offset;
    }

    /** True when the elements are laid out row-major without gaps (size-1 dims may have any stride). */
    public boolean isContiguous() {
        int expected = 1;
        for (int d = shape.rank() - 1; d >= 0; d--) {
            int n = shape.raw()[d];
            if (n == 0) return true;
            if (n != 1 && strides[d] != expected) return false;
            expected *= n;
        }
        return true;
    }

    /** True when {@code other} reads the same storage as this array. */
    public boolean sharesStorageWith(NDArray other) {
        return data == other.data;
    }

    /** The element at {@code index} (one index per dimension), as a double. */
    public double get(int... index) {
        return getStorage(storageIndex("get", index));
    }

    /** The element at {@code index} of an I64 array, exactly. */
    public long getLong(int... index) {
        int i = storageIndex("getLong", index);
        return dtype == DType.I64 ? ((long[]) data)[i] : (long) getStorage(i);
    }

    /** The value of a one-element array. */
    public double item() {
        if (numel() != 1) throw new ShapeException("item: needs exactly one element, got shape " + shape);
        return getStorage(offset);
    }

    /** The elements in row-major order, converted to float. */
    public float[] toFloatArray() {
        NDArray c = astype(DType.F32).contiguous();
        return Arrays.copyOfRange((float[]) c.data, c.offset, c.offset + c.numel());
    }

    /**
     * The elements in row-major order, for kernels outside this module that only read them: the
     * storage itself, without a copy, when this is an F32 array that fills its storage contiguously
     * (the usual case), else {@link #toFloatArray()}. Writing into the result is undefined: it may
     * change this array.
     */
    public float[] readFloats() {
        return dtype == DType.F32 && fillsStorage() ? (float[]) data : toFloatArray();
    }

    /** As {@link #readFloats()}, for doubles: the storage of an F64 array that fills it, else {@link #toDoubleArray()}. */
    public double[] readDoubles() {
        return dtype == DType.F64 && fillsStorage() ? (double[]) data : toDoubleArray();
    }

    /** Contiguous from index 0 over the whole storage array. */
    private boolean fillsStorage() {
        return offset == 0 && isContiguous() && java.lang.reflect.Array.getLength(data) == numel();
    }

    /** The elements in row-major order, converted to double. */
    public double[] toDoubleArray() {
        NDArray c = astype(DType.F64).contiguous();
        return Arrays.copyOfRange((double[]) c.data, c.offset, c.offset + c.numel());
    }

    /** The elements in row-major order, converted to long (floating values truncate toward zero). */
    public long[] toLongArray() {
        NDArray c = astype(DType.I64).contiguous();
        return Arrays.copyOfRange((long[]) c.data, c.offset, c.offset + c.numel());
    }

    // ------------------------------------------------------------------------------------------
    // Views

    /**
     * The same elements in a new shape; one extent may be −1 (inferred). A view when the strides
     * allow it (always for contiguous arrays), otherwise a copy, as PyTorch's {@code reshape}.
     */
    public NDArray reshape(int... newShape) {
        Shape target = inferShape("reshape", newShape);
        int[] viewStrides = Views.reshapeStrides(shape, strides, target);
        return viewStrides != null ? new NDArray(data, dtype, target, viewStrides, offset)
                : contiguous().reshape(newShape);
    }

    /** Like {@link #reshape} but never copies: an error if the strides do not allow a view. */
    public NDArray view(int... newShape) {
        Shape target = inferShape("view", newShape);
        int[] viewStrides = Views.reshapeStrides(shape, strides, target);
        if (viewStrides == null) {
            throw new ShapeException("view: shape " + target + " is not compatible with the strides "
                    + Arrays.toString(strides) + " of shape " + shape + "; use reshape (which copies) or contiguous() first");
        }
        return new NDArray(data, dtype, target, viewStrides, offset);
    }

    /** Swaps two dimensions (a view). */
    public NDArray transpose(int dim0, int dim1) {
        int a = shape.axis(dim0, "transpose"), b = shape.axis(dim1, "transpose");
        int[] order = identity(rank());
        order[a] = b;
        order[b] = a;
        return permute(order);
    }

    /** Reorders the dimensions: dimension {@code i} of the result is dimension {@code order[i]} of this (a view). */
    public NDArray permute(int... order) {
        int r = rank();
        if (order.length != r) {
            throw new ShapeException("permute: order " + Arrays.toString(order) + " has " + order.length
                    + " entries for shape " + shape + " of rank " + r);
        }
        int[] dims = new int[r], st = new int[r];
        boolean[] seen = new boolean[r];
        for (int i = 0; i < r; i++) {
            int d = shape.axis(order[i], "permute");
            if (seen[d]) throw new ShapeException("permute: order " + Arrays.toString(order) + " repeats dim " + order[i]);
            seen[d] = true;
            dims[i] = shape.raw()[d];
            st[i] = strides[d];
        }
        return new NDArray(data, dtype, Shape.of(dims), st, offset);
    }

    /**
     * Broadcasts to {@code sizes} (a view with stride 0 along expanded dims). New dimensions may be
     * added in front; −1 keeps an extent; only extents of 1 can grow.
     */
    public NDArray expand(int... sizes) {
        int r = rank(), n = sizes.length;
        if (n < r) {
            throw new ShapeException("expand: target " + Arrays.toString(sizes) + " has fewer dims than shape " + shape);
        }
        int[] dims = new int[n], st = new int[n];
        for (int i = n - 1, j = r - 1; i >= 0; i--, j--) {
            int want = sizes[i];
            if (j < 0) {
                if (want < 0) throw new ShapeException("expand: -1 is not allowed for a new leading dim, target " + Arrays.toString(sizes));
                dims[i] = want;
                st[i] = 0;
            } else {
                int have = shape.raw()[j];
                if (want == -1 || want == have) {
                    dims[i] = have;
                    st[i] = strides[j];
                } else if (have == 1 && want >= 0) {
                    dims[i] = want;
                    st[i] = 0;
                } else {
                    throw new ShapeException("expand: cannot expand shape " + shape + " to " + Arrays.toString(sizes)
                            + " (dim " + i + ": " + have + " -> " + want + "; only extents of 1 can grow)");
                }
            }
        }
        return new NDArray(data, dtype, Shape.of(dims), st, offset);
    }

    /** Broadcasts to {@code target} (a view); see {@link #expand}. */
    public NDArray broadcastTo(Shape target) {
        return expand(target.raw());
    }

    /**
     * Elements {@code start, start+step, …} below {@code end} along {@code dim} (a view). As in
     * Python, negative {@code start}/{@code end} count from the end and both are clamped to the
     * extent; {@code step} must be positive.
     */
    public NDArray slice(int dim, int start, int end, int step) {
        int d = shape.axis(dim, "slice");
        if (step <= 0) throw new IllegalArgumentException("slice: step must be > 0, got " + step);
        int n = shape.raw()[d];
        int s = clampIndex(start, n), e = clampIndex(end, n);
        int len = e > s ? (e - s + step - 1) / step : 0;
        int[] dims = shape.dims(), st = strides.clone();
        dims[d] = len;
        st[d] = strides[d] * step;
        return new NDArray(data, dtype, Shape.of(dims), st, offset + (len > 0 ? s * strides[d] : 0));
    }

    /** {@code slice(dim, start, end, 1)}. */
    public NDArray slice(int dim, int start, int end) {
        return slice(dim, start, end, 1);
    }

    /** Removes every dimension of extent 1 (a view). */
    public NDArray squeeze() {
        int kept = 0;
        for (int n : shape.raw()) if (n != 1) kept++;
        int[] dims = new int[kept], st = new int[kept];
        for (int d = 0, k = 0; d < rank(); d++) {
            if (shape.raw()[d] != 1) {
                dims[k] = shape.raw()[d];
                st[k++] = strides[d];
            }
        }
        return new NDArray(data, dtype, Shape.of(dims), st, offset);
    }

    /** Removes {@code dim} if its extent is 1; otherwise returns this unchanged, as PyTorch. */
    public NDArray squeeze(int dim) {
        int d = shape.axis(dim, "squeeze");
        if (shape.raw()[d] != 1) return this;
        return new NDArray(data, dtype, Shape.of(remove(shape.raw(), d)), remove(strides, d), offset);
    }

    /** Inserts a dimension of extent 1 at {@code dim} (in {@code -rank-1 … rank}) (a view). */
    public NDArray unsqueeze(int dim) {
        int r = rank();
        if (dim < -r - 1 || dim > r) {
            throw new ShapeException("unsqueeze: dim " + dim + " is out of range for shape " + shape
                    + " (valid: " + (-r - 1) + ".." + r + ")");
        }
        int d = dim < 0 ? dim + r + 1 : dim;
        int innerStride = d < r ? strides[d] * shape.raw()[d] : 1;
        return new NDArray(data, dtype, Shape.of(insert(shape.raw(), d, 1)), insert(strides, d, innerStride), offset);
    }

    /** All dimensions as one (a view when possible, as {@link #reshape}). */
    public NDArray flatten() {
        return reshape(numel());
    }

    /** Dimensions {@code startDim … endDim} (inclusive) as one. */
    public NDArray flatten(int startDim, int endDim) {
        if (rank() == 0) return reshape(1);
        int a = shape.axis(startDim, "flatten"), b = shape.axis(endDim, "flatten");
        if (a > b) throw new ShapeException("flatten: startDim " + startDim + " comes after endDim " + endDim + " for shape " + shape);
        int[] dims = new int[rank() - (b - a)];
        int k = 0, merged = 1;
        for (int d = 0; d < rank(); d++) {
            if (d < a || d > b) dims[k++] = shape.raw()[d];
            else {
                merged *= shape.raw()[d];
                if (d == b) dims[k++] = merged;
            }
        }
        return reshape(dims);
    }

    // ------------------------------------------------------------------------------------------
    // Copies and conversion

    /** This array if it is contiguous, else a contiguous copy. */
    public NDArray contiguous() {
        return isContiguous() ? this : copy();
    }

    /** A contiguous copy that shares nothing with this array. */
    public NDArray copy() {
        return astypeCopy(dtype);
    }

    /** This array converted to {@code target} (this array itself when the type already matches). */
    public NDArray astype(DType target) {
        return target == dtype ? this : astypeCopy(target);
    }

    private NDArray astypeCopy(DType target) {
        NDArray out = zeros(target, shape.raw());
        Views.copyInto(this, out);
        return out;
    }

    // ------------------------------------------------------------------------------------------
    // Element-wise binary ops (NumPy broadcasting; F32 with F64 gives F64)

    public NDArray add(NDArray other) { return Elementwise.add(this, other); }
    public NDArray sub(NDArray other) { return Elementwise.sub(this, other); }
    public NDArray mul(NDArray other) { return Elementwise.mul(this, other); }
    public NDArray div(NDArray other) { return Elementwise.div(this, other); }
    /** {@code this^exponent}, element-wise. */
    public NDArray pow(NDArray exponent) { return Elementwise.pow(this, exponent); }
    /** Element-wise maximum; NaN if either is NaN, as PyTorch. */
    public NDArray maximum(NDArray other) { return Elementwise.maximum(this, other); }
    /** Element-wise minimum; NaN if either is NaN, as PyTorch. */
    public NDArray minimum(NDArray other) { return Elementwise.minimum(this, other); }

    /** {@code this + value}, keeping this array's dtype. */
    public NDArray add(double value) { return add(scalar(value, dtype)); }
    /** {@code this − value}, keeping this array's dtype. */
    public NDArray sub(double value) { return sub(scalar(value, dtype)); }
    /** {@code this · value}, keeping this array's dtype. */
    public NDArray mul(double value) { return mul(scalar(value, dtype)); }
    /** {@code this / value}, keeping this array's dtype. */
    public NDArray div(double value) { return div(scalar(value, dtype)); }
    /** {@code this^value}, keeping this array's dtype. */
    public NDArray pow(double value) { return pow(scalar(value, dtype)); }

    // Comparisons give 1 where the relation holds and 0 elsewhere, in the promoted dtype of the
    // operands, so a mask multiplies directly (PyTorch would give bool; Nabla has no bool dtype).
    public NDArray eq(NDArray other) { return Elementwise.eq(this, other); }
    public NDArray ne(NDArray other) { return Elementwise.ne(this, other); }
    public NDArray lt(NDArray other) { return Elementwise.lt(this, other); }
    public NDArray le(NDArray other) { return Elementwise.le(this, other); }
    public NDArray gt(NDArray other) { return Elementwise.gt(this, other); }
    public NDArray ge(NDArray other) { return Elementwise.ge(this, other); }

    /** {@code condition ≠ 0 ? a : b}, element-wise, all three broadcast together. */
    public static NDArray where(NDArray condition, NDArray a, NDArray b) { return Elementwise.where(condition, a, b); }

    // ------------------------------------------------------------------------------------------
    // Element-wise unary math (same dtype as the input; I64 inputs are rejected where the result is not integral)

    public NDArray neg() { return Elementwise.neg(this); }
    public NDArray abs() { return Elementwise.abs(this); }
    public NDArray exp() { return Elementwise.exp(this); }
    /** {@code e^x − 1}, accurate for small x. */
    public NDArray expm1() { return Elementwise.expm1(this); }
    public NDArray log() { return Elementwise.log(this); }
    /** {@code ln(1 + x)}, accurate for small x. */
    public NDArray log1p() { return Elementwise.log1p(this); }
    public NDArray sqrt() { return Elementwise.sqrt(this); }
    /** {@code 1/√x}. */
    public NDArray rsqrt() { return Elementwise.rsqrt(this); }
    public NDArray square() { return Elementwise.square(this); }
    /** {@code 1/x}. */
    public NDArray reciprocal() { return Elementwise.reciprocal(this); }
    public NDArray sin() { return Elementwise.sin(this); }
    public NDArray cos() { return Elementwise.cos(this); }
    public NDArray tanh() { return Elementwise.tanh(this); }
    /** {@code σ(x) = 1/(1 + e^(−x))}. */
    public NDArray sigmoid() { return Elementwise.sigmoid(this); }
    /** {@code ln(1 + e^x)}, stable for large |x|. */
    public NDArray softplus() { return Elementwise.softplus(this); }
    /** The error function, accurate in relative terms near 0 and in the tails. */
    public NDArray erf() { return Elementwise.erf(this); }
    /** {@code 1 − erf(x)}, accurate in relative terms for large x. */
    public NDArray erfc() { return Elementwise.erfc(this); }
    /** −1, 0 or 1 (NaN stays NaN). */
    public NDArray sign() { return Elementwise.sign(this); }
    /** {@code max(x, 0)}. */
    public NDArray relu() { return Elementwise.relu(this); }
    /** {@code min(max(x, min), max)}. */
    public NDArray clamp(double min, double max) { return Elementwise.clamp(this, min, max); }

    // ------------------------------------------------------------------------------------------
    // Reductions (over any set of dims; keepDim keeps them with extent 1)

    /** Sum of all elements (rank 0). */
    public NDArray sum() { return Reductions.sum(this, allDims(), false); }
    public NDArray sum(int[] dims, boolean keepDim) { return Reductions.sum(this, dims, keepDim); }
    /** Mean of all elements (rank 0). */
    public NDArray mean() { return Reductions.mean(this, allDims(), false); }
    public NDArray mean(int[] dims, boolean keepDim) { return Reductions.mean(this, dims, keepDim); }
    /** Variance: divided by the count ({@code unbiased=false}) or by count − 1. */
    public NDArray var(int[] dims, boolean unbiased, boolean keepDim) { return Reductions.var(this, dims, unbiased, keepDim); }
    /** Largest element (rank 0); NaN if any is NaN. */
    public NDArray max() { return Reductions.max(this, allDims(), false); }
    public NDArray max(int[] dims, boolean keepDim) { return Reductions.max(this, dims, keepDim); }
    /** Smallest element (rank 0); NaN if any is NaN. */
    public NDArray min() { return Reductions.min(this, allDims(), false); }
    public NDArray min(int[] dims, boolean keepDim) { return Reductions.min(this, dims, keepDim); }
    /** Index (I64) of the largest element along {@code dim}; ties pick the first. */
    public NDArray argmax(int dim, boolean keepDim) { return Reductions.argmax(this, dim, keepDim); }
    /** Index (I64) of the smallest element along {@code dim}; ties pick the first. */
    public NDArray argmin(int dim, boolean keepDim) { return Reductions.argmin(this, dim, keepDim); }
    /** {@code ln Σ e^x} over {@code dims}, computed stably (shifted by the max). */
    public NDArray logsumexp(int[] dims, boolean keepDim) { return Reductions.logsumexp(this, dims, keepDim); }
    /** {@code e^x / Σ e^x} along {@code dim}, computed stably. */
    public NDArray softmax(int dim) { return Reductions.softmax(this, dim); }
    /** {@code x − logsumexp(x)} along {@code dim}. */
    public NDArray logSoftmax(int dim) { return Reductions.logSoftmax(this, dim); }
    /** Per-channel mean and biased variance of an {@code (N, C, *)} array over every dim but 1. */
    public BatchNormStats batchNormStats() { return Reductions.batchNormStats(this); }

    // ------------------------------------------------------------------------------------------
    // Indexing, joining, splitting

    /** {@code out[i][j][k] = this[i][index[i][j][k]][k]} for dim 1, likewise for other dims; {@code index} is I64. */
    public NDArray gather(int dim, NDArray index) { return Indexing.gather(this, dim, index); }
    /** A copy of this with {@code src} added at {@code index} along {@code dim}: {@code out[i][index[i][j]] += src[i][j]} for dim 1. */
    public NDArray scatterAdd(int dim, NDArray index, NDArray src) { return Indexing.scatterAdd(this, dim, index, src); }
    /** The entries {@code index[0], index[1], …} (1-d I64) along {@code dim}. */
    public NDArray indexSelect(int dim, NDArray index) { return Indexing.indexSelect(this, dim, index); }
    /** One-hot encoding of the I64 labels in {@code labels}: shape {@code labels.shape + [numClasses]}. */
    public static NDArray oneHot(NDArray labels, int numClasses, DType dtype) { return Indexing.oneHot(labels, numClasses, dtype); }
    /** Joins arrays along an existing dim. */
    public static NDArray cat(int dim, List<NDArray> arrays) { return Indexing.cat(dim, arrays); }
    /** Joins equally shaped arrays along a new dim. */
    public static NDArray stack(int dim, List<NDArray> arrays) { return Indexing.stack(dim, arrays); }
    /** Views of consecutive pieces of the given sizes along {@code dim}; the sizes must add up to its extent. */
    public List<NDArray> split(int dim, int... sizes) { return Indexing.split(this, dim, sizes); }

    // ------------------------------------------------------------------------------------------
    // Linear algebra and convolution

    /**
     * Matrix product with PyTorch's {@code matmul} rules: 1-d·1-d is a dot product, 2-d·2-d a
     * matrix product, a 1-d operand is promoted to a matrix and the added dim removed afterwards,
     * and leading (batch) dims broadcast. Transposed views are read without copying.
     */
    public NDArray matmul(NDArray other) { return MatMul.matmul(this, other); }

    /** 2-d convolution; see {@link Convolution#conv2d}. */
    public NDArray conv2d(NDArray weight, NDArray bias, Conv2dSpec spec) { return Convolution.conv2d(this, weight, bias, spec); }

    /** 2-d max pooling with the argmax indices; see {@link Convolution#maxPool2d}. */
    public MaxPool2dResult maxPool2d(Pool2dSpec spec) { return Convolution.maxPool2d(this, spec); }

    /** 2-d average pooling; see {@link Convolution#avgPool2d}. */
    public NDArray avgPool2d(Pool2dSpec spec) { return Convolution.avgPool2d(this, spec); }

    // ------------------------------------------------------------------------------------------

    @Override
    public String toString() {
        return Views.format(this);
    }

    // ---- package-private helpers for the op families -------------------------------------------

    float[] f32() {
        return (float[]) data;
    }

    double[] f64() {
        return (double[]) data;
    }

    long[] i64() {
        return (long[]) data;
    }

    int[] stridesRef() {
        return strides;
    }

    /** The element at storage index {@code i}, as a double. */
    double getStorage(int i) {
        return switch (dtype) {
            case F32 -> ((float[]) data)[i];
            case F64 -> ((double[]) data)[i];
            case I64 -> ((long[]) data)[i];
        };
    }

    /** Writes {@code v} at storage index {@code i} (only for freshly created arrays). */
    void setStorage(int i, double v) {
        switch (dtype) {
            case F32 -> ((float[]) data)[i] = (float) v;
            case F64 -> ((double[]) data)[i] = v;
            case I64 -> ((long[]) data)[i] = (long) v;
        }
    }

    /** Writes element {@code i} of a freshly created contiguous array. */
    void setFlat(int i, double v) {
        setStorage(offset + i, v);
    }

    private int storageIndex(String op, int[] index) {
        if (index.length != rank()) {
            throw new ShapeException(op + ": " + index.length + " indices for shape " + shape + " of rank " + rank());
        }
        int at = offset;
        for (int d = 0; d < index.length; d++) {
            int n = shape.raw()[d];
            if (index[d] < 0 || index[d] >= n) {
                throw new IndexOutOfBoundsException(op + ": index " + Arrays.toString(index) + " is out of bounds for shape "
                        + shape + " (dim " + d + ": " + index[d] + " not in 0.." + (n - 1) + ")");
            }
            at += index[d] * strides[d];
        }
        return at;
    }

    int[] allDims() {
        return identity(rank());
    }

    static Object allocate(DType dtype, int n) {
        return switch (dtype) {
            case F32 -> new float[n];
            case F64 -> new double[n];
            case I64 -> new long[n];
        };
    }

    static int[] contiguousStrides(int[] dims) {
        int[] st = new int[dims.length];
        int s = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            st[d] = s;
            s *= Math.max(dims[d], 1);
        }
        return st;
    }

    private Shape inferShape(String op, int[] requested) {
        int inferred = -1, known = 1;
        for (int d = 0; d < requested.length; d++) {
            if (requested[d] == -1) {
                if (inferred >= 0) throw new ShapeException(op + ": only one dim may be -1, got " + Arrays.toString(requested));
                inferred = d;
            } else if (requested[d] < 0) {
                throw new ShapeException(op + ": invalid extent " + requested[d] + " in " + Arrays.toString(requested));
            } else {
                known *= requested[d];
            }
        }
        int[] dims = requested.clone();
        if (inferred >= 0) {
            if (known == 0 || numel() % known != 0) {
                throw new ShapeException(op + ": cannot infer -1 in " + Arrays.toString(requested) + " for shape " + shape
                        + " of " + numel() + " elements");
            }
            dims[inferred] = numel() / known;
        }
        Shape target = Shape.of(dims);
        if (target.numel() != numel()) {
            throw new ShapeException(op + ": shape " + shape + " (" + numel() + " elements) cannot become " + target
                    + " (" + target.numel() + " elements)");
        }
        return target;
    }

    private static Shape fillShape(String op, int length, int[] dims) {
        Shape shape = Shape.of(dims);
        if (shape.numel() != length) {
            throw new ShapeException(op + ": " + length + " values do not fill shape " + shape + " (" + shape.numel() + " elements)");
        }
        return shape;
    }

    private static long checkedLong(String op, double v) {
        if (v != Math.rint(v) || Math.abs(v) > 0x1p63) throw new IllegalArgumentException(op + ": " + v + " is not an I64 value");
        return (long) v;
    }

    private static int clampIndex(int i, int n) {
        if (i < 0) i += n;
        return Math.max(0, Math.min(i, n));
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    private static int[] remove(int[] a, int at) {
        int[] r = new int[a.length - 1];
        System.arraycopy(a, 0, r, 0, at);
        System.arraycopy(a, at + 1, r, at, a.length - at - 1);
        return r;
    }

    private static int[] insert(int[] a, int at, int v) {
        int[] r = new int[a.length + 1];
        System.arraycopy(a, 0, r, 0, at);
        r[at] = v;
        System.arraycopy(a, at, r, at + 1, a.length - at);
        return r;
    }
}
