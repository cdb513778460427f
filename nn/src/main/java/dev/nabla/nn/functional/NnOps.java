package dev.nabla.nn.functional;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.autograd.check.OpCase;
import dev.nabla.autograd.check.OpProvider;
import dev.nabla.autograd.check.TensorGen;
import dev.nabla.nn.loss.BCEWithLogitsLoss;
import dev.nabla.nn.loss.CrossEntropyLoss;
import dev.nabla.nn.loss.HuberLoss;
import dev.nabla.nn.loss.L1Loss;
import dev.nabla.nn.loss.MSELoss;
import dev.nabla.nn.loss.NLLLoss;
import dev.nabla.nn.loss.Reduction;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Shape;
import java.util.List;

/**
 * The registry entries of the nn module's differentiable ops: the fused batch norm, the fused
 * cross-entropy and every loss (gradchecked in F64 by the tests module).
 */
public final class NnOps implements OpProvider {
    private static final Domain REAL = Domain.real();
    private static final double BN_EPS = 1e-5;

    /** Target index 1 is ignored in the cases that set ignoreIndex. */
    private static final int IGNORED = 1;

    static final List<OpCase> CASES = List.of(
            OpCase.of("batch_norm", 3, gen -> {
                Tensor x = gen.distinctInput(batchShape(gen), REAL);
                Shape c = Shape.of(x.size(1));
                return new Tensor[] {x, gen.input(c, REAL), gen.input(c, REAL)};
            }, in -> BatchNorm.train(in[0], in[1], in[2], BN_EPS).output()).covers("BatchNorm")
                    .kinks("none; inputs hold at least 4 distinct values per channel, so the variance stays away from 0"),
            OpCase.of("batch_norm_no_affine", 1, gen -> new Tensor[] {gen.distinctInput(batchShape(gen), REAL)},
                    in -> BatchNorm.train(in[0], null, null, BN_EPS).output()).covers("BatchNorm")
                    .kinks("none; inputs hold at least 4 distinct values per channel, so the variance stays away from 0"),
            OpCase.of("cross_entropy", 1, NnOps::logits, in -> new CrossEntropyLoss().apply(in[0], targets(in[0])))
                    .covers("CrossEntropy"),
            OpCase.of("cross_entropy_smoothed_weighted_ignore", 1, NnOps::logits, in -> CrossEntropyLoss.builder()
                    .labelSmoothing(0.2).classWeights(classWeights(in[0])).ignoreIndex(IGNORED).build()
                    .apply(in[0], targets(in[0]))).covers("CrossEntropy"),
            OpCase.of("cross_entropy_spatial_none", 1,
                    gen -> new Tensor[] {gen.input(Shape.of(gen.integer(1, 3), gen.integer(2, 4), gen.integer(1, 3)), REAL)},
                    in -> CrossEntropyLoss.builder().labelSmoothing(0.1).reduction(Reduction.NONE).build()
                            .apply(in[0], targets(in[0]))).covers("CrossEntropy"),
            OpCase.of("nll_loss", 1, NnOps::logits, in -> new NLLLoss(classWeights(in[0]), IGNORED, Reduction.MEAN)
                    .apply(in[0].logSoftmax(1), targets(in[0]))),
            OpCase.of("mse_loss", 2, NnOps::sameShapePair, in -> new MSELoss().apply(in[0], in[1])),
            OpCase.of("l1_loss", 1, gen -> new Tensor[] {gen.input(gen.shape(), REAL.avoiding(0))},
                    in -> new L1Loss(Reduction.SUM).apply(in[0], NDArray.zeros(in[0].dtype(), in[0].shape().dims())))
                    .kinks("not differentiable where input = target: target 0, inputs keep away from 0"),
            OpCase.of("huber_loss", 1, gen -> new Tensor[] {gen.input(gen.shape(), REAL.avoiding(-0.5, 0.5))},
                    in -> new HuberLoss(0.5).apply(in[0], NDArray.zeros(in[0].dtype(), in[0].shape().dims())))
                    .kinks("second derivative jumps at |input − target| = delta: target 0, delta 0.5, inputs keep away"),
            OpCase.of("bce_with_logits", 2, gen -> {
                Shape s = Shape.of(gen.dim(), gen.dim());
                return new Tensor[] {gen.input(s, REAL), gen.input(s, Domain.range(0, 1))};
            }, in -> new BCEWithLogitsLoss(NDArray.linspace(0.5, 2, in[0].size(1), in[0].dtype())).apply(in[0], in[1])));

    @Override
    public List<OpCase> cases() {
        return CASES;
    }

    /** (N, C), (N, C, L) or (N, C, H, W) with at least 4 values per channel. */
    private static Shape batchShape(TensorGen gen) {
        int c = gen.integer(1, 3);
        return switch (gen.integer(2, 4)) {
            case 2 -> Shape.of(gen.integer(4, 6), c);
            case 3 -> Shape.of(gen.integer(2, 3), c, gen.integer(2, 3));
            default -> Shape.of(2, c, gen.integer(1, 2), gen.integer(2, 3));
        };
    }

    private static Tensor[] logits(TensorGen gen) {
        return new Tensor[] {gen.input(Shape.of(gen.integer(1, 4), gen.integer(2, 5)), REAL)};
    }

    private static Tensor[] sameShapePair(TensorGen gen) {
        Shape s = gen.shape();
        return new Tensor[] {gen.input(s, REAL), gen.input(s, REAL)};
    }

    /** Deterministic targets for the input's shape: t = (flat index · 3) mod C. */
    private static NDArray targets(Tensor input) {
        int[] d = input.shape().dims();
        int c = d[1];
        int[] targetDims = new int[d.length - 1];
        targetDims[0] = d[0];
        System.arraycopy(d, 2, targetDims, 1, d.length - 2);
        long[] t = new long[Shape.of(targetDims).numel()];
        for (int i = 0; i < t.length; i++) t[i] = (3L * i) % c;
        return NDArray.of(t, targetDims);
    }

    /** Weights 0.5, 1, 1.5, … for the C classes. */
    private static NDArray classWeights(Tensor input) {
        int c = input.size(1);
        return NDArray.linspace(0.5, 0.5 * c, c, input.dtype());
    }
}
