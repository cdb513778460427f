package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.PointwiseFunction;

/**
 * Parametric ReLU (He, Zhang, Ren &amp; Sun, arXiv 1502.01852, ICCV 2015; PyTorch's
 * {@code nn.PReLU}): leaky ReLU whose negative slope a is trained, one per layer or, with
 * {@code channels=C}, one per channel (dim 1; PyTorch's {@code num_parameters}). Init a = 0.25.
 * <pre>
 *   f(x) = x       (x ≥ 0)        ∂f/∂x = 1   (x &gt; 0)        ∂f/∂a = 0   (x &gt; 0)
 *   f(x) = a·x     (x &lt; 0)        ∂f/∂x = a   (x ≤ 0)        ∂f/∂a = x   (x ≤ 0)
 * </pre>
 * PReLU′(0) = a, PyTorch's convention. The math is {@link LeakyReLU}'s with the slope as a
 * parameter named {@code a}, so every form delegates to it; only the name, the parameter and the
 * registry entry (trainable, per channel) differ.
 */
public final class PReLU extends ElementwiseFunction implements PointwiseFunction.FloatInPlace {
    static final PReLU FUNCTION = new PReLU();
    static final Activations.Entry ENTRY = Activations.ElementwiseEntry
            .of("prelu", FUNCTION, "He, Zhang, Ren & Sun, Delving deep into rectifiers, arXiv 1502.01852 (ICCV 2015)")
            .parameter("a", 0.25, true)
            .perChannel()
            .notes("slope a trainable, one per layer or per channel (channels=C), init 0.25; PReLU'(0) = a")
            .gradchecks("prelu", "prelu(a=-0.3)", "prelu(a=0.1,channels=3)")
            .build();

    private static final LeakyReLU LEAKY = LeakyReLU.FUNCTION;

    private PReLU() {
        super("prelu", "a");
    }

    @Override
    public double value(double x, double[] theta) {
        return LEAKY.value(x, theta);
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        return LEAKY.derivatives(x, theta, dTheta);
    }

    @Override
    public void valueRangeF32(float[] x, float[] y, int from, int to, double[] theta) {
        LEAKY.valueRangeF32(x, y, from, to, theta);
    }

    @Override
    public void gradientRangeF32(float[] x, float[] g, float[] dx, int from, int to, double[] theta) {
        LEAKY.gradientRangeF32(x, g, dx, from, to, theta);
    }

    @Override
    public void backwardRangeF32(float[] x, float[] g, float[] dx, int from, PointwiseBlock b) {
        LEAKY.backwardRangeF32(x, g, dx, from, b);
    }

    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        return LEAKY.compose(x, theta);
    }

    @Override
    public Domain gradcheckDomain(double[] theta) {
        return LEAKY.gradcheckDomain(theta);
    }
}
