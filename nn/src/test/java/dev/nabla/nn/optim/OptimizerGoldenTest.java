package dev.nabla.nn.optim;

import static dev.nabla.nn.Golden.assertClose;
import static dev.nabla.nn.Golden.get;

import dev.nabla.nn.Parameter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each optimizer configuration against PyTorch 1.13 in float64 ({@code golden/make_optim_fixture.py}):
 * two parameters of shapes (3, 4) and (5) receive the same three fixed gradients as in PyTorch,
 * and their values after the first and after the third step agree to 1e-10 relative. Three steps
 * exercise the state (momentum buffers, moments, bias correction, AMSGrad's running max).
 */
class OptimizerGoldenTest {
    private static final double RTOL = 1e-10, ATOL = 1e-14;

    private static final Map<String, Function<List<Parameter>, Optimizer>> CASES = Map.of(
            "sgd_nesterov", ps -> new SGD(ps, 0.1, 0.9, 0, 0.01, true),
            "sgd_dampening", ps -> new SGD(ps, 0.05, 0.8, 0.3, 0, false),
            "adam", ps -> new Adam(ps, 0.01, 0.9, 0.99, 1e-8, 0.02, false),
            "adam_amsgrad", ps -> new Adam(ps, 0.02, 0.9, 0.999, 1e-8, 0, true),
            "adamw", ps -> new AdamW(ps, 0.01, 0.9, 0.999, 1e-8, 0.1, false),
            "rmsprop_centered_momentum", ps -> new RMSprop(ps, 0.01, 0.9, 1e-8, 0.01, 0.5, true),
            "rmsprop", ps -> new RMSprop(ps));

    @TestFactory
    Stream<DynamicTest> oneAndThreeStepsMatchPyTorch() {
        return CASES.keySet().stream().sorted().map(name -> DynamicTest.dynamicTest(name, () -> {
            List<Parameter> ps = List.of(new Parameter(get("opt.init.p0")), new Parameter(get("opt.init.p1")));
            Optimizer opt = CASES.get(name).apply(ps);
            for (int k = 1; k <= 3; k++) {
                for (int i = 0; i < ps.size(); i++) ps.get(i).setGrad(get("opt.grad" + k + ".p" + i));
                opt.step();
                if (k == 1 || k == 3) {
                    for (int i = 0; i < ps.size(); i++) assertClose(ps.get(i).value(), "opt." + name + ".p" + i + ".after" + k, RTOL, ATOL);
                }
            }
        }));
    }
}
