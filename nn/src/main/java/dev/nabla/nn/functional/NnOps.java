package dev.nabla.nn.functional;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.autograd.check.OpCase;
import dev.nabla.autograd.check.OpProvider;
import dev.nabla.autograd.check.TensorGen;
import dev.nabla.tensor.Shape;
import java.util.List;

/** The registry entries of the ops in {@code dev.nabla.nn.functional} (gradchecked in F64 by the tests module). */
public final class NnOps implements OpProvider {
    private static final double EPS = 1e-5;

    static final List<OpCase> CASES = List.of(
            OpCase.of("batch_norm", 3, gen -> {
                Tensor x = gen.distinctInput(batchShape(gen), Domain.real());
                Shape c = Shape.of(x.size(1));
                return new Tensor[] {x, gen.input(c, Domain.real()), gen.input(c, Domain.real())};
            }, in -> BatchNorm.train(in[0], in[1], in[2], EPS).output()).covers("BatchNorm")
                    .kinks("none; inputs hold at least 4 distinct values per channel, so the variance stays away from 0"),
            OpCase.of("batch_norm_no_affine", 1, gen -> new Tensor[] {gen.distinctInput(batchShape(gen), Domain.real())},
                    in -> BatchNorm.train(in[0], null, null, EPS).output()).covers("BatchNorm")
                    .kinks("none; inputs hold at least 4 distinct values per channel, so the variance stays away from 0"));

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
}
