/** The trainable activation family (arrives with the activations issue). */
module dev.nabla.activations {
    requires transitive dev.nabla.nn;
}
