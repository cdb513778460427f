package dev.nabla.autograd.check;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.KernelInfo;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.Shape;

/**
 * Seeded generators of shapes, values and input tensors for property tests and gradient checks.
 * Everything a generator produces follows from its seed, so a failing case replays exactly.
 *
 * <p>Two shape profiles:
 * <ul>
 *   <li>{@link Profile#GRADCHECK}: rank 0–4, dims 1–6 (small, since a full Jacobian costs one
 *       backward per output element and two forwards per input element);
 *   <li>{@link Profile#PARITY}: for comparing fast kernels with their references: adds the sizes
 *       kernels get wrong: 0, the SIMD lane count ± 1, and dims large enough to cross the
 *       parallel thresholds.
 * </ul>
 * Input tensors are often non-contiguous views (transposed, sliced with a step, or expanded from
 * a smaller array), because ops must handle those as well as fresh arrays.
 *
 * <pre>{@code
 * TensorGen gen = new TensorGen(42, TensorGen.Profile.GRADCHECK);
 * Shape[] pair = gen.broadcastablePair();          // e.g. [3, 1, 4] and [5, 4]
 * Tensor x = gen.input(pair[0], Domain.real().avoiding(0));
 * }</pre>
 */
public final class TensorGen {
    /** Which sizes {@link #dim()} draws; see the class comment. */
    public enum Profile { GRADCHECK, PARITY }

    /** Large enough that a kernel over a dim this size crosses any parallel threshold in Nabla. */
    public static final int PARALLEL_DIM = 70_000;

    private final Rng rng;
    private final Profile profile;
    private final int maxRank, maxDim;

    public TensorGen(long seed, Profile profile) {
        this(seed, profile, 4, profile == Profile.GRADCHECK ? 6 : 40);
    }

    /** A generator with explicit bounds (the property runner shrinks through these). */
    public TensorGen(long seed, Profile profile, int maxRank, int maxDim) {
        if (maxRank < 0 || maxDim < 1) throw new IllegalArgumentException("tensorgen: need maxRank >= 0 and maxDim >= 1, got " + maxRank + ", " + maxDim);
        this.rng = new Rng(seed);
        this.profile = profile;
        this.maxRank = maxRank;
        this.maxDim = maxDim;
    }

    public Rng rng() {
        return rng;
    }

    public int maxRank() {
        return maxRank;
    }

    public int maxDim() {
        return maxDim;
    }

    /**
     * A uniform integer in {@code [low, high]}. It scales one uniform draw, so the same seed with a
     * smaller {@code high} gives a value no larger: shrinking the bounds shrinks the case.
     */
    public int integer(int low, int high) {
        return low + (int) (rng.nextDouble() * (high - low + 1));
    }

    /** One extent: 1..maxDim, and for the parity profile often an edge size (0, lanes ± 1, parallel). */
    public int dim() {
        if (profile == Profile.PARITY && rng.nextDouble() < 0.4) {
            int lanes = Math.max(KernelInfo.simdFloatLanes(), 8);
            int[] edges = {0, 1, 2, lanes - 1, lanes, lanes + 1, 2 * lanes + 1};
            return Math.min(edges[integer(0, edges.length - 1)], Math.max(maxDim, 1));
        }
        return integer(1, maxDim);
    }

    /** A shape of random rank 0..maxRank. */
    public Shape shape() {
        return shape(integer(0, maxRank));
    }

    /** A shape of the given rank. */
    public Shape shape(int rank) {
        int[] dims = new int[rank];
        for (int d = 0; d < rank; d++) dims[d] = dim();
        return Shape.of(dims);
    }

    /**
     * Two shapes that broadcast together: a random shape, and a copy that has lost some leading
     * dims and has extent 1 in some others (in random order).
     */
    public Shape[] broadcastablePair() {
        Shape full = shape();
        int[] dims = full.dims();
        int drop = integer(0, dims.length);
        int[] other = new int[dims.length - drop];
        for (int d = 0; d < other.length; d++) other[d] = rng.nextDouble() < 0.3 ? 1 : dims[drop + d];
        Shape small = Shape.of(other);
        return rng.nextDouble() < 0.5 ? new Shape[] {full, small} : new Shape[] {small, full};
    }

    /** An array with values drawn from {@code domain}. */
    public NDArray array(Shape shape, DType dtype, Domain domain) {
        double[] v = new double[shape.numel()];
        for (int i = 0; i < v.length; i++) v[i] = domain.sample(rng.nextDouble());
        return NDArray.of(v, shape.dims()).astype(dtype);
    }

    /** An I64 array of indices in {@code [0, bound)}. */
    public NDArray indices(Shape shape, int bound) {
        long[] v = new long[shape.numel()];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextLong(bound);
        return NDArray.of(v, shape.dims());
    }

    /** An F64 leaf that requires grad, with values from {@code domain}; often a non-contiguous view. */
    public Tensor input(Shape shape, Domain domain) {
        return Tensor.leaf(view(shape, DType.F64, domain, true), true);
    }

    /**
     * Like {@link #input} but never an expanded view, whose repeated values would be exact ties:
     * for ops with a kink where two inputs are equal (max, min, max-pooling).
     */
    public Tensor distinctInput(Shape shape, Domain domain) {
        return Tensor.leaf(view(shape, DType.F64, domain, false), true);
    }

    /** An F64 constant (does not require grad) with values from {@code domain}. */
    public Tensor constant(Shape shape, Domain domain) {
        return Tensor.of(view(shape, DType.F64, domain, true));
    }

    /**
     * An array of {@code shape} that is, at random, contiguous, a transposed view, a strided slice,
     * or (if {@code mayRepeat}) expanded along dim 0.
     */
    public NDArray view(Shape shape, DType dtype, Domain domain, boolean mayRepeat) {
        int[] dims = shape.dims();
        int r = dims.length;
        double pick = rng.nextDouble();
        if (r >= 2 && pick < 0.25) { // transposed: generate the swapped shape, swap back
            int[] swapped = dims.clone();
            swapped[r - 1] = dims[r - 2];
            swapped[r - 2] = dims[r - 1];
            return array(Shape.of(swapped), dtype, domain).transpose(r - 2, r - 1);
        }
        if (r >= 1 && pick < 0.5) { // every other element of a twice-as-long last dim
            int[] wide = dims.clone();
            wide[r - 1] = 2 * dims[r - 1];
            return array(Shape.of(wide), dtype, domain).slice(r - 1, 1, wide[r - 1], 2);
        }
        if (mayRepeat && r >= 1 && pick < 0.6 && dims[0] > 1) { // broadcast along dim 0 (stride 0)
            int[] one = dims.clone();
            one[0] = 1;
            return array(Shape.of(one), dtype, domain).expand(dims);
        }
        return array(shape, dtype, domain);
    }
}
