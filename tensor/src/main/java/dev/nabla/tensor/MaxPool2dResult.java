package dev.nabla.tensor;

/**
 * The result of {@link NDArray#maxPool2d}: the maxima {@code (N, C, OH, OW)} and, for each, the
 * flat index {@code h·W + w} of the winning input element within its {@code (H, W)} plane (I64,
 * as PyTorch's {@code return_indices=True}). Ties pick the first element in row-major window order.
 */
public record MaxPool2dResult(NDArray values, NDArray indices) {}
