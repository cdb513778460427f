package dev.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.tensor.internal.ElementwiseKernels;
import dev.nabla.tensor.internal.Parallel;
import dev.nabla.tensor.testing.Cases;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The broadcasting strided loop against naive per-index evaluation, over generated shapes and
 * views (permuted, sliced with steps, broadcast with stride 0), including outputs larger than one
 * parallel chunk, and bit-identical results on 1 and 2 threads.
 *
 * <p>(Named {@code …PropertiesTest} rather than {@code …Properties} because Surefire's default
 * includes only run {@code *Test} classes.)
 */
class ElementwisePropertiesTest {

    /** A random F32 array of logical {@code shape}: contiguous, a permuted view, or a strided slice. */
    private static NDArray arrayView(Rng rng, int[] shape) {
        int rank = shape.length, kind = rank == 0 ? 0 : (int) rng.nextLong(3);
        int n = Shape.of(shape).numel();
        if (kind == 1 && rank >= 2) { // stored reversed, read through a permute: strides descend the wrong way
            int[] reversed = new int[rank], order = new int[rank];
            for (int d = 0; d < rank; d++) {
                reversed[d] = shape[rank - 1 - d];
                order[d] = rank - 1 - d;
            }
            return NDArray.of(Cases.floats(rng, n, -4, 4), reversed).permute(order);
        }
        if (kind == 2) { // every other element of a twice-as-long last dim (offset 1, stride 2)
            int[] wide = shape.clone();
            wide[rank - 1] = 2 * shape[rank - 1] + 1;
            return NDArray.of(Cases.floats(rng, Shape.of(wide).numel(), -4, 4), wide).slice(-1, 1, wide[rank - 1], 2);
        }
        return NDArray.of(Cases.floats(rng, n, -4, 4), shape);
    }

    /** A shape that broadcasts to {@code out}: some trailing dims kept, each kept dim possibly 1. */
    private static int[] broadcastableTo(Rng rng, int[] out) {
        int rank = (int) rng.nextLong(out.length + 1);
        int[] s = new int[rank];
        for (int d = 0; d < rank; d++) s[d] = rng.nextDouble() < 0.3 ? 1 : out[out.length - rank + d];
        return s;
    }

    /** Element of {@code x} that broadcasts to output index {@code index}. */
    private static double at(NDArray x, int[] index) {
        int[] own = new int[x.rank()];
        for (int d = 0; d < own.length; d++) {
            int i = index[index.length - own.length + d];
            own[d] = x.size(d) == 1 ? 0 : i;
        }
        return x.get(own);
    }

    /** Float ulps between two values (0 for identical bits, ∞ for a NaN/∞ mismatch). */
    private static double ulps(float got, float want) {
        if (Float.floatToIntBits(got) == Float.floatToIntBits(want)) return 0;
        if (Float.isNaN(got) || Float.isNaN(want) || Float.isInfinite(got) || Float.isInfinite(want)) return Double.POSITIVE_INFINITY;
        return Math.abs((double) got - want) / Math.ulp(want);
    }

    /** Compares {@code got} with {@code expected(index)} rounded to float, exactly, at every index of its shape. */
    private static void assertEveryElement(NDArray got, Function<int[], Double> expected) {
        assertEveryElement(got, expected, 0);
    }

    /** As above, within {@code maxUlps} F32 ulps (for transcendental ops, whose SIMD tier is within 1 ulp). */
    private static void assertEveryElement(NDArray got, Function<int[], Double> expected, double maxUlps) {
        int[] dims = got.shape().dims(), index = new int[dims.length];
        for (int flat = 0; flat < got.numel(); flat++) {
            for (int d = dims.length - 1, rest = flat; d >= 0; d--) {
                index[d] = rest % dims[d];
                rest /= dims[d];
            }
            float want = (float) (double) expected.apply(index), have = (float) got.get(index);
            if (ulps(have, want) > maxUlps) {
                throw new AssertionError("element " + Arrays.toString(index) + " of shape " + got.shape() + ": got " + have
                        + ", expected " + want);
            }
        }
    }

    @Test
    void broadcastLoopMatchesNaiveIndexingOverRandomViews() {
        Cases.forAll("broadcastLoopMatchesNaiveIndexingOverRandomViews", 300, (rng, c) -> {
            int rank = (int) rng.nextLong(5);
            int[] out = new int[rank];
            for (int d = 0; d < rank; d++) out[d] = rng.nextDouble() < 0.05 ? 0 : Cases.size(rng, 1, 5);
            NDArray a = arrayView(rng, broadcastableTo(rng, out)), b = arrayView(rng, broadcastableTo(rng, out));
            NDArray cond = arrayView(rng, broadcastableTo(rng, out)).gt(NDArray.scalar(0, DType.F32));
            int[] full = out.clone();
            // a or b may lack the full shape: give one of them the full shape so the output is `out`
            NDArray big = arrayView(rng, full);
            assertEveryElement(a.add(big), i -> at(a, i) + at(big, i));
            assertEveryElement(big.mul(b), i -> at(big, i) * at(b, i));
            assertEveryElement(a.maximum(b).add(big.mul(NDArray.scalar(0, DType.F32))), i -> Math.max(at(a, i), at(b, i)));
            assertEveryElement(NDArray.where(cond, a, big), i -> at(cond, i) != 0 ? at(a, i) : at(big, i));
            assertEveryElement(big.exp(), i -> StrictMath.exp(at(big, i)), 1);
        });
    }

    @Test
    void broadcastAcrossChunkBoundariesMatchesNaiveIndexing() {
        Rng rng = new Rng(7);
        int cols = ElementwiseKernels.CHUNK / 2 + 13; // 5 rows: chunk boundaries fall inside rows
        NDArray x = NDArray.of(Cases.floats(rng, 5 * cols, -3, 3), cols, 5).transpose(0, 1); // (5, cols), inner stride 5
        NDArray row = NDArray.of(Cases.floats(rng, cols, -3, 3), cols);
        NDArray col = NDArray.of(Cases.floats(rng, 5, -3, 3), 5, 1);
        assertEveryElement(x.sub(row), i -> at(x, i) - at(row, i));
        assertEveryElement(col.mul(row), i -> at(col, i) * at(row, i));
        assertEveryElement(x.tanh(), i -> StrictMath.tanh(at(x, i)), 1);
    }

    @Test
    void oneAndTwoThreadsGiveBitIdenticalResults() {
        Rng rng = new Rng(11);
        int n = 2 * ElementwiseKernels.CHUNK + 17; // three chunks, the last one short
        NDArray x = NDArray.of(Cases.floats(rng, n, -20, 20), n);
        NDArray y = NDArray.of(Cases.floats(rng, 3 * n, -20, 20), 3, n).slice(0, 1, 2).reshape(n);
        Function<Void, float[][]> run = v -> new float[][] {
            x.exp().toFloatArray(), x.tanh().toFloatArray(), x.erf().toFloatArray(), x.add(y).toFloatArray(),
            x.clamp(-1, 2).toFloatArray(), NDArray.where(x.gt(y), x, y).toFloatArray(), x.sigmoid().toFloatArray(),
            x.softplus().toFloatArray(), x.div(NDArray.scalar(3, DType.F32)).toFloatArray()};
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float[][] one = run.apply(null);
            Parallel.setThreads(2);
            float[][] two = run.apply(null);
            for (int k = 0; k < one.length; k++) {
                assertThat(Arrays.equals(one[k], two[k])).as("result %d is bit-identical (Arrays.equals compares float bits)", k).isTrue();
            }
        } finally {
            Parallel.setThreads(before);
        }
    }
}
