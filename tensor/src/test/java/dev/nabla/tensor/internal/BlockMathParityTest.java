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

    /**
     * The float-lane exp against (float) Math.exp, within 2 ulps of the correctly rounded float, over
     * the whole float range (subnormal results, 0 below −104, ∞ above 88.73) and on NaN.
     */
    @Test
    void floatExpIsWithinTwoUlps() {
        float[] x = new float[BlockMath.BLOCK], y = new float[BlockMath.BLOCK];
        int total = 200_003;
        for (int start = 0; start < total; start += BlockMath.BLOCK) {
            int n = Math.min(BlockMath.BLOCK, total - start);
            for (int i = 0; i < n; i++) x[i] = (float) (-110 + 200.0 * (start + i) / (total - 1.0));
            if (start == 0) {
                x[0] = Float.NaN;
                x[1] = Float.NEGATIVE_INFINITY;
                x[2] = Float.POSITIVE_INFINITY;
                x[3] = -0f;
                x[4] = 1e-30f;
            }
            BlockMath.exp(x, y, n);
            for (int i = 0; i < n; i++) {
                float expected = (float) Math.exp(x[i]);
                if (Float.isNaN(expected) || Float.isInfinite(expected) || expected == 0) {
                    assertThat(Float.floatToIntBits(y[i])).as("exp(%s) = %s", x[i], y[i]).isEqualTo(Float.floatToIntBits(expected));
                } else {
                    assertThat(Math.abs(y[i] - expected)).as("exp(%s) = %s, twin %s", x[i], y[i], expected)
                            .isLessThanOrEqualTo(2 * Math.ulp(expected));
                }
            }
        }
    }

    /**
     * The block dot product against its double twin, for every length up to a float block, with a
     * read at an offset into a (as the driver reads ∂L/∂y in place), within 1e-6 of Σ|a·b|.
     */
    @Test
    void dotMatchesItsTwin() {
        int size = dev.nabla.tensor.PointwiseBlock.FLOAT_SIZE, aAt = 7;
        float[] a = new float[aAt + size], b = new float[size];
        for (int i = 0; i < a.length; i++) a[i] = (float) Math.sin(i * 0.37) * 1e3f;
        for (int i = 0; i < b.length; i++) b[i] = (float) Math.cos(i * 1.3 + 0.1);
        for (int n = 0; n <= size; n++) {
            double scale = 0;
            for (int i = 0; i < n; i++) scale += Math.abs((double) a[aAt + i] * b[i]);
            assertThat(BlockMath.dot(a, aAt, b, n)).as("n = %d", n).isCloseTo(ReferencePointwise.dot(a, aAt, b, n),
                    org.assertj.core.data.Offset.offset(1e-6 * scale + 1e-30));
        }
    }
}
