package dev.nabla.nn;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.Rng;

/**
 * Dropout, as PyTorch's {@code nn.Dropout}: in training each element is zeroed with probability
 * p and the survivors are scaled by 1/(1 − p), so the expectation is unchanged; in evaluation it
 * is the identity.
 * <pre>
 *   y = x · m / (1 − p),   m ~ Bernoulli(1 − p) element-wise       (p = 1: y = 0)
 *   ∂L/∂x = ∂L/∂y · m / (1 − p)                                     (by the mul op)
 * </pre>
 * The masks come from the layer's own seeded {@link Rng}, so a run is reproducible.
 * Shapes: x (*) → y (*).
 */
public final class Dropout extends Module {
    private final double p;
    private final Rng rng;

    /** Masks drawn from the default stream ({@link Init#defaultRng()}). */
    public Dropout(double p) {
        this(p, Init.defaultRng());
    }

    public Dropout(double p, Rng rng) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("dropout: p must be in [0, 1], got " + p);
        this.p = p;
        this.rng = rng;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) return x;
        if (p == 1) return x.mul(0);
        return x.mul(Tensor.of(rng.bernoulli(x.shape(), x.dtype(), 1 - p).div(1 - p)));
    }

    @Override
    protected String extraRepr() {
        return "p=" + p;
    }
}
