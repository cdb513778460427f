/** Optimizers (SGD, Adam, AdamW, RMSprop), learning-rate schedules and gradient clipping. */
package dev.nabla.nn.optim;
