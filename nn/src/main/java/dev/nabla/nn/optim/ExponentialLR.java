package dev.nabla.nn.optim;

/** Decays the lr by γ every epoch, as PyTorch's {@code ExponentialLR}: lr(t) = base · γᵗ. */
public final class ExponentialLR extends LRScheduler {
    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer, curve(gamma));
    }

    private static Curve curve(double gamma) {
        Checks.nonNegative("ExponentialLR", "gamma", gamma);
        return (t, base) -> base * Math.pow(gamma, t);
    }
}
