/** Reverse-mode automatic differentiation over {@code dev.nabla.tensor} (arrives with the autograd issue). */
module dev.nabla.autograd {
    requires transitive dev.nabla.tensor;
}
