package dev.nabla.nn;

import dev.nabla.autograd.Tensor;
import dev.nabla.nn.functional.BatchNorm;
import dev.nabla.tensor.BatchNormStats;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.ShapeException;

/**
 * Batch normalization over the channel dim 1 of an {@code (N, C, *)} input, with PyTorch's exact
 * semantics; {@link BatchNorm1d} and {@link BatchNorm2d} fix the input rank.
 * <pre>
 *   y = (x − E[x]) / √(Var[x] + ε) · γ + β          (per channel, over N and the spatial dims)
 * </pre>
 * <ul>
 *   <li>Training: E and Var are the batch mean and the <em>biased</em> batch variance (divided by
 *       n, the number of values per channel), computed by the fused op {@link BatchNorm#train}.
 *       With {@code trackRunningStats} the running estimates are then updated with the
 *       <em>unbiased</em> variance (divided by n − 1):
 *       {@code running = (1 − m)·running + m·batch}, where m = momentum, or, if momentum is
 *       null, m = 1/num_batches_tracked (a cumulative moving average).</li>
 *   <li>Evaluation: the running estimates are used (an affine map), or the batch statistics if
 *       running stats are not tracked.</li>
 * </ul>
 * Parameters (if {@code affine}) {@code weight} γ = 1 and {@code bias} β = 0, shape (C); buffers
 * (if {@code trackRunningStats}) {@code running_mean} = 0, {@code running_var} = 1 (C) and
 * {@code num_batches_tracked} = 0 (I64 scalar). Defaults: eps 1e-5, momentum 0.1, affine,
 * tracking running stats.
 */
public abstract class BatchNormBase extends Module {
    private final int numFeatures;
    private final double eps;
    private final Double momentum;
    private final Parameter weight, bias;
    private final Buffer runningMean, runningVar, numBatchesTracked;

    BatchNormBase(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats, DType dtype) {
        if (numFeatures < 1) throw new IllegalArgumentException(name() + ": num_features must be >= 1, got " + numFeatures);
        if (!(eps >= 0)) throw new IllegalArgumentException(name() + ": eps must be >= 0, got " + eps);
        if (momentum != null && !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(name() + ": momentum must be in [0, 1] or null (cumulative average), got " + momentum);
        }
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = affine ? registerParameter("weight", new Parameter(NDArray.ones(dtype, numFeatures))) : null;
        this.bias = affine ? registerParameter("bias", new Parameter(NDArray.zeros(dtype, numFeatures))) : null;
        if (trackRunningStats) {
            runningMean = registerBuffer("running_mean", new Buffer(NDArray.zeros(dtype, numFeatures)));
            runningVar = registerBuffer("running_var", new Buffer(NDArray.ones(dtype, numFeatures)));
            numBatchesTracked = registerBuffer("num_batches_tracked", new Buffer(NDArray.zeros(DType.I64)));
        } else {
            runningMean = runningVar = numBatchesTracked = null;
        }
    }

    /** Throws a {@link ShapeException} if the rank of x is not one this layer accepts. */
    abstract void checkRank(Tensor x);

    /** "batch_norm1d" or "batch_norm2d", for messages. */
    abstract String name();

    @Override
    public Tensor forward(Tensor x) {
        checkRank(x);
        if (x.size(1) != numFeatures) {
            throw new ShapeException(name() + ": expected " + numFeatures + " channels in dim 1, got input.shape=" + x.shape());
        }
        Tensor w = weight == null ? null : weight.tensor(), b = bias == null ? null : bias.tensor();
        if (!isTraining() && runningMean != null) {
            return BatchNorm.eval(x, runningMean.value(), runningVar.value(), w, b, eps);
        }
        BatchNorm.Result r = BatchNorm.train(x, w, b, eps);
        if (isTraining() && runningMean != null) updateRunningStats(r.stats());
        return r.output();
    }

    private void updateRunningStats(BatchNormStats stats) {
        long batches = numBatchesTracked.value().getLong() + 1;
        numBatchesTracked.set(NDArray.of(new long[] {batches}));
        double m = momentum == null ? 1.0 / batches : momentum;
        DType dtype = runningMean.value().dtype();
        NDArray unbiasedVar = stats.var().astype(dtype).mul((double) stats.count() / (stats.count() - 1));
        runningMean.set(runningMean.value().mul(1 - m).add(stats.mean().astype(dtype).mul(m)));
        runningVar.set(runningVar.value().mul(1 - m).add(unbiasedVar.mul(m)));
    }

    public int numFeatures() {
        return numFeatures;
    }

    /** γ, or null without affine. */
    public Parameter weight() {
        return weight;
    }

    /** β, or null without affine. */
    public Parameter bias() {
        return bias;
    }

    /** The running mean, or null if running stats are not tracked. */
    public NDArray runningMean() {
        return runningMean == null ? null : runningMean.value();
    }

    /** The running (unbiased) variance, or null if running stats are not tracked. */
    public NDArray runningVar() {
        return runningVar == null ? null : runningVar.value();
    }

    /** Training batches seen (I64 scalar), or -1 if running stats are not tracked. */
    public long numBatchesTracked() {
        return numBatchesTracked == null ? -1 : numBatchesTracked.value().getLong();
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + eps + ", momentum=" + momentum + ", affine=" + (weight != null)
                + ", track_running_stats=" + (runningMean != null);
    }
}
