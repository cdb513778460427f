package dev.nabla.cli.compare;

/**
 * The statistics of a study over seeds: mean, sample standard deviation, and the paired
 * Student-t interval of a difference.
 *
 * <p>For paired samples d_i = a_i − b_i, i = 1 … n (the same seed trained with two activations):
 * <pre>
 *   d̄ = (1/n) Σ d_i        s = √( Σ (d_i − d̄)² / (n − 1) )
 *   95 % interval  d̄ ± t(0.975; n − 1) · s / √n
 * </pre>
 * where t(p; ν) is the p-quantile of Student's t with ν degrees of freedom, computed here by
 * bisection on its CDF, which is a regularized incomplete beta function:
 * <pre>
 *   F(t; ν) = 1 − ½ · I_{ν/(ν+t²)}(ν/2, ½)     for t ≥ 0
 * </pre>
 * Needs n ≥ 2; with fewer the interval is undefined ("n/a" in the tables).
 */
public final class Stats {
    private Stats() {}

    /** A paired difference: its mean, the 95 % interval's ends, and the number of pairs. */
    public record Interval(double mean, double low, double high, int n) {}

    /** The arithmetic mean; NaN for no values. */
    public static double mean(double[] x) {
        if (x.length == 0) return Double.NaN;
        double sum = 0;
        for (double v : x) sum += v;
        return sum / x.length;
    }

    /** The sample standard deviation (divisor n − 1); NaN for fewer than two values. */
    public static double sampleStd(double[] x) {
        if (x.length < 2) return Double.NaN;
        double m = mean(x), ss = 0;
        for (double v : x) ss += (v - m) * (v - m);
        return Math.sqrt(ss / (x.length - 1));
    }

    /**
     * The paired difference a − b with its 95 % t interval; {@code a[i]} and {@code b[i]} are
     * one pair. The interval ends are NaN when there are fewer than two pairs.
     */
    public static Interval pairedDifference(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired difference: both samples need the same length, got " + a.length + " and " + b.length);
        }
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) d[i] = a[i] - b[i];
        double m = mean(d);
        if (d.length < 2) return new Interval(m, Double.NaN, Double.NaN, d.length);
        double half = studentTQuantile(0.975, d.length - 1) * sampleStd(d) / Math.sqrt(d.length);
        return new Interval(m, m - half, m + half, d.length);
    }

    /**
     * The p-quantile of Student's t with {@code df} degrees of freedom, for 0.5 ≤ p &lt; 1, to
     * about 1e-12 relative: t(0.975; 1) = 12.7062047…, t(0.975; 4) = 2.7764451…, t(0.975; 30) = 2.0422725….
     */
    public static double studentTQuantile(double p, int df) {
        if (!(p >= 0.5 && p < 1) || df < 1) {
            throw new IllegalArgumentException("student t quantile: needs 0.5 <= p < 1 and df >= 1, got p=" + p + ", df=" + df);
        }
        double lo = 0, hi = 1;
        while (studentTCdf(hi, df) < p) hi *= 2;
        for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (studentTCdf(mid, df) < p) lo = mid;
            else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /** Student's t CDF F(t; ν) = 1 − ½·I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0, mirrored for t &lt; 0. */
    static double studentTCdf(double t, int df) {
        double tail = 0.5 * regularizedBeta(df / (df + t * t), 0.5 * df, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /**
     * The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), by its continued
     * fraction (modified Lentz), using the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where the
     * fraction converges slowly (Numerical Recipes, 3rd ed., §6.4).
     */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        if (x < (a + 1) / (a + b + 2)) return front * betaContinuedFraction(x, a, b) / a;
        return 1 - front * betaContinuedFraction(1 - x, b, a) / b;
    }

    private static double betaContinuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 / nonZero(1 + even * d, tiny);
            c = nonZero(1 + even / c, tiny);
            h *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 / nonZero(1 + odd * d, tiny);
            c = nonZero(1 + odd / c, tiny);
            double step = d * c;
            h *= step;
            if (Math.abs(step - 1) < 1e-15) return h;
        }
        throw new ArithmeticException("incomplete beta: continued fraction did not converge for x=" + x + ", a=" + a + ", b=" + b);
    }

    private static double nonZero(double v, double tiny) {
        return Math.abs(v) < tiny ? tiny : v;
    }

    /**
     * ln Γ(x) for x &gt; 0 by the Lanczos approximation (g = 7, nine coefficients; relative error
     * about 1e-15).
     */
    static double logGamma(double x) {
        if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x); // reflection
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        double z = x - 1, sum = c[0];
        for (int i = 1; i < c.length; i++) sum += c[i] / (z + i);
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
