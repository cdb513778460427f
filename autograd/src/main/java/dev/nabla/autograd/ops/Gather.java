package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.NDArray;

/**
 * Picks, along one dim, the entries named by an index of the output's shape (for dim 1:
 * {@code y[i][j][k] = x[i][index[i][j][k]][k]}). Its backward scatters the gradient back, adding
 * where an entry was picked more than once.
 * <pre>
 *   forward   y = gather(x, dim, index)
 *   backward  ∂L/∂x = scatterAdd(zeros(x.shape), dim, index, ∂L/∂y)
 * </pre>
 */
public final class Gather {
    private Gather() {}

    public static Tensor apply(Tensor x, int dim, NDArray index) {
        return Tensor.fromOp("gather", x.value().gather(dim, index), (g, y) -> {
            Tensor zeros = Tensor.of(NDArray.zeros(g.dtype(), x.shape().dims()));
            return new Tensor[] {zeros.scatterAdd(dim, index, g)};
        }, x);
    }
}
