package dev.nabla.nn.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates a safetensors file (the rules are in {@link Safetensors}). All checks
 * happen on the header, against the file's length, before any tensor is allocated; then each
 * tensor is decoded from its slice of the buffer a chunk at a time.
 */
final class SafetensorsReader {
    /** Bytes decoded per read: bounds the temporary buffer to 1 MiB. */
    private static final int READ_CHUNK = 1 << 20;

    private SafetensorsReader() {}

    /** Random-access bytes: a file channel or an array. */
    interface Source {
        long size() throws IOException;

        /** Fills {@code dst} from {@code position}; fails if the source ends first. */
        void readFully(long position, ByteBuffer dst) throws IOException;

        static Source of(FileChannel ch) {
            return new Source() {
                public long size() throws IOException {
                    return ch.size();
                }

                public void readFully(long position, ByteBuffer dst) throws IOException {
                    while (dst.hasRemaining()) {
                        int n = ch.read(dst, position);
                        if (n < 0) throw new EOFException("file ended at byte " + position);
                        position += n;
                    }
                }
            };
        }

        static Source of(byte[] bytes) {
            return new Source() {
                public long size() {
                    return bytes.length;
                }

                public void readFully(long position, ByteBuffer dst) throws IOException {
                    if (position + dst.remaining() > bytes.length) throw new EOFException("data ended at byte " + bytes.length);
                    dst.put(bytes, (int) position, dst.remaining());
                }
            };
        }
    }

    /** One header entry: the tensor's name, type, shape, element count and byte range in the buffer. */
    private record Entry(String name, StDType type, int[] shape, int numel, long begin, long end) {}

    static Safetensors.Contents read(String file, Source src) throws IOException {
        long size = src.size();
        if (size < 8) throw error(file, "file is " + size + " bytes, shorter than the 8-byte header length");
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        src.readFully(0, lenBuf);
        long n = lenBuf.getLong(0);
        if (n < 0 || n > Safetensors.MAX_HEADER_BYTES) {
            throw error(file, "header length " + Long.toUnsignedString(n) + " exceeds the limit of " + Safetensors.MAX_HEADER_BYTES + " bytes");
        }
        if (8 + n > size) throw error(file, "header length " + n + " runs past the end of the " + size + "-byte file");
        ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
        src.readFully(8, headerBytes);
        String header;
        try {
            header = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(headerBytes.flip())
                    .toString();
        } catch (CharacterCodingException e) {
            throw error(file, "header is not valid UTF-8");
        }

        Map<String, String> metadata = new HashMap<>();
        List<Entry> entries = parseHeader(file, header, metadata);
        long bufferSize = size - 8 - n;
        validateLayout(file, entries, bufferSize);

        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (Entry e : entries) tensors.put(e.name(), decode(file, src, 8 + n, e));
        return new Safetensors.Contents(tensors, metadata);
    }

    private static List<Entry> parseHeader(String file, String header, Map<String, String> metadata) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        try (JsonParser p = Safetensors.JSON.createParser(header)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw error(file, "header is not a JSON object");
            boolean metadataSeen = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                if (name.equals(Safetensors.METADATA_KEY)) {
                    if (metadataSeen) throw error(file, "duplicate " + Safetensors.METADATA_KEY);
                    metadataSeen = true;
                    parseMetadata(file, p, metadata);
                } else {
                    if (seen.put(name, Boolean.TRUE) != null) throw error(file, "duplicate tensor name '" + name + "'");
                    entries.add(parseEntry(file, name, p));
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) throw error(file, "header is not a JSON object");
            if (p.nextToken() != null) throw error(file, "header has data after its JSON object");
        } catch (JsonProcessingException e) {
            throw error(file, "header is not valid JSON: " + e.getOriginalMessage());
        }
        return entries;
    }

    private static void parseMetadata(String file, JsonParser p, Map<String, String> metadata) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) throw error(file, Safetensors.METADATA_KEY + " must be an object of strings");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.getCurrentName();
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw error(file, Safetensors.METADATA_KEY + " value of '" + key + "' must be a string");
            }
            if (metadata.put(key, p.getText()) != null) throw error(file, "duplicate " + Safetensors.METADATA_KEY + " key '" + key + "'");
        }
    }

    private static Entry parseEntry(String file, String name, JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) throw error(file, name, "entry must be an object");
        String dtype = null;
        long[] shape = null;
        long[] offsets = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.getCurrentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "dtype" -> {
                    if (dtype != null) throw error(file, name, "duplicate field 'dtype'");
                    if (value != JsonToken.VALUE_STRING) throw error(file, name, "dtype must be a string");
                    dtype = p.getText();
                }
                case "shape" -> {
                    if (shape != null) throw error(file, name, "duplicate field 'shape'");
                    shape = naturals(file, name, "shape", p);
                }
                case "data_offsets" -> {
                    if (offsets != null) throw error(file, name, "duplicate field 'data_offsets'");
                    offsets = naturals(file, name, "data_offsets", p);
                    if (offsets.length != 2) throw error(file, name, "data_offsets must be [begin, end], got " + offsets.length + " numbers");
                }
                default -> p.skipChildren(); // unknown fields are ignored, as by the reference
            }
        }
        if (dtype == null || shape == null || offsets == null) {
            throw error(file, name, "entry needs dtype, shape and data_offsets");
        }
        StDType type = StDType.parse(dtype);
        if (type == null) throw error(file, name, "unsupported dtype '" + dtype + "' (Nabla reads F32, F64, F16, BF16, I64, I32, U8, BOOL)");
        int[] dims = new int[shape.length];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] > Integer.MAX_VALUE) throw error(file, name, "dimension " + i + " is " + shape[i] + ", larger than a Nabla array allows");
            dims[i] = (int) shape[i];
            numel *= dims[i];
            if (numel > Integer.MAX_VALUE) throw error(file, name, "shape " + Arrays.toString(shape) + " has more elements than a Nabla array allows");
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (end < begin) throw error(file, name, "data_offsets [" + begin + ", " + end + "] end before they begin");
        if (end - begin != numel * type.size) {
            throw error(file, name, "data_offsets [" + begin + ", " + end + "] hold " + (end - begin) + " bytes but " + dtype
                    + Arrays.toString(dims) + " needs " + numel * type.size);
        }
        return new Entry(name, type, dims, (int) numel, begin, end);
    }

    /** A JSON array of non-negative integers that fit in a long. */
    private static long[] naturals(String file, String name, String field, JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) throw error(file, name, field + " must be an array of integers");
        long[] out = new long[4];
        int count = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) throw error(file, name, field + " must be an array of integers");
            JsonParser.NumberType t = p.getNumberType();
            if (t != JsonParser.NumberType.INT && t != JsonParser.NumberType.LONG || p.getLongValue() < 0) {
                throw error(file, name, field + " entry " + p.getText() + " is not an integer in [0, 2^63)");
            }
            if (count == out.length) out = Arrays.copyOf(out, 2 * count);
            out[count++] = p.getLongValue();
        }
        return Arrays.copyOf(out, count);
    }

    /** The tensors, sorted by offsets, must tile [0, bufferSize) exactly. */
    private static void validateLayout(String file, List<Entry> entries, long bufferSize) throws IOException {
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : entries) {
            if (e.begin() != expected) {
                String problem = e.begin() < expected ? "overlaps the previous tensor" : "leaves a gap after the previous tensor";
                throw error(file, e.name(), "data_offsets [" + e.begin() + ", " + e.end() + "] " + problem + " (expected begin " + expected + ")");
            }
            expected = e.end();
        }
        if (expected != bufferSize) {
            throw error(file, "tensors cover " + expected + " bytes of the " + bufferSize + "-byte data buffer (they must cover it exactly)");
        }
    }

    private static NDArray decode(String file, Source src, long bufferStart, Entry e) throws IOException {
        int numel = e.numel();
        StDType type = e.type();
        int perChunk = READ_CHUNK / type.size;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(e.end() - e.begin(), READ_CHUNK)).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = type.nabla == DType.F32 ? new float[numel] : null;
        double[] d = type.nabla == DType.F64 ? new double[numel] : null;
        long[] l = type.nabla == DType.I64 ? new long[numel] : null;
        for (int start = 0; start < numel; start += perChunk) {
            int count = Math.min(perChunk, numel - start);
            buf.clear().limit(count * type.size);
            src.readFully(bufferStart + e.begin() + (long) start * type.size, buf);
            buf.flip();
            for (int i = start; i < start + count; i++) {
                if (f != null) {
                    f[i] = type.getFloat(buf);
                } else if (d != null) {
                    d[i] = buf.getDouble();
                } else {
                    l[i] = type.getLong(buf);
                    if (type.isInvalid(l[i])) throw error(file, e.name(), "BOOL element " + i + " is neither 0 nor 1");
                }
            }
        }
        if (f != null) return NDArray.of(f, e.shape());
        if (d != null) return NDArray.of(d, e.shape());
        return NDArray.of(l, e.shape());
    }

    private static IOException error(String file, String problem) {
        return new IOException(file + ": safetensors: " + problem);
    }

    private static IOException error(String file, String tensor, String problem) {
        return new IOException(file + ": safetensors: tensor '" + tensor + "': " + problem);
    }
}
