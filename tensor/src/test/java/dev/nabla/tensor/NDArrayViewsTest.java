package dev.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NDArrayViewsTest {

    private static NDArray range(int... shape) {
        return NDArray.arange(0, Shape.of(shape).numel(), 1, DType.F64).reshape(shape);
    }

    @Test
    void reshape_ofContiguousIsAViewInRowMajorOrder() {
        NDArray x = range(2, 3);
        NDArray y = x.reshape(3, -1);
        assertThat(y.shape()).isEqualTo(Shape.of(3, 2));
        assertThat(y.sharesStorageWith(x)).isTrue();
        assertThat(y.toDoubleArray()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    /** wrap shares the array it is given; readFloats/readDoubles share the storage only where it is exactly the elements. */
    @Test
    void wrapAndRead_shareStorageOnlyWhenItIsExactlyTheElements() {
        float[] values = {1, 2, 3, 4, 5, 6};
        NDArray w = NDArray.wrap(values, 2, 3);
        values[0] = 7;
        assertThat(w.get(0, 0)).isEqualTo(7);
        assertThat(w.readFloats()).isSameAs(values);
        assertThat(NDArray.wrap(new double[] {1, 2}, 2).readDoubles()).containsExactly(1, 2);
        assertThatThrownBy(() -> NDArray.wrap(values, 4)).isInstanceOf(ShapeException.class).hasMessageContaining("wrap");
        // a slice from index 0 (storage longer than the elements), a view at an offset, a transpose, another dtype: copies
        assertThat(w.slice(0, 0, 1).readFloats()).containsExactly(7, 2, 3).isNotSameAs(values);
        assertThat(w.slice(0, 1, 2).readFloats()).containsExactly(4, 5, 6);
        assertThat(w.transpose(0, 1).readFloats()).containsExactly(7, 4, 2, 5, 3, 6);
        assertThat(w.readDoubles()).containsExactly(7, 2, 3, 4, 5, 6);
        assertThat(range(2, 3).readFloats()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void transpose_isAViewThatReadsColumns() {
        NDArray t = range(2, 3).transpose(0, 1);
        assertThat(t.shape()).isEqualTo(Shape.of(3, 2));
        assertThat(t.isContiguous()).isFalse();
        assertThat(t.toDoubleArray()).containsExactly(0, 3, 1, 4, 2, 5);
        assertThat(t.get(2, 1)).isEqualTo(5);
    }

    @Test
    void reshape_ofTransposedCopiesButViewRefuses() {
        NDArray t = range(2, 3).transpose(0, 1);
        NDArray flat = t.reshape(6);
        assertThat(flat.sharesStorageWith(t)).isFalse();
        assertThat(flat.toDoubleArray()).containsExactly(0, 3, 1, 4, 2, 5);
        assertThatThrownBy(() -> t.view(6)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("view").hasMessageContaining("[3, 2]");
    }

    @Test
    void view_splitsADimOfAPermutedArrayWhenStridesAllow() {
        NDArray x = range(2, 3, 4).permute(1, 0, 2);   // (3, 2, 4), last dim still contiguous
        NDArray v = x.view(3, 2, 2, 2);
        assertThat(v.sharesStorageWith(x)).isTrue();
        assertThat(v.toDoubleArray()).containsExactly(x.toDoubleArray());
    }

    @Test
    void slice_withStepAndNegativeBounds() {
        NDArray x = range(10);
        assertThat(x.slice(0, 1, 8, 3).toDoubleArray()).containsExactly(1, 4, 7);
        assertThat(x.slice(0, -3, 100).toDoubleArray()).containsExactly(7, 8, 9);
        assertThat(x.slice(0, 5, 2).numel()).isZero();
        NDArray m = range(3, 4).slice(1, 1, 3);
        assertThat(m.toDoubleArray()).containsExactly(1, 2, 5, 6, 9, 10);
        assertThat(m.sharesStorageWith(range(1))).isFalse();
    }

    @Test
    void expand_broadcastsSizeOneDimsWithStrideZero() {
        NDArray b = range(3).reshape(3, 1).expand(2, 3, 4);
        assertThat(b.shape()).isEqualTo(Shape.of(2, 3, 4));
        assertThat(b.strides()).containsExactly(0, 1, 0);
        assertThat(b.get(1, 2, 3)).isEqualTo(2);
        assertThatThrownBy(() -> range(2, 3).expand(4, 3)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[4, 3]").hasMessageContaining("dim 0");
    }

    @Test
    void squeezeUnsqueezeFlatten() {
        NDArray x = range(2, 1, 3);
        assertThat(x.squeeze().shape()).isEqualTo(Shape.of(2, 3));
        assertThat(x.squeeze(0).shape()).isEqualTo(Shape.of(2, 1, 3));
        assertThat(x.squeeze(1).unsqueeze(-1).shape()).isEqualTo(Shape.of(2, 3, 1));
        assertThat(range(2, 3, 4).flatten(1, 2).shape()).isEqualTo(Shape.of(2, 12));
        assertThat(range(2, 3, 4).flatten().shape()).isEqualTo(Shape.of(24));
    }

    @Test
    void astypeConvertsAndCopyIsIndependent() {
        NDArray x = NDArray.of(new double[] {1.5, -2.5, 3}, 3);
        assertThat(x.astype(DType.F32).toFloatArray()).containsExactly(1.5f, -2.5f, 3f);
        assertThat(x.astype(DType.I64).toLongArray()).containsExactly(1, -2, 3);
        assertThat(x.astype(DType.F64)).isSameAs(x);
        assertThat(x.copy().sharesStorageWith(x)).isFalse();
    }

    @Test
    void creation() {
        assertThat(NDArray.linspace(0, 1, 5, DType.F64).toDoubleArray()).containsExactly(0, 0.25, 0.5, 0.75, 1);
        assertThat(NDArray.eye(2, DType.F32).toFloatArray()).containsExactly(1, 0, 0, 1);
        assertThat(NDArray.arange(5, 0, -2, DType.I64).toLongArray()).containsExactly(5, 3, 1);
        assertThat(NDArray.full(7, DType.F32, 2, 2).toFloatArray()).containsExactly(7, 7, 7, 7);
        assertThat(NDArray.scalar(3, DType.F64).item()).isEqualTo(3);
        assertThatThrownBy(() -> NDArray.of(new float[5], 2, 3)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("5 values").hasMessageContaining("[2, 3]");
    }

    @Test
    void badDimsNameTheOpAndShape() {
        assertThatThrownBy(() -> range(2, 3).transpose(0, 2)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("transpose").hasMessageContaining("dim 2").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> range(2, 3).reshape(4, 2)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[4, 2]");
        assertThatThrownBy(() -> range(2, 3).get(2, 0)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("[2, 0]");
    }

    @Test
    void rngIsReproducibleAndSplitsIndependently() {
        Rng a = new Rng(7), b = new Rng(7);
        assertThat(a.nextLong()).isEqualTo(b.nextLong());
        Rng s1 = a.split(), s2 = a.split();
        assertThat(s1.nextLong()).isNotEqualTo(s2.nextLong());
        long[] perm = new Rng(1).permutation(100).toLongArray();
        assertThat(perm).hasSize(100);
        assertThat(java.util.Arrays.stream(perm).sorted().toArray()).isEqualTo(NDArray.arange(0, 100, 1, DType.I64).toLongArray());
        NDArray normal = new Rng(3).normal(Shape.of(100_000), DType.F64, 0, 1);
        double[] v = normal.toDoubleArray();
        double mean = java.util.Arrays.stream(v).average().orElseThrow();
        double var = java.util.Arrays.stream(v).map(t -> (t - mean) * (t - mean)).sum() / v.length;
        // 100k samples: std error of the mean is 0.003, of the variance about 0.0045
        assertThat(mean).isBetween(-0.015, 0.015);
        assertThat(var).isBetween(0.98, 1.02);
    }
}
