package dev.nabla.nn.optim;

import java.util.Map;
import java.util.Objects;

/**
 * A learning-rate schedule: sets the optimizer's lr to f(t, base) at construction (t = 0) and at
 * every {@link #step()} (t = 1, 2, …), where base is the optimizer's lr when the schedule was
 * made. Each schedule is PyTorch's of the same name, in closed form (PyTorch's recursive forms
 * agree to rounding). Call {@code step()} once per epoch for epoch-based schedules (StepLR,
 * MultiStepLR, ExponentialLR, CosineAnnealingLR, LinearLR), once per batch for OneCycleLR, after
 * {@code optimizer.step()}:
 * <pre>{@code
 * Optimizer opt = new SGD(model.parameters(), 0.1, 0.9);
 * LRScheduler schedule = new CosineAnnealingLR(opt, epochs);
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     trainOneEpoch(model, opt);
 *     schedule.step();
 * }
 * }</pre>
 */
public abstract class LRScheduler {
    /** The lr at step t for base lr {@code base}. */
    @FunctionalInterface
    protected interface Curve {
        double lr(int t, double base);
    }

    private final Optimizer optimizer;
    private final Curve curve;
    private double baseLr;
    private int lastEpoch;

    protected LRScheduler(Optimizer optimizer, Curve curve) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.curve = curve;
        this.baseLr = optimizer.lr();
        optimizer.setLr(curve.lr(0, baseLr));
    }

    /** Advances t by one and sets the optimizer's lr to the schedule's value at the new t. */
    public void step() {
        double lr = curve.lr(lastEpoch + 1, baseLr);
        lastEpoch++;
        optimizer.setLr(lr);
    }

    /** The lr this schedule set last (at the current t). */
    public double lastLr() {
        return curve.lr(lastEpoch, baseLr);
    }

    /** The number of {@link #step()} calls so far (PyTorch's last_epoch). */
    public int lastEpoch() {
        return lastEpoch;
    }

    /** {@code last_epoch} and {@code base_lr}, for checkpoints. */
    public Map<String, Double> stateDict() {
        return Map.of("last_epoch", (double) lastEpoch, "base_lr", baseLr);
    }

    /** Restores {@link #stateDict()} and sets the optimizer's lr to the schedule's value at the restored t. */
    public void loadStateDict(Map<String, Double> state) {
        Double epoch = state.get("last_epoch"), base = state.get("base_lr");
        if (epoch == null || base == null || state.size() != 2) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".loadStateDict: expected keys [base_lr, last_epoch], got "
                    + new java.util.TreeSet<>(state.keySet()));
        }
        if (epoch < 0 || epoch != Math.rint(epoch)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".loadStateDict: last_epoch must be a whole number >= 0, got " + epoch);
        }
        optimizer.setLr(curve.lr(epoch.intValue(), base));
        this.lastEpoch = epoch.intValue();
        this.baseLr = base;
    }
}
