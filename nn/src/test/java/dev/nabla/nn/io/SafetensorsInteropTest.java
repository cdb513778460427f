package dev.nabla.nn.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Interop with an independent implementation: {@code make_safetensors_fixture.py} (NumPy, written
 * by hand from the spec) wrote {@code python_written.safetensors}, which Nabla must read with the
 * exact values in {@code python_written.expected.txt}; and it verified {@code nabla_written.safetensors},
 * which Nabla's writer must still produce byte for byte.
 */
class SafetensorsInteropTest {
    /** The tensors of nabla_written.safetensors; the Python script recomputes them independently. */
    static Map<String, NDArray> nablaTensors() {
        float[] w = new float[6];
        for (int i = 0; i < 6; i++) w[i] = (i - 2.5f) / 3f;
        Map<String, NDArray> t = new LinkedHashMap<>();
        t.put("layer.weight", NDArray.of(w, 2, 3));
        t.put("layer.bias", NDArray.of(new double[] {0.1, -1e300, Double.MIN_VALUE}, 3));
        t.put("bn.num_batches_tracked", NDArray.of(new long[] {(1L << 53) + 1}));
        t.put("bn.running_mean", NDArray.of(new float[] {-0.0f}));
        t.put("empty", NDArray.zeros(DType.F64, 0, 4));
        t.put("indices", NDArray.of(new long[] {-1, 0, 1}, 1, 3));
        return t;
    }

    static final Map<String, String> NABLA_METADATA = Map.of("nabla", "test", "format", "pt");

    @Test
    void readsEveryDtypeWrittenByPythonWithExactValues() throws IOException {
        Safetensors.Contents c = Safetensors.read(resource("python_written.safetensors"), "python_written.safetensors");
        List<String> lines;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("python_written.expected.txt"), StandardCharsets.UTF_8))) {
            lines = r.lines().filter(l -> !l.startsWith("#")).toList();
        }
        assertThat(c.tensors()).hasSize(lines.size());
        assertThat(c.metadata()).containsEntry("format", "pt").hasSize(2);
        for (String line : lines) {
            String[] f = line.split(" ");
            NDArray a = c.tensors().get(f[0]);
            assertThat(a).as(f[0]).isNotNull();
            assertThat(a.dtype()).as(f[0]).isEqualTo(DType.valueOf(f[1]));
            int[] shape = f[2].equals("scalar") ? new int[0] : Arrays.stream(f[2].split("x")).mapToInt(Integer::parseInt).toArray();
            assertThat(a.shape().dims()).as(f[0]).containsExactly(shape);
            String[] cells = Arrays.copyOfRange(f, 3, f.length);
            if (a.dtype() == DType.I64) {
                assertThat(a.toLongArray()).as(f[0]).containsExactly(Arrays.stream(cells).mapToLong(Long::parseLong).toArray());
            } else {
                // compared as bits: exact, and -0.0 / infinities count
                long[] got = Arrays.stream(a.toDoubleArray()).mapToLong(Double::doubleToRawLongBits).toArray();
                long[] want = Arrays.stream(cells).mapToDouble(Double::parseDouble).mapToLong(Double::doubleToRawLongBits).toArray();
                assertThat(got).as(f[0]).containsExactly(want);
            }
        }
    }

    @Test
    void writerStillProducesTheFileThePythonScriptVerified() throws IOException {
        byte[] written = Safetensors.toBytes(nablaTensors(), NABLA_METADATA);
        byte[] verified = optionalResource("nabla_written.safetensors");
        if (verified == null || !Arrays.equals(written, verified)) {
            Path out = Path.of("target", "nabla_written.safetensors");
            Files.write(out, written);
            throw new AssertionError("Safetensors.write output changed; new bytes in " + out.toAbsolutePath()
                    + ": verify them with make_safetensors_fixture.py before replacing the committed file");
        }
        Safetensors.Contents back = Safetensors.read(verified, "nabla_written.safetensors");
        assertThat(back.metadata()).isEqualTo(NABLA_METADATA);
        nablaTensors().forEach((name, want) -> {
            NDArray got = back.tensors().get(name);
            assertThat(got.dtype()).as(name).isEqualTo(want.dtype());
            assertThat(got.shape()).as(name).isEqualTo(want.shape());
            assertThat(got.toDoubleArray()).as(name).containsExactly(want.toDoubleArray());
        });
    }

    private byte[] resource(String name) throws IOException {
        byte[] bytes = optionalResource(name);
        assertThat(bytes).as(name).isNotNull();
        return bytes;
    }

    private byte[] optionalResource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        }
    }
}
