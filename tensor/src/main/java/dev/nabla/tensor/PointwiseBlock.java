package dev.nabla.tensor;

import dev.nabla.tensor.internal.BlockMath;

/**
 * The working arrays of one block of a {@link PointwiseFunction} evaluation: the inputs
 * {@link #x}, the outputs {@link #out} (f, or ∂f/∂x), the parameter derivatives {@link #dTheta},
 * and scratch arrays. All have room for {@link #SIZE} elements; only the first {@link #n} matter.
 * A block belongs to one thread; the driver reuses it from chunk to chunk.
 */
public final class PointwiseBlock {
    /** Elements per block (a multiple of every SIMD lane count, so whole-vector passes fit). */
    public static final int SIZE = BlockMath.BLOCK;
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

    PointwiseBlock(int parameters) {
        dTheta = new double[parameters][SIZE];
    }

    /** Scratch array {@code i} (0 … 3), free for the function's use within one call. */
    public double[] scratch(int i) {
        return scratch[i];
    }
}
