package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.tensor.PointwiseBlock;

/**
 * Leaky ReLU with a fixed negative slope s (Maas, Hannun &amp; Ng, ICML 2013; PyTorch's
 * {@code nn.LeakyReLU}, default s = 0.01).
 * <pre>
 *   f(x) = x       (x ≥ 0)        f′(x) = 1   (x &gt; 0)
 *   f(x) = s·x     (x &lt; 0)        f′(x) = s   (x ≤ 0; PyTorch's convention at 0)
 * </pre>
 */
public final class LeakyReLU extends ElementwiseFunction {
    static final LeakyReLU FUNCTION = new LeakyReLU();
    static final Activations.Entry ENTRY = Activations.ElementwiseEntry
            .of("leaky_relu", FUNCTION, "Maas, Hannun & Ng, Rectifier nonlinearities improve neural network acoustic models, ICML 2013")
            .parameter("slope", 0.01, false)
            .notes("slope fixed (PyTorch's negative_slope)")
            .gradchecks("leaky_relu", "leaky_relu(slope=0.2)")
            .build();

    private LeakyReLU() {
        super("leaky_relu", "slope");
    }

    @Override
    public double value(double x, double[] theta) {
        return x >= 0 ? x : theta[0] * x;
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        dTheta[0] = x > 0 ? 0 : x;
        return x > 0 ? 1 : theta[0];
    }

    /** Branch-free: f = max(x, 0) + s·min(x, 0) (random signs would mispredict a branch). */
    @Override
    public void valueBlock(PointwiseBlock b) {
        double s = b.theta[0];
        for (int i = 0; i < b.n; i++) b.out[i] = Math.max(b.x[i], 0) + s * Math.min(b.x[i], 0);
    }

    /** f′ = s + (1 − s)·h with h = [x &gt; 0] = max(signum x, 0); ∂f/∂s = min(x, 0). */
    @Override
    public void derivativeBlock(PointwiseBlock b) {
        double s = b.theta[0];
        for (int i = 0; i < b.n; i++) {
            b.out[i] = s + (1 - s) * Math.max(Math.signum(b.x[i]), 0);
            b.dTheta[0][i] = Math.min(b.x[i], 0);
        }
    }

    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        // x·(s + (1 − s)·[x > 0]) written as max(x, 0) + s·min(x, 0)
        Tensor zero = Tensor.of(dev.nabla.tensor.NDArray.scalar(0, x.dtype()));
        return x.maximum(zero).add(theta[0].mul(x.minimum(zero)));
    }

    @Override
    public Domain gradcheckDomain(double[] theta) {
        return Domain.real().avoiding(0);
    }
}
