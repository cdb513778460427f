package dev.nabla.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The PyTorch reference arrays of {@code golden/optim_fixture.txt} (made by the committed
 * {@code make_optim_fixture.py}; one {@code key|dims|values} line per array), and the
 * comparison the golden tests use.
 */
public final class Golden {
    private static final Map<String, NDArray> ARRAYS = read("/golden/optim_fixture.txt");

    private Golden() {}

    /** The array stored under {@code key} (F64, or I64 for class targets). */
    public static NDArray get(String key) {
        NDArray a = ARRAYS.get(key);
        if (a == null) throw new IllegalArgumentException("no fixture entry '" + key + "'");
        return a;
    }

    public static boolean has(String key) {
        return ARRAYS.containsKey(key);
    }

    /** Asserts equal shapes and |actual − expected| ≤ atol + rtol·|expected| everywhere. */
    public static void assertClose(NDArray actual, String key, double rtol, double atol) {
        NDArray expected = get(key);
        assertThat(actual.shape()).as(key + " shape").isEqualTo(expected.shape());
        double[] a = actual.astype(DType.F64).contiguous().toDoubleArray(), e = expected.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertThat(Math.abs(a[i] - e[i])).as(key + "[" + i + "]: " + a[i] + " vs PyTorch " + e[i])
                    .isLessThanOrEqualTo(atol + rtol * Math.abs(e[i]));
        }
    }

    private static Map<String, NDArray> read(String resource) {
        Map<String, NDArray> out = new HashMap<>();
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing test resource " + resource);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String[] parts = line.split("\\|", -1);
                int[] dims = parts[1].isBlank() ? new int[0] : Arrays.stream(parts[1].trim().split(" ")).mapToInt(Integer::parseInt).toArray();
                String[] values = parts[2].trim().split(" ");
                boolean integral = Arrays.stream(values).noneMatch(v -> v.contains(".") || v.contains("e") || v.contains("n"));
                out.put(parts[0], integral
                        ? NDArray.of(Arrays.stream(values).mapToLong(Long::parseLong).toArray(), dims)
                        : NDArray.of(Arrays.stream(values).mapToDouble(Double::parseDouble).toArray(), dims));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
