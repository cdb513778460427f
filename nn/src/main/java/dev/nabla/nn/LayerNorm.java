package dev.nabla.nn;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.ShapeException;
import java.util.Arrays;

/**
 * Layer normalization over the trailing dims given by {@code normalizedShape}, as PyTorch's
 * {@code nn.LayerNorm}; a composition of differentiable ops.
 * <pre>
 *   y = (x − E[x]) / √(Var[x] + ε) · γ + β      (E and the biased Var over the last k dims of each sample)
 * </pre>
 * Parameters (if {@code elementwiseAffine}) {@code weight} γ = 1 and {@code bias} β = 0 of shape
 * {@code normalizedShape}. Defaults: eps 1e-5, elementwise affine. Same statistics in training and
 * evaluation. Shapes: x (*, normalizedShape) → y like x.
 */
public final class LayerNorm extends Module {
    private final int[] normalizedShape;
    private final double eps;
    private final Parameter weight, bias;

    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5, true, DType.F32);
    }

    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        this(normalizedShape, eps, elementwiseAffine, DType.F32);
    }

    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine, DType dtype) {
        if (normalizedShape.length == 0) throw new IllegalArgumentException("layer_norm: normalized_shape must not be empty");
        if (!(eps >= 0)) throw new IllegalArgumentException("layer_norm: eps must be >= 0, got " + eps);
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.weight = elementwiseAffine ? registerParameter("weight", new Parameter(NDArray.ones(dtype, normalizedShape))) : null;
        this.bias = elementwiseAffine ? registerParameter("bias", new Parameter(NDArray.zeros(dtype, normalizedShape))) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        int k = normalizedShape.length, r = x.rank();
        int[] trailing = r < k ? new int[0] : Arrays.copyOfRange(x.shape().dims(), r - k, r);
        if (!Arrays.equals(trailing, normalizedShape)) {
            throw new ShapeException("layer_norm: input's trailing dims must be normalized_shape=" + Shape.of(normalizedShape)
                    + ", got input.shape=" + x.shape());
        }
        int[] dims = new int[k];
        for (int i = 0; i < k; i++) dims[i] = r - k + i;
        Tensor xHat = x.sub(x.mean(dims, true)).mul(x.var(dims, false, true).add(eps).rsqrt());
        return weight == null ? xHat : xHat.mul(weight.tensor()).add(bias.tensor());
    }

    @Override
    protected String extraRepr() {
        return Arrays.toString(normalizedShape) + ", eps=" + eps + ", elementwise_affine=" + (weight != null);
    }
}
