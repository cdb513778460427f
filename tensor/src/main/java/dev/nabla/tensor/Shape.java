package dev.nabla.tensor;

import java.util.Arrays;

/**
 * The extents of an n-d array, outermost first. A rank-0 shape ({@code []}) describes a scalar.
 * Immutable: the constructor and {@link #dims()} copy.
 *
 * <pre>{@code
 * Shape s = Shape.of(64, 3, 28, 28);   // N, C, H, W
 * s.rank();       // 4
 * s.dim(-1);      // 28: negative dims count from the end, as in PyTorch
 * s.numel();      // 150528
 * }</pre>
 */
public record Shape(int[] dims) {

    public Shape {
        dims = dims.clone();
        for (int d : dims) {
            if (d < 0) throw new ShapeException("shape: dimensions must be >= 0, got " + Arrays.toString(dims));
        }
        long n = 1;
        for (int d : dims) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new ShapeException("shape: more than 2^31-1 elements: " + Arrays.toString(dims));
            }
        }
    }

    public static Shape of(int... dims) {
        return new Shape(dims);
    }

    /** A copy of the extents. */
    @Override
    public int[] dims() {
        return dims.clone();
    }

    /** The extents without a copy, for this package's own use: callers must not modify it. */
    int[] raw() {
        return dims;
    }

    public int rank() {
        return dims.length;
    }

    /** Extent of dimension {@code dim}; negative values count from the end. */
    public int dim(int dim) {
        return dims[axis(dim, "shape")];
    }

    /** Number of elements: the product of the extents (1 for a scalar). */
    public int numel() {
        int n = 1;
        for (int d : dims) n *= d;
        return n;
    }

    /**
     * Turns a possibly negative dimension index into {@code 0..rank-1}, or throws a
     * {@link ShapeException} naming {@code op}.
     */
    public int axis(int dim, String op) {
        int r = dims.length;
        if (r == 0) {
            throw new ShapeException(op + ": dim " + dim + " given for a rank-0 (scalar) shape []");
        }
        if (dim < -r || dim >= r) {
            throw new ShapeException(op + ": dim " + dim + " is out of range for shape " + this
                    + " (valid: " + -r + ".." + (r - 1) + ")");
        }
        return dim < 0 ? dim + r : dim;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
