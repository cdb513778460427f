package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.OpCase;
import dev.nabla.autograd.check.TensorGen;
import dev.nabla.nn.Parameter;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The module of an element-wise activation: an {@link ElementwiseFunction} and its parameter
 * values. A trainable parameter is a {@link Parameter} named as in the spec ({@code alpha},
 * {@code beta}); a fixed one is a constant. Each is one scalar for the layer, or with
 * {@code channels = C} one value per channel (dim 1 of the input), its gradient summed over every
 * element that uses it. A function with a constraint (SRS's 0 &lt; β &lt; e·α) is projected back
 * into it after every optimizer step, through the module's post-step hook.
 */
public final class ElementwiseActivation extends Activation {
    private final ElementwiseFunction function;
    private final int channels;
    private final boolean[] trainable;
    /** θₖ: a Parameter's tensor for trainable ones, a constant otherwise. */
    private final Tensor[] fixed;
    private final Parameter[] parameters;

    /**
     * @param spec      the canonical spec (for {@link #spec()} and printing)
     * @param values    initial θ, in the function's parameter order
     * @param trainable which θₖ are trained
     * @param channels  1 for per-layer scalars, C for one value per channel
     */
    public ElementwiseActivation(String spec, ElementwiseFunction function, double[] values, boolean[] trainable, int channels) {
        super(spec);
        if (values.length != function.parameterCount() || trainable.length != values.length) {
            throw new IllegalArgumentException(function.name() + ": expects " + function.parameterCount() + " parameter values, got "
                    + values.length);
        }
        String violation = function.violation(values);
        if (violation != null) throw new IllegalArgumentException("activation '" + function.name() + "': " + violation);
        this.function = function;
        this.channels = channels;
        this.trainable = trainable.clone();
        this.fixed = new Tensor[values.length];
        this.parameters = new Parameter[values.length];
        for (int k = 0; k < values.length; k++) {
            NDArray v = channels == 1 ? NDArray.scalar(values[k], DType.F32) : NDArray.full(values[k], DType.F32, channels);
            if (trainable[k]) {
                parameters[k] = registerParameter(function.parameterNames().get(k), new Parameter(v));
            } else {
                fixed[k] = Tensor.of(v);
            }
        }
        if (function.hasConstraint()) addPostStepHook(this::constrain);
    }

    public ElementwiseFunction function() {
        return function;
    }

    /** The current θ, trainable or fixed, in the function's parameter order (scalars, or (C) per channel). */
    public List<NDArray> parameterValues() {
        return java.util.Arrays.stream(theta()).map(Tensor::value).toList();
    }

    @Override
    public Tensor forward(Tensor x) {
        return ActivationOp.apply(function, x, theta());
    }

    private Tensor[] theta() {
        Tensor[] t = new Tensor[fixed.length];
        for (int k = 0; k < t.length; k++) t[k] = trainable[k] ? parameters[k].tensor() : fixed[k];
        return t;
    }

    /** Projects every channel's θ back into the valid set. */
    private void constrain() {
        double[][] values = new double[fixed.length][];
        Tensor[] theta = theta();
        for (int k = 0; k < values.length; k++) values[k] = theta[k].value().toDoubleArray();
        double[] one = new double[values.length];
        for (int c = 0; c < channels; c++) {
            for (int k = 0; k < one.length; k++) one[k] = values[k][c];
            function.constrain(one);
            for (int k = 0; k < one.length; k++) values[k][c] = one[k];
        }
        for (int k = 0; k < values.length; k++) {
            if (trainable[k]) parameters[k].set(NDArray.of(values[k], theta[k].shape().dims()).astype(theta[k].dtype()));
        }
    }

    @Override
    public OpCase gradcheckCase(String name) {
        double[] values = new double[fixed.length];
        Tensor[] theta = theta();
        for (int k = 0; k < values.length; k++) values[k] = theta[k].value().toDoubleArray()[0];
        List<Integer> trained = new ArrayList<>();
        for (int k = 0; k < values.length; k++) if (trainable[k]) trained.add(k);
        return OpCase.of(name, 1 + trained.size(), gen -> {
            Tensor[] in = new Tensor[1 + trained.size()];
            in[0] = gen.input(inputShape(gen), function.gradcheckDomain(values));
            for (int j = 0; j < trained.size(); j++) {
                int k = trained.get(j);
                in[1 + j] = Tensor.leaf(theta[k].value().astype(DType.F64), true);
            }
            return in;
        }, in -> {
            Tensor[] t = new Tensor[values.length];
            for (int k = 0, j = 1; k < t.length; k++) t[k] = trainable[k] ? in[j++] : Tensor.of(fixed[k].value().astype(DType.F64));
            return ActivationOp.apply(function, in[0], t);
        }).covers("ActivationOp").kinks(function.gradcheckDomain(values).toString());
    }

    private Shape inputShape(TensorGen gen) {
        if (channels == 1) return gen.shape();
        return Shape.of(gen.integer(1, 3), channels, gen.integer(1, 4));
    }

    @Override
    protected String extraRepr() {
        StringBuilder sb = new StringBuilder(spec());
        List<String> trained = new ArrayList<>();
        for (int k = 0; k < trainable.length; k++) if (trainable[k]) trained.add(function.parameterNames().get(k));
        if (!trained.isEmpty()) sb.append(", trainable ").append(trained);
        if (channels > 1) sb.append(", per channel of ").append(channels);
        return sb.toString();
    }
}
