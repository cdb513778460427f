package dev.nabla.nn.optim;

/**
 * Decays the lr by γ every {@code stepSize} epochs, as PyTorch's {@code StepLR}:
 * lr(t) = base · γ^⌊t / stepSize⌋. Default γ = 0.1.
 */
public final class StepLR extends LRScheduler {
    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer, curve(stepSize, gamma));
    }

    private static Curve curve(int stepSize, double gamma) {
        Checks.positive("StepLR", "stepSize", stepSize);
        Checks.nonNegative("StepLR", "gamma", gamma);
        return (t, base) -> base * Math.pow(gamma, t / stepSize);
    }
}
