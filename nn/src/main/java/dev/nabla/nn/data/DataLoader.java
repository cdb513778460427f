package dev.nabla.nn.data;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Batches of a {@link Dataset} of images for one epoch at a time, as PyTorch's {@code DataLoader}
 * with torchvision's {@code RandomCrop(padding)}, {@code RandomHorizontalFlip()} and
 * {@code Normalize(mean, std)} transforms.
 *
 * <p>Shapes: the dataset's inputs are F32 or F64 (N, C, H, W), its labels I64 (N); every batch is
 * {@code x} F32 (B, C, H, W) and {@code y} I64 (B), with B = {@code batchSize} except possibly the
 * last one (B = N mod batchSize, unless {@code dropLast}).
 *
 * <p>Per example, in this order:
 * <pre>
 *   crop       pad with p zeros on every side, then cut an H×W window at (dy, dx), dy, dx uniform in 0 … 2p
 *   flip       with probability 1/2, x[c][i][j] ← x[c][i][W−1−j]
 *   normalize  x ← (x − mean) / std
 * </pre>
 *
 * <p><b>Determinism.</b> Epoch {@code k} draws from its own generator: the {@code k}-th split of
 * {@code new Rng(seed)}, which it splits again into an order stream (one permutation of N, if
 * shuffling) and an augmentation stream (crop offsets, then the flip coin, example by example in
 * batch order). So epoch k's order depends only on (seed, k, N) — not on the batch size, on the
 * epochs before it, or on other streams of the run — and its batches are the same whether they are
 * built on the consumer's thread or prefetched.
 *
 * <p><b>Prefetch.</b> With {@code prefetch(true)} (the default) each pass over an epoch builds the
 * next batch on one daemon thread while the consumer uses the current one (a queue of capacity 1);
 * an exception in that thread is rethrown to the consumer by {@code next()}, and
 * {@link Epoch#close()} stops the thread if the loop ends early.
 *
 * <pre>{@code
 * DataLoader loader = DataLoader.builder(FashionMnist.bundled().train())
 *         .batchSize(64).shuffle(42).normalize(0.2860, 0.3530).randomCrop(2).horizontalFlip().build();
 * for (int k = 0; k < epochs; k++) {
 *     try (DataLoader.Epoch epoch = loader.epoch(k)) {
 *         for (DataLoader.Batch b : epoch) step(b.x(), b.y());
 *     }
 * }
 * }</pre>
 */
public final class DataLoader {
    /** One batch: inputs {@code x} F32 (B, C, H, W) and labels {@code y} I64 (B). */
    public record Batch(NDArray x, NDArray y) {}

    private final Dataset dataset;
    private final int batchSize;
    private final boolean dropLast;
    private final boolean shuffle;
    private final long seed;
    private final double mean;
    private final double std;
    private final int cropPadding;
    private final boolean flip;
    private final boolean prefetch;
    private final int channels, height, width;

    private DataLoader(Builder b) {
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.dropLast = b.dropLast;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.mean = b.mean;
        this.std = b.std;
        this.cropPadding = b.cropPadding;
        this.flip = b.flip;
        this.prefetch = b.prefetch;
        NDArray x = dataset.inputs();
        this.channels = x.size(1);
        this.height = x.size(2);
        this.width = x.size(3);
    }

    /** A builder over {@code dataset}, whose inputs are (N, C, H, W). */
    public static Builder builder(Dataset dataset) {
        return new Builder(dataset);
    }

    /** Number of batches per epoch: ⌊N / B⌋ with {@code dropLast}, else ⌈N / B⌉. */
    public int numBatches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The batches of epoch {@code k} (k ≥ 0), reproducible from the seed and k alone. */
    public Epoch epoch(int k) {
        if (k < 0) throw new IllegalArgumentException("DataLoader.epoch: k must be >= 0, got " + k);
        return new Epoch(k);
    }

    /**
     * The batches of one epoch. Each {@link #iterator()} is a fresh pass over the same batches;
     * {@link #close()} stops the prefetch threads of passes that were not run to the end.
     */
    public final class Epoch implements Iterable<Batch>, AutoCloseable {
        private final int k;
        private final List<Prefetcher> open = new ArrayList<>();

        private Epoch(int k) {
            this.k = k;
        }

        @Override
        public Iterator<Batch> iterator() {
            Pass pass = new Pass(k);
            if (!prefetch) return pass;
            Prefetcher p = new Prefetcher(pass, "nabla-data-prefetch-epoch-" + k);
            synchronized (open) {
                open.add(p);
            }
            return p;
        }

        @Override
        public void close() {
            synchronized (open) {
                open.forEach(Prefetcher::close);
                open.clear();
            }
        }
    }

    /** Builds the batches of one pass, in order, on the calling thread. */
    private final class Pass implements Iterator<Batch> {
        private final long[] order;
        private final Rng augment;
        private int next;

        /** Epoch k's generator is the k-th split of new Rng(seed); it splits into order, then augmentation. */
        Pass(int k) {
            Rng root = new Rng(seed);
            Rng epochRng = root.split();
            for (int i = 0; i < k; i++) epochRng = root.split();
            Rng orderRng = epochRng.split();
            this.augment = epochRng.split();
            int n = dataset.size();
            this.order = shuffle ? orderRng.permutation(n).toLongArray() : identity(n);
        }

        @Override
        public boolean hasNext() {
            return next < numBatches();
        }

        @Override
        public Batch next() {
            if (!hasNext()) throw new NoSuchElementException("DataLoader: epoch has only " + numBatches() + " batches");
            int start = next++ * batchSize;
            int b = Math.min(batchSize, order.length - start);
            int plane = height * width, example = channels * plane;
            float[] x = new float[b * example];
            long[] y = new long[b];
            NDArray inputs = dataset.inputs();
            NDArray labels = dataset.labels();
            for (int e = 0; e < b; e++) {
                int i = (int) order[start + e];
                float[] src = inputs.slice(0, i, i + 1).toFloatArray();
                y[e] = labels.getLong(i);
                int dy = cropPadding, dx = cropPadding;
                if (cropPadding > 0) {
                    dy = (int) augment.nextLong(2L * cropPadding + 1);
                    dx = (int) augment.nextLong(2L * cropPadding + 1);
                }
                boolean mirror = flip && augment.nextDouble() < 0.5;
                transform(src, x, e * example, dy - cropPadding, dx - cropPadding, mirror);
            }
            return new Batch(NDArray.of(x, b, channels, height, width), NDArray.of(y, b));
        }

        /**
         * out[c][i][j] = normalize(src[c][i + oy][j' + ox]) with j' = W−1−j if mirrored, else j;
         * zero (before normalization) where the shifted index falls outside the image.
         */
        private void transform(float[] src, float[] out, int at, int oy, int ox, boolean mirror) {
            float m = (float) mean, s = (float) std;
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < height; i++) {
                    int si = i + oy;
                    for (int j = 0; j < width; j++) {
                        int sj = (mirror ? width - 1 - j : j) + ox;
                        float v = si >= 0 && si < height && sj >= 0 && sj < width ? src[(c * height + si) * width + sj] : 0f;
                        out[at + (c * height + i) * width + j] = (v - m) / s;
                    }
                }
            }
        }
    }

    private static long[] identity(int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) out[i] = i;
        return out;
    }

    /**
     * Runs a pass on one daemon thread, one batch ahead of the consumer. The queue holds batches,
     * then either {@link #END} or the producer's exception.
     */
    private static final class Prefetcher implements Iterator<Batch> {
        private static final Object END = new Object();
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(1);
        private final Thread thread;
        private Object head;

        Prefetcher(Iterator<Batch> source, String name) {
            thread = new Thread(() -> {
                try {
                    while (source.hasNext()) queue.put(source.next());
                    queue.put(END);
                } catch (InterruptedException stop) {
                    // closed by the consumer: nothing more is wanted
                } catch (Throwable t) {
                    try {
                        queue.put(t);
                    } catch (InterruptedException stop) {
                        // closed by the consumer while reporting: nobody is left to tell
                    }
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public boolean hasNext() {
            if (head == null) {
                try {
                    head = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("DataLoader: interrupted while waiting for the next batch", e);
                }
            }
            if (head instanceof Throwable t) {
                throw new IllegalStateException("DataLoader: building a batch failed in the prefetch thread: " + t, t);
            }
            return head != END;
        }

        @Override
        public Batch next() {
            if (!hasNext()) throw new NoSuchElementException("DataLoader: no more batches in this epoch");
            Batch b = (Batch) head;
            head = null;
            return b;
        }

        void close() {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Options of a {@link DataLoader}; every one has PyTorch's default. */
    public static final class Builder {
        private final Dataset dataset;
        private int batchSize = 1;
        private boolean dropLast;
        private boolean shuffle;
        private long seed;
        private double mean = 0.0;
        private double std = 1.0;
        private int cropPadding;
        private boolean flip;
        private boolean prefetch = true;

        private Builder(Dataset dataset) {
            NDArray x = dataset.inputs();
            if (x.rank() != 4 || !x.dtype().isFloating()) {
                throw new IllegalArgumentException("DataLoader: dataset inputs must be floating (N, C, H, W), got "
                        + x.dtype() + " with shape " + x.shape());
            }
            NDArray y = dataset.labels();
            if (y.rank() != 1 || y.dtype() != DType.I64 || y.size(0) != x.size(0)) {
                throw new IllegalArgumentException("DataLoader: dataset labels must be I64 (N) with N = " + x.size(0)
                        + ", got " + y.dtype() + " with shape " + y.shape() + " (inputs.shape=" + x.shape() + ")");
            }
            this.dataset = dataset;
        }

        /** Examples per batch, ≥ 1 (default 1). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) throw new IllegalArgumentException("DataLoader: batchSize must be >= 1, got " + batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /** Drop the last, smaller batch (default false). */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** Shuffle every epoch, from {@code seed}, which also seeds augmentation (default: no shuffling). */
        public Builder shuffle(long seed) {
            this.shuffle = true;
            this.seed = seed;
            return this;
        }

        /** Seeds augmentation without shuffling (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** x ← (x − mean) / std after augmentation (default mean 0, std 1); std &gt; 0. */
        public Builder normalize(double mean, double std) {
            if (!(std > 0) || !Double.isFinite(std) || !Double.isFinite(mean)) {
                throw new IllegalArgumentException("DataLoader: normalize needs a finite mean and a finite std > 0, got mean="
                        + mean + ", std=" + std);
            }
            this.mean = mean;
            this.std = std;
            return this;
        }

        /** Random crop to the same size after zero padding of {@code padding} ≥ 0 pixels (default 0: off). */
        public Builder randomCrop(int padding) {
            if (padding < 0) throw new IllegalArgumentException("DataLoader: randomCrop padding must be >= 0, got " + padding);
            this.cropPadding = padding;
            return this;
        }

        /** Mirror each image left–right with probability 1/2 (default off). */
        public Builder horizontalFlip() {
            this.flip = true;
            return this;
        }

        /** Build the next batch on a background thread (default true). */
        public Builder prefetch(boolean prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /** The loader. */
        public DataLoader build() {
            return new DataLoader(this);
        }
    }
}
