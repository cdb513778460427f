package dev.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@link BatchNormStats#normalize} and {@link BatchNormStats#backward} against the same formulas
 * composed of element-wise ops and reductions, in F32 (the fused kernels) and F64 (the reference
 * loops), and their shape errors.
 */
class BatchNormStatsTest {
    private static final double EPS = 1e-5;

    @Test
    void normalizeGivesTheBitsOfTheComposition() {
        Rng rng = new Rng(3);
        NDArray x = rng.normal(Shape.of(4, 3, 5, 7), DType.F32, 1.5, 2), w = rng.normal(Shape.of(3), DType.F32, 1, 0.5);
        NDArray b = rng.normal(Shape.of(3), DType.F32, 0, 0.5);
        BatchNormStats stats = x.batchNormStats();
        NDArray want = x.sub(stats.mean().reshape(1, 3, 1, 1)).mul(stats.var().add(EPS).rsqrt().reshape(1, 3, 1, 1))
                .mul(w.reshape(1, 3, 1, 1)).add(b.reshape(1, 3, 1, 1));
        assertThat(stats.normalize(x, w, b, EPS).toFloatArray()).containsExactly(want.toFloatArray());
    }

    @Test
    void backwardMatchesTheClosedFormComposedOfOps() {
        for (DType type : new DType[] {DType.F32, DType.F64}) {
            Rng rng = new Rng(5);
            NDArray x = rng.normal(Shape.of(6, 4, 3, 5), type, 2, 3), g = rng.normal(Shape.of(6, 4, 3, 5), type, 0, 1);
            NDArray w = rng.normal(Shape.of(4), type, 1, 0.5);
            BatchNormStats stats = x.batchNormStats();
            BatchNormStats.Gradients d = stats.backward(x, g, w, EPS);

            int[] dims = {0, 2, 3};
            NDArray invStd = stats.var().astype(DType.F64).add(EPS).rsqrt().reshape(1, 4, 1, 1);
            NDArray xd = x.astype(DType.F64), gd = g.astype(DType.F64);
            NDArray xHat = xd.sub(stats.mean().astype(DType.F64).reshape(1, 4, 1, 1)).mul(invStd);
            NDArray gx = gd.sub(gd.mean(dims, true)).sub(xHat.mul(gd.mul(xHat).mean(dims, true)))
                    .mul(invStd).mul(w.astype(DType.F64).reshape(1, 4, 1, 1));
            double tolerance = type == DType.F32 ? 1e-5 : 1e-12;
            assertClose(d.input(), gx, tolerance);
            assertClose(d.weight(), gd.mul(xHat).sum(dims, false), tolerance);
            assertClose(d.bias(), gd.sum(dims, false), tolerance);
            assertThat(d.input().dtype()).isEqualTo(type);
        }
    }

    @Test
    void backward_rejectsAGradientOfAnotherShape() {
        NDArray x = NDArray.ones(DType.F32, 2, 3, 4);
        assertThatThrownBy(() -> x.batchNormStats().backward(x, NDArray.ones(DType.F32, 2, 3, 5), null, EPS))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("batch_norm backward").hasMessageContaining("[2, 3, 4]").hasMessageContaining("[2, 3, 5]");
    }

    @Test
    void normalize_rejectsAWeightOfTheWrongSize() {
        NDArray x = NDArray.ones(DType.F32, 2, 3, 4), w = NDArray.ones(DType.F32, 4);
        assertThatThrownBy(() -> x.batchNormStats().normalize(x, w, w, EPS))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("batch_norm").hasMessageContaining("x.shape=[2, 3, 4]").hasMessageContaining("weight.shape=[4]");
    }

    /** |actual − expected| ≤ tolerance · (1 + max |expected|), element-wise. */
    private static void assertClose(NDArray actual, NDArray expected, double tolerance) {
        double[] a = actual.toDoubleArray(), e = expected.toDoubleArray();
        double scale = 1;
        for (double v : e) scale = Math.max(scale, Math.abs(v));
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < e.length; i++) assertThat(Math.abs(a[i] - e[i])).as("element %d: %s vs %s", i, a[i], e[i]).isLessThanOrEqualTo(tolerance * scale);
    }
}
