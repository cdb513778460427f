package dev.nabla.tensor;

import dev.nabla.tensor.internal.Parallel;

/**
 * The size of Nabla's one worker pool. Kernels split their work into fixed chunks that do not
 * depend on this number and combine partial results in a fixed order, so results are
 * bit-identical on 1 or N threads.
 *
 * <p>The default is the system property {@code nabla.threads}, else the environment variable
 * {@code NABLA_THREADS}, else the number of available processors. The command line's
 * {@code --threads} calls {@link #set(int)}.
 */
public final class Threads {
    private Threads() {}

    /** The number of threads kernels use (the calling thread included). */
    public static int count() {
        return Parallel.threads();
    }

    /** Sets the number of threads kernels use, from now on. */
    public static void set(int threads) {
        Parallel.setThreads(threads);
    }
}
