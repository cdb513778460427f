package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.NDArray;

/**
 * Element-wise maximum, with broadcasting. Where a = b the gradient is split evenly between the
 * two, as in PyTorch (so that max(x, x) has derivative 1 in x).
 * <pre>
 *   forward   y = max(a, b)
 *   backward  ∂L/∂a = Σ_broadcast ∂L/∂y · ([a > b] + ½[a = b])
 *             ∂L/∂b = Σ_broadcast ∂L/∂y · ([b > a] + ½[a = b])
 * </pre>
 * {@link Minimum} is the same with the comparisons reversed.
 */
public final class Maximum {
    private Maximum() {}

    public static Tensor apply(Tensor a, Tensor b) {
        return Tensor.fromOp("maximum", a.value().maximum(b.value()), (g, y) -> routeToWinner(g, a, b, true), a, b);
    }

    /** The backward of max(a, b) ({@code max=true}) or min(a, b): the winner takes g, a tie splits it. */
    static Tensor[] routeToWinner(Tensor g, Tensor a, Tensor b, boolean max) {
        NDArray half = a.value().eq(b.value()).mul(0.5);
        NDArray aGreater = a.value().gt(b.value()), bGreater = b.value().gt(a.value());
        Tensor aWeight = Tensor.of((max ? aGreater : bGreater).add(half));
        Tensor bWeight = Tensor.of((max ? bGreater : aGreater).add(half));
        return new Tensor[] {Broadcasting.reduceTo(g.mul(aWeight), a), Broadcasting.reduceTo(g.mul(bWeight), b)};
    }
}
