package dev.nabla.tensor;

/**
 * Per-channel statistics of an {@code (N, C, *)} input over every dim except 1: {@code mean} and
 * the biased variance {@code var} (divided by the count, as batch norm normalizes with), both of
 * shape {@code (C)}, and the {@code count} of elements per channel (for the unbiased running
 * estimate {@code var·count/(count−1)}).
 */
public record BatchNormStats(NDArray mean, NDArray var, int count) {}
