package dev.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MatMulTest {

    private static NDArray f32(float[] values, int... shape) {
        return NDArray.of(values, shape);
    }

    /** {@code i·scale} for i = 0 … n−1. */
    private static double[] values(int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = i * scale;
        return v;
    }

    private static NDArray range(DType dtype, int... shape) {
        return NDArray.arange(0, Shape.of(shape).numel(), 1, dtype).reshape(shape);
    }

    @Test
    void matmul_twoByTwo() {
        NDArray c = f32(new float[] {1, 2, 3, 4}, 2, 2).matmul(f32(new float[] {5, 6, 7, 8}, 2, 2));
        assertThat(c.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(c.dtype()).isEqualTo(DType.F32);
        assertThat(c.toFloatArray()).containsExactly(19, 22, 43, 50);
    }

    @Test
    void matmul_vectorDotVectorIsAScalar() {
        NDArray c = f32(new float[] {1, 2, 3}, 3).matmul(f32(new float[] {4, 5, 6}, 3));
        assertThat(c.rank()).isZero();
        assertThat(c.item()).isEqualTo(32);
    }

    @Test
    void matmul_vectorTimesMatrixDropsThePrependedDim() {
        // [1, 2] · [[1, 2, 3], [4, 5, 6]] = [9, 12, 15]
        NDArray c = f32(new float[] {1, 2}, 2).matmul(f32(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        assertThat(c.shape()).isEqualTo(Shape.of(3));
        assertThat(c.toFloatArray()).containsExactly(9, 12, 15);
    }

    @Test
    void matmul_matrixTimesVectorDropsTheAppendedDim() {
        // [[1, 2, 3], [4, 5, 6]] · [1, 0, -1] = [-2, -2]
        NDArray c = f32(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).matmul(f32(new float[] {1, 0, -1}, 3));
        assertThat(c.shape()).isEqualTo(Shape.of(2));
        assertThat(c.toFloatArray()).containsExactly(-2, -2);
    }

    @Test
    void matmul_batchedTimesVectorAndVectorTimesBatched() {
        NDArray x = range(DType.F32, 3, 2, 2); // batches [[0,1],[2,3]], [[4,5],[6,7]], [[8,9],[10,11]]
        NDArray v = f32(new float[] {1, -1}, 2);
        NDArray xv = x.matmul(v);
        assertThat(xv.shape()).isEqualTo(Shape.of(3, 2));
        assertThat(xv.toFloatArray()).containsExactly(-1, -1, -1, -1, -1, -1);
        NDArray vx = v.matmul(x); // row vector times each batch: [0-2, 1-3], ...
        assertThat(vx.shape()).isEqualTo(Shape.of(3, 2));
        assertThat(vx.toFloatArray()).containsExactly(-2, -2, -2, -2, -2, -2);
    }

    @Test
    void matmul_batchedMatricesMultiplyPerBatch() {
        // batch 0: [[0,1],[2,3]]·I = itself; batch 1: [[4,5],[6,7]]·[[0,1],[1,0]] swaps columns
        NDArray a = range(DType.F32, 2, 2, 2);
        NDArray b = f32(new float[] {1, 0, 0, 1, 0, 1, 1, 0}, 2, 2, 2);
        NDArray c = a.matmul(b);
        assertThat(c.shape()).isEqualTo(Shape.of(2, 2, 2));
        assertThat(c.toFloatArray()).containsExactly(0, 1, 2, 3, 5, 4, 7, 6);
    }

    @Test
    void matmul_broadcastsBatchDims() {
        // a (2,1,2) holds rows [1,2] and [3,4]; b (3,2,1) holds columns [1,1], [1,0], [0,1]
        NDArray a = f32(new float[] {1, 2, 3, 4}, 2, 1, 1, 2);
        NDArray b = f32(new float[] {1, 1, 1, 0, 0, 1}, 3, 2, 1);
        NDArray c = a.matmul(b);
        assertThat(c.shape()).isEqualTo(Shape.of(2, 3, 1, 1));
        assertThat(c.toFloatArray()).containsExactly(3, 1, 2, 7, 3, 4);
    }

    @Test
    void matmul_broadcastShapeFollowsPyTorch() {
        NDArray a = range(DType.F32, 2, 1, 3, 4);
        NDArray b = range(DType.F32, 5, 4, 6);
        NDArray c = a.matmul(b);
        assertThat(c.shape()).isEqualTo(Shape.of(2, 5, 3, 6));
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 5; j++) {
                NDArray expected = a.slice(0, i, i + 1).reshape(3, 4).matmul(b.slice(0, j, j + 1).reshape(4, 6));
                NDArray actual = c.slice(0, i, i + 1).slice(1, j, j + 1).reshape(3, 6);
                assertThat(actual.toFloatArray()).containsExactly(expected.toFloatArray());
            }
        }
    }

    @Test
    void matmul_transposedSlicedAndExpandedViewsGiveTheSameResultAsContiguousCopies() {
        NDArray base = NDArray.arange(-20, 20, 0.37, DType.F32);
        NDArray a = base.slice(0, 0, 96).reshape(8, 12).transpose(0, 1);          // (12,8), strides (1,12)
        NDArray b = base.slice(0, 3, 3 + 80, 2).reshape(8, 5);                     // (8,5), non-contiguous
        NDArray batch = a.unsqueeze(0).expand(3, 12, 8);                            // (3,12,8), batch stride 0
        assertThat(a.matmul(b).toFloatArray()).containsExactly(a.contiguous().matmul(b.contiguous()).toFloatArray());
        assertThat(batch.matmul(b).toFloatArray())
                .containsExactly(batch.contiguous().matmul(b.contiguous()).toFloatArray());
        NDArray bt = b.transpose(0, 1); // (5,8)
        assertThat(bt.matmul(a.transpose(0, 1)).toFloatArray())
                .containsExactly(bt.contiguous().matmul(a.transpose(0, 1).contiguous()).toFloatArray());
    }

    @Test
    void matmul_transposedViewIsNotCopied() {
        // A^T·B through strides: the result must equal the product with an explicitly transposed copy,
        // while the operand view still shares storage with its source (matmul made no copy of it)
        NDArray a = range(DType.F32, 70, 65);
        NDArray at = a.transpose(0, 1);
        NDArray b = range(DType.F32, 70, 33);
        NDArray viaView = at.matmul(b);
        assertThat(at.sharesStorageWith(a)).isTrue();
        assertThat(viaView.toFloatArray()).containsExactly(at.contiguous().matmul(b).toFloatArray());
    }

    @Test
    void matmul_f64AndMixedOperandsComputeInF64() {
        NDArray a = NDArray.of(new double[] {0.1, 0.2, 0.3, 0.4}, 2, 2);
        NDArray b = f32(new float[] {1, 2, 3, 4}, 2, 2);
        NDArray c = a.matmul(b);
        assertThat(c.dtype()).isEqualTo(DType.F64);
        assertThat(c.toDoubleArray()).containsExactly(0.1 + 0.2 * 3, 0.1 * 2 + 0.2 * 4, 0.3 + 0.4 * 3, 0.3 * 2 + 0.4 * 4);
        assertThat(b.matmul(a).dtype()).isEqualTo(DType.F64);
    }

    @Test
    void matmul_f32AgreesWithF64AboveTheParallelThreshold() {
        NDArray a = NDArray.of(values(90 * 70, 0.001), 90, 70);
        NDArray b = NDArray.of(values(70 * 80, -0.002), 70, 80);
        double[] exact = a.matmul(b).toDoubleArray();
        float[] fast = a.astype(DType.F32).matmul(b.astype(DType.F32)).toFloatArray();
        for (int i = 0; i < exact.length; i++) {
            // inputs rounded to float (2^-24 relative each) and a K=70 float sum: well under 1e-5 relative
            assertThat((double) fast[i]).isCloseTo(exact[i], within(1e-5 * Math.abs(exact[i]) + 1e-6));
        }
    }

    @Test
    void matmul_emptyInnerDimGivesZeros() {
        NDArray c = NDArray.zeros(DType.F32, 2, 0).matmul(NDArray.zeros(DType.F32, 0, 3));
        assertThat(c.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(c.toFloatArray()).containsOnly(0f);
        assertThat(NDArray.zeros(DType.F32, 0, 3).matmul(NDArray.zeros(DType.F32, 3, 4)).shape())
                .isEqualTo(Shape.of(0, 4));
    }

    @Test
    void matmul_rejectsInnerDimensionMismatch() {
        assertThatThrownBy(() -> NDArray.zeros(DType.F32, 2, 3).matmul(NDArray.zeros(DType.F32, 4, 5)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("matmul: inner dimensions must match: a.shape=[2, 3], b.shape=[4, 5] (a[1]=3 != b[0]=4)");
        assertThatThrownBy(() -> NDArray.zeros(DType.F32, 7, 2, 3).matmul(NDArray.zeros(DType.F32, 4)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("a.shape=[7, 2, 3], b.shape=[4]").hasMessageContaining("a[2]=3 != b[0]=4");
    }

    @Test
    void matmul_rejectsBatchDimsThatDoNotBroadcast() {
        assertThatThrownBy(() -> NDArray.zeros(DType.F32, 2, 3, 4).matmul(NDArray.zeros(DType.F32, 5, 4, 6)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("matmul: batch dimensions are not broadcastable")
                .hasMessageContaining("a.shape=[2, 3, 4], b.shape=[5, 4, 6]")
                .hasMessageContaining("dim -3: 2 vs 5");
    }

    @Test
    void matmul_rejectsScalarsAndI64() {
        assertThatThrownBy(() -> NDArray.scalar(2, DType.F32).matmul(NDArray.zeros(DType.F32, 3)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("at least 1 dimension").hasMessageContaining("a.shape=[], b.shape=[3]");
        assertThatThrownBy(() -> NDArray.zeros(DType.I64, 2, 2).matmul(NDArray.zeros(DType.F32, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matmul").hasMessageContaining("I64").hasMessageContaining("[2, 2]");
    }
}
