package dev.nabla.nn.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nabla.tensor.NDArray;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@link Safetensors#read(byte[], String)}. Property: any input of at most 1 MiB gives
 * tensors or an IOException, never another exception or a hang, and the read allocates at most
 * {@value #ALLOCATION_BUDGET} bytes (so it cannot exhaust a 64 MiB heap: the worst case is 1 MiB of
 * U8 widened to I64, 8 MiB, plus its copy); and what it gives, written back and read again, is the
 * same.
 * Seeds and past findings are in {@code SafetensorsFuzzTestInputs/readerGivesTensorsOrIOException/}
 * and are replayed by every normal test run; {@code ./mvnw -pl nn -am -P fuzz test -Dfuzz.duration=3m} fuzzes.
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
            checkBudget(AllocationMeter.allocatedBytes() - before, input.length, () -> Safetensors.read(input, "fuzz"));
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
    @Test
    void worstCaseInputStaysWithinTheBudget() throws IOException {
        String header = "{\"u\":{\"dtype\":\"U8\",\"shape\":[1048000],\"data_offsets\":[0,1048000]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        byte[] file = ByteBuffer.allocate(8 + h.length + 1048000).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h).array();
        long before = AllocationMeter.allocatedBytes();
        NDArray u = Safetensors.read(file, "worst").tensors().get("u");
        long allocated = AllocationMeter.allocatedBytes() - before;
        checkBudget(allocated, file.length, () -> Safetensors.read(file, "worst"));
        if (u.numel() != 1048000 || allocated < 8L * 1048000) throw new AssertionError("the meter measures nothing: " + allocated);
    }

    /** A read that may fail with an IOException. */
    interface Read {
        void run() throws IOException;
    }

    /**
     * Fails if a read allocated more than the budget. The first run in a JVM also pays for class
     * loading (and, when fuzzing, for Jazzer's instrumentation), so an overrun is measured again
     * on a second run of the same read before it counts.
     */
    static void checkBudget(long allocated, int inputLength, Read read) {
        if (allocated <= ALLOCATION_BUDGET) return;
        long before = AllocationMeter.allocatedBytes();
        try {
            read.run();
        } catch (IOException expected) {
            // measured all the same
        }
        long again = AllocationMeter.allocatedBytes() - before;
        if (again > ALLOCATION_BUDGET) {
            throw new AssertionError("reading " + inputLength + " bytes allocated " + again + " bytes, over the budget of " + ALLOCATION_BUDGET);
        }
    }
}
