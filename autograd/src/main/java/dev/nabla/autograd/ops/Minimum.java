package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Element-wise minimum, with broadcasting; ties split the gradient evenly (see {@link Maximum}).
 * <pre>
 *   forward   y = min(a, b) = −max(−a, −b)
 *   backward  ∂L/∂a = Σ_broadcast ∂L/∂y · ([a &lt; b] + ½[a = b]),  likewise b
 * </pre>
 */
public final class Minimum {
    private Minimum() {}

    public static Tensor apply(Tensor a, Tensor b) {
        return Tensor.fromOp("minimum", a.value().minimum(b.value()), (g, y) -> Maximum.routeToWinner(g, a, b, false), a, b);
    }
}
