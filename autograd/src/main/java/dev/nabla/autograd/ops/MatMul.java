package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;

/**
 * Matrix product with PyTorch's rank rules (see {@code NDArray.matmul}). For matrices:
 * <pre>
 *   forward   Y = A·B                  A (*, M, K), B (*, K, N) → Y (*, M, N), batch dims broadcast
 *   backward  ∂L/∂A = Σ_broadcast ∂L/∂Y · Bᵀ,   ∂L/∂B = Σ_broadcast Aᵀ · ∂L/∂Y
 * </pre>
 * A 1-d operand is made a matrix (a row for A, a column for B) and the added dim removed after,
 * so those cases differentiate through the reshapes; 1-d·1-d is the dot product Σ aᵢbᵢ.
 */
public final class MatMul {
    private MatMul() {}

    public static Tensor apply(Tensor a, Tensor b) {
        if (a.rank() == 1 && b.rank() == 1 && a.size(0) == b.size(0)) return a.mul(b).sum();
        if (a.rank() == 1 && b.rank() >= 2) return apply(a.unsqueeze(0), b).squeeze(-2);
        if (b.rank() == 1 && a.rank() >= 2) return apply(a, b.unsqueeze(1)).squeeze(-1);
        return Tensor.fromOp("matmul", a.value().matmul(b.value()), (g, y) -> new Tensor[] {
            Broadcasting.reduceTo(g.matmul(b.transpose(-2, -1)), a),
            Broadcasting.reduceTo(a.transpose(-2, -1).matmul(g), b)}, a, b);
    }
}
