package dev.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Element-wise ops through the public API: hand-checked values, broadcasting, dtypes, views and errors. */
class ElementwiseTest {

    private static NDArray f32(float[] values, int... shape) {
        return NDArray.of(values, shape);
    }

    private static NDArray range(DType dtype, int... shape) {
        return NDArray.arange(0, Shape.of(shape).numel(), 1, dtype).reshape(shape);
    }

    // ---- broadcasting ---------------------------------------------------------------------------

    @Test
    void add_broadcastsColumnAgainstRow() {
        NDArray col = f32(new float[] {0, 10, 20}, 3, 1);
        NDArray row = f32(new float[] {1, 2, 3, 4}, 1, 4);
        NDArray sum = col.add(row);
        assertThat(sum.shape()).isEqualTo(Shape.of(3, 4));
        assertThat(sum.dtype()).isEqualTo(DType.F32);
        assertThat(sum.toFloatArray()).containsExactly(1, 2, 3, 4, 11, 12, 13, 14, 21, 22, 23, 24);
    }

    @Test
    void sub_broadcastsTrailingVectorOverRows() {
        NDArray x = range(DType.F64, 2, 3);                       // [[0,1,2],[3,4,5]]
        NDArray v = NDArray.of(new double[] {1, 1, 2}, 3);
        assertThat(x.sub(v).toDoubleArray()).containsExactly(-1, 0, 0, 2, 3, 3);
        assertThat(v.sub(x).toDoubleArray()).containsExactly(1, 0, 0, -2, -3, -3);
    }

    @Test
    void mul_withRank0ScalarKeepsTheTensorShape() {
        NDArray x = range(DType.F32, 2, 2);
        NDArray s = NDArray.scalar(3, DType.F32);
        assertThat(x.mul(s).shape()).isEqualTo(Shape.of(2, 2));
        assertThat(s.mul(x).toFloatArray()).containsExactly(0, 3, 6, 9);
        assertThat(x.mul(2.5).toFloatArray()).containsExactly(0, 2.5f, 5, 7.5f);
    }

    @Test
    void rank0WithRank0IsRank0() {
        NDArray r = NDArray.scalar(6, DType.F64).div(NDArray.scalar(4, DType.F64));
        assertThat(r.rank()).isZero();
        assertThat(r.item()).isEqualTo(1.5);
    }

    @Test
    void sizeZeroBroadcastsToSizeZero() {
        NDArray empty = NDArray.zeros(DType.F32, 0, 3);
        NDArray r = empty.add(NDArray.ones(DType.F32, 1, 3));
        assertThat(r.shape()).isEqualTo(Shape.of(0, 3));
        assertThat(NDArray.zeros(DType.F32, 0).exp().shape()).isEqualTo(Shape.of(0));
    }

    @Test
    void add_rejectsNonBroadcastableShapesNamingBoth() {
        NDArray a = NDArray.zeros(DType.F32, 2, 3), b = NDArray.zeros(DType.F32, 3, 2);
        assertThatThrownBy(() -> a.add(b)).isInstanceOf(ShapeException.class)
                .hasMessage("add: shapes are not broadcastable: [2, 3] vs [3, 2] (dim -1: 3 vs 2)");
    }

    @Test
    void broadcastShape_namesTheFirstConflictingDimFromTheRight() {
        assertThat(Broadcast.shape("x", Shape.of(5, 1, 3), Shape.of(4, 1))).isEqualTo(Shape.of(5, 4, 3));
        assertThat(Broadcast.shape("x", Shape.of(), Shape.of(2))).isEqualTo(Shape.of(2));
        assertThatThrownBy(() -> Broadcast.shape("mul", Shape.of(4, 3), Shape.of(2, 5, 3)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("mul: shapes are not broadcastable: [4, 3] vs [2, 5, 3] (dim -2: 4 vs 5)");
    }

    // ---- strided inputs -------------------------------------------------------------------------

    @Test
    void add_readsTransposedSlicedAndExpandedViews() {
        NDArray x = range(DType.F32, 3, 4);                     // [[0..3],[4..7],[8..11]]
        NDArray t = x.transpose(0, 1);                          // (4,3): t[i][j] = x[j][i]
        NDArray ones = NDArray.ones(DType.F32, 4, 3);
        assertThat(t.add(ones).toFloatArray()).containsExactly(1, 5, 9, 2, 6, 10, 3, 7, 11, 4, 8, 12);

        NDArray everyOther = x.slice(1, 0, 4, 2);               // columns 0 and 2: (3,2)
        assertThat(everyOther.mul(everyOther).toFloatArray()).containsExactly(0, 4, 16, 36, 64, 100);

        NDArray expanded = NDArray.of(new float[] {1, 2, 3}, 3, 1).expand(3, 4); // stride 0 along dim 1
        assertThat(expanded.sub(x).toFloatArray()).containsExactly(1, 0, -1, -2, -2, -3, -4, -5, -5, -6, -7, -8);
    }

    @Test
    void unary_readsATransposedView() {
        NDArray t = range(DType.F64, 2, 3).transpose(0, 1);     // [[0,3],[1,4],[2,5]]
        assertThat(t.neg().toDoubleArray()).containsExactly(-0.0, -3, -1, -4, -2, -5);
        assertThat(t.square().shape()).isEqualTo(Shape.of(3, 2));
    }

    // ---- dtypes ---------------------------------------------------------------------------------

    @Test
    void mixedF32AndF64PromoteToF64() {
        NDArray a = NDArray.of(new float[] {0.1f}, 1);
        NDArray b = NDArray.of(new double[] {0.2}, 1);
        NDArray s = a.add(b);
        assertThat(s.dtype()).isEqualTo(DType.F64);
        assertThat(s.item()).isEqualTo((double) 0.1f + 0.2);
    }

    @Test
    void i64ArithmeticIsExactBeyondDoublePrecision() {
        long big = (1L << 60) + 1;
        NDArray a = NDArray.of(new long[] {big, -5}, 2);
        NDArray b = NDArray.of(new long[] {1, 3}, 2);
        assertThat(a.add(b).toLongArray()).containsExactly(big + 1, -2);
        assertThat(a.mul(b).toLongArray()).containsExactly(big, -15);
        assertThat(a.maximum(b).toLongArray()).containsExactly(big, 3);
        assertThat(a.neg().abs().sign().toLongArray()).containsExactly(1, 1);
        assertThat(a.gt(b).dtype()).isEqualTo(DType.I64);
        assertThat(a.clamp(-1.5, 2.5).toLongArray()).containsExactly(2, -1);
    }

    @Test
    void i64IsRejectedForDivPowAndTranscendentals() {
        NDArray a = NDArray.of(new long[] {1, 2}, 2);
        assertThatThrownBy(() -> a.div(a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("div: I64 operands are not supported").hasMessageContaining("[2]");
        assertThatThrownBy(() -> a.pow(a)).hasMessageContaining("pow: I64");
        assertThatThrownBy(a::exp).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exp: I64 input is not supported").hasMessageContaining("x.shape=[2]");
        assertThatThrownBy(a::erf).hasMessageContaining("erf: I64");
        assertThatThrownBy(a::sqrt).hasMessageContaining("sqrt: I64");
    }

    @Test
    void i64WithF32GivesF32() {
        NDArray r = NDArray.of(new long[] {3}, 1).div(NDArray.of(new float[] {2}, 1));
        assertThat(r.dtype()).isEqualTo(DType.F32);
        assertThat(r.item()).isEqualTo(1.5);
    }

    // ---- values ---------------------------------------------------------------------------------

    @Test
    void arithmeticAndPowByHand() {
        NDArray a = f32(new float[] {1, -2, 9, 0}, 4), b = f32(new float[] {4, 4, 0.5f, 0}, 4);
        assertThat(a.div(b).toFloatArray()).containsExactly(0.25f, -0.5f, 18, Float.NaN);
        assertThat(a.pow(b).toFloatArray()).containsExactly(1, 16, 3, 1);
        assertThat(a.reciprocal().toFloatArray()).containsExactly(1, -0.5f, 1 / 9f, Float.POSITIVE_INFINITY);
        assertThat(f32(new float[] {4, 0.25f}, 2).rsqrt().toFloatArray()).containsExactly(0.5f, 2);
        assertThat(f32(new float[] {4, -1}, 2).sqrt().toFloatArray()).containsExactly(2, Float.NaN);
    }

    @Test
    void maximumAndMinimumPropagateNaN() {
        NDArray a = f32(new float[] {1, Float.NaN, 3, -0f}, 4), b = f32(new float[] {Float.NaN, 2, 1, 0f}, 4);
        assertThat(a.maximum(b).toFloatArray()).containsExactly(Float.NaN, Float.NaN, 3, 0f);
        assertThat(a.minimum(b).toFloatArray()).containsExactly(Float.NaN, Float.NaN, 1, -0f);
    }

    @Test
    void comparisonsGiveOneOrZeroInThePromotedDtype() {
        NDArray a = f32(new float[] {1, 2, Float.NaN}, 3), b = NDArray.of(new double[] {2, 2, Float.NaN}, 3);
        assertThat(a.lt(b).dtype()).isEqualTo(DType.F64);
        assertThat(a.lt(b).toDoubleArray()).containsExactly(1, 0, 0);
        assertThat(a.le(b).toDoubleArray()).containsExactly(1, 1, 0);
        assertThat(a.eq(b).toDoubleArray()).containsExactly(0, 1, 0);
        assertThat(a.ne(b).toDoubleArray()).containsExactly(1, 0, 1);
        assertThat(a.gt(b).toDoubleArray()).containsExactly(0, 0, 0);
        assertThat(a.ge(b).toDoubleArray()).containsExactly(0, 1, 0);
    }

    @Test
    void where_broadcastsAllThreeAndTreatsAnyNonZeroAsTrue() {
        NDArray cond = NDArray.of(new double[] {1e-50, 0}, 2, 1);  // tiny but non-zero: true
        NDArray a = f32(new float[] {1, 2, 3}, 3);
        NDArray b = NDArray.scalar(-1, DType.F32);
        NDArray r = NDArray.where(cond, a, b);
        assertThat(r.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(r.dtype()).isEqualTo(DType.F32);
        assertThat(r.toFloatArray()).containsExactly(1, 2, 3, -1, -1, -1);
        assertThatThrownBy(() -> NDArray.where(NDArray.zeros(DType.F32, 2), a, b))
                .isInstanceOf(ShapeException.class)
                .hasMessage("where: shapes are not broadcastable: [2] vs [3] vs [] (dim -1: 2 vs 3 vs 1)");
    }

    @Test
    void unaryValuesByHand() {
        NDArray x = NDArray.of(new double[] {-2, -0.0, 0, 3, Double.NaN}, 5);
        assertThat(x.relu().toDoubleArray()).containsExactly(0, 0, 0, 3, Double.NaN);
        assertThat(x.sign().toDoubleArray()).containsExactly(-1, -0.0, 0, 1, Double.NaN);
        assertThat(x.abs().toDoubleArray()).containsExactly(2, 0, 0, 3, Double.NaN);
        assertThat(x.clamp(-1, 2).toDoubleArray()).containsExactly(-1, -0.0, 0, 2, Double.NaN);
        assertThat(x.clamp(5, 1).toDoubleArray()).containsExactly(1, 1, 1, 1, Double.NaN); // min > max gives max
        assertThatThrownBy(() -> x.clamp(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clamp").hasMessageContaining("[5]");
    }

    @Test
    void transcendentalValuesByHand() {
        // independently known values: e, ln 2, tanh(1), σ(0) = 1/2, softplus(0) = ln 2, erf(1), erfc(2)
        NDArray one = NDArray.scalar(1, DType.F64), zero = NDArray.scalar(0, DType.F64);
        assertThat(one.exp().item()).isCloseTo(Math.E, within(1e-15)); // fdlibm exp is within 1 ulp
        assertThat(NDArray.scalar(2, DType.F64).log().item()).isCloseTo(0.6931471805599453, within(1e-16));
        assertThat(one.tanh().item()).isCloseTo(0.7615941559557649, within(1e-16));
        assertThat(zero.sigmoid().item()).isEqualTo(0.5);
        assertThat(zero.softplus().item()).isCloseTo(0.6931471805599453, within(1e-16));
        assertThat(one.erf().item()).isCloseTo(0.8427007929497149, within(1e-16));
        assertThat(NDArray.scalar(2, DType.F64).erfc().item()).isCloseTo(0.004677734981047266, within(1e-18));
        assertThat(NDArray.scalar(1e-300, DType.F64).erf().item()).isCloseTo(1.1283791670955126e-300, within(1e-315));
        assertThat(NDArray.scalar(Math.PI / 2, DType.F64).sin().item()).isEqualTo(1);
        assertThat(zero.cos().item()).isEqualTo(1);
        NDArray f = f32(new float[] {0, 1, -1}, 3);
        assertThat(f.exp().toFloatArray()).containsExactly(1, (float) Math.E, (float) (1 / Math.E));
        assertThat(f.sigmoid().dtype()).isEqualTo(DType.F32);
        assertThat(f.expm1().toFloatArray()[0]).isZero();
        assertThat(f.log1p().toFloatArray()[1]).isEqualTo((float) Math.log(2));
    }
}
