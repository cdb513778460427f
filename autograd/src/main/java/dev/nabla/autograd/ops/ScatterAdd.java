package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.NDArray;

/**
 * x with src added at the positions an index names along one dim (for dim 1:
 * {@code y[i][index[i][j]] += src[i][j]}). It is linear in x and in src; src's gradient reads
 * back the entries it was added to, which is a gather.
 * <pre>
 *   forward   y = x + scatter(src at index along dim)
 *   backward  ∂L/∂x = ∂L/∂y,   ∂L/∂src = gather(∂L/∂y, dim, index)
 * </pre>
 */
public final class ScatterAdd {
    private ScatterAdd() {}

    public static Tensor apply(Tensor x, int dim, NDArray index, Tensor src) {
        return Tensor.fromOp("scatter_add", x.value().scatterAdd(dim, index, src.value()),
                (g, y) -> new Tensor[] {g, g.gather(dim, index)}, x, src);
    }
}
