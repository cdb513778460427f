/**
 * Reverse-mode automatic differentiation over {@code dev.nabla.tensor}: the user-facing
 * {@link dev.nabla.autograd.Tensor}, the engine ({@link dev.nabla.autograd.Autograd}), one file per
 * differentiable op ({@code dev.nabla.autograd.ops}), and gradient checking as a product
 * ({@code dev.nabla.autograd.check}: GradCheck, generators, the property runner and the registry
 * of differentiable ops).
 */
module dev.nabla.autograd {
    requires transitive dev.nabla.tensor;

    exports dev.nabla.autograd;
    exports dev.nabla.autograd.ops;
    exports dev.nabla.autograd.check;

    uses dev.nabla.autograd.check.OpProvider;
    provides dev.nabla.autograd.check.OpProvider with dev.nabla.autograd.check.CoreOps;
}
