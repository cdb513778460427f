package dev.nabla.nn.optim;

/** Argument checks shared by the optimizers and schedules; messages name the class, the argument and the value. */
final class Checks {
    private Checks() {}

    static void nonNegative(String owner, String name, double value) {
        if (!(value >= 0)) throw new IllegalArgumentException(owner + ": " + name + " must be >= 0, got " + value);
    }

    static void positive(String owner, String name, double value) {
        if (!(value > 0)) throw new IllegalArgumentException(owner + ": " + name + " must be > 0, got " + value);
    }

    /** For decay rates such as Adam's betas: 0 ≤ value &lt; 1. */
    static void unitInterval(String owner, String name, double value) {
        if (!(value >= 0 && value < 1)) throw new IllegalArgumentException(owner + ": " + name + " must be in [0, 1), got " + value);
    }
}
