package dev.nabla.nn.data;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.ShapeException;

/**
 * A {@link Dataset} over two arrays held in memory, as PyTorch's {@code TensorDataset}: inputs
 * (N, *) of a floating dtype and labels (N), I64.
 */
public final class TensorDataset implements Dataset {
    private final NDArray inputs;
    private final NDArray labels;

    /** Pairs {@code inputs} (N, *) with {@code labels} (N, I64); checks that both have N rows. */
    public TensorDataset(NDArray inputs, NDArray labels) {
        if (inputs.rank() < 1 || !inputs.dtype().isFloating()) {
            throw new IllegalArgumentException("TensorDataset: inputs must be a floating array of shape (N, *), got "
                    + inputs.dtype() + " with shape " + inputs.shape());
        }
        if (labels.rank() != 1 || labels.dtype() != DType.I64) {
            throw new IllegalArgumentException("TensorDataset: labels must be a 1-d I64 array, got " + labels.dtype()
                    + " with shape " + labels.shape());
        }
        if (inputs.size(0) != labels.size(0)) {
            throw new ShapeException("TensorDataset: inputs and labels must have the same number of rows: inputs.shape="
                    + inputs.shape() + ", labels.shape=" + labels.shape());
        }
        this.inputs = inputs;
        this.labels = labels;
    }

    @Override
    public int size() {
        return labels.size(0);
    }

    @Override
    public NDArray inputs() {
        return inputs;
    }

    @Override
    public NDArray labels() {
        return labels;
    }
}
