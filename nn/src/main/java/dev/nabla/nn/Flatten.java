package dev.nabla.nn;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.ShapeException;

/**
 * Flattens all dims from 1 on, as PyTorch's {@code nn.Flatten()}: x (N, *) → y (N, Π *).
 * A reshape: shares storage with the input when it is contiguous.
 */
public final class Flatten extends Module {

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 2) throw new ShapeException("flatten: expected an (N, *) input of rank >= 2, got input.shape=" + x.shape());
        return x.flatten(1, -1);
    }

    @Override
    protected String extraRepr() {
        return "start_dim=1, end_dim=-1";
    }
}
