package dev.nabla.autograd.check;

import dev.nabla.tensor.Rng;

/**
 * A small property-based test runner for plain JUnit 5 tests (no jqwik, see DESIGN.md).
 *
 * <p>{@code forAll} runs a property on {@code cases} generators, each with its own seed derived
 * from a base seed. When a case fails, it shrinks: the same seed is re-run with smaller bounds on
 * rank and dims (smaller tensors, same random choices otherwise), and the smallest bounds that
 * still fail are reported with the seed:
 *
 * <pre>
 * property 'softmax rows sum to one' failed: seed=-7243185736400215467 maxRank=1 maxDim=2
 *   replay with -Dnabla.seed=-7243185736400215467 -Dnabla.maxRank=1 -Dnabla.maxDim=2
 *   cause: expected 1.0 but was 0.99
 * </pre>
 *
 * With {@code -Dnabla.seed} set, only that case runs (with {@code nabla.maxRank} and
 * {@code nabla.maxDim} if given), so the failure replays exactly. {@code -Dnabla.baseSeed}
 * changes the base seed of all cases.
 *
 * <pre>{@code
 * @Test
 * void softmaxRowsSumToOne() {
 *     Properties.forAll("softmax rows sum to one", 100, TensorGen.Profile.GRADCHECK, gen -> {
 *         NDArray x = gen.array(gen.shape(2), DType.F64, Domain.range(-50, 50));
 *         ... assert ...
 *     });
 * }
 * }</pre>
 */
public final class Properties {
    /** The base seed unless {@code -Dnabla.baseSeed} says otherwise. */
    public static final long DEFAULT_BASE_SEED = 0x6e61626c61L; // "nabla"

    private Properties() {}

    /** A property of generated data; it fails by throwing (an assertion or any exception). */
    @FunctionalInterface
    public interface Property {
        void check(TensorGen gen) throws Exception;
    }

    /** Runs {@code property} on {@code cases} generated cases; see the class comment. */
    public static void forAll(String name, int cases, TensorGen.Profile profile, Property property) {
        Long replay = Long.getLong("nabla.seed");
        int maxRank = Integer.getInteger("nabla.maxRank", 4);
        int maxDim = Integer.getInteger("nabla.maxDim", profile == TensorGen.Profile.GRADCHECK ? 6 : 40);
        if (replay != null) {
            Throwable t = failure(property, new TensorGen(replay, profile, maxRank, maxDim));
            if (t != null) throw report(name, replay, maxRank, maxDim, t);
            return;
        }
        Rng seeds = new Rng(Long.getLong("nabla.baseSeed", DEFAULT_BASE_SEED));
        for (int i = 0; i < cases; i++) {
            long seed = seeds.nextLong();
            Throwable t = failure(property, new TensorGen(seed, profile, maxRank, maxDim));
            if (t != null) throw shrink(name, property, profile, seed, maxRank, maxDim, t);
        }
    }

    /**
     * Re-runs the failing seed with smaller bounds: first the smallest maxDim that still fails,
     * then the smallest maxRank; reports those. Draws scale with the bounds (see
     * {@link TensorGen#integer}), so smaller bounds give the same case with smaller tensors.
     */
    private static AssertionError shrink(String name, Property property, TensorGen.Profile profile, long seed,
                                         int maxRank, int maxDim, Throwable first) {
        int bestDim = maxDim, bestRank = maxRank;
        Throwable best = first;
        for (int dim = 1; dim < bestDim; dim++) {
            Throwable t = failure(property, new TensorGen(seed, profile, bestRank, dim));
            if (t != null) {
                bestDim = dim;
                best = t;
            }
        }
        for (int rank = 0; rank < bestRank; rank++) {
            Throwable t = failure(property, new TensorGen(seed, profile, rank, bestDim));
            if (t != null) {
                bestRank = rank;
                best = t;
            }
        }
        return report(name, seed, bestRank, bestDim, best);
    }

    private static Throwable failure(Property property, TensorGen gen) {
        try {
            property.check(gen);
            return null;
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError e) throw e;
            return t;
        }
    }

    private static AssertionError report(String name, long seed, int maxRank, int maxDim, Throwable cause) {
        return new AssertionError("property '" + name + "' failed: seed=" + seed + " maxRank=" + maxRank + " maxDim=" + maxDim
                + "\n  replay with -Dnabla.seed=" + seed + " -Dnabla.maxRank=" + maxRank + " -Dnabla.maxDim=" + maxDim
                + "\n  cause: " + cause, cause);
    }
}
