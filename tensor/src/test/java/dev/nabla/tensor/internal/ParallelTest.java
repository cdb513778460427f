package dev.nabla.tensor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelTest {
    private final int before = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(before);
    }

    @Test
    void forEach_runsEveryChunkExactlyOnce() {
        for (int threads : new int[] {1, 2, 3}) {
            Parallel.setThreads(threads);
            AtomicIntegerArray runs = new AtomicIntegerArray(1000);
            Parallel.forEach(1000, runs::incrementAndGet);
            for (int i = 0; i < 1000; i++) assertThat(runs.get(i)).as("chunk %d with %d threads", i, threads).isEqualTo(1);
        }
    }

    @Test
    void forEach_usesWorkerThreadsWhenThereAreSeveral() {
        Parallel.setThreads(2);
        var names = ConcurrentHashMap.<String>newKeySet();
        // many slow-ish chunks: the worker must pick some of them up
        Parallel.forEach(200, i -> {
            names.add(Thread.currentThread().getName());
            long until = System.nanoTime() + 200_000;
            while (System.nanoTime() < until) Thread.onSpinWait();
        });
        assertThat(names).anyMatch(n -> n.startsWith("nabla-worker-"));
    }

    @Test
    void forEach_nestedCallsRunInlineWithoutDeadlock() {
        Parallel.setThreads(2);
        AtomicIntegerArray runs = new AtomicIntegerArray(16 * 16);
        Parallel.forEach(16, i -> Parallel.forEach(16, j -> runs.incrementAndGet(i * 16 + j)));
        for (int i = 0; i < 256; i++) assertThat(runs.get(i)).isEqualTo(1);
    }

    @Test
    void forEach_rethrowsAChunksFailure() {
        Parallel.setThreads(2);
        assertThatThrownBy(() -> Parallel.forEach(50, i -> {
            if (i == 37) throw new IllegalStateException("chunk 37 failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("chunk 37 failed");
        // the pool still works afterwards
        AtomicIntegerArray runs = new AtomicIntegerArray(10);
        Parallel.forEach(10, runs::incrementAndGet);
        assertThat(runs.get(9)).isEqualTo(1);
    }

    @Test
    void setThreads_rejectsZero() {
        assertThatThrownBy(() -> Parallel.setThreads(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    }
}
