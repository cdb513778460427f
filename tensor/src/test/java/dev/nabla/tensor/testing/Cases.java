package dev.nabla.tensor.testing;

import dev.nabla.tensor.Rng;

/**
 * A small seeded property runner for the tensor module's parity tests (the full generator and
 * shrinking API for users lives in {@code dev.nabla.autograd.check}).
 *
 * <p>Each case gets its own {@link Rng} split from the property's seed, so a failure message names
 * the seed and the case index, and {@code -Dnabla.seed=S} replays the same cases.
 */
public final class Cases {
    /** The seed every property uses unless {@code -Dnabla.seed} overrides it. */
    public static final long DEFAULT_SEED = 20261123L;

    private Cases() {}

    /** A body run once per generated case. */
    @FunctionalInterface
    public interface Body {
        void run(Rng rng, int caseIndex) throws Exception;
    }

    /** Runs {@code body} for {@code count} cases; a failure names the property, the case and the seed. */
    public static void forAll(String property, int count, Body body) {
        long seed = Long.getLong("nabla.seed", DEFAULT_SEED);
        Rng root = new Rng(seed);
        for (int i = 0; i < count; i++) {
            Rng rng = root.split();
            try {
                body.run(rng, i);
            } catch (Throwable t) {
                throw new AssertionError(property + " failed at case " + i + " of " + count + " (seed " + seed
                        + "; replay with -Dnabla.seed=" + seed + "): " + t.getMessage(), t);
            }
        }
    }

    /** Sizes every kernel must get right: 0, 1, around {@code lanes}, and just past {@code parallelThreshold}. */
    public static int[] edgeSizes(int lanes, int parallelThreshold) {
        return new int[] {0, 1, 2, lanes - 1, lanes, lanes + 1, 2 * lanes + 3, parallelThreshold - 1, parallelThreshold + 1};
    }

    /** A uniformly random size in {@code [lo, hi]}. */
    public static int size(Rng rng, int lo, int hi) {
        return lo + (int) rng.nextLong(hi - lo + 1);
    }

    /** {@code n} floats uniform in {@code [lo, hi)}. */
    public static float[] floats(Rng rng, int n, double lo, double hi) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (lo + (hi - lo) * rng.nextDouble());
        return a;
    }

    /** {@code n} doubles uniform in {@code [lo, hi)}. */
    public static double[] doubles(Rng rng, int n, double lo, double hi) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = lo + (hi - lo) * rng.nextDouble();
        return a;
    }
}
