package dev.nabla.autograd.check;

import java.util.Arrays;

/**
 * Where an op's inputs are drawn from: an interval, minus a margin around each kink (points where
 * the function is not differentiable, such as 0 for relu and abs), so that central differences
 * never straddle a kink. Values are drawn uniformly and moved out of the excluded bands.
 *
 * <pre>{@code
 * Domain.real()                       // [-2, 2]
 * Domain.positive()                   // [0.2, 2]: log, sqrt, reciprocal, pow's base
 * Domain.real().avoiding(0)           // [-2, 2] without (-0.05, 0.05): relu, abs
 * Domain.range(-1, 1).avoiding(-0.5, 0.5).margin(0.1)
 * }</pre>
 */
public record Domain(double low, double high, double[] kinks, double margin) {

    public Domain {
        if (!(low < high)) throw new IllegalArgumentException("domain: need low < high, got [" + low + ", " + high + "]");
        if (!(margin >= 0)) throw new IllegalArgumentException("domain: margin must be >= 0, got " + margin);
        kinks = kinks.clone();
        Arrays.sort(kinks);
    }

    /** [-2, 2], no kinks: where most smooth ops are tested. */
    public static Domain real() {
        return range(-2, 2);
    }

    /** [0.2, 2]: away from 0 and its poles. */
    public static Domain positive() {
        return range(0.2, 2);
    }

    public static Domain range(double low, double high) {
        return new Domain(low, high, new double[0], 0.05);
    }

    /** The same interval without a band of ± margin around each of {@code points}. */
    public Domain avoiding(double... points) {
        double[] all = Arrays.copyOf(kinks, kinks.length + points.length);
        System.arraycopy(points, 0, all, kinks.length, points.length);
        return new Domain(low, high, all, margin);
    }

    /** The half-width of the band excluded around each kink (default 0.05). */
    public Domain margin(double margin) {
        return new Domain(low, high, kinks, margin);
    }

    /** Maps a uniform u in [0, 1) into the domain, stepping out of any kink band. */
    double sample(double u) {
        double x = low + (high - low) * u;
        for (double k : kinks) {
            if (Math.abs(x - k) < margin) x = x < k ? k - margin : k + margin;
        }
        return x;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Domain d && low == d.low && high == d.high && margin == d.margin && Arrays.equals(kinks, d.kinks);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(kinks) * 31 + Double.hashCode(low) + 7 * Double.hashCode(high);
    }

    @Override
    public String toString() {
        return "[" + low + ", " + high + "]" + (kinks.length == 0 ? "" : " avoiding " + Arrays.toString(kinks) + " ± " + margin);
    }
}
