package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Reorders dims (a view): dim i of y is dim order[i] of x. The gradient is permuted back with the
 * inverse order. Transpose is the permutation that swaps two dims.
 * <pre>
 *   forward   y = permute(x, order)
 *   backward  ∂L/∂x = permute(∂L/∂y, order⁻¹),   order⁻¹[order[i]] = i
 * </pre>
 */
public final class Permute {
    private Permute() {}

    public static Tensor apply(Tensor x, int... order) {
        return Tensor.fromOp("permute", x.value().permute(order), (g, y) -> new Tensor[] {g.permute(inverse(order, x.rank()))}, x);
    }

    private static int[] inverse(int[] order, int rank) {
        int[] inv = new int[rank];
        for (int i = 0; i < rank; i++) inv[order[i] < 0 ? order[i] + rank : order[i]] = i;
        return inv;
    }
}
