package dev.nabla.nn.optim;

/**
 * Linear warm-up (or decay) of the lr's factor, as PyTorch's {@code LinearLR}: the factor moves
 * linearly from {@code startFactor} to {@code endFactor} over {@code totalIters} steps, then stays.
 * <pre>
 *   lr(t) = base · (s + (e − s) · min(t, T) / T)
 * </pre>
 * Defaults: s = 1/3, e = 1, T = 5. A warm-up over the first 500 batches:
 * {@code new LinearLR(opt, 0.01, 1.0, 500)}, stepped per batch.
 */
public final class LinearLR extends LRScheduler {
    public LinearLR(Optimizer optimizer) {
        this(optimizer, 1.0 / 3, 1.0, 5);
    }

    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        super(optimizer, curve(startFactor, endFactor, totalIters));
    }

    private static Curve curve(double startFactor, double endFactor, int totalIters) {
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("LinearLR: startFactor must be in (0, 1], got " + startFactor);
        }
        if (!(endFactor >= 0 && endFactor <= 1)) {
            throw new IllegalArgumentException("LinearLR: endFactor must be in [0, 1], got " + endFactor);
        }
        Checks.positive("LinearLR", "totalIters", totalIters);
        return (t, base) -> base * (startFactor + (endFactor - startFactor) * Math.min(t, totalIters) / totalIters);
    }
}
