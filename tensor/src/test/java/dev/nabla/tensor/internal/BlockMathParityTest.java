package dev.nabla.tensor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link BlockMath}'s passes (SIMD when the Vector API is present) against their double twins on a
 * dense grid, including arguments that are not floats (the activations pass products such as
 * −x/β): within 1e-9 relative, far below a float ulp (6e-8), which is all a fused F32 kernel needs.
 */
class BlockMathParityTest {
    private static final double REL = 1e-9, ABS = 1e-300;

    interface Pass {
        void run(double[] x, double[] y, double[] tmp, int n);
    }

    private static void check(String name, Pass pass, DoubleUnaryOperator twin, double lo, double hi) {
        int total = 20_011;
        double[] x = new double[BlockMath.BLOCK], y = new double[BlockMath.BLOCK], tmp = new double[BlockMath.BLOCK];
        for (int start = 0; start < total; start += BlockMath.BLOCK) {
            int n = Math.min(BlockMath.BLOCK, total - start);
            for (int i = 0; i < n; i++) x[i] = lo + (hi - lo) * (start + i) / (total - 1.0) * (1 + 1e-7 * Math.sin(start + i));
            pass.run(x, y, tmp, n);
            for (int i = 0; i < n; i++) {
                double expected = twin.applyAsDouble(x[i]);
                double err = Math.abs(y[i] - expected);
                assertThat(err <= REL * Math.abs(expected) + ABS || y[i] == expected)
                        .as("%s(%s) = %s, twin %s", name, x[i], y[i], expected).isTrue();
            }
        }
    }

    @Test
    void everyPassMatchesItsTwin() {
        check("exp", (x, y, t, n) -> BlockMath.exp(x, y, n), Math::exp, -100, 85);
        check("expm1", (x, y, t, n) -> BlockMath.expm1(x, y, n), Math::expm1, -30, 30);
        check("expm1 near 0", (x, y, t, n) -> BlockMath.expm1(x, y, n), Math::expm1, -1e-6, 1e-6);
        check("log1p", (x, y, t, n) -> BlockMath.log1p(x, y, n), Math::log1p, -0.999, 1e6);
        check("log1p near 0", (x, y, t, n) -> BlockMath.log1p(x, y, n), Math::log1p, -1e-7, 1e-7);
        check("tanh", (x, y, t, n) -> BlockMath.tanh(x, y, n), Math::tanh, -25, 25);
        check("sigmoid", (x, y, t, n) -> BlockMath.sigmoid(x, y, n), ReferenceMath::sigmoid, -100, 100);
        check("softplus", BlockMath::softplus, ReferenceMath::softplus, -100, 100);
        check("erf", BlockMath::erf, ReferenceMath::erf, -6, 6);
        check("erf near 0", BlockMath::erf, ReferenceMath::erf, -1e-5, 1e-5);
        check("erfc", BlockMath::erfc, ReferenceMath::erfc, -6, 9);
    }
}
