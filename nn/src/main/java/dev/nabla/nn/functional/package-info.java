/**
 * Ops of the nn layers that have their own backward (one file each, forward and backward with
 * their math), registered for gradient checking by {@link dev.nabla.nn.functional.NnOps}.
 */
package dev.nabla.nn.functional;
