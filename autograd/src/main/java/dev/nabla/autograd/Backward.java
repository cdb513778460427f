package dev.nabla.autograd;

/**
 * The backward function of one op: given ∂L/∂y (same shape as the op's output y) and y itself,
 * returns ∂L/∂xᵢ for each input xᵢ, in input order, each with that input's shape (null where an
 * input needs no gradient). Ops whose derivative is cheapest in terms of the result (exp, tanh,
 * sigmoid, softmax) use y; it is a tensor of the graph, so second-order gradients see it too.
 *
 * <p>Write it with {@link Tensor} ops, not raw arrays: the engine runs it without recording when
 * plain gradients are wanted, and with recording for {@code createGraph=true}, which is what makes
 * second-order gradients work.
 */
@FunctionalInterface
public interface Backward {
    Tensor[] apply(Tensor gradOutput, Tensor output);
}
