package dev.nabla.nn;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.ShapeException;

/**
 * Batch normalization of (N, C) or (N, C, L) inputs, as PyTorch's {@code nn.BatchNorm1d}: see
 * {@link BatchNormBase} for the math, the running statistics and the defaults. Shapes: x (N, C) or (N, C, L) → y like x.
 *
 * <pre>{@code
 * BatchNorm1d bn = new BatchNorm1d(16);
 * Tensor y = bn.forward(x);       // training: batch statistics, updates running_mean/running_var
 * bn.eval();
 * Tensor z = bn.forward(x);       // evaluation: running statistics
 * }</pre>
 */
public final class BatchNorm1d extends BatchNormBase {

    /** eps 1e-5, momentum 0.1, affine, tracking running stats, F32. */
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /** {@code momentum} null means a cumulative moving average of the batch statistics. */
    public BatchNorm1d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        this(numFeatures, eps, momentum, affine, trackRunningStats, DType.F32);
    }

    public BatchNorm1d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats, DType dtype) {
        super(numFeatures, eps, momentum, affine, trackRunningStats, dtype);
    }

    @Override
    void checkRank(Tensor x) {
        if (x.rank() != 2 && x.rank() != 3) throw new ShapeException(name() + ": expected 2D or 3D input, got input.shape=" + x.shape());
    }

    @Override
    String name() {
        return "batch_norm1d";
    }
}
