package dev.nabla.tensor;

/**
 * Nabla's seeded, splittable random number generator (SplitMix64, Steele, Lea and Flood,
 * "Fast splittable pseudorandom number generators", OOPSLA 2014).
 *
 * <p>Every random draw in Nabla comes from an {@code Rng}, never from JDK methods whose algorithm
 * may change between releases, so a seed reproduces a run on any JDK. {@link #split()} derives an
 * independent generator: a training run splits one root into separate streams for initialization,
 * data order and dropout, so that adding a dropout layer does not change the data order.
 * Gaussian samples use the Box–Muller transform with {@link StrictMath}, whose results are
 * specified to the bit.
 *
 * <p>Not thread-safe: give each thread its own split.
 *
 * <pre>{@code
 * Rng root = new Rng(42);
 * Rng init = root.split(), order = root.split();
 * NDArray w = init.normal(Shape.of(128, 64), DType.F32, 0.0, 0.02);
 * NDArray perm = order.permutation(60_000);   // I64
 * }</pre>
 */
public final class Rng {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long seed;
    private final long gamma;

    /** A generator whose whole sequence is determined by {@code seed}. */
    public Rng(long seed) {
        this(mix64(seed), GOLDEN_GAMMA);
    }

    private Rng(long seed, long gamma) {
        this.seed = seed;
        this.gamma = gamma;
    }

    /**
     * A new generator whose sequence is independent of this one's continuation. Advances this
     * generator by two draws.
     */
    public Rng split() {
        return new Rng(mix64(nextSeed()), mixGamma(nextSeed()));
    }

    /** 64 uniformly distributed random bits. */
    public long nextLong() {
        return mix64(nextSeed());
    }

    /** Uniform in {@code [0, 1)}, 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in {@code [0, bound)}, without modulo bias. */
    public long nextLong(long bound) {
        if (bound <= 0) throw new IllegalArgumentException("nextLong: bound must be > 0, got " + bound);
        long m = bound - 1;
        long r = nextLong() >>> 1;
        if ((bound & m) == 0) return r & m;
        for (long u = r; u - (r = u % bound) + m < 0; u = nextLong() >>> 1) {
            // reject the top, incomplete interval
        }
        return r;
    }

    /** A standard normal sample: Box–Muller on two uniforms, computed with StrictMath. */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]: log is finite
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    /** Uniform samples in {@code [low, high)}. */
    public NDArray uniform(Shape shape, DType dtype, double low, double high) {
        requireFloating("uniform", dtype);
        if (!(low < high)) throw new IllegalArgumentException("uniform: need low < high, got low=" + low + ", high=" + high);
        NDArray out = NDArray.zeros(dtype, shape.dims());
        for (int i = 0, n = shape.numel(); i < n; i++) out.setFlat(i, low + (high - low) * nextDouble());
        return out;
    }

    /** Normal samples with the given mean and standard deviation. */
    public NDArray normal(Shape shape, DType dtype, double mean, double std) {
        requireFloating("normal", dtype);
        if (!(std >= 0)) throw new IllegalArgumentException("normal: std must be >= 0, got " + std);
        NDArray out = NDArray.zeros(dtype, shape.dims());
        for (int i = 0, n = shape.numel(); i < n; i++) out.setFlat(i, mean + std * nextGaussian());
        return out;
    }

    /** 1 with probability {@code p}, else 0. */
    public NDArray bernoulli(Shape shape, DType dtype, double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("bernoulli: p must be in [0, 1], got " + p);
        NDArray out = NDArray.zeros(dtype, shape.dims());
        for (int i = 0, n = shape.numel(); i < n; i++) out.setFlat(i, nextDouble() < p ? 1 : 0);
        return out;
    }

    /** A uniformly random permutation of {@code 0 … n-1} (Fisher–Yates), as I64. */
    public NDArray permutation(int n) {
        if (n < 0) throw new IllegalArgumentException("permutation: n must be >= 0, got " + n);
        long[] p = new long[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = (int) nextLong(i + 1);
            long t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return NDArray.of(p, n);
    }

    private long nextSeed() {
        return seed += gamma;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** An odd gamma with enough bit transitions, as in SplittableRandom. */
    private static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z = (z ^ (z >>> 33)) | 1L;
        int n = Long.bitCount(z ^ (z >>> 1));
        return (n < 24) ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
    }

    private static void requireFloating(String op, DType dtype) {
        if (!dtype.isFloating()) throw new IllegalArgumentException(op + ": dtype must be F32 or F64, got " + dtype);
    }
}
