package dev.nabla.nn.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nabla.tensor.NDArray;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * Fuzzes {@link Safetensors#read(byte[], String)}. Property: any input of at most 1 MiB gives
 * tensors or an IOException, never another exception, a hang or an OutOfMemoryError (the fuzz
 * profile runs it under -Xmx64m); and what it gives, written back and read again, is the same.
 * Seeds and past findings are in {@code SafetensorsFuzzTestInputs/readerGivesTensorsOrIOException/}
 * and are replayed by every normal test run; {@code ./mvnw -pl nn -P fuzz verify} fuzzes.
 */
class SafetensorsFuzzTest {
    static final int MAX_INPUT = 1 << 20;

    @FuzzTest
    void readerGivesTensorsOrIOException(byte[] input) {
        if (input.length > MAX_INPUT) return;
        Safetensors.Contents contents;
        try {
            contents = Safetensors.read(input, "fuzz");
        } catch (IOException expected) {
            return;
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
}
