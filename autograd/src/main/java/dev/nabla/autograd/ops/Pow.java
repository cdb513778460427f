package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.NDArray;

/**
 * Element-wise power, with broadcasting.
 * <pre>
 *   forward   y = a^b
 *   backward  ∂L/∂a = Σ_broadcast ∂L/∂y · b · a^(b−1)
 *             ∂L/∂b = Σ_broadcast ∂L/∂y · a^b · ln a     (0 where a = 0 and b ≥ 0, as PyTorch:
 *                                                        the limit of a^b·ln a as a → 0⁺)
 * </pre>
 */
public final class Pow {
    private Pow() {}

    public static Tensor apply(Tensor a, Tensor b) {
        return Tensor.fromOp("pow", a.value().pow(b.value()), (g, y) -> new Tensor[] {
            a.requiresGrad() ? Broadcasting.reduceTo(g.mul(b).mul(a.pow(b.sub(1))), a) : null,
            b.requiresGrad() ? Broadcasting.reduceTo(g.mul(exponentGradient(a, b, y)), b) : null}, a, b);
    }

    /**
     * a^b · ln a, and 0 where a = 0 and b ≥ 0 (the limit as a → 0⁺). There ln is taken of 1
     * instead of 0, so that no −∞ leaks into second-order terms.
     */
    private static Tensor exponentGradient(Tensor a, Tensor b, Tensor y) {
        NDArray zero = NDArray.scalar(0, a.dtype());
        Tensor limitIsZero = Tensor.of(a.value().eq(zero).mul(b.value().ge(zero)));
        Tensor safeA = Tensor.where(limitIsZero, Tensor.of(NDArray.scalar(1, a.dtype())), a);
        return Tensor.where(limitIsZero, Tensor.of(zero), y.mul(safeA.log()));
    }
}
