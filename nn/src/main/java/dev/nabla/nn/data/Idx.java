package dev.nabla.nn.data;

import dev.nabla.tensor.NDArray;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reader of IDX files, the format of MNIST and Fashion-MNIST, plain or gzipped.
 *
 * <pre>
 *   offset  type              value
 *   0       2 bytes           0x00 0x00
 *   2       1 byte            element type: 0x08 = unsigned byte (the only one Nabla reads)
 *   3       1 byte            rank r
 *   4       r × int32 (BE)    dims d₀ … d_{r−1}, each &gt; 0
 *   4+4r    d₀·…·d_{r−1} bytes the elements, row-major
 * </pre>
 *
 * Images are magic {@code 0x00000803} (u8, rank 3: N, rows, cols); labels are {@code 0x00000801}
 * (u8, rank 1: N). A file that starts with the gzip magic {@code 1f 8b} is decompressed first.
 *
 * <p>Validation is strict and all-or-nothing: a wrong magic, a rank or element type other than the
 * expected one, a zero dimension, a size that does not fit in a Java array, missing bytes or bytes
 * after the declared data, and a corrupt gzip stream are all reported as an {@link IOException}
 * whose message names the file and the problem. The reader never returns part of a file and never
 * allocates more than the bytes actually present: a header that claims huge dims with little data
 * behind it fails as truncated, not with an {@link OutOfMemoryError}.
 *
 * <pre>{@code
 * NDArray x = Idx.readImages(dir.resolve("train-images-idx3-ubyte.gz")).toImages();   // F32 (N,1,28,28) in [0,1]
 * NDArray y = Idx.readLabels(dir.resolve("train-labels-idx1-ubyte.gz")).toLabels();   // I64 (N)
 * }</pre>
 */
public final class Idx {
    /** Magic number of an IDX file of unsigned bytes with rank 3 (images N × rows × cols). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with rank 1 (labels N). */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Element type code of unsigned bytes, the third byte of the magic. */
    private static final int UNSIGNED_BYTE = 0x08;
    /** Largest element count a byte[] may hold on common JVMs. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final String source;
    private final int[] dims;
    private final byte[] data;

    private Idx(String source, int[] dims, byte[] data) {
        this.source = source;
        this.dims = dims;
        this.data = data;
    }

    /** Reads an image file (magic {@code 0x00000803}: u8, N × rows × cols), plain or gzipped. */
    public static Idx readImages(Path file) throws IOException {
        return read(file, IMAGES_MAGIC);
    }

    /** Reads a label file (magic {@code 0x00000801}: u8, N), plain or gzipped. */
    public static Idx readLabels(Path file) throws IOException {
        return read(file, LABELS_MAGIC);
    }

    /**
     * Reads an IDX file with the given expected magic ({@link #IMAGES_MAGIC} or {@link #LABELS_MAGIC})
     * from a stream, plain or gzipped; {@code source} names it in error messages. Does not close
     * {@code in}.
     */
    public static Idx read(InputStream in, String source, int expectedMagic) throws IOException {
        if (expectedMagic != IMAGES_MAGIC && expectedMagic != LABELS_MAGIC) {
            throw new IllegalArgumentException("Idx.read: expectedMagic must be 0x00000803 or 0x00000801, got " + hex(expectedMagic));
        }
        try {
            InputStream raw = in.markSupported() ? in : new BufferedInputStream(in);
            raw.mark(2);
            boolean gzipped = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            return parse(gzipped ? new GZIPInputStream(raw, 1 << 16) : raw, source, expectedMagic);
        } catch (DataFileException e) {
            throw e;
        } catch (IOException e) {
            // ZipException (corrupt gzip), EOFException (truncated gzip) and read errors
            throw new DataFileException(source, "cannot read: " + e, e);
        }
    }

    private static Idx read(Path file, int expectedMagic) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file.toString(), expectedMagic);
        }
    }

    private static Idx parse(InputStream in, String source, int expectedMagic) throws IOException {
        int expectedRank = expectedMagic & 0xff;
        byte[] magicBytes = readFully(in, 4);
        if (magicBytes.length < 4) {
            throw new DataFileException(source, "truncated header: " + magicBytes.length + " of 4 magic bytes");
        }
        int magic = readInt(magicBytes, 0);
        if (magic != expectedMagic) throw new DataFileException(source, describeBadMagic(magic, expectedMagic));

        byte[] dimBytes = readFully(in, 4 * expectedRank);
        if (dimBytes.length < 4 * expectedRank) {
            throw new DataFileException(source, "truncated header: " + dimBytes.length + " of " + 4 * expectedRank
                    + " dimension bytes for rank " + expectedRank);
        }
        long[] header = new long[expectedRank];
        for (int d = 0; d < expectedRank; d++) header[d] = readInt(dimBytes, 4 * d) & 0xffffffffL;
        int[] dims = new int[expectedRank];
        long count = 1;
        for (int d = 0; d < expectedRank; d++) {
            if (header[d] == 0) {
                throw new DataFileException(source, "dims " + Arrays.toString(header) + ": dimension " + d
                        + " is 0; every dimension must be > 0");
            }
            count *= header[d]; // ≤ MAX_ELEMENTS · 2^32 < 2^63: cannot overflow before the check below
            if (count > MAX_ELEMENTS) {
                throw new DataFileException(source, "dims " + Arrays.toString(header) + " hold more than "
                        + MAX_ELEMENTS + " elements, the limit of a Java array");
            }
            dims[d] = (int) header[d];
        }

        byte[] data = readFully(in, (int) count);
        if (data.length < count) {
            throw new DataFileException(source, "truncated data: dims " + Arrays.toString(dims) + " need " + count
                    + " bytes, found " + data.length);
        }
        long trailing = 0;
        byte[] scratch = new byte[1 << 13];
        for (int r; (r = in.read(scratch)) >= 0; ) trailing += r;
        if (trailing > 0) {
            throw new DataFileException(source, trailing + " trailing bytes after the " + count + " data bytes of dims "
                    + Arrays.toString(dims));
        }
        return new Idx(source, dims, data);
    }

    /**
     * Reads up to {@code n} bytes, growing the buffer only as bytes arrive, so that a header that
     * claims more data than the stream holds costs memory proportional to the data present.
     */
    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] buf = new byte[Math.min(n, 1 << 16)];
        int filled = 0;
        while (filled < n) {
            if (filled == buf.length) buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
            int r = in.read(buf, filled, buf.length - filled);
            if (r < 0) break;
            filled += r;
        }
        return filled == buf.length ? buf : Arrays.copyOf(buf, filled);
    }

    private static String describeBadMagic(int magic, int expectedMagic) {
        String expected = "expected magic " + hex(expectedMagic) + " (unsigned bytes, rank " + (expectedMagic & 0xff) + ")";
        if ((magic >>> 16) != 0) return "not an IDX file: magic " + hex(magic) + " does not start with two zero bytes; " + expected;
        int type = (magic >>> 8) & 0xff;
        if (type != UNSIGNED_BYTE) {
            return "unsupported element type 0x" + String.format("%02x", type) + " (" + typeName(type)
                    + ") in magic " + hex(magic) + "; only unsigned bytes (0x08) are supported; " + expected;
        }
        return "rank " + (magic & 0xff) + " in magic " + hex(magic) + "; " + expected;
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> "unknown";
        };
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static String hex(int v) {
        return String.format("0x%08x", v);
    }

    /** Where this file was read from (a path or a resource name). */
    public String source() {
        return source;
    }

    /** The dims of the header: (N, rows, cols) for images, (N) for labels. */
    public int[] dims() {
        return dims.clone();
    }

    /** The {@code i}-th element, row-major, as an unsigned value 0 … 255. */
    public int get(int i) {
        return data[i] & 0xff;
    }

    /** Images as F32 (N, 1, rows, cols), each byte {@code v} mapped to {@code v / 255} in [0, 1]. */
    public NDArray toImages() {
        if (dims.length != 3) throw new IllegalStateException("toImages: " + source + " has rank " + dims.length + ", not 3");
        float[] x = new float[data.length];
        for (int i = 0; i < x.length; i++) x[i] = (data[i] & 0xff) / 255f;
        return NDArray.of(x, dims[0], 1, dims[1], dims[2]);
    }

    /** Labels as I64 (N). */
    public NDArray toLabels() {
        if (dims.length != 1) throw new IllegalStateException("toLabels: " + source + " has rank " + dims.length + ", not 1");
        long[] y = new long[data.length];
        for (int i = 0; i < y.length; i++) y[i] = data[i] & 0xff;
        return NDArray.of(y, dims[0]);
    }
}
