/**
 * Fused differentiable ops of the nn module (cross-entropy) and the helpers the losses share, with
 * their entries in the op registry ({@link dev.nabla.nn.functional.NnOps}).
 */
package dev.nabla.nn.functional;
