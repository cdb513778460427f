package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.autograd.check.OpCase;
import java.util.List;
import java.util.Map;

/**
 * Rectified linear unit, element-wise (Nair &amp; Hinton, ICML 2010).
 * <pre>
 *   f(x) = max(x, 0)          f′(x) = [x &gt; 0]     (f′(0) = 0, PyTorch's convention)
 * </pre>
 * It runs the core {@code relu} op of autograd (float-lane SIMD, fused mask backward), which is
 * faster than the generic element-wise activation path for a function this cheap.
 */
public final class ReLU extends Activation {
    static final Activations.Entry ENTRY = new Activations.Entry("relu", Map.of(),
            "Nair & Hinton, Rectified linear units improve restricted Boltzmann machines, ICML 2010", "no parameters",
            args -> new ReLU(), List.of("relu"));

    public ReLU() {
        super("relu");
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }

    @Override
    public OpCase gradcheckCase(String name) {
        return OpCase.of(name, 1, gen -> new Tensor[] {gen.input(gen.shape(), Domain.real().avoiding(0))}, in -> in[0].relu())
                .kinks("not differentiable at 0: inputs keep 0.05 away");
    }
}
