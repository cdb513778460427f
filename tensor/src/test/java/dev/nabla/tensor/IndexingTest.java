package dev.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Gather/scatter, index selection, one-hot, cat/stack/split on hand-checked values, and their errors. */
class IndexingTest {

    /** [[0, 1, 2], [3, 4, 5]] */
    private static NDArray x23() {
        return NDArray.arange(0, 6, 1, DType.F32).reshape(2, 3);
    }

    private static NDArray longs(long[] v, int... shape) {
        return NDArray.of(v, shape);
    }

    @Test
    void gather_alongDim1PicksPerRow() {
        NDArray out = x23().gather(1, longs(new long[] {2, 0, 1, 1}, 2, 2));
        assertThat(out.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(out.dtype()).isEqualTo(DType.F32);
        assertThat(out.toDoubleArray()).containsExactly(2, 0, 4, 4);
    }

    @Test
    void gather_alongDim0_withSmallerIndex_andStridedSource() {
        // out[i][j] = x[index[i][j]][j]
        assertThat(x23().gather(0, longs(new long[] {1, 0, 1}, 1, 3)).toDoubleArray()).containsExactly(3, 1, 5);
        // x.T is [[0, 3], [1, 4], [2, 5]]
        assertThat(x23().transpose(0, 1).gather(1, longs(new long[] {1, 0, 1}, 3, 1)).toDoubleArray()).containsExactly(3, 1, 5);
    }

    @Test
    void gather_rejectsBadIndices() {
        assertThatThrownBy(() -> x23().gather(1, longs(new long[] {3}, 1, 1))).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("gather").hasMessageContaining("index 3").hasMessageContaining("dim 1")
                .hasMessageContaining("extent 3");
        assertThatThrownBy(() -> x23().gather(1, longs(new long[] {-1}, 1, 1))).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("-1").hasMessageContaining("negative");
        assertThatThrownBy(() -> x23().gather(1, longs(new long[] {0, 0, 0}, 3, 1))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("gather").hasMessageContaining("[2, 3]").hasMessageContaining("[3, 1]");
        assertThatThrownBy(() -> x23().gather(1, longs(new long[] {0}, 1))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("rank");
        assertThatThrownBy(() -> x23().gather(1, NDArray.zeros(DType.F32, 1, 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("I64");
    }

    @Test
    void scatterAdd_accumulatesRepeatedIndices_intoACopy() {
        NDArray x = NDArray.zeros(DType.F32, 2, 3);
        NDArray index = longs(new long[] {0, 0, 2, 1, 1, 1}, 2, 3);
        NDArray src = NDArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        NDArray out = x.scatterAdd(1, index, src);
        assertThat(out.toDoubleArray()).containsExactly(3, 0, 3, 0, 15, 0);
        assertThat(x.toDoubleArray()).containsOnly(0);
        // along dim 0 into ones, F64 src promotes
        NDArray ones = NDArray.ones(DType.F32, 2, 2);
        NDArray out0 = ones.scatterAdd(0, longs(new long[] {1, 1}, 1, 2), NDArray.of(new double[] {10, 20}, 1, 2));
        assertThat(out0.dtype()).isEqualTo(DType.F64);
        assertThat(out0.toDoubleArray()).containsExactly(1, 1, 11, 21);
    }

    @Test
    void scatterAdd_rejectsOutOfRangeAndOversizedIndex() {
        NDArray x = NDArray.zeros(DType.F32, 2, 3);
        assertThatThrownBy(() -> x.scatterAdd(0, longs(new long[] {2}, 1, 1), NDArray.ones(DType.F32, 1, 1)))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("scatterAdd")
                .hasMessageContaining("index 2").hasMessageContaining("dim 0").hasMessageContaining("extent 2");
        assertThatThrownBy(() -> x.scatterAdd(1, longs(new long[] {0, 0}, 1, 2), NDArray.ones(DType.F32, 1, 1)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("src.shape=[1, 1]").hasMessageContaining("index.shape=[1, 2]");
    }

    @Test
    void indexSelect_picksAndRepeatsEntries() {
        NDArray out = x23().indexSelect(1, longs(new long[] {2, 2, 0}, 3));
        assertThat(out.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(out.toDoubleArray()).containsExactly(2, 2, 0, 5, 5, 3);
        assertThat(x23().indexSelect(0, longs(new long[] {1}, 1)).toDoubleArray()).containsExactly(3, 4, 5);
        // x.T is [[0, 3], [1, 4], [2, 5]]
        assertThat(x23().transpose(0, 1).indexSelect(0, longs(new long[] {2, 0}, 2)).toDoubleArray()).containsExactly(2, 5, 0, 3);
        assertThat(x23().indexSelect(0, longs(new long[0], 0)).shape()).isEqualTo(Shape.of(0, 3));
        assertThatThrownBy(() -> x23().indexSelect(0, longs(new long[] {-1}, 1))).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("indexSelect").hasMessageContaining("-1").hasMessageContaining("extent 2");
        assertThatThrownBy(() -> x23().indexSelect(0, longs(new long[] {0, 1}, 1, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-d").hasMessageContaining("[1, 2]");
    }

    @Test
    void oneHot_addsAClassDim() {
        NDArray out = NDArray.oneHot(longs(new long[] {2, 0, 1, 2}, 2, 2), 3, DType.F32);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 2, 3));
        assertThat(out.toDoubleArray()).containsExactly(0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThat(NDArray.oneHot(longs(new long[] {1}, 1), 2, DType.I64).toLongArray()).containsExactly(0, 1);
        assertThatThrownBy(() -> NDArray.oneHot(longs(new long[] {3}, 1), 3, DType.F32)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("oneHot").hasMessageContaining("label 3").hasMessageContaining("numClasses 3");
        assertThatThrownBy(() -> NDArray.oneHot(NDArray.zeros(DType.F32, 1), 3, DType.F32)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("I64");
    }

    @Test
    void cat_joinsAlongAnExistingDim_promotingDtypes() {
        NDArray a = x23(), b = NDArray.of(new double[] {9, 8}, 2, 1);
        NDArray out = NDArray.cat(1, List.of(a, b, a.slice(1, 0, 1)));
        assertThat(out.shape()).isEqualTo(Shape.of(2, 5));
        assertThat(out.dtype()).isEqualTo(DType.F64);
        assertThat(out.toDoubleArray()).containsExactly(0, 1, 2, 9, 0, 3, 4, 5, 8, 3);
        assertThat(NDArray.cat(0, List.of(a, a.transpose(0, 1).transpose(0, 1))).toDoubleArray())
                .containsExactly(0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5);
        assertThat(NDArray.cat(-1, List.of(NDArray.zeros(DType.F32, 2, 0), a)).toDoubleArray()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void cat_errorNamesTheFirstMismatchingOperand() {
        NDArray a = x23();
        assertThatThrownBy(() -> NDArray.cat(1, List.of(a, a, NDArray.zeros(DType.F32, 3, 3))))
                .isInstanceOf(ShapeException.class).hasMessageContaining("cat").hasMessageContaining("arrays[2].shape=[3, 3]")
                .hasMessageContaining("arrays[0].shape=[2, 3]").hasMessageContaining("dim 0");
        assertThatThrownBy(() -> NDArray.cat(0, List.of(a, NDArray.zeros(DType.F32, 6))))
                .isInstanceOf(ShapeException.class).hasMessageContaining("rank").hasMessageContaining("arrays[1].shape=[6]");
        assertThatThrownBy(() -> NDArray.cat(0, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stack_joinsAlongANewDim() {
        NDArray a = NDArray.of(new float[] {1, 2}, 2), b = NDArray.of(new float[] {3, 4}, 2);
        assertThat(NDArray.stack(0, List.of(a, b)).toDoubleArray()).containsExactly(1, 2, 3, 4);
        NDArray s1 = NDArray.stack(-1, List.of(a, b));
        assertThat(s1.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(s1.toDoubleArray()).containsExactly(1, 3, 2, 4);
        assertThatThrownBy(() -> NDArray.stack(0, List.of(a, NDArray.zeros(DType.F32, 3)))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("stack").hasMessageContaining("arrays[1].shape=[3]").hasMessageContaining("[2]");
        assertThatThrownBy(() -> NDArray.stack(2, List.of(a, b))).isInstanceOf(ShapeException.class).hasMessageContaining("dim 2");
    }

    @Test
    void split_oneSizeMakesEqualPiecesWithAShorterLast_severalSizesAreTheList() {
        NDArray x = NDArray.arange(0, 10, 1, DType.F32).reshape(5, 2);
        List<NDArray> pieces = x.split(0, 2);
        assertThat(pieces).hasSize(3);
        assertThat(pieces.get(2).shape()).isEqualTo(Shape.of(1, 2));
        assertThat(pieces.get(1).toDoubleArray()).containsExactly(4, 5, 6, 7);
        assertThat(pieces.get(0).sharesStorageWith(x)).isTrue();
        List<NDArray> listed = x.split(0, 1, 0, 4);
        assertThat(listed).extracting(NDArray::shape).containsExactly(Shape.of(1, 2), Shape.of(0, 2), Shape.of(4, 2));
        assertThat(x.split(-1, 1, 1).get(1).toDoubleArray()).containsExactly(1, 3, 5, 7, 9);
        assertThatThrownBy(() -> x.split(0, 2, 2)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("split").hasMessageContaining("[2, 2]").hasMessageContaining("[5, 2]");
        assertThatThrownBy(() -> x.split(0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("split");
    }
}
