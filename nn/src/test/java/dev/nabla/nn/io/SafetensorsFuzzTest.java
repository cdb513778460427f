package dev.nabla.nn.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nabla.tensor.NDArray;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * Fuzzes {@link Safetensors#read(byte[], String)}. Property: any input of at most 1 MiB gives
 * tensors or an IOException, never another exception or a hang, and the read allocates at most
 * {@value #ALLOCATION_BUDGET} bytes (so it cannot exhaust a 64 MiB heap: the worst case is 1 MiB of
 * U8 widened to I64, 8 MiB, plus its copy); and what it gives, written back and read again, is the
 * same.
 * Seeds and past findings are in {@code SafetensorsFuzzTestInputs/readerGivesTensorsOrIOException/}
 * and are replayed by every normal test run; {@code ./mvnw -pl nn -P fuzz verify} fuzzes.
 */
class SafetensorsFuzzTest {
    static final int MAX_INPUT = 1 << 20;
    static final long ALLOCATION_BUDGET = 32L << 20;

    @FuzzTest
    void readerGivesTensorsOrIOException(byte[] input) {
        if (input.length > MAX_INPUT) return;
        Safetensors.Contents contents;
        long before = AllocationMeter.allocatedBytes();
        try {
            contents = Safetensors.read(input, "fuzz");
        } catch (IOException expected) {
            return;
        } finally {
            checkBudget(AllocationMeter.allocatedBytes() - before, input.length);
        }
        byte[] again = Safetensors.toBytes(contents.tensors(), contents.metadata());
        Safetensors.Contents back;
        try {
            back = Safetensors.read(again, "rewritten");
        } catch (IOException e) {
            throw new AssertionError("what the writer wrote does not read back", e);
        }
        if (!back.metadata().equals(contents.metadata())) throw new AssertionError("metadata changed");
        for (Map.Entry<String, NDArray> e : contents.tensors().entrySet()) {
            NDArray a = e.getValue(), b = back.tensors().get(e.getKey());
            if (b == null || a.dtype() != b.dtype() || !a.shape().equals(b.shape())
                    || !Arrays.equals(a.toDoubleArray(), b.toDoubleArray())) {
                throw new AssertionError("tensor " + e.getKey() + " changed in a round trip");
            }
        }
    }

    /** The costliest valid input of 1 MiB: one U8 tensor filling it, widened to I64. */
    @org.junit.jupiter.api.Test
    void worstCaseInputStaysWithinTheBudget() throws IOException {
        String header = "{\"u\":{\"dtype\":\"U8\",\"shape\":[1048000],\"data_offsets\":[0,1048000]}}";
        byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] file = java.nio.ByteBuffer.allocate(8 + h.length + 1048000).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h).array();
        long before = AllocationMeter.allocatedBytes();
        NDArray u = Safetensors.read(file, "worst").tensors().get("u");
        long allocated = AllocationMeter.allocatedBytes() - before;
        checkBudget(allocated, file.length);
        if (u.numel() != 1048000 || allocated < 8L * 1048000) throw new AssertionError("the meter measures nothing: " + allocated);
    }

    static void checkBudget(long allocated, int inputLength) {
        if (allocated > ALLOCATION_BUDGET) {
            throw new AssertionError("reading " + inputLength + " bytes allocated " + allocated + " bytes, over the budget of " + ALLOCATION_BUDGET);
        }
    }
}
