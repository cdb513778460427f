package dev.nabla.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer against the byte vectors of the reference implementation's own tests
 * (huggingface/safetensors, safetensors/src/tensor.rs: test_serialization, test_empty,
 * test_serialization_forced_alignement), round trips, and one test per validation rule of the
 * reader, each asserting an IOException that names the file, the tensor and the problem.
 */
class SafetensorsTest {
    @TempDir
    Path dir;

    private static byte[] f32Bytes(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putFloat(v);
        return b.array();
    }

    /** A file with the given header text (unpadded) and data buffer. */
    private static byte[] file(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h).put(data).array();
    }

    private static byte[] concat(byte[] header8, byte[] rest) {
        return ByteBuffer.allocate(header8.length + rest.length).put(header8).put(rest).array();
    }

    @Test
    void writer_matchesReferenceSerializationBytes() {
        NDArray attn = NDArray.of(new float[] {0, 1, 2, 3, 4, 5}, 1, 2, 3);
        String json = "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}";
        assertThat(json.length()).isEqualTo(64); // already aligned: no padding
        assertThat(Safetensors.toBytes(Map.of("attn.0", attn), Map.of()))
                .isEqualTo(file(json, f32Bytes(0, 1, 2, 3, 4, 5)));

        NDArray attn0 = NDArray.of(new float[] {0, 1, 2, 3, 4, 5}, 1, 1, 2, 3);
        String padded = "{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}       ";
        assertThat(padded.length()).isEqualTo(72);
        assertThat(Safetensors.toBytes(Map.of("attn0", attn0), Map.of())).isEqualTo(file(padded, f32Bytes(0, 1, 2, 3, 4, 5)));
    }

    @Test
    void writer_matchesReferenceEmptyFiles() {
        assertThat(Safetensors.toBytes(Map.of(), Map.of())).isEqualTo(file("{}      ", new byte[0]));
        assertThat(Safetensors.toBytes(Map.of(), Map.of("framework", "pt")))
                .isEqualTo(file("{\"__metadata__\":{\"framework\":\"pt\"}}     ", new byte[0]));
    }

    @Test
    void writer_ordersByDescendingAlignmentThenNameRegardlessOfMapOrder() {
        Map<String, NDArray> a = new LinkedHashMap<>();
        a.put("b", NDArray.of(new float[] {1}));
        a.put("a", NDArray.of(new float[] {2}));
        a.put("z", NDArray.of(new long[] {3}));
        a.put("m", NDArray.of(new double[] {4}));
        Map<String, NDArray> reversed = new LinkedHashMap<>();
        for (String k : new String[] {"m", "z", "a", "b"}) reversed.put(k, a.get(k));
        byte[] bytes = Safetensors.toBytes(a, Map.of());
        assertThat(bytes).isEqualTo(Safetensors.toBytes(reversed, Map.of()));
        String header = new String(bytes, 8, bytes.length - 8 - 24, StandardCharsets.UTF_8);
        assertThat(header.indexOf("\"z\"")).isLessThan(header.indexOf("\"m\""));
        assertThat(header.indexOf("\"m\"")).isLessThan(header.indexOf("\"a\""));
        assertThat(header.indexOf("\"a\"")).isLessThan(header.indexOf("\"b\""));
    }

    @Test
    void roundTripKeepsDtypeShapeValuesAndMetadata() throws IOException {
        Map<String, NDArray> t = new LinkedHashMap<>();
        t.put("w", NDArray.of(new float[] {1.5f, -0f, Float.NaN, Float.MIN_VALUE, Float.MAX_VALUE, -3}, 3, 2));
        t.put("d", NDArray.of(new double[] {Math.PI, Double.NEGATIVE_INFINITY}, 2, 1, 1));
        t.put("i", NDArray.of(new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, 2));
        t.put("scalar", NDArray.scalar(7, DType.F32));
        t.put("empty", NDArray.zeros(DType.I64, 3, 0));
        t.put("view", NDArray.of(new double[] {1, 2, 3, 4}, 2, 2).transpose(0, 1)); // non-contiguous: written row-major
        Path f = dir.resolve("m.safetensors");
        Safetensors.write(f, t, Map.of("epoch", "3", "ünïcode", "✓"));
        Safetensors.Contents back = Safetensors.read(f);
        assertThat(back.metadata()).containsOnly(Map.entry("epoch", "3"), Map.entry("ünïcode", "✓"));
        assertThat(back.tensors().keySet()).containsExactlyInAnyOrderElementsOf(t.keySet());
        t.forEach((name, want) -> {
            NDArray got = back.tensors().get(name);
            assertThat(got.dtype()).as(name).isEqualTo(want.dtype());
            assertThat(got.shape()).as(name).isEqualTo(want.shape());
            assertThat(got.toDoubleArray()).as(name).containsExactly(want.toDoubleArray());
        });
        assertThat(back.tensors().get("view").toDoubleArray()).containsExactly(1, 3, 2, 4);
    }

    @Test
    void writer_rejectsTheMetadataKeyAsTensorName() {
        assertThatThrownBy(() -> Safetensors.toBytes(Map.of("__metadata__", NDArray.scalar(1, DType.F32)), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("__metadata__");
    }

    @Test
    void halfPrecisionDecodesExactly() {
        assertThat(StDType.halfToFloat((short) 0x3c00)).isEqualTo(1f);
        assertThat(StDType.halfToFloat((short) 0xc000)).isEqualTo(-2f);
        assertThat(StDType.halfToFloat((short) 0x7bff)).isEqualTo(65504f);
        assertThat(StDType.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f); // smallest subnormal
        assertThat(StDType.halfToFloat((short) 0x03ff)).isEqualTo(1023 * 0x1p-24f); // largest subnormal
        assertThat(Float.floatToRawIntBits(StDType.halfToFloat((short) 0x8000))).isEqualTo(0x80000000); // -0
        assertThat(StDType.halfToFloat((short) 0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(StDType.halfToFloat((short) 0x7e00)).isNaN();
    }

    // ------------------------------------------------------------------------------------------
    // Reader validation: one rule each

    private static void assertRejected(byte[] bytes, String... messageParts) {
        assertThatThrownBy(() -> Safetensors.read(bytes, "bad.safetensors"))
                .isExactlyInstanceOf(IOException.class)
                .hasMessageStartingWith("bad.safetensors: safetensors: ")
                .hasMessageContainingAll(messageParts);
    }

    private static final String ONE = "{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

    @Test
    void reader_acceptsPaddedHeaderAndUnknownFields() throws IOException {
        String h = "{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"extra\":{\"x\":[1]}}}   ";
        assertThat(Safetensors.read(file(h, f32Bytes(1, 2)), "ok").tensors().get("t").toFloatArray()).containsExactly(1, 2);
    }

    @Test
    void reader_rejectsFileShorterThanTheLengthField() {
        assertRejected(new byte[5], "5 bytes", "shorter than the 8-byte header length");
    }

    @Test
    void reader_rejectsHeaderLongerThan100MB() {
        byte[] b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(100_000_001L).array();
        assertRejected(b, "header length 100000001 exceeds the limit of 100000000");
        byte[] huge = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L).array();
        assertRejected(huge, "header length 18446744073709551615 exceeds");
    }

    @Test
    void reader_rejectsHeaderRunningPastTheEnd() {
        byte[] b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(10).array();
        assertRejected(b, "header length 10 runs past the end of the 12-byte file");
    }

    @Test
    void reader_rejectsInvalidUtf8AndInvalidJson() {
        assertRejected(concat(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(2).array(), new byte[] {'{', (byte) 0xff}),
                "not valid UTF-8");
        assertRejected(file("{\"t\":", new byte[0]), "not valid JSON");
        assertRejected(file("[1]", new byte[0]), "not a JSON object");
        assertRejected(file("{} {}", new byte[0]), "data after its JSON object");
    }

    @Test
    void reader_rejectsDuplicates() {
        String dup = "{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        assertRejected(file(dup, f32Bytes(1, 2)), "duplicate tensor name 't'");
        assertRejected(file("{\"__metadata__\":{\"a\":\"1\",\"a\":\"2\"}}", new byte[0]), "duplicate __metadata__ key 'a'");
        assertRejected(file("{\"t\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}", new byte[0]),
                "tensor 't'", "duplicate field 'dtype'");
    }

    @Test
    void reader_rejectsMalformedEntries() {
        assertRejected(file("{\"__metadata__\":{\"a\":1}}", new byte[0]), "value of 'a' must be a string");
        assertRejected(file("{\"t\":{\"dtype\":\"F32\",\"shape\":[2]}}", f32Bytes(1, 2)), "tensor 't'", "needs dtype, shape and data_offsets");
        assertRejected(file("{\"t\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", f32Bytes(1, 2)),
                "tensor 't'", "shape entry -2");
        assertRejected(file("{\"t\":{\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]}}", f32Bytes(1, 2)),
                "shape must be an array of integers");
        assertRejected(file("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8,9]}}", f32Bytes(1, 2)),
                "data_offsets must be [begin, end], got 3 numbers");
        assertRejected(file("{\"t\":{\"dtype\":\"C64\",\"shape\":[1],\"data_offsets\":[0,8]}}", f32Bytes(1, 2)), "unsupported dtype 'C64'");
        assertRejected(file("{\"t\":{\"dtype\":\"F32\",\"shape\":[99999999999],\"data_offsets\":[0,8]}}", f32Bytes(1, 2)),
                "dimension 0 is 99999999999");
        assertRejected(file("{\"t\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,8]}}", f32Bytes(1, 2)),
                "has more elements than a Nabla array allows");
    }

    @Test
    void reader_rejectsOffsetsThatDisagreeWithShapeOrDoNotTileTheBuffer() {
        assertRejected(file("{\"t\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", f32Bytes(1, 2)),
                "tensor 't'", "hold 8 bytes but F32[3] needs 12");
        assertRejected(file("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", f32Bytes(1, 2)), "end before they begin");
        String gap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        assertRejected(file(gap, f32Bytes(1, 2, 3)), "tensor 'b'", "leaves a gap", "expected begin 4");
        String overlap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        assertRejected(file(overlap, f32Bytes(1, 2)), "tensor 'b'", "overlaps the previous tensor");
        assertRejected(file(ONE, f32Bytes(1, 2, 3)), "cover 8 bytes of the 12-byte data buffer");
        assertRejected(file(ONE, f32Bytes(1)), "cover 8 bytes of the 4-byte data buffer");
    }

    @Test
    void reader_rejectsBoolOtherThanZeroOrOne() {
        assertRejected(file("{\"m\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[0,2]}}", new byte[] {1, 2}),
                "tensor 'm'", "BOOL element 1 is neither 0 nor 1");
    }

    @Test
    void reader_namesTheFileOnDisk() throws IOException {
        Path f = dir.resolve("broken.safetensors");
        Files.write(f, file(ONE, f32Bytes(1)));
        assertThatThrownBy(() -> Safetensors.read(f)).isInstanceOf(IOException.class).hasMessageStartingWith(f.toString());
    }
}
