package dev.nabla.nn.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.nabla.tensor.NDArray;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The safetensors format (huggingface/safetensors), the weights format PyTorch users exchange:
 * <pre>
 *   bytes 0..8      N, the header length, unsigned 64-bit little-endian
 *   bytes 8..8+N    the header: UTF-8 JSON, possibly padded with trailing spaces
 *                   {"__metadata__": {"key": "value", ...},                       (optional)
 *                    "name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, ...}
 *   bytes 8+N..     the data buffer; tensor "name" is bytes [begin, end) of it, row-major,
 *                   little-endian, end − begin = numel(shape) · size(dtype)
 * </pre>
 * The tensors tile the buffer exactly (sorted by offsets, each begins where the previous ends, the
 * last ends at the end of the file), names are unique, and N is at most 100 MB, as in the
 * reference implementation.
 *
 * <p><b>Writing</b> stores F32, F64 and I64 arrays as such and is deterministic, byte for byte
 * as the reference {@code serialize}: tensors ordered by dtype alignment (I64, F64, then F32) and
 * then by name, the header compact JSON with {@code "__metadata__"} first (its keys sorted, omitted
 * when empty), padded with spaces to a multiple of 8 bytes so that every tensor is aligned.
 *
 * <p><b>Reading</b> accepts F32, F64, F16, BF16, I64, I32, U8 and BOOL. Nabla arrays are F32, F64
 * or I64 only, so F16 and BF16 are widened (exactly) to F32, and I32, U8 and BOOL (0 or 1) to I64.
 * Every problem with the file is an {@link IOException} naming the file, the tensor and the rule
 * it breaks; sizes are checked against the file's length before anything is allocated, so a
 * corrupt or hostile file cannot cause an {@link OutOfMemoryError}.
 *
 * <pre>{@code
 * Safetensors.write(Path.of("model.safetensors"), model.stateDict());
 * model.loadStateDict(Safetensors.read(Path.of("model.safetensors")).tensors(), true);
 * }</pre>
 * With Python: {@code safetensors.torch.load_file("model.safetensors")} reads what Nabla writes.
 */
public final class Safetensors {
    /** The largest header accepted, in bytes (the reference implementation's {@code MAX_HEADER_SIZE}). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    /** The key of the optional string-to-string metadata in the header. */
    public static final String METADATA_KEY = "__metadata__";

    static final JsonFactory JSON = new JsonFactory();

    /** Elements converted per chunk when writing: bounds the temporary buffer to 512 KiB. */
    private static final int WRITE_CHUNK = 1 << 16;

    private Safetensors() {}

    /**
     * What a file holds: the tensors in file order (by data offset) and the metadata (empty if
     * the file has none).
     */
    public record Contents(Map<String, NDArray> tensors, Map<String, String> metadata) {
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Map.copyOf(metadata);
        }
    }

    /** Reads {@code file}; see the class comment for the types read and the errors. */
    public static Contents read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return SafetensorsReader.read(file.toString(), SafetensorsReader.Source.of(ch));
        }
    }

    /** Reads a whole file held in memory; {@code source} names it in error messages. */
    public static Contents read(byte[] bytes, String source) throws IOException {
        return SafetensorsReader.read(source, SafetensorsReader.Source.of(bytes));
    }

    /** Writes {@code tensors} to {@code file} without metadata. */
    public static void write(Path file, Map<String, NDArray> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /** Writes {@code tensors} and {@code metadata} to {@code file} (replacing it). */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(out, tensors, metadata);
        }
    }

    /** The bytes of the file {@link #write(Path, Map, Map)} would write. */
    public static byte[] toBytes(Map<String, NDArray> tensors, Map<String, String> metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, tensors, metadata);
        } catch (IOException e) {
            throw new AssertionError("ByteArrayOutputStream does not throw", e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the file to {@code out} (not closed).
     *
     * @throws IllegalArgumentException if a name is {@value #METADATA_KEY}
     */
    public static void write(OutputStream out, Map<String, NDArray> tensors, Map<String, String> metadata) throws IOException {
        List<Map.Entry<String, NDArray>> order = new ArrayList<>(tensors.entrySet());
        for (Map.Entry<String, NDArray> e : order) {
            if (e.getKey().equals(METADATA_KEY)) {
                throw new IllegalArgumentException("safetensors: a tensor may not be named " + METADATA_KEY);
            }
        }
        Comparator<Map.Entry<String, NDArray>> byAlignmentDescending =
                Comparator.comparing(e -> StDType.of(e.getValue().dtype()), Comparator.reverseOrder());
        order.sort(byAlignmentDescending.thenComparing(e -> e.getKey(), Safetensors::compareUtf8));

        byte[] header = header(order, metadata);
        ByteBuffer n = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
        out.write(n.array());
        out.write(header);
        for (Map.Entry<String, NDArray> e : order) writeData(out, e.getValue());
    }

    /** The header JSON padded with spaces to a multiple of 8 bytes. */
    private static byte[] header(List<Map.Entry<String, NDArray>> order, Map<String, String> metadata) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(json)) {
            g.writeStartObject();
            if (!metadata.isEmpty()) {
                g.writeObjectFieldStart(METADATA_KEY);
                for (Map.Entry<String, String> m : new TreeMap<>(metadata).entrySet()) g.writeStringField(m.getKey(), m.getValue());
                g.writeEndObject();
            }
            long offset = 0;
            for (Map.Entry<String, NDArray> e : order) {
                NDArray a = e.getValue();
                StDType type = StDType.of(a.dtype());
                long end = offset + (long) a.numel() * type.size;
                g.writeObjectFieldStart(e.getKey());
                g.writeStringField("dtype", type.name());
                g.writeArrayFieldStart("shape");
                for (int d : a.shape().dims()) g.writeNumber(d);
                g.writeEndArray();
                g.writeArrayFieldStart("data_offsets");
                g.writeNumber(offset);
                g.writeNumber(end);
                g.writeEndArray();
                g.writeEndObject();
                offset = end;
            }
            g.writeEndObject();
        }
        int padding = (8 - json.size() % 8) % 8;
        for (int i = 0; i < padding; i++) json.write(' ');
        return json.toByteArray();
    }

    /** The elements of {@code a}, row-major, little-endian, converted a chunk at a time. */
    private static void writeData(OutputStream out, NDArray a) throws IOException {
        int size = StDType.of(a.dtype()).size;
        ByteBuffer buf = ByteBuffer.allocate(Math.min(a.numel(), WRITE_CHUNK) * size).order(ByteOrder.LITTLE_ENDIAN);
        switch (a.dtype()) {
            case F32 -> {
                float[] v = a.toFloatArray();
                for (int i = 0; i < v.length; i++) {
                    buf.putFloat(v[i]);
                    if (!buf.hasRemaining()) flush(out, buf);
                }
            }
            case F64 -> {
                double[] v = a.toDoubleArray();
                for (int i = 0; i < v.length; i++) {
                    buf.putDouble(v[i]);
                    if (!buf.hasRemaining()) flush(out, buf);
                }
            }
            case I64 -> {
                long[] v = a.toLongArray();
                for (int i = 0; i < v.length; i++) {
                    buf.putLong(v[i]);
                    if (!buf.hasRemaining()) flush(out, buf);
                }
            }
        }
        flush(out, buf);
    }

    private static void flush(OutputStream out, ByteBuffer buf) throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }

    /** Byte-wise comparison of the UTF-8 encodings, as Rust's {@code str::cmp} (the reference's name order). */
    static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
