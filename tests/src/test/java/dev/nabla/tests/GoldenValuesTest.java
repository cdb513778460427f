package dev.nabla.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.Conv2dSpec;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Pool2dSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Forward values and gradients against PyTorch 1.13 in float64, from
 * {@code golden/autograd_fixture.txt} (made by the committed {@code make_autograd_fixture.py}).
 * Each case computes y = op(inputs) and the gradients of L = Σ y·weight; both must agree with
 * PyTorch to 1e-10 relative (plus 1e-14 absolute, for entries that are exactly 0 in one and
 * rounding-level in the other).
 */
class GoldenValuesTest {
    private static final double RTOL = 1e-10, ATOL = 1e-14;

    private static final Map<String, Function<Tensor[], Tensor>> OPS = Map.ofEntries(
            Map.entry("add_broadcast", in -> in[0].add(in[1])),
            Map.entry("sub_broadcast", in -> in[0].sub(in[1])),
            Map.entry("mul_broadcast", in -> in[0].mul(in[1])),
            Map.entry("div", in -> in[0].div(in[1])),
            Map.entry("pow", in -> in[0].pow(in[1])),
            Map.entry("maximum", in -> in[0].maximum(in[1])),
            Map.entry("exp", in -> in[0].exp()),
            Map.entry("expm1", in -> in[0].expm1()),
            Map.entry("log", in -> in[0].log()),
            Map.entry("log1p", in -> in[0].log1p()),
            Map.entry("sqrt", in -> in[0].sqrt()),
            Map.entry("rsqrt", in -> in[0].rsqrt()),
            Map.entry("tanh", in -> in[0].tanh()),
            Map.entry("sigmoid", in -> in[0].sigmoid()),
            Map.entry("softplus", in -> in[0].softplus()),
            Map.entry("erf", in -> in[0].erf()),
            Map.entry("erfc", in -> in[0].erfc()),
            Map.entry("abs", in -> in[0].abs()),
            Map.entry("relu", in -> in[0].relu()),
            Map.entry("clamp", in -> in[0].clamp(-0.5, 0.5)),
            Map.entry("sin_cos", in -> in[0].sin().mul(in[0].cos())),
            Map.entry("sum_dims", in -> in[0].sum(new int[] {0, 2}, true)),
            Map.entry("mean_dim", in -> in[0].mean(new int[] {1}, false)),
            Map.entry("var_unbiased", in -> in[0].var(new int[] {1}, true, false)),
            Map.entry("var_biased", in -> in[0].var(new int[] {0}, false, false)),
            Map.entry("amax_dim", in -> in[0].max(new int[] {1}, false)),
            Map.entry("logsumexp", in -> in[0].mul(30).logsumexp(new int[] {1}, false)),
            Map.entry("softmax", in -> in[0].softmax(-1)),
            Map.entry("log_softmax", in -> in[0].logSoftmax(0)),
            Map.entry("matmul_2d", in -> in[0].matmul(in[1])),
            Map.entry("matmul_batched_broadcast", in -> in[0].matmul(in[1])),
            Map.entry("matmul_vec_mat", in -> in[0].matmul(in[1])),
            Map.entry("permute_reshape", in -> in[0].permute(2, 0, 1).reshape(4, 6).square()),
            Map.entry("slice_step", in -> in[0].slice(1, 1, 6, 2).square()),
            Map.entry("cat", in -> Tensor.cat(1, List.of(in[0], in[1].square()))),
            Map.entry("gather", in -> in[0].gather(1, NDArray.of(new long[] {0, 0, 2, 1, 2, 1}, 2, 3)).square()),
            Map.entry("index_select", in -> in[0].indexSelect(0, NDArray.of(new long[] {2, 0, 2}, 3)).square()),
            Map.entry("where", in -> Tensor.where(Tensor.of(in[0].value().gt(in[1].value())), in[0].sin(), in[1].cos())),
            Map.entry("conv2d_stride_pad", in -> in[0].conv2d(in[1], in[2], Conv2dSpec.of(2, 1))),
            Map.entry("conv2d_groups_dilation", in -> in[0].conv2d(in[1], in[2], Conv2dSpec.of(1, 2).withDilation(2).withGroups(2))),
            Map.entry("max_pool2d", in -> in[0].maxPool2d(Pool2dSpec.of(3, 2, 1))),
            Map.entry("avg_pool2d", in -> in[0].avgPool2d(Pool2dSpec.of(3, 2, 1))));

    @TestFactory
    Stream<DynamicTest> forwardAndGradientsMatchPyTorch() throws IOException {
        List<Case> cases = readFixture();
        assertThat(cases).hasSize(OPS.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name, () -> {
            Function<Tensor[], Tensor> op = Objects.requireNonNull(OPS.get(c.name), () -> "no Nabla function for fixture case " + c.name);
            Tensor[] inputs = c.inputs.stream().map(x -> Tensor.leaf(x, true)).toArray(Tensor[]::new);
            Tensor y = op.apply(inputs);
            assertClose(c.name + " output", y.value(), c.output);
            List<Tensor> grads = Autograd.grad(List.of(y), List.of(Tensor.of(c.weight)), Arrays.asList(inputs), false, false);
            for (int i = 0; i < inputs.length; i++) assertClose(c.name + " grad of input " + i, grads.get(i).value(), c.grads.get(i));
        }));
    }

    private static void assertClose(String what, NDArray actual, NDArray expected) {
        assertThat(actual.shape()).as(what + " shape").isEqualTo(expected.shape());
        double[] a = actual.toDoubleArray(), e = expected.toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            double tolerance = ATOL + RTOL * Math.abs(e[i]);
            assertThat(Math.abs(a[i] - e[i])).as("%s[%d]: Nabla %s vs PyTorch %s", what, i, a[i], e[i]).isLessThanOrEqualTo(tolerance);
        }
    }

    private record Case(String name, List<NDArray> inputs, NDArray weight, NDArray output, List<NDArray> grads) {}

    private static List<Case> readFixture() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (var in = GoldenValuesTest.class.getResourceAsStream("/golden/autograd_fixture.txt")) {
            Objects.requireNonNull(in, "golden/autograd_fixture.txt is missing from the test resources");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String name = null;
            NDArray weight = null, output = null;
            List<NDArray> inputs = new ArrayList<>(), grads = new ArrayList<>();
            for (String line; (line = reader.readLine()) != null; ) {
                String[] words = line.split(" ", 2);
                switch (words[0]) {
                    case "case" -> name = words[1];
                    case "input" -> inputs.add(parseArray(words[1].split(" ", 2)[1]));
                    case "weight" -> weight = parseArray(words[1]);
                    case "output" -> output = parseArray(words[1]);
                    case "grad" -> grads.add(parseArray(words[1].split(" ", 2)[1]));
                    case "end" -> {
                        cases.add(new Case(name, inputs, weight, output, grads));
                        inputs = new ArrayList<>();
                        grads = new ArrayList<>();
                    }
                    default -> throw new IOException("unexpected fixture line: " + line);
                }
            }
        }
        return cases;
    }

    /** "2,3 : v v v v v v" → an F64 array of shape (2, 3); an empty shape is a scalar. */
    private static NDArray parseArray(String text) {
        String[] parts = text.split(" : ", 2);
        int[] shape = parts[0].isBlank() ? new int[0] : Arrays.stream(parts[0].split(",")).mapToInt(Integer::parseInt).toArray();
        double[] values = parts.length < 2 || parts[1].isBlank() ? new double[0]
                : Arrays.stream(parts[1].trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
        return NDArray.of(values, shape);
    }
}
