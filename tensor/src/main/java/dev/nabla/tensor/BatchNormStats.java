package dev.nabla.tensor;

/**
 * Per-channel statistics of an {@code (N, C, *)} input over every dim except 1: {@code mean} and
 * the biased variance {@code var} (divided by the count, as batch norm normalizes with), both of
 * shape {@code (C)}, and the {@code count} of elements per channel (for the unbiased running
 * estimate {@code var·count/(count−1)}).
 */
public record BatchNormStats(NDArray mean, NDArray var, int count) {
    /** The gradients of batch norm with respect to its input (x's shape), weight γ and bias β (both (C)). */
    public record Gradients(NDArray input, NDArray weight, NDArray bias) {}

    /**
     * Normalizes {@code x} with these statistics and applies the affine map, in one pass:
     * <pre>
     *   y = ((x − μ) · 1/√(σ² + ε)) · γ + β          (per channel; μ = mean, σ² = var)
     * </pre>
     * evaluated in that order, with 1/√(σ² + ε) computed as {@code var.add(eps).rsqrt()}: the same
     * values as that composition of element-wise ops. {@code weight} (γ) and {@code bias} (β) are
     * both given or both null (no affine map). F32 operands run a SIMD kernel, parallel over
     * channels; F64 the reference loops.
     *
     * <p>Shapes: x (N, C, *), weight and bias (C) or null → y like x.
     *
     * @throws ShapeException if mean, var, weight or bias are not (C), or only one of weight and bias is given
     */
    public NDArray normalize(NDArray x, NDArray weight, NDArray bias, double eps) {
        return Reductions.batchNormForward(this, x, weight, bias, eps);
    }

    /**
     * The first-order gradients of training-mode batch norm, {@code y = γ·x̂ + β} with
     * {@code x̂ = (x − μ)/√(σ² + ε)}, normalized with these statistics (μ = mean, σ² = var), in two
     * passes over x and the output gradient g (sums per channel, then ∂L/∂x):
     * <pre>
     *   ∂L/∂x = (γ / √(σ² + ε)) · (g − mean(g) − x̂ · mean(g · x̂))
     *   ∂L/∂γ = Σ g · x̂,   ∂L/∂β = Σ g                        (means and sums per channel, over n = count)
     * </pre>
     * {@code weight} (γ) may be null for batch norm without affine transform (γ = 1; the weight and
     * bias gradients are then still returned). The result is not differentiable again: a
     * second-order backward must compose these formulas from differentiable ops. F32 operands run
     * a fused SIMD kernel, parallel over channels (bit-identical on any number of threads); F64
     * the reference loops.
     *
     * <p>Shapes: x (N, C, *), gradOutput like x, weight (C) or null.
     *
     * @throws ShapeException if gradOutput's shape differs from x's or mean, var, weight are not (C)
     */
    public Gradients backward(NDArray x, NDArray gradOutput, NDArray weight, double eps) {
        return Reductions.batchNormBackward(this, x, gradOutput, weight, eps);
    }
}
