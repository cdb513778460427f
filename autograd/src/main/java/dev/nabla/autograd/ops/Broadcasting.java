package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.Shape;

/**
 * A broadcast in forward is a sum in backward. When {@code x} of shape (3, 1) was broadcast to
 * (2, 3, 4), every element of x fed 2·4 outputs, so ∂L/∂x sums ∂L/∂y over the added leading dim
 * and over the dim where x had extent 1.
 */
final class Broadcasting {
    private Broadcasting() {}

    /**
     * Sums {@code gradient} down to {@code input}'s shape (over the leading dims broadcasting added
     * and the dims where the input had extent 1) and casts it to the input's dtype.
     */
    static Tensor reduceTo(Tensor gradient, Tensor input) {
        Shape target = input.shape();
        Tensor g = gradient;
        if (!g.shape().equals(target)) {
            int lead = g.rank() - target.rank();
            int[] dims = new int[g.rank()];
            int count = 0;
            for (int d = 0; d < g.rank(); d++) {
                if (d < lead || (target.dim(d - lead) == 1 && g.size(d) != 1)) dims[count++] = d;
            }
            g = g.sum(java.util.Arrays.copyOf(dims, count), true).reshape(target.dims());
        }
        return g.dtype() == input.dtype() ? g : g.astype(input.dtype());
    }
}
