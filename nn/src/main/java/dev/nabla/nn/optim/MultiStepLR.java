package dev.nabla.nn.optim;

import java.util.Arrays;

/**
 * Decays the lr by γ at each milestone epoch, as PyTorch's {@code MultiStepLR}:
 * lr(t) = base · γ^(number of milestones ≤ t). Default γ = 0.1.
 */
public final class MultiStepLR extends LRScheduler {
    public MultiStepLR(Optimizer optimizer, int[] milestones) {
        this(optimizer, milestones, 0.1);
    }

    public MultiStepLR(Optimizer optimizer, int[] milestones, double gamma) {
        super(optimizer, curve(milestones, gamma));
    }

    private static Curve curve(int[] milestones, double gamma) {
        int[] m = milestones.clone();
        for (int i = 0; i < m.length; i++) {
            if (m[i] < 0 || (i > 0 && m[i] < m[i - 1])) {
                throw new IllegalArgumentException("MultiStepLR: milestones must be non-negative and increasing, got "
                        + Arrays.toString(milestones));
            }
        }
        Checks.nonNegative("MultiStepLR", "gamma", gamma);
        return (t, base) -> {
            int passed = 0;
            while (passed < m.length && m[passed] <= t) passed++;
            return base * Math.pow(gamma, passed);
        };
    }
}
