package dev.nabla.nn.optim;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.NDArray;
import java.util.List;

/**
 * Gradient clipping, as PyTorch's {@code clip_grad_norm_} and {@code clip_grad_value_}: call it
 * between {@code backward()} and {@code optimizer.step()}. Parameters without a gradient are skipped.
 */
public final class Clip {
    private Clip() {}

    /**
     * Scales all gradients together so that their total 2-norm is at most {@code maxNorm}:
     * <pre>
     *   n = √(Σ_p ‖g_p‖²),   g_p ← g_p · maxNorm / (n + 1e-6)   if that factor is &lt; 1
     * </pre>
     * @return n, the total norm before clipping (NaN or ∞ when a gradient is not finite)
     */
    public static double gradNorm(List<Parameter> params, double maxNorm) {
        Checks.nonNegative("Clip.gradNorm", "maxNorm", maxNorm);
        double sumSquares = 0;
        for (Parameter p : params) {
            NDArray g = p.grad();
            if (g != null) sumSquares += g.square().sum().item();
        }
        double total = Math.sqrt(sumSquares);
        double factor = maxNorm / (total + 1e-6);
        if (factor < 1) {
            for (Parameter p : params) {
                NDArray g = p.grad();
                if (g != null) p.setGrad(g.mul(factor));
            }
        }
        return total;
    }

    /** Clamps every gradient entry to [−clip, clip]. */
    public static void gradValue(List<Parameter> params, double clip) {
        Checks.nonNegative("Clip.gradValue", "clip", clip);
        for (Parameter p : params) {
            NDArray g = p.grad();
            if (g != null) p.setGrad(g.clamp(-clip, clip));
        }
    }
}
