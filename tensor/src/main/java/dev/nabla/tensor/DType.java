package dev.nabla.tensor;

/**
 * Element types.
 *
 * <ul>
 *   <li>{@link #F32}: the compute type for training.
 *   <li>{@link #F64}: for gradient checks and reference computations; mixed F32/F64 operands promote
 *       to F64, as in PyTorch.
 *   <li>{@link #I64}: indices, labels and counters (argmax, gather, targets). It supports what
 *       indexing needs, not general arithmetic.
 * </ul>
 */
public enum DType {
    F32(4),
    F64(8),
    I64(8);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** True for F32 and F64. */
    public boolean isFloating() {
        return this != I64;
    }

    /**
     * The type of the result of a binary op on {@code a} and {@code b}: F64 if either is F64, else
     * F32 if either is F32, else I64.
     */
    public static DType promote(DType a, DType b) {
        if (a == F64 || b == F64) return F64;
        if (a == F32 || b == F32) return F32;
        return I64;
    }
}
