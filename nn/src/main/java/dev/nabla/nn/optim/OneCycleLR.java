package dev.nabla.nn.optim;

/**
 * The 1cycle policy (Smith &amp; Topin, "Super-Convergence", 2018), as PyTorch's {@code OneCycleLR}
 * with cosine annealing and two phases, stepped once per batch for {@code totalSteps} batches.
 * The optimizer's own lr is ignored; with initial = maxLr / divFactor and
 * min = initial / finalDivFactor, and cos_anneal(a, b, p) = b + (a − b)(1 + cos(π p)) / 2:
 * <pre>
 *   T₁ = pctStart · totalSteps − 1,   T₂ = totalSteps − 1
 *   lr(t) = cos_anneal(initial, maxLr, t / T₁)              for t ≤ T₁
 *         = cos_anneal(maxLr, min, (t − T₁) / (T₂ − T₁))    otherwise
 * </pre>
 * Defaults as PyTorch: pctStart 0.3, divFactor 25, finalDivFactor 1e4. Stepping past
 * {@code totalSteps} is an error. PyTorch also cycles the momentum by default; Nabla's
 * optimizers expose no momentum setter, so this schedule matches PyTorch's with
 * {@code cycle_momentum=False}.
 */
public final class OneCycleLR extends LRScheduler {
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) {
        this(optimizer, maxLr, totalSteps, 0.3, 25, 1e4);
    }

    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps, double pctStart, double divFactor,
                      double finalDivFactor) {
        super(optimizer, curve(maxLr, totalSteps, pctStart, divFactor, finalDivFactor));
    }

    private static Curve curve(double maxLr, int totalSteps, double pctStart, double divFactor, double finalDivFactor) {
        Checks.positive("OneCycleLR", "maxLr", maxLr);
        Checks.positive("OneCycleLR", "totalSteps", totalSteps);
        if (!(pctStart >= 0 && pctStart <= 1)) {
            throw new IllegalArgumentException("OneCycleLR: pctStart must be in [0, 1], got " + pctStart);
        }
        Checks.positive("OneCycleLR", "divFactor", divFactor);
        Checks.positive("OneCycleLR", "finalDivFactor", finalDivFactor);
        double initial = maxLr / divFactor, min = initial / finalDivFactor;
        double end1 = pctStart * totalSteps - 1, end2 = totalSteps - 1;
        return (t, base) -> {
            if (t > totalSteps) {
                throw new IllegalStateException("OneCycleLR: tried to step " + t + " times; totalSteps is " + totalSteps);
            }
            return t <= end1 ? cosAnneal(initial, maxLr, t / end1) : cosAnneal(maxLr, min, (t - end1) / (end2 - end1));
        };
    }

    private static double cosAnneal(double start, double end, double pct) {
        return end + (start - end) / 2 * (Math.cos(Math.PI * pct) + 1);
    }
}
