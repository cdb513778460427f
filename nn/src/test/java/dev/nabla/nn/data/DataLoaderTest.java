package dev.nabla.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Batch counts, shuffling (a permutation, reproducible from seed and epoch, independent of the batch
 * size), normalization values, crop/flip augmentation (shapes, what each output is, determinism),
 * and prefetching (the same batches as without it, errors surface, close stops the thread).
 */
class DataLoaderTest {
    private static final int C = 1, H = 3, W = 4;

    /**
     * N images (N, 1, 3, 4) whose pixel (i, j) of example e is e·100 + i·10 + j + 1, so every value is
     * nonzero and names its example and position; label e.
     */
    private static Dataset numbered(int n) {
        float[] x = new float[n * C * H * W];
        for (int e = 0; e < n; e++) {
            for (int i = 0; i < H; i++) {
                for (int j = 0; j < W; j++) x[(e * H + i) * W + j] = e * 100 + i * 10 + j + 1;
            }
        }
        return new TensorDataset(NDArray.of(x, n, C, H, W), NDArray.of(LongStream.range(0, n).toArray(), n));
    }

    private static List<DataLoader.Batch> batches(DataLoader loader, int epoch) {
        List<DataLoader.Batch> out = new ArrayList<>();
        try (DataLoader.Epoch e = loader.epoch(epoch)) {
            for (DataLoader.Batch b : e) out.add(b);
        }
        return out;
    }

    private static long[] labels(List<DataLoader.Batch> batches) {
        return batches.stream().flatMapToLong(b -> Arrays.stream(b.y().toLongArray())).toArray();
    }

    private static float[] inputs(List<DataLoader.Batch> batches) {
        List<float[]> parts = batches.stream().map(b -> b.x().toFloatArray()).toList();
        float[] out = new float[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Test
    void numBatches_roundsUp_orDropsTheLastPartialBatch() {
        DataLoader keep = DataLoader.builder(numbered(10)).batchSize(3).build();
        DataLoader drop = DataLoader.builder(numbered(10)).batchSize(3).dropLast(true).build();
        assertThat(keep.numBatches()).isEqualTo(4);
        assertThat(drop.numBatches()).isEqualTo(3);
        assertThat(batches(keep, 0).stream().map(b -> b.x().size(0))).containsExactly(3, 3, 3, 1);
        assertThat(batches(drop, 0).stream().map(b -> b.y().size(0))).containsExactly(3, 3, 3);
        assertThat(DataLoader.builder(numbered(9)).batchSize(3).dropLast(true).build().numBatches()).isEqualTo(3);
        assertThat(DataLoader.builder(numbered(2)).batchSize(3).dropLast(true).build().numBatches()).isZero();
    }

    @Test
    void withoutShuffle_batchesAreTheDatasetInOrder_asF32AndI64() {
        Dataset data = numbered(5);
        List<DataLoader.Batch> bs = batches(DataLoader.builder(data).batchSize(2).build(), 3);
        assertThat(bs.get(0).x().shape()).isEqualTo(Shape.of(2, C, H, W));
        assertThat(bs.get(0).x().dtype()).isEqualTo(DType.F32);
        assertThat(bs.get(0).y().dtype()).isEqualTo(DType.I64);
        assertThat(labels(bs)).containsExactly(0, 1, 2, 3, 4);
        assertThat(inputs(bs)).containsExactly(data.inputs().toFloatArray());
    }

    @Test
    void f64Inputs_giveF32Batches() {
        Dataset f32 = numbered(3);
        Dataset f64 = new TensorDataset(f32.inputs().astype(DType.F64), f32.labels());
        DataLoader.Batch b = batches(DataLoader.builder(f64).batchSize(3).build(), 0).get(0);
        assertThat(b.x().dtype()).isEqualTo(DType.F32);
        assertThat(b.x().toFloatArray()).containsExactly(f32.inputs().toFloatArray());
    }

    @Test
    void shuffle_isAPermutation_reproducibleBySeedAndEpoch_andIndependentOfBatchSize() {
        Dataset data = numbered(50);
        DataLoader a = DataLoader.builder(data).batchSize(7).shuffle(42).build();
        long[] epoch0 = labels(batches(a, 0));
        assertThat(epoch0).containsExactlyInAnyOrder(LongStream.range(0, 50).toArray());
        assertThat(epoch0).isNotEqualTo(LongStream.range(0, 50).toArray());
        // the same epoch again, another loader with the same seed, another batch size: same order
        assertThat(labels(batches(a, 0))).containsExactly(epoch0);
        assertThat(labels(batches(DataLoader.builder(data).batchSize(7).shuffle(42).build(), 0))).containsExactly(epoch0);
        assertThat(labels(batches(DataLoader.builder(data).batchSize(50).shuffle(42).build(), 0))).containsExactly(epoch0);
        // epoch 2 without having run epoch 1 is the same as after it
        long[] epoch2 = labels(batches(a, 2));
        batches(a, 1);
        assertThat(labels(batches(a, 2))).containsExactly(epoch2);
        // other epochs and other seeds give other orders
        assertThat(epoch2).isNotEqualTo(epoch0);
        assertThat(labels(batches(a, 1))).isNotEqualTo(epoch0);
        assertThat(labels(batches(DataLoader.builder(data).batchSize(7).shuffle(43).build(), 0))).isNotEqualTo(epoch0);
    }

    @Test
    void shuffle_orderIsTheDocumentedDerivation() {
        // epoch k: the k-th split of new Rng(seed), whose first split is the order stream
        Rng root = new Rng(7);
        Rng epoch1 = null;
        for (int k = 0; k <= 1; k++) epoch1 = root.split();
        long[] expected = epoch1.split().permutation(20).toLongArray();
        assertThat(labels(batches(DataLoader.builder(numbered(20)).batchSize(6).shuffle(7).build(), 1))).containsExactly(expected);
    }

    @Test
    void normalize_subtractsMeanAndDividesByStd() {
        Dataset data = new TensorDataset(NDArray.of(new float[] {0f, 0.25f, 0.5f, 1f}, 1, 1, 2, 2), NDArray.of(new long[] {3}, 1));
        DataLoader.Batch b = batches(DataLoader.builder(data).normalize(0.25, 0.5).build(), 0).get(0);
        assertThat(b.x().toFloatArray()).containsExactly(-0.5f, 0f, 0.5f, 1.5f);
        assertThatThrownBy(() -> DataLoader.builder(data).normalize(0.5, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DataLoader: normalize needs a finite mean and a finite std > 0, got mean=0.5, std=0.0");
    }

    @Test
    void augmentation_keepsShapes_andEachOutputIsAZeroPaddedShift_possiblyMirrored() {
        int p = 2;
        Dataset data = numbered(40);
        List<DataLoader.Batch> bs = batches(DataLoader.builder(data).batchSize(8).seed(5).randomCrop(p).horizontalFlip().build(), 0);
        Set<String> seen = new HashSet<>();
        for (int bi = 0; bi < bs.size(); bi++) {
            DataLoader.Batch b = bs.get(bi);
            assertThat(b.x().shape()).isEqualTo(Shape.of(8, C, H, W));
            for (int e = 0; e < 8; e++) {
                int example = (int) b.y().getLong(e);
                assertThat(example).isEqualTo(bi * 8 + e); // augmentation does not reorder
                String how = explain(b.x().slice(0, e, e + 1).toFloatArray(), example, p);
                assertThat(how).as("example %d", example).isNotNull();
                seen.add(how);
            }
        }
        // 40 draws from 5·5 offsets × 2 flips: both flips and several offsets occur
        assertThat(seen.stream().filter(s -> s.endsWith("flip"))).isNotEmpty();
        assertThat(seen.stream().filter(s -> s.endsWith("keep"))).isNotEmpty();
        assertThat(seen.size()).isGreaterThan(10);
    }

    /** The (oy, ox, flip) for which out[i][j] = in[i+oy][j'+ox] (0 outside), j' = W−1−j if flipped; null if none. */
    private static String explain(float[] out, int example, int p) {
        for (int oy = -p; oy <= p; oy++) {
            for (int ox = -p; ox <= p; ox++) {
                for (boolean flip : new boolean[] {false, true}) {
                    boolean match = true;
                    for (int i = 0; i < H && match; i++) {
                        for (int j = 0; j < W && match; j++) {
                            int si = i + oy, sj = (flip ? W - 1 - j : j) + ox;
                            float expected = si >= 0 && si < H && sj >= 0 && sj < W ? example * 100 + si * 10 + sj + 1 : 0;
                            match = out[i * W + j] == expected;
                        }
                    }
                    if (match) return oy + "," + ox + "," + (flip ? "flip" : "keep");
                }
            }
        }
        return null;
    }

    @Test
    void augmentation_isDeterministic_andIndependentOfBatchSize() {
        Dataset data = numbered(30);
        DataLoader.Builder base = DataLoader.builder(data).shuffle(11).randomCrop(1).horizontalFlip().normalize(50, 2);
        float[] x = inputs(batches(base.batchSize(4).build(), 3));
        assertThat(inputs(batches(DataLoader.builder(data).shuffle(11).randomCrop(1).horizontalFlip().normalize(50, 2)
                .batchSize(4).build(), 3))).containsExactly(x);
        assertThat(inputs(batches(base.batchSize(7).build(), 3))).containsExactly(x);
        assertThat(inputs(batches(base.batchSize(4).build(), 4))).isNotEqualTo(x);
    }

    @Test
    void prefetch_givesTheSameBatchesAsBuildingThemInline() {
        Dataset data = numbered(37);
        for (int epoch = 0; epoch < 3; epoch++) {
            List<DataLoader.Batch> inline = batches(DataLoader.builder(data).batchSize(5).shuffle(3).randomCrop(2)
                    .horizontalFlip().normalize(0.5, 0.25).prefetch(false).build(), epoch);
            List<DataLoader.Batch> prefetched = batches(DataLoader.builder(data).batchSize(5).shuffle(3).randomCrop(2)
                    .horizontalFlip().normalize(0.5, 0.25).prefetch(true).build(), epoch);
            assertThat(prefetched).hasSameSizeAs(inline);
            assertThat(inputs(prefetched)).containsExactly(inputs(inline));
            assertThat(labels(prefetched)).containsExactly(labels(inline));
        }
    }

    @Test
    void prefetch_exceptionSurfacesInTheConsumer() {
        Dataset good = numbered(10);
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("disk on fire");
        Dataset failing = new Dataset() {
            @Override public int size() { return good.size(); }
            @Override public NDArray inputs() { return good.inputs(); }
            @Override public NDArray labels() {
                if (calls.incrementAndGet() > 3) throw boom; // the builder's check, then batches 0 and 1
                return good.labels();
            }
        };
        try (DataLoader.Epoch epoch = DataLoader.builder(failing).batchSize(3).build().epoch(0)) {
            Iterator<DataLoader.Batch> it = epoch.iterator();
            assertThat(it.next().y().toLongArray()).containsExactly(0, 1, 2);
            assertThat(it.next().y().toLongArray()).containsExactly(3, 4, 5);
            assertThatThrownBy(it::next).isInstanceOf(IllegalStateException.class)
                    .hasMessage("DataLoader: building a batch failed in the prefetch thread: " + boom).hasCause(boom);
            assertThatThrownBy(it::hasNext).hasCause(boom);
        }
    }

    @Test
    void prefetch_closeStopsTheThreadOfAnAbandonedPass() throws InterruptedException {
        DataLoader loader = DataLoader.builder(numbered(100)).batchSize(2).build();
        try (DataLoader.Epoch epoch = loader.epoch(9)) {
            Iterator<DataLoader.Batch> it = epoch.iterator();
            it.next();
            assertThat(prefetchThreads(9)).hasSize(1).allMatch(Thread::isDaemon);
        }
        assertThat(prefetchThreads(9)).isEmpty();
    }

    private static List<Thread> prefetchThreads(int epoch) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("nabla-data-prefetch-epoch-" + epoch) && t.isAlive()).toList();
    }

    @Test
    void builder_rejectsBadArguments() {
        assertThatThrownBy(() -> DataLoader.builder(numbered(2)).batchSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DataLoader: batchSize must be >= 1, got 0");
        assertThatThrownBy(() -> DataLoader.builder(numbered(2)).randomCrop(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DataLoader: randomCrop padding must be >= 0, got -1");
        Dataset flat = new TensorDataset(NDArray.zeros(DType.F32, 2, 12), NDArray.of(new long[] {0, 1}, 2));
        assertThatThrownBy(() -> DataLoader.builder(flat)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DataLoader: dataset inputs must be floating (N, C, H, W), got F32 with shape [2, 12]");
        assertThatThrownBy(() -> DataLoader.builder(numbered(2)).build().epoch(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DataLoader.epoch: k must be >= 0, got -1");
    }
}
