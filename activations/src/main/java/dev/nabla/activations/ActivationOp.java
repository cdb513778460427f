package dev.nabla.activations;

import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.Grad;
import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Pointwise;
import dev.nabla.tensor.ShapeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The differentiable op of every element-wise activation: y = f(x; θ).
 * <pre>
 *   forward   y = f(x; θ)                                   (fused kernel, {@link Pointwise#apply})
 *   backward  ∂L/∂x = ∂L/∂y · ∂f/∂x(x; θ)
 *             ∂L/∂θₖ = Σ ∂L/∂y · ∂f/∂θₖ(x; θ)               (over the elements sharing θₖ)
 * </pre>
 * The first-order backward is one fused pass ({@link Pointwise#backward}). When the backward itself
 * is being recorded (a backward with {@code createGraph}, inside which {@link Grad#isEnabled()} is
 * true), the same gradients come from differentiating {@link ElementwiseFunction#compose}, the
 * function in Tensor ops, so that they are differentiable again (second order and beyond).
 *
 * <p>Shapes: x (*) → y (*); each θₖ is a scalar or (C) with C = x.size(1).
 */
public final class ActivationOp {
    private ActivationOp() {}

    public static Tensor apply(ElementwiseFunction f, Tensor x, Tensor... theta) {
        NDArray[] values = Arrays.stream(theta).map(Tensor::value).toArray(NDArray[]::new);
        NDArray y = Pointwise.apply(f, x.value(), values);
        Tensor[] inputs = new Tensor[theta.length + 1];
        inputs[0] = x;
        System.arraycopy(theta, 0, inputs, 1, theta.length);
        return Tensor.fromOp(f.name(), y, (g, out) -> {
            if (Grad.isEnabled()) return differentiableGradients(f, g, inputs);
            boolean[] wanted = new boolean[theta.length];
            for (int k = 0; k < wanted.length; k++) wanted[k] = theta[k].requiresGrad();
            Pointwise.Gradients grads = Pointwise.backward(f, x.value(), g.value(), wanted, values);
            Tensor[] result = new Tensor[inputs.length];
            result[0] = Tensor.of(grads.input());
            for (int k = 0; k < theta.length; k++) result[k + 1] = wanted[k] ? Tensor.of(grads.parameters().get(k)) : null;
            return result;
        }, inputs);
    }

    /** The vector–Jacobian product of {@link ElementwiseFunction#compose} at the op's inputs, as a graph. */
    private static Tensor[] differentiableGradients(ElementwiseFunction f, Tensor g, Tensor[] inputs) {
        return vjpOfTensorForm(g, inputs, entry -> {
            Tensor[] theta = new Tensor[entry.length - 1];
            for (int k = 0; k < theta.length; k++) theta[k] = broadcastable(f, entry[k + 1], entry[0]);
            return f.compose(entry[0], theta);
        });
    }

    /**
     * ∂L/∂inputs of {@code form(inputs)} given g = ∂L/∂y, recorded as a graph so that it can be
     * differentiated again: the backward of an op whose own backward is a fused kernel, when that
     * backward must itself be differentiable. Each input that requires grad enters the form
     * through an identity node, so {@link Autograd#grad} stops there instead of walking the graph
     * upstream of the op. Inputs that do not require grad get null.
     */
    static Tensor[] vjpOfTensorForm(Tensor g, Tensor[] inputs, Function<Tensor[], Tensor> form) {
        Tensor[] entry = new Tensor[inputs.length];
        List<Tensor> wrt = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            Tensor in = inputs[i];
            entry[i] = in.requiresGrad() ? Tensor.fromOp("identity", in.value(), (gi, yi) -> new Tensor[] {gi}, in) : in;
            if (in.requiresGrad()) wrt.add(entry[i]);
        }
        List<Tensor> grads = Autograd.grad(List.of(form.apply(entry)), List.of(g), wrt, true, true);
        Tensor[] result = new Tensor[inputs.length];
        for (int i = 0, j = 0; i < inputs.length; i++) result[i] = inputs[i].requiresGrad() ? grads.get(j++) : null;
        return result;
    }

    /** θ as a scalar, or reshaped (1, C, 1, …) to broadcast along dim 1 of x. */
    static Tensor broadcastable(ElementwiseFunction f, Tensor theta, Tensor x) {
        if (theta.shape().numel() == 1) return theta.reshape();
        if (theta.rank() != 1 || x.rank() < 2 || theta.size(0) != x.size(1)) {
            throw new ShapeException(f.name() + ": a parameter must have one element or one per channel (dim 1 of the input); "
                    + "got parameter shape " + theta.shape() + " for input shape " + x.shape());
        }
        int[] dims = new int[x.rank()];
        Arrays.fill(dims, 1);
        dims[1] = theta.size(0);
        return theta.reshape(dims);
    }
}
