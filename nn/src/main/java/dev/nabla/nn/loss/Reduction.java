package dev.nabla.nn.loss;

/** How a loss folds its per-element values: their mean (the default), their sum, or none (kept per element). */
public enum Reduction {
    MEAN, SUM, NONE
}
