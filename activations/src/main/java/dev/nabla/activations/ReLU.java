package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.nn.Module;

/**
 * Rectified linear unit, element-wise (Nair &amp; Hinton, ICML 2010).
 * <pre>
 *   f(x) = max(x, 0)          f′(x) = [x &gt; 0]     (f′(0) = 0, PyTorch's convention)
 * </pre>
 */
public final class ReLU extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }
}
