package dev.nabla.activations;

import dev.nabla.activations.CAReLUOp.Measure;

/**
 * The reference twin of {@link CAReLUOp}'s fused kernels: CAReLU's forward and backward as plain
 * loops in double over {@code groups} contiguous groups of equal size, one group after the other,
 * written as docs/activations.md §5 states them (see {@link CAReLUOp} for the math). It is the
 * specification the fused kernels are tested against, and never optimized.
 */
final class CAReLUReference {
    /** ∂L/∂z and the parameter gradients ∂L/∂α, ∂L/∂β (summed over the groups). */
    record Gradients(double[] input, double alpha, double beta) {}

    private CAReLUReference() {}

    /** The competition ratio p of the group z[from, from + d). */
    static double ratio(double[] z, int from, int d, Measure measure, double eps) {
        double positive = 0;
        for (int j = from; j < from + d; j++) {
            double x = z[j];
            positive += switch (measure) {
                case ENERGY -> Math.max(x, 0) * Math.max(x, 0);
                case L1 -> Math.max(x, 0);
                case COUNT -> x > 0 ? 1 : 0;
            };
        }
        return positive / denominator(z, from, d, measure, eps);
    }

    /** The denominator of p: Σ z² + ε, Σ |z| + ε, or d. */
    private static double denominator(double[] z, int from, int d, Measure measure, double eps) {
        if (measure == Measure.COUNT) return d;
        double all = 0;
        for (int j = from; j < from + d; j++) all += measure == Measure.ENERGY ? z[j] * z[j] : Math.abs(z[j]);
        return all + eps;
    }

    /** yⱼ = max(c·zⱼ, 0), with c = K·tanh(α·p + β) per group. */
    static double[] forward(double[] z, int groups, double alpha, double beta, double k, Measure measure, double eps) {
        double[] y = new double[z.length];
        int d = groups == 0 ? 0 : z.length / groups;
        for (int gi = 0; gi < groups; gi++) {
            double c = k * Math.tanh(alpha * ratio(z, gi * d, d, measure, eps) + beta);
            for (int j = gi * d; j < (gi + 1) * d; j++) y[j] = Math.max(c * z[j], 0);
        }
        return y;
    }

    /** The gradients of L given g = ∂L/∂y. */
    static Gradients backward(double[] z, double[] g, int groups, double alpha, double beta, double k, Measure measure, double eps) {
        double[] dz = new double[z.length];
        double dAlpha = 0, dBeta = 0;
        int d = groups == 0 ? 0 : z.length / groups;
        for (int gi = 0; gi < groups; gi++) {
            int from = gi * d;
            double p = ratio(z, from, d, measure, eps), den = denominator(z, from, d, measure, eps);
            double s = alpha * p + beta, c = k * Math.tanh(s);
            double dcds = k / (Math.cosh(s) * Math.cosh(s)); // K·(1 − tanh²(s)), without the cancellation at large |s|
            double dLdc = 0;
            for (int j = from; j < from + d; j++) if (c * z[j] > 0) dLdc += g[j] * z[j];
            dAlpha += dLdc * dcds * p;
            dBeta += dLdc * dcds;
            for (int j = from; j < from + d; j++) {
                double local = c * z[j] > 0 ? g[j] * c : 0;
                dz[j] = local + dLdc * dcds * alpha * ratioDerivative(z[j], p, den, measure);
            }
        }
        return new Gradients(dz, dAlpha, dBeta);
    }

    /** ∂p/∂zᵢ of a group whose ratio is p and whose denominator is den. */
    private static double ratioDerivative(double zi, double p, double den, Measure measure) {
        return switch (measure) {
            case ENERGY -> 2 * (Math.max(zi, 0) - p * zi) / den;
            case L1 -> ((zi > 0 ? 1 : 0) - p * Math.signum(zi)) / den;
            case COUNT -> 0;
        };
    }
}
