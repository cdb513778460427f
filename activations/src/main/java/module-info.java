/**
 * The trainable activation family as differentiable ops and modules, and the registry that parses
 * specs like {@code srs(alpha=2,beta=3)}.
 */
module dev.nabla.activations {
    requires transitive dev.nabla.nn;

    exports dev.nabla.activations;

    provides dev.nabla.autograd.check.OpProvider with dev.nabla.activations.ActivationOps;
}
