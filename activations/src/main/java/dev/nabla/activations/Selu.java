package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.PointwiseFunction;
import dev.nabla.tensor.internal.BlockMath;
import dev.nabla.tensor.internal.ReferenceMath;

/**
 * Scaled exponential linear unit (Klambauer, Unterthiner, Mayr &amp; Hochreiter, Self-normalizing
 * neural networks, NeurIPS 2017, arXiv 1706.02515; PyTorch's {@code nn.SELU}): λ·ELU_α with the
 * paper's fixed constants, no parameters.
 * <pre>
 *   f(x)  = λ·x   (x &gt; 0)        = λα·(e^x − 1)   (x ≤ 0)
 *   f′(x) = λ     (x &gt; 0)        = λα·e^x         (x ≤ 0; λα ≈ 1.7581 at 0, PyTorch's convention)
 *   α = 1.6732632423543772848170429916717,  λ = 1.0507009873554804934193349852946  (PyTorch's constants)
 * </pre>
 * Evaluated as {@link ReferenceMath#elu} and {@link BlockMath#elu} with the scale λ (expm1 for f). f → −λα as x → −∞.
 */
public final class Selu extends ElementwiseFunction implements PointwiseFunction.FloatInPlace {
    static final double ALPHA = 1.6732632423543772848170429916717;
    static final double LAMBDA = 1.0507009873554804934193349852946;
    static final Selu FUNCTION = new Selu();
    static final Activations.Entry ENTRY = Activations.ElementwiseEntry
            .of("selu", FUNCTION, "Klambauer, Unterthiner, Mayr & Hochreiter, Self-normalizing neural networks, NeurIPS 2017, arXiv 1706.02515")
            .notes("no parameters: PyTorch's alpha = 1.6732632423543772848170429916717, scale = 1.0507009873554804934193349852946")
            .build();

    private Selu() {
        super("selu");
    }

    @Override
    public double value(double x, double[] theta) {
        return ReferenceMath.elu(x, LAMBDA, ALPHA);
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        return ReferenceMath.eluSlope(x, LAMBDA, ALPHA);
    }

    @Override
    public void valueRangeF32(float[] x, float[] y, int from, int to, double[] theta) {
        BlockMath.elu(x, y, from, to, (float) LAMBDA, (float) ALPHA);
    }

    @Override
    public void gradientRangeF32(float[] x, float[] g, float[] dx, int from, int to, double[] theta) {
        BlockMath.eluGradient(x, g, dx, from, to, (float) LAMBDA, (float) ALPHA);
    }

    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        return Elu.compose(x, LAMBDA, Tensor.of(NDArray.scalar(ALPHA, x.dtype())));
    }

    @Override
    public Domain gradcheckDomain(double[] theta) {
        return Domain.real().avoiding(0);
    }
}
