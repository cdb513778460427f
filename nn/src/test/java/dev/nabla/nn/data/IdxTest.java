package dev.nabla.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IDX reader on small hand-built files, plain and gzipped, and every malformed case with its
 * exact message: each is an {@link IOException} naming the file, never a partial result.
 */
class IdxTest {
    @TempDir
    Path dir;

    /** A header (magic, dims as unsigned 32-bit big-endian) followed by {@code data}. */
    static byte[] idx(int magic, long[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (long d : dims) b.putInt((int) d);
        return b.put(data).array();
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    /** 2 images of 2×3: 0, 51, 255, … */
    private static final byte[] PIXELS = {0, 51, (byte) 255, 102, (byte) 153, (byte) 204, 1, 2, 3, 4, 5, (byte) 128};

    @Test
    void readsPlainAndGzippedImages_scaledToUnitInterval() throws IOException {
        byte[] raw = idx(Idx.IMAGES_MAGIC, new long[] {2, 2, 3}, PIXELS);
        for (Path file : new Path[] {write("plain", raw), write("packed.gz", gzip(raw))}) {
            Idx images = Idx.readImages(file);
            assertThat(images.dims()).containsExactly(2, 2, 3);
            assertThat(images.get(2)).isEqualTo(255);
            NDArray x = images.toImages();
            assertThat(x.shape()).isEqualTo(Shape.of(2, 1, 2, 3));
            assertThat(x.dtype()).isEqualTo(DType.F32);
            assertThat(x.toFloatArray()).startsWith(0f, 51 / 255f, 1f, 0.4f, 0.6f, 0.8f);
            assertThat(x.get(1, 0, 1, 2)).isEqualTo(128 / 255f);
        }
    }

    @Test
    void readsLabels_asI64() throws IOException {
        Idx labels = Idx.readLabels(write("labels", gzip(idx(Idx.LABELS_MAGIC, new long[] {4}, new byte[] {9, 0, 3, 7}))));
        NDArray y = labels.toLabels();
        assertThat(y.dtype()).isEqualTo(DType.I64);
        assertThat(y.toLongArray()).containsExactly(9, 0, 3, 7);
    }

    @Test
    void readsFromAStream_namingTheSourceInErrors() throws IOException {
        byte[] raw = idx(Idx.LABELS_MAGIC, new long[] {2}, new byte[] {1, 2});
        assertThat(Idx.read(new ByteArrayInputStream(gzip(raw)), "mem", Idx.LABELS_MAGIC).toLabels().toLongArray())
                .containsExactly(1, 2);
        assertThatThrownBy(() -> Idx.read(new ByteArrayInputStream(raw), "mem", Idx.IMAGES_MAGIC))
                .isInstanceOf(DataFileException.class).hasMessageStartingWith("mem: ");
    }

    /** Reads {@code content} (written to a file named {@code name}) as images and returns the error message. */
    private String imagesError(byte[] content) throws IOException {
        Path file = write("bad", content);
        try {
            Idx.readImages(file);
        } catch (DataFileException e) {
            return e.getMessage().replace(file.toString(), "FILE");
        }
        throw new AssertionError("no error for " + Arrays.toString(Arrays.copyOf(content, 16)));
    }

    @Test
    void rejectsWrongMagic_elementType_andRank() throws IOException {
        assertThat(imagesError(idx(0x12345678, new long[] {1, 1, 1}, new byte[1]))).isEqualTo(
                "FILE: not an IDX file: magic 0x12345678 does not start with two zero bytes; expected magic 0x00000803"
                        + " (unsigned bytes, rank 3)");
        assertThat(imagesError(idx(0x00000D03, new long[] {1, 1, 1}, new byte[4]))).isEqualTo(
                "FILE: unsupported element type 0x0d (float) in magic 0x00000d03; only unsigned bytes (0x08) are"
                        + " supported; expected magic 0x00000803 (unsigned bytes, rank 3)");
        assertThat(imagesError(idx(Idx.LABELS_MAGIC, new long[] {1}, new byte[1]))).isEqualTo(
                "FILE: rank 1 in magic 0x00000801; expected magic 0x00000803 (unsigned bytes, rank 3)");
        Path labelsAsImages = write("images-as-labels", idx(Idx.IMAGES_MAGIC, new long[] {1, 1, 1}, new byte[1]));
        assertThatThrownBy(() -> Idx.readLabels(labelsAsImages)).isInstanceOf(DataFileException.class)
                .hasMessage(labelsAsImages + ": rank 3 in magic 0x00000803; expected magic 0x00000801 (unsigned bytes, rank 1)");
    }

    @Test
    void rejectsTruncatedHeaders() throws IOException {
        assertThat(imagesError(new byte[0])).isEqualTo("FILE: truncated header: 0 of 4 magic bytes");
        assertThat(imagesError(new byte[] {0, 0, 8})).isEqualTo("FILE: truncated header: 3 of 4 magic bytes");
        assertThat(imagesError(Arrays.copyOf(idx(Idx.IMAGES_MAGIC, new long[] {1, 2, 2}, new byte[0]), 13)))
                .isEqualTo("FILE: truncated header: 9 of 12 dimension bytes for rank 3");
    }

    @Test
    void rejectsZeroDims_andSizesBeyondAJavaArray() throws IOException {
        assertThat(imagesError(idx(Idx.IMAGES_MAGIC, new long[] {5, 0, 28}, new byte[0])))
                .isEqualTo("FILE: dims [5, 0, 28]: dimension 1 is 0; every dimension must be > 0");
        assertThat(imagesError(idx(Idx.IMAGES_MAGIC, new long[] {0xffffffffL, 0xffffffffL, 0xffffffffL}, new byte[3])))
                .isEqualTo("FILE: dims [4294967295, 4294967295, 4294967295] hold more than 2147483639 elements, the"
                        + " limit of a Java array");
        assertThat(imagesError(idx(Idx.IMAGES_MAGIC, new long[] {60000, 60000, 28}, new byte[3])))
                .isEqualTo("FILE: dims [60000, 60000, 28] hold more than 2147483639 elements, the limit of a Java array");
    }

    @Test
    void rejectsAHugeClaimWithLittleData_asTruncated_withoutAllocatingTheClaim() throws IOException {
        // 2^31 − 9 bytes claimed, 3 present: fails as truncated (a 2 GB allocation would be an OOM in a test JVM)
        assertThat(imagesError(idx(Idx.IMAGES_MAGIC, new long[] {1, 1, Integer.MAX_VALUE - 8}, new byte[3])))
                .isEqualTo("FILE: truncated data: dims [1, 1, 2147483639] need 2147483639 bytes, found 3");
        assertThat(imagesError(gzip(idx(Idx.IMAGES_MAGIC, new long[] {60000, 28, 28}, new byte[100]))))
                .isEqualTo("FILE: truncated data: dims [60000, 28, 28] need 47040000 bytes, found 100");
    }

    @Test
    void rejectsMissingAndTrailingBytes() throws IOException {
        assertThat(imagesError(idx(Idx.IMAGES_MAGIC, new long[] {2, 2, 3}, Arrays.copyOf(PIXELS, 11))))
                .isEqualTo("FILE: truncated data: dims [2, 2, 3] need 12 bytes, found 11");
        assertThat(imagesError(idx(Idx.IMAGES_MAGIC, new long[] {2, 2, 3}, Arrays.copyOf(PIXELS, 14))))
                .isEqualTo("FILE: 2 trailing bytes after the 12 data bytes of dims [2, 2, 3]");
        assertThat(imagesError(gzip(idx(Idx.IMAGES_MAGIC, new long[] {2, 2, 3}, Arrays.copyOf(PIXELS, 13)))))
                .isEqualTo("FILE: 1 trailing bytes after the 12 data bytes of dims [2, 2, 3]");
    }

    @Test
    void rejectsCorruptAndTruncatedGzip() throws IOException {
        byte[] gz = gzip(idx(Idx.IMAGES_MAGIC, new long[] {2, 2, 3}, PIXELS));
        assertThat(imagesError(Arrays.copyOf(gz, gz.length - 5)))
                .startsWith("FILE: cannot read: java.io.EOFException");
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 6] ^= 0x55; // inside the CRC-32 of the trailer
        assertThat(imagesError(badCrc)).isEqualTo("FILE: cannot read: java.util.zip.ZipException: Corrupt GZIP trailer");
        assertThat(imagesError(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3}))
                .startsWith("FILE: cannot read: java.");
    }
}
