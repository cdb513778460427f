package dev.nabla.nn.loss;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.ShapeException;

/** What the element-wise losses share: the shape check and the reduction. */
final class Losses {
    private Losses() {}

    /** Element-wise losses take an input and a target of the same shape (no silent broadcasting). */
    static void requireSameShape(String op, Tensor input, Tensor target) {
        if (!input.shape().equals(target.shape())) {
            throw new ShapeException(op + ": input and target must have the same shape: input.shape=" + input.shape()
                    + ", target.shape=" + target.shape());
        }
    }

    static Tensor reduce(Tensor perElement, Reduction reduction) {
        return switch (reduction) {
            case MEAN -> perElement.mean();
            case SUM -> perElement.sum();
            case NONE -> perElement;
        };
    }
}
