package dev.nabla.tensor;

import dev.nabla.tensor.internal.BlockMath;

/**
 * The working arrays of one block of a {@link PointwiseFunction} evaluation: the inputs
 * {@link #x}, the outputs {@link #out} (f, or ∂f/∂x), the parameter derivatives {@link #dTheta},
 * and scratch arrays. The double arrays have room for {@link #SIZE} elements, the float ones for
 * {@link #FLOAT_SIZE}; only the first {@link #n} matter. A block belongs to one thread; the driver
 * reuses it from chunk to chunk.
 */
public final class PointwiseBlock {
    /** Elements per block (a multiple of every SIMD lane count, so whole-vector passes fit). */
    public static final int SIZE = BlockMath.BLOCK;
    /**
     * Elements per float-lane block: 4 KiB per float array, still in L1. Larger than {@link #SIZE}
     * because a cheap function's per-block overhead would otherwise show next to its memory traffic:
     * with 256, ReLU's forward + backward on 16M elements took 22.8 ms, with 1024, 18.7 ms.
     */
    public static final int FLOAT_SIZE = 4 * BlockMath.BLOCK;
    private static final int SCRATCH = 4;

    /** Inputs, widened to double. */
    public final double[] x = new double[SIZE];
    /** Outputs: f(x) in {@link PointwiseFunction#valueBlock}, ∂f/∂x in {@link PointwiseFunction#derivativeBlock}. */
    public final double[] out = new double[SIZE];
    /** ∂f/∂θₖ per element, one array per parameter. */
    public final double[][] dTheta;
    /** The parameter values for this block. */
    public double[] theta;
    /** Number of valid elements. */
    public int n;
    private final double[][] scratch = new double[SCRATCH][SIZE];
    /** ∂L/∂y of the block, widened (the driver's, not the function's). */
    final double[] gradient = new double[SIZE];

    /** F32 inputs, as they are, for float-lane functions ({@link PointwiseFunction.FloatValues}, {@link PointwiseFunction.FloatDerivatives}). */
    public final float[] xf = new float[FLOAT_SIZE];
    /** Float outputs: f(x) in {@link PointwiseFunction.FloatValues#valueBlockF32}, ∂f/∂x in {@link PointwiseFunction.FloatDerivatives#derivativeBlockF32}. */
    public final float[] outf = new float[FLOAT_SIZE];
    /** ∂f/∂θₖ per element in float, one array per parameter. */
    public final float[][] dThetaf;
    /**
     * Which ∂f/∂θₖ the backward sums (set by the driver before each derivative block; all true in a
     * direct call): a derivative block may skip the others, whose arrays are then not read.
     */
    public boolean[] wanted;
    private final float[][] floatScratch = new float[SCRATCH][FLOAT_SIZE];
    /** Σ ∂L/∂y·∂f/∂θₖ over the block, one per parameter: {@link PointwiseFunction.FloatInPlace#backwardRangeF32}'s result. */
    public final double[] parameterSums;

    PointwiseBlock(int parameters) {
        dTheta = new double[parameters][SIZE];
        dThetaf = new float[parameters][FLOAT_SIZE];
        parameterSums = new double[parameters];
        wanted = new boolean[parameters];
        java.util.Arrays.fill(wanted, true);
    }

    /** Scratch array {@code i} (0 … 3), free for the function's use within one call. */
    public double[] scratch(int i) {
        return scratch[i];
    }

    /** Float scratch array {@code i} (0 … 3), free for a float-lane function's use within one call. */
    public float[] floatScratch(int i) {
        return floatScratch[i];
    }
}
