/**
 * Nabla's n-d arrays and the kernels behind them.
 *
 * <p>{@link dev.nabla.tensor.NDArray} is the public type. The kernels live in
 * {@code dev.nabla.tensor.internal} (plain reference loops, scalar fast paths, the parallel tier and
 * the facades that dispatch between them) and {@code dev.nabla.tensor.internal.simd} (the only
 * package that touches the Java Vector API). The Vector API is optional: without
 * {@code --add-modules jdk.incubator.vector} every kernel runs its scalar path.
 */
module dev.nabla.tensor {
    requires static jdk.incubator.vector;

    exports dev.nabla.tensor;
    exports dev.nabla.tensor.internal to
            dev.nabla.autograd, dev.nabla.nn, dev.nabla.activations, dev.nabla.tests, dev.nabla.bench;
}
