package dev.nabla.nn.functional;

import dev.nabla.autograd.Tensor;
import dev.nabla.nn.loss.Reduction;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.ShapeException;
import java.util.Arrays;

/**
 * The weighted target distribution q of a class-index loss, already scaled by the reduction, so
 * that NLL and cross-entropy are both L = −Σ q · log p (summed over classes, and over samples
 * unless the reduction is NONE). For sample i with target yᵢ (not ignored), C classes, class
 * weights w (all 1 when absent) and label smoothing ε, as PyTorch defines them:
 * <pre>
 *   q[i, c] = s · ((1 − ε) · w[yᵢ] · [c = yᵢ]  +  (ε / C) · w[c])
 *   q[i, ·] = 0                                       where yᵢ = ignoreIndex
 *
 *   MEAN:       s = 1 / Σ_{i not ignored} w[yᵢ]   (the count of non-ignored targets without weights;
 *                                                  the smoothing term too, as PyTorch 1.13)
 *   SUM, NONE:  s = 1
 * </pre>
 * When every target is ignored, MEAN divides 0 by 0: the loss is NaN and its gradient 0, as in
 * PyTorch ({@link #nanIfNothingCounted}).
 *
 * <p>Shapes: input (N, C) or (N, C, d₁, …), target (N) or (N, d₁, …) of I64, weight (C);
 * q has the input's shape.
 */
public final class ClassTargets {
    private ClassTargets() {}

    /**
     * Checks the target against the input and builds q (see the class comment) in {@code dtype}.
     *
     * @param op the loss name used in error messages
     */
    public static NDArray distribution(String op, Shape inputShape, NDArray target, NDArray weight, int ignoreIndex,
                                       double labelSmoothing, Reduction reduction, DType dtype) {
        validate(op, inputShape, target, weight, labelSmoothing);
        int[] dims = inputShape.dims();
        int n = dims[0], c = dims[1], inner = 1;
        for (int i = 2; i < dims.length; i++) inner *= dims[i];
        long[] y = target.contiguous().toLongArray();
        double[] w = weight == null ? null : weight.astype(DType.F64).contiguous().toDoubleArray();
        double weightSum = 0;
        for (long t : y) {
            if (t == ignoreIndex) continue;
            if (t < 0 || t >= c) {
                throw new IllegalArgumentException(op + ": target " + t + " is out of bounds for " + c
                        + " classes (valid: 0.." + (c - 1) + " or ignoreIndex=" + ignoreIndex + ")");
            }
            weightSum += w == null ? 1 : w[(int) t];
        }
        double scale = reduction == Reduction.MEAN ? 1 / weightSum : 1;
        double[] q = new double[inputShape.numel()];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < inner; k++) {
                long t = y[i * inner + k];
                if (t == ignoreIndex) continue;
                int base = i * c * inner + k;
                if (labelSmoothing != 0) {
                    for (int cls = 0; cls < c; cls++) {
                        q[base + cls * inner] = labelSmoothing / c * (w == null ? 1 : w[cls]) * scale;
                    }
                }
                q[base + (int) t * inner] += (1 - labelSmoothing) * (w == null ? 1 : w[(int) t]) * scale;
            }
        }
        return NDArray.of(q, dims).astype(dtype);
    }

    /**
     * The MEAN of no counted targets (all ignored, or all of zero weight) is 0/0: returns
     * {@code loss + NaN} then, so the value is NaN while the gradient (q = 0) stays 0, as PyTorch's.
     */
    public static Tensor nanIfNothingCounted(Tensor loss, NDArray q, Reduction reduction) {
        if (reduction != Reduction.MEAN || q.abs().sum().item() != 0) return loss;
        return loss.add(Double.NaN);
    }

    private static void validate(String op, Shape inputShape, NDArray target, NDArray weight, double labelSmoothing) {
        if (inputShape.rank() < 2) {
            throw new ShapeException(op + ": input must be (N, C) or (N, C, d1, ...), got shape " + inputShape);
        }
        if (target.dtype() != DType.I64) {
            throw new IllegalArgumentException(op + ": target must hold class indices (I64), got " + target.dtype()
                    + " of shape " + target.shape());
        }
        int[] d = inputShape.dims();
        int[] expected = new int[d.length - 1];
        expected[0] = d[0];
        System.arraycopy(d, 2, expected, 1, d.length - 2);
        if (!Arrays.equals(target.shape().dims(), expected)) {
            throw new ShapeException(op + ": target shape must be the input shape without dim 1: input.shape="
                    + inputShape + ", target.shape=" + target.shape() + " (expected " + Shape.of(expected) + ")");
        }
        if (weight != null && (weight.rank() != 1 || weight.size(0) != d[1])) {
            throw new ShapeException(op + ": class weights must have shape [" + d[1] + "] (C), got " + weight.shape()
                    + " for input.shape=" + inputShape);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException(op + ": labelSmoothing must be in [0, 1], got " + labelSmoothing);
        }
    }
}
