package dev.nabla.nn.data;

import dev.nabla.tensor.NDArray;

/**
 * A finite, indexable collection of examples: inputs (N, *) and I64 labels (N), held in memory.
 * The data loader batches, shuffles and transforms it.
 */
public interface Dataset {
    /** Number of examples. */
    int size();

    /** All inputs, (N, *): for images (N, C, H, W). */
    NDArray inputs();

    /** All labels, (N), I64. */
    NDArray labels();
}
