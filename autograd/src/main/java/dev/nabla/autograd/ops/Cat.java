package dev.nabla.autograd.ops;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.NDArray;
import java.util.List;

/**
 * Joins tensors along an existing dim. Each input's gradient is its own stretch of the output's.
 * <pre>
 *   forward   y = [x₀ | x₁ | …] along dim
 *   backward  ∂L/∂xᵢ = ∂L/∂y[…, offsetᵢ : offsetᵢ + xᵢ.size(dim), …]
 * </pre>
 * Stack is unsqueeze then cat.
 */
public final class Cat {
    private Cat() {}

    public static Tensor apply(int dim, List<Tensor> xs) {
        Tensor[] inputs = xs.toArray(Tensor[]::new);
        NDArray y = NDArray.cat(dim, xs.stream().map(Tensor::value).toList());
        return Tensor.fromOp("cat", y, (g, out) -> {
            int d = g.shape().axis(dim, "cat");
            Tensor[] grads = new Tensor[inputs.length];
            for (int i = 0, at = 0; i < inputs.length; at += inputs[i].size(d), i++) {
                grads[i] = g.slice(d, at, at + inputs[i].size(d), 1).astype(inputs[i].dtype());
            }
            return grads;
        }, inputs);
    }
}
