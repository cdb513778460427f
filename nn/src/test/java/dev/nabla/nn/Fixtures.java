package dev.nabla.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.tensor.NDArray;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Reads the PyTorch fixtures under {@code golden/} and compares arrays with a stated tolerance. */
final class Fixtures {
    private Fixtures() {}

    /**
     * Cases of a fixture file by name, each a map from key to F64 array. Lines: "case NAME",
     * "KEY d0,d1 : v v v" (empty shape = scalar), "end".
     */
    static Map<String, Map<String, NDArray>> read(String resource) throws IOException {
        Map<String, Map<String, NDArray>> cases = new LinkedHashMap<>();
        try (var in = Fixtures.class.getResourceAsStream(resource)) {
            Objects.requireNonNull(in, resource + " is missing from the test resources");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, NDArray> current = null;
            for (String line; (line = reader.readLine()) != null; ) {
                String[] words = line.split(" ", 2);
                if (words[0].equals("case")) cases.put(words[1], current = new LinkedHashMap<>());
                else if (!words[0].equals("end")) current.put(words[0], parseArray(words[1]));
            }
        }
        return cases;
    }

    /** |actual − expected| ≤ atol + rtol·|expected| element-wise, with equal shapes. */
    static void assertClose(String what, NDArray actual, NDArray expected, double rtol, double atol) {
        assertThat(actual.shape()).as(what + " shape").isEqualTo(expected.shape());
        double[] a = actual.toDoubleArray(), e = expected.toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            assertThat(Math.abs(a[i] - e[i])).as("%s[%d]: Nabla %s vs expected %s", what, i, a[i], e[i])
                    .isLessThanOrEqualTo(atol + rtol * Math.abs(e[i]));
        }
    }

    private static NDArray parseArray(String text) {
        String[] parts = text.split(" : ", 2);
        int[] shape = parts[0].isBlank() ? new int[0] : Arrays.stream(parts[0].split(",")).mapToInt(Integer::parseInt).toArray();
        double[] values = parts.length < 2 || parts[1].isBlank() ? new double[0]
                : Arrays.stream(parts[1].trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
        return NDArray.of(values, shape);
    }
}
