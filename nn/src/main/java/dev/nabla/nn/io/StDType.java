package dev.nabla.nn.io;

import dev.nabla.tensor.DType;
import java.nio.ByteBuffer;

/**
 * The safetensors element types Nabla reads, with their size in bytes and how one element decodes
 * into a Nabla dtype. Nabla holds F32, F64 and I64 only, so narrower types widen on reading:
 * <pre>
 *   F32, F16, BF16  → F32    (F16/BF16 widen exactly: every half value is a float value)
 *   F64             → F64
 *   I64, I32, U8    → I64    (exact)
 *   BOOL            → I64    (0 or 1; any other byte is an error)
 * </pre>
 * The order of the constants is the reference implementation's ({@code Dtype} in
 * huggingface/safetensors, "increasing alignment order"); the writer sorts by it.
 */
enum StDType {
    BOOL(1, DType.I64),
    U8(1, DType.I64),
    F16(2, DType.F32),
    BF16(2, DType.F32),
    I32(4, DType.I64),
    F32(4, DType.F32),
    F64(8, DType.F64),
    I64(8, DType.I64);

    final int size;
    final DType nabla;

    StDType(int size, DType nabla) {
        this.size = size;
        this.nabla = nabla;
    }

    /** The type a Nabla array is written as. */
    static StDType of(DType dtype) {
        return switch (dtype) {
            case F32 -> F32;
            case F64 -> F64;
            case I64 -> I64;
        };
    }

    /** The constant named {@code name}, or null if Nabla cannot read that type. */
    static StDType parse(String name) {
        for (StDType t : values()) if (t.name().equals(name)) return t;
        return null;
    }

    /** Decodes one element (little-endian {@code in}) as a float; for F32, F16, BF16. */
    float getFloat(ByteBuffer in) {
        return switch (this) {
            case F32 -> in.getFloat();
            case F16 -> halfToFloat(in.getShort());
            case BF16 -> Float.intBitsToFloat((in.getShort() & 0xffff) << 16);
            default -> throw new AssertionError(this);
        };
    }

    /**
     * Decodes one element as a long; for I64, I32, U8, BOOL. Returns {@link Long#MIN_VALUE} for a
     * BOOL byte other than 0 or 1 (I64 never reaches the check, see {@link #isInvalid}).
     */
    long getLong(ByteBuffer in) {
        return switch (this) {
            case I64 -> in.getLong();
            case I32 -> in.getInt();
            case U8 -> in.get() & 0xff;
            case BOOL -> {
                int b = in.get();
                yield b == 0 || b == 1 ? b : Long.MIN_VALUE;
            }
            default -> throw new AssertionError(this);
        };
    }

    /** True if {@code value}, as returned by {@link #getLong}, marks an invalid element. */
    boolean isInvalid(long value) {
        return this == BOOL && value == Long.MIN_VALUE;
    }

    /**
     * IEEE 754 binary16 to binary32, exact (Float.float16ToFloat needs JDK 20).
     * <pre>
     *   sign s (1 bit), exponent e (5 bits, bias 15), mantissa m (10 bits)
     *   e = 0:      (−1)^s · 2^−14 · m/1024          (zero and subnormals)
     *   e = 31:     ±∞ if m = 0, else NaN (payload kept in the high mantissa bits)
     *   otherwise:  (−1)^s · 2^(e−15) · (1 + m/1024)
     * </pre>
     */
    static float halfToFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0) {
            float magnitude = mant * 0x1p-24f; // 2^-14 · m/1024, exact in float
            return sign == 0 ? magnitude : -magnitude;
        }
        if (exp == 31) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
