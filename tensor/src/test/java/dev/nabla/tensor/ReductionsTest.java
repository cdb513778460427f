package dev.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.tensor.testing.Cases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reductions, softmax and batch-norm statistics on hand-checked values, edge cases and errors. */
class ReductionsTest {

    /** x[i][j][k] = 12i + 4j + k, shape (2, 3, 4). */
    private static NDArray x234(DType dtype) {
        return NDArray.arange(0, 24, 1, dtype).reshape(2, 3, 4);
    }

    private static int[] dims(int... d) {
        return d;
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void sum_overEachDimSet(DType dtype) {
        NDArray x = x234(dtype);
        // Σ_j (12i + 4j + k) = 36i + 12 + 3k
        assertThat(x.sum(dims(1), false).toDoubleArray()).containsExactly(12, 15, 18, 21, 48, 51, 54, 57);
        // Σ_i Σ_k = 60 + 32j
        assertThat(x.sum(dims(0, 2), false).toDoubleArray()).containsExactly(60, 92, 124);
        // Σ_k = 48i + 16j + 6
        assertThat(x.sum(dims(-1), false).toDoubleArray()).containsExactly(6, 22, 38, 54, 70, 86);
        assertThat(x.sum().item()).isEqualTo(276);
        assertThat(x.sum().rank()).isZero();
        assertThat(x.sum(dims(1), false).dtype()).isEqualTo(dtype);
    }

    @Test
    void sum_keepDimKeepsReducedDimsWithExtentOne() {
        NDArray x = x234(DType.F32);
        assertThat(x.sum(dims(0, 2), true).shape()).isEqualTo(Shape.of(1, 3, 1));
        assertThat(x.sum(dims(2, 0), true).toDoubleArray()).containsExactly(60, 92, 124);
        assertThat(x.sum(dims(1), true).shape()).isEqualTo(Shape.of(2, 1, 4));
        assertThat(x.sum(new int[0], true).shape()).isEqualTo(Shape.of(1, 1, 1));
    }

    @Test
    void sum_emptyDimsListReducesEverything_asPyTorch() {
        assertThat(x234(DType.F64).sum(new int[0], false).item()).isEqualTo(276);
    }

    @Test
    void sum_readsStridedViews() {
        NDArray x = x234(DType.F32);
        // transposed (4, 3, 2): reducing dim 0 sums the original k
        NDArray t = x.transpose(0, 2);
        assertThat(t.sum(dims(0), false).shape()).isEqualTo(Shape.of(3, 2));
        assertThat(t.sum(dims(0), false).toDoubleArray()).containsExactly(6, 54, 22, 70, 38, 86);
        // k in {0, 2}: Σ_{i,j} (24i + 8j + 2) = 72 + 48 + 12
        assertThat(x.slice(2, 0, 4, 2).sum().item()).isEqualTo(132);
        // contiguous with an offset: i = 1 only, Σ_{j,k} (12 + 4j + k) = 144 + 48 + 18
        assertThat(x.slice(0, 1, 2).sum().item()).isEqualTo(210);
        assertThat(x.slice(0, 1, 2).sum(dims(0, 2), false).toDoubleArray()).containsExactly(54, 70, 86);
        // expanded with stride 0: each column holds its value 4 times
        NDArray e = NDArray.of(new float[] {1, 2, 3}, 3).unsqueeze(0).expand(4, 3);
        assertThat(e.sum(dims(0), false).toDoubleArray()).containsExactly(4, 8, 12);
        assertThat(e.sum().item()).isEqualTo(24);
    }

    @Test
    void sum_overDimsOnBothSidesOfAKeptDim_andOverALeadingDim() {
        // (3, 2, 100) over {0, 2}: Σ_i Σ_k (200i + 100j + k) = 100·200·3 + 300·100j + 3·4950
        NDArray x = NDArray.arange(0, 600, 1, DType.F32).reshape(3, 2, 100);
        assertThat(x.sum(dims(0, 2), false).toDoubleArray()).containsExactly(74850, 104850);
        // (3, 2) over dim 0: column sums
        assertThat(NDArray.arange(0, 6, 1, DType.F32).reshape(3, 2).sum(dims(0), false).toDoubleArray()).containsExactly(6, 9);
        // (3, 1, 2) over {0, 2}: one output, read as one row
        assertThat(NDArray.arange(0, 6, 1, DType.F32).reshape(3, 1, 2).sum(dims(0, 2), true).toDoubleArray()).containsExactly(15);
    }

    @Test
    void sumMaxVar_overLeadingDimsOfAWideMatrix_areColumnReductions() {
        // (200, 37) with x[i][c] = i + 1000c: Σ_i = 19900 + 200 000c, max = 199 + 1000c, var = (200² − 1)/12
        int n = 200, c = 37;
        float[] v = new float[n * c];
        for (int i = 0; i < n; i++) for (int k = 0; k < c; k++) v[i * c + k] = i + 1000 * k;
        NDArray x = NDArray.of(v, n, c);
        for (int k = 0; k < c; k++) {
            assertThat(x.sum(dims(0), false).get(k)).isEqualTo(19900 + 200_000.0 * k);
            assertThat(x.max(dims(0), false).get(k)).isEqualTo(199 + 1000.0 * k);
            assertThat(x.var(dims(0), false, false).get(k)).isCloseTo((n * n - 1) / 12.0, within(1e-3));
        }
    }

    @Test
    void mean_dividesByTheReducedCount() {
        assertThat(x234(DType.F64).mean(dims(0, 2), false).toDoubleArray()).containsExactly(7.5, 11.5, 15.5);
        assertThat(x234(DType.F32).mean().item()).isEqualTo(11.5);
    }

    @Test
    void zeroSizeReductions_sumIsZero_meanIsNaN_maxThrows() {
        NDArray x = NDArray.zeros(DType.F32, 2, 0);
        assertThat(x.sum(dims(1), false).toDoubleArray()).containsExactly(0, 0);
        assertThat(x.mean(dims(1), false).toDoubleArray()).containsExactly(Double.NaN, Double.NaN);
        assertThat(x.var(dims(1), false, false).toDoubleArray()).containsExactly(Double.NaN, Double.NaN);
        assertThat(x.logsumexp(dims(1), false).toDoubleArray()).containsExactly(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> x.max(dims(1), false)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("max").hasMessageContaining("[2, 0]").hasMessageContaining("extent 0");
        assertThatThrownBy(() -> x.argmin(1, false)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("argmin").hasMessageContaining("[2, 0]");
        // reducing a non-empty dim of an empty array is fine: the result is empty
        assertThat(NDArray.zeros(DType.F32, 0, 3).max(dims(1), false).shape()).isEqualTo(Shape.of(0));
    }

    @Test
    void var_biasedAndUnbiased() {
        NDArray x = NDArray.of(new double[] {1, 2, 3, 4}, 4);
        assertThat(x.var(dims(0), false, false).item()).isEqualTo(1.25);
        assertThat(x.var(dims(0), true, false).item()).isCloseTo(5.0 / 3, within(1e-15));
        assertThat(NDArray.of(new double[] {7}, 1).var(dims(0), true, false).item()).isNaN();
        // rows of (2, 3): [0, 1, 2] and [3, 5, 10]
        NDArray m = NDArray.of(new float[] {0, 1, 2, 3, 5, 10}, 2, 3);
        assertThat(m.var(dims(1), true, true).shape()).isEqualTo(Shape.of(2, 1));
        assertThat(m.var(dims(1), true, false).toDoubleArray()).containsExactly(1, 13);
    }

    @Test
    void var_overSeveralDims_matchesHandValues() {
        // x[i][j][k] = 12i + 4j + k: over {0, 2} each j has the values {0,1,2,3} and {12,…,15} shifted by 4j:
        // mean 7.5 + 4j − 0 and deviations ±6 plus {−1.5, −0.5, 0.5, 1.5}: Σd² = 8·36 + 2·5 = 298
        NDArray x = x234(DType.F32);
        assertThat(x.var(dims(0, 2), false, false).toDoubleArray()).containsExactly(298.0 / 8, 298.0 / 8, 298.0 / 8);
        assertThat(x.var(dims(2, 0), true, true).shape()).isEqualTo(Shape.of(1, 3, 1));
        assertThat(x.var(dims(2, 0), true, true).toFloatArray()).containsExactly(298f / 7, 298f / 7, 298f / 7);
    }

    @Test
    void sumAndVar_ofLongF32RowsAboveTheParallelThreshold_matchDoubleLoops() {
        int rows = 3, cols = 70_000;
        float[] v = new float[rows * cols];
        Rng rng = new Rng(3);
        for (int i = 0; i < v.length; i++) v[i] = (float) (5 + rng.nextDouble());
        NDArray x = NDArray.of(v, rows, cols);
        for (int r = 0; r < rows; r++) {
            double s = 0, q = 0;
            for (int k = 0; k < cols; k++) s += v[r * cols + k];
            for (int k = 0; k < cols; k++) q += (v[r * cols + k] - s / cols) * (v[r * cols + k] - s / cols);
            assertThat(x.sum(dims(1), false).get(r)).isCloseTo(s, within(1e-6 * s));
            assertThat(x.var(dims(1), false, false).get(r)).isCloseTo(q / cols, within(1e-5 * q / cols));
        }
    }

    @Test
    void var_isStableFarFromZero() {
        // E[x²] − E[x]² in float would lose every digit here (x² ≈ 1e12, float spacing 65536)
        float[] v = new float[1000];
        for (int i = 0; i < v.length; i++) v[i] = 1_000_000f + (i % 4);
        assertThat(NDArray.of(v, v.length).var(dims(0), false, false).item()).isCloseTo(1.25, within(1e-6));
    }

    @Test
    void max_min_propagateNaN_andPickAlongDims() {
        NDArray x = NDArray.of(new float[] {3, -1, 7, 2, Float.NaN, 0}, 2, 3);
        assertThat(x.max(dims(1), false).toDoubleArray()).containsExactly(7, Double.NaN);
        assertThat(x.min(dims(1), false).toDoubleArray()).containsExactly(-1, Double.NaN);
        assertThat(x.max(dims(0), false).toDoubleArray()).containsExactly(3, Double.NaN, 7);
        assertThat(x.min().item()).isNaN();
        assertThat(x234(DType.F64).max(dims(0, 1), true).toDoubleArray()).containsExactly(20, 21, 22, 23);
        assertThat(x234(DType.F32).min(dims(2), false).toDoubleArray()).containsExactly(0, 4, 8, 12, 16, 20);
    }

    @Test
    void argmax_argmin_tiesPickTheFirst_NaNWins() {
        NDArray ties = NDArray.of(new double[] {1, 3, 3, 2}, 4);
        assertThat(ties.argmax(0, false).getLong()).isEqualTo(1);
        assertThat(NDArray.of(new float[] {2, 1, 1}, 3).argmin(0, false).getLong()).isEqualTo(1);
        NDArray nan = NDArray.of(new float[] {1, Float.NaN, 5, Float.NaN}, 4);
        assertThat(nan.argmax(0, false).getLong()).isEqualTo(1);
        assertThat(nan.argmin(0, false).getLong()).isEqualTo(1);
        NDArray m = NDArray.of(new float[] {0, 9, 4, 8, 1, 4}, 2, 3);
        NDArray am = m.argmax(0, true);
        assertThat(am.dtype()).isEqualTo(DType.I64);
        assertThat(am.shape()).isEqualTo(Shape.of(1, 3));
        assertThat(am.toLongArray()).containsExactly(1, 0, 0);
        assertThat(m.argmin(-1, false).toLongArray()).containsExactly(0, 1);
        assertThat(m.transpose(0, 1).argmax(1, false).toLongArray()).containsExactly(1, 0, 0);
    }

    @Test
    void logsumexp_isStableAtPlusMinus1000_andHandlesInfinities() {
        double ln2 = Math.log(2);
        assertThat(NDArray.of(new float[] {1000, 1000}, 2).logsumexp(dims(0), false).item()).isCloseTo(1000 + ln2, within(1e-4));
        assertThat(NDArray.of(new double[] {-1000, -1000}, 2).logsumexp(dims(0), false).item()).isCloseTo(-1000 + ln2, within(1e-12));
        assertThat(NDArray.of(new double[] {0, 0, 0}, 3).logsumexp(dims(0), false).item()).isCloseTo(Math.log(3), within(1e-15));
        double inf = Double.POSITIVE_INFINITY;
        assertThat(NDArray.of(new double[] {-inf, -inf}, 2).logsumexp(dims(0), false).item()).isEqualTo(-inf);
        assertThat(NDArray.of(new float[] {(float) inf, 1}, 2).logsumexp(dims(0), false).item()).isEqualTo(inf);
        assertThat(NDArray.of(new float[] {Float.NaN, 1}, 2).logsumexp(dims(0), false).item()).isNaN();
        // over two dims of (2, 2, 2) of zeros: ln 4 each
        assertThat(NDArray.zeros(DType.F32, 2, 2, 2).logsumexp(dims(0, 2), true).toDoubleArray())
                .containsExactly(new double[] {Math.log(4), Math.log(4)}, within(1e-6));
    }

    @Test
    void softmax_matchesHandValues_andIsStable() {
        NDArray x = NDArray.of(new double[] {0, Math.log(2), Math.log(3)}, 3);
        assertThat(x.softmax(0).toDoubleArray()).containsExactly(new double[] {1.0 / 6, 2.0 / 6, 3.0 / 6}, within(1e-15));
        assertThat(x.logSoftmax(0).toDoubleArray())
                .containsExactly(new double[] {Math.log(1.0 / 6), Math.log(2.0 / 6), Math.log(3.0 / 6)}, within(1e-15));
        NDArray big = NDArray.of(new float[] {1000, -1000, 1000, 1000, -1000, 1000}, 2, 3);
        assertThat(big.transpose(0, 1).softmax(1).toDoubleArray()).containsExactly(0.5, 0.5, 0.5, 0.5, 0.5, 0.5);
        assertThat(NDArray.of(new float[] {-1000, -1000, -1000}, 3).softmax(0).toDoubleArray())
                .containsExactly(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, within(1e-7));
        assertThat(NDArray.of(new float[] {1000, 0}, 2).logSoftmax(0).toDoubleArray()).containsExactly(0, -1000);
    }

    @Test
    void softmax_alongDim0_rowsSumToOne() {
        NDArray x = NDArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        NDArray s = x.softmax(0);
        assertThat(s.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(s.sum(dims(0), false).toDoubleArray()).containsExactly(new double[] {1, 1, 1}, within(1e-6));
        // each column is softmax([a, a+3]) = [1/(1+e³), e³/(1+e³)]
        double lo = 1 / (1 + Math.exp(3));
        assertThat(s.toDoubleArray()).containsExactly(new double[] {lo, lo, lo, 1 - lo, 1 - lo, 1 - lo}, within(1e-7));
    }

    @Test
    void softmaxRowsSumToOne_andLogSoftmaxIsItsLog() {
        Cases.forAll("softmax rows sum to one", 20, (rng, c) -> {
            int[] shape = new int[Cases.size(rng, 1, 3)];
            for (int d = 0; d < shape.length; d++) shape[d] = Cases.size(rng, 1, 40);
            int dim = Cases.size(rng, -shape.length, shape.length - 1);
            DType dtype = c % 2 == 0 ? DType.F32 : DType.F64;
            NDArray x = NDArray.of(Cases.doubles(rng, Shape.of(shape).numel(), -50, 50), shape).astype(dtype);
            NDArray s = x.softmax(dim);
            assertThat(s.shape()).isEqualTo(x.shape());
            for (double rowSum : s.sum(dims(dim), false).toDoubleArray()) assertThat(rowSum).isCloseTo(1, within(1e-5));
            double[] softmax = s.toDoubleArray(), logSoftmax = x.logSoftmax(dim).toDoubleArray();
            for (int i = 0; i < logSoftmax.length; i++) {
                // where the probability is not tiny, log(softmax) is accurate enough to compare
                if (softmax[i] > 1e-10) assertThat(logSoftmax[i]).isCloseTo(Math.log(softmax[i]), within(1e-4));
            }
        });
    }

    @Test
    void batchNormStats_matchesTwoPassDouble_onContiguousAndStridedInputs() {
        Rng rng = new Rng(7);
        // H·W = 80 runs are read in place (per channel: N runs of H·W); the strided view is copied first
        int n = 4, c = 3, h = 8, w = 10;
        float[] v = new float[n * c * h * w];
        for (int i = 0; i < v.length; i++) v[i] = (float) (100 + 10 * (i % 7) + rng.nextDouble());
        NDArray x = NDArray.of(v, n, c, h, w);
        double[][] expected = twoPassPerChannel(v, n, c, h * w);
        BatchNormStats s = x.batchNormStats();
        assertThat(s.count()).isEqualTo(n * h * w);
        assertThat(s.mean().shape()).isEqualTo(Shape.of(c));
        assertThat(s.mean().toDoubleArray()).containsExactly(expected[0], within(1e-4));
        assertThat(s.var().toDoubleArray()).containsExactly(expected[1], within(1e-4));
        // the same data as a strided view: (C, N, H, W) contiguous, permuted to (N, C, H, W)
        NDArray strided = x.permute(1, 0, 2, 3).contiguous().permute(1, 0, 2, 3);
        assertThat(strided.isContiguous()).isFalse();
        BatchNormStats t = strided.batchNormStats();
        assertThat(t.mean().toDoubleArray()).containsExactly(expected[0], within(1e-4));
        assertThat(t.var().toDoubleArray()).containsExactly(expected[1], within(1e-4));
    }

    @Test
    void batchNormStats_ofTwoDimInput_isPerColumn() {
        NDArray x = NDArray.of(new double[] {1, 10, 3, 20, 5, 60}, 3, 2);
        BatchNormStats s = x.batchNormStats();
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.mean().toDoubleArray()).containsExactly(3, 30);
        assertThat(s.var().toDoubleArray()).containsExactly(new double[] {8.0 / 3, 1400.0 / 3}, within(1e-12));
    }

    private static double[][] twoPassPerChannel(float[] v, int n, int c, int s) {
        double[] mean = new double[c], var = new double[c];
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < n; i++) for (int k = 0; k < s; k++) mean[ch] += v[(i * c + ch) * s + k];
            mean[ch] /= n * s;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < s; k++) {
                    double d = v[(i * c + ch) * s + k] - mean[ch];
                    var[ch] += d * d;
                }
            }
            var[ch] /= n * s;
        }
        return new double[][] {mean, var};
    }

    @Test
    void errors_nameTheOpTheShapeAndTheDim() {
        NDArray x = NDArray.zeros(DType.F32, 2, 3);
        assertThatThrownBy(() -> x.sum(dims(1, -1), false)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("sum").hasMessageContaining("more than once").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> x.mean(dims(2), false)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("mean").hasMessageContaining("dim 2").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> x.softmax(-3)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("softmax").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> NDArray.zeros(DType.I64, 2).sum()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sum").hasMessageContaining("I64").hasMessageContaining("[2]");
        assertThatThrownBy(() -> NDArray.zeros(DType.F32, 5).batchNormStats()).isInstanceOf(ShapeException.class)
                .hasMessageContaining("batchNormStats").hasMessageContaining("[5]");
    }
}
