package dev.nabla.nn.optim;

/**
 * Cosine annealing from the base lr down to η_min over T_max epochs (SGDR without restarts), as
 * PyTorch's {@code CosineAnnealingLR} in its closed form:
 * <pre>
 *   lr(t) = η_min + (base − η_min) · (1 + cos(π t / T_max)) / 2
 * </pre>
 * Past T_max the cosine continues (the lr rises again), as in PyTorch. Default η_min = 0.
 */
public final class CosineAnnealingLR extends LRScheduler {
    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0);
    }

    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer, curve(tMax, etaMin));
    }

    private static Curve curve(int tMax, double etaMin) {
        Checks.positive("CosineAnnealingLR", "tMax", tMax);
        Checks.nonNegative("CosineAnnealingLR", "etaMin", etaMin);
        return (t, base) -> etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * t / tMax)) / 2;
    }
}
