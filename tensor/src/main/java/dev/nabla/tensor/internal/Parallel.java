package dev.nabla.tensor.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Nabla's worker pool: runs {@code body(0) … body(chunks-1)} on the calling thread and the
 * workers, and returns when all are done.
 *
 * <p>Determinism is the caller's side of the contract: a kernel cuts its work into chunks whose
 * boundaries depend only on the problem size (never on {@link #threads()}), each chunk writes only
 * its own outputs, and partial results are combined afterwards in chunk order. Which thread runs a
 * chunk then cannot change a single bit of the result.
 *
 * <p>A {@code forEach} called from inside a chunk runs inline on that thread, so kernels may nest
 * without deadlock. Workers spin briefly before parking, since kernels arrive in quick bursts.
 */
public final class Parallel {
    private static volatile Pool pool = new Pool(defaultThreads());

    private Parallel() {}

    /** Threads used, the caller included. */
    public static int threads() {
        return pool.workers.length + 1;
    }

    /** Replaces the pool by one with {@code threads} threads (the caller included). */
    public static synchronized void setThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (threads == threads()) return;
        Pool old = pool;
        pool = new Pool(threads);
        old.shutdown();
    }

    /** Runs {@code body} for every chunk index in {@code [0, chunks)}; see the class comment. */
    public static void forEach(int chunks, IntConsumer body) {
        if (chunks <= 0) return;
        Pool p = pool;
        if (chunks == 1 || p.workers.length == 0 || Pool.INSIDE.get()) {
            for (int i = 0; i < chunks; i++) body.accept(i);
            return;
        }
        p.run(chunks, body);
    }

    /** Number of chunks of {@code chunkSize} that cover {@code n} items. */
    public static int chunks(long n, long chunkSize) {
        return (int) ((n + chunkSize - 1) / chunkSize);
    }

    static int defaultThreads() {
        String configured = System.getProperty("nabla.threads");
        if (configured == null || configured.isBlank()) configured = System.getenv("NABLA_THREADS");
        if (configured != null && !configured.isBlank()) {
            try {
                int n = Integer.parseInt(configured.trim());
                if (n >= 1) return n;
            } catch (NumberFormatException ignored) {
                // fall through to the error below
            }
            throw new IllegalArgumentException(
                    "nabla.threads / NABLA_THREADS must be a whole number >= 1, got '" + configured + "'");
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** A fixed set of daemon workers that take chunks of one job at a time. */
    private static final class Pool {
        static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);
        private static final int SPINS = 20_000;

        final Thread[] workers;
        private final Object submitLock = new Object();
        private volatile Job job;
        private volatile boolean stopped;

        Pool(int threads) {
            workers = new Thread[threads - 1];
            for (int i = 0; i < workers.length; i++) {
                Thread t = new Thread(this::workLoop, "nabla-worker-" + i);
                t.setDaemon(true);
                workers[i] = t;
                t.start();
            }
        }

        void run(int chunks, IntConsumer body) {
            synchronized (submitLock) { // one job at a time; concurrent callers queue here
                Job j = new Job(chunks, body);
                job = j;
                for (Thread t : workers) LockSupport.unpark(t);
                INSIDE.set(true);
                try {
                    j.work();
                } finally {
                    INSIDE.set(false);
                }
                j.awaitDone();
                job = null;
                j.rethrow();
            }
        }

        private void workLoop() {
            INSIDE.set(true);
            Job last = null;
            while (!stopped) {
                Job j = job;
                if (j == null || j == last) {
                    int spins = 0;
                    while ((j = job) == null || j == last) {
                        if (stopped) return;
                        if (++spins < SPINS) Thread.onSpinWait();
                        else LockSupport.park(this); // run() unparks every worker
                    }
                }
                last = j;
                j.work();
            }
        }

        void shutdown() {
            stopped = true;
            for (Thread t : workers) LockSupport.unpark(t);
        }
    }

    /** One call of {@link #forEach}: chunks are claimed from a shared counter. */
    private static final class Job {
        private final int chunks;
        private final IntConsumer body;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable failure;

        Job(int chunks, IntConsumer body) {
            this.chunks = chunks;
            this.body = body;
        }

        void work() {
            int i;
            while ((i = next.getAndIncrement()) < chunks) {
                try {
                    if (failure == null) body.accept(i);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    done.incrementAndGet();
                }
            }
        }

        void awaitDone() {
            while (done.get() < chunks) Thread.onSpinWait();
        }

        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException r) throw r;
            if (t instanceof Error e) throw e;
            if (t != null) throw new IllegalStateException(t);
        }
    }
}
