package dev.nabla.tensor.internal;

/**
 * Splits an element range into fixed chunks and runs them on the worker pool. It has no
 * arithmetic of its own: each chunk calls the leaf kernels (through {@code body}) on its own
 * elements and writes only its own outputs. The chunk boundaries depend only on {@code n} and
 * {@code chunk}, so results are bit-identical for any number of threads.
 */
public final class ParallelElementwise {
    private ParallelElementwise() {}

    /** Runs {@code body(start, end)} over [0, n) cut into pieces of {@code chunk} elements (the last may be shorter). */
    @ReferenceTwin(reference = ReferenceElementwise.class, method = "forRanges",
            parityTest = "dev.nabla.tensor.internal.ElementwiseParityTest")
    public static void forRanges(int n, int chunk, ElementwiseKernels.RangeBody body) {
        Parallel.forEach(Parallel.chunks(n, chunk), c -> {
            int start = c * chunk;
            body.run(start, Math.min(n, start + chunk));
        });
    }
}
