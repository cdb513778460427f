/**
 * Ops of the nn module that have their own backward (one file each, forward and backward with
 * their math): the fused batch norm and the fused cross-entropy, plus the helpers the losses share,
 * with their entries in the op registry ({@link dev.nabla.nn.functional.NnOps}).
 */
package dev.nabla.nn.functional;
