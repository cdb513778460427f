package dev.nabla.cli.compare;

import dev.nabla.activations.Activation;
import dev.nabla.activations.Activations;
import dev.nabla.autograd.Grad;
import dev.nabla.autograd.Tensor;
import dev.nabla.models.Models;
import dev.nabla.nn.Module;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the activation modules sit in a model of the zoo, and what they compute. The modules are
 * found by their type ({@link Activation}, what {@link Activations#parse} builds), so this works
 * for every registered activation without knowing any of them. Their dotted names are the
 * {@code state_dict} prefixes of their parameters: in the default CNN {@code 2.}, {@code 6.} and
 * {@code 10.}.
 */
public final class ActivationLayers {
    /** The x grid activation shapes are drawn on: −4 … 4 in steps of 0.05. */
    public static final NDArray GRID = NDArray.linspace(-4, 4, 161, DType.F32);

    private final String spec;
    private final List<String> prefixes = new ArrayList<>();
    private final Map<String, NDArray> initial = new LinkedHashMap<>();

    /** The activation layers of model {@code model} built with activation {@code spec}. */
    public ActivationLayers(String model, String spec) {
        this.spec = spec;
        Module prototype = Activations.parse(spec);
        collect(Models.build(model, spec, new Rng(0)), "");
        prototype.namedParameters().forEach((name, p) -> initial.put(name, p.value()));
    }

    private void collect(Module m, String prefix) {
        if (m instanceof Activation) {
            prefixes.add(prefix);
            return;
        }
        m.children().forEach((name, child) -> collect(child, prefix + name + "."));
    }

    /** The dotted prefixes of the activation modules, in model order ({@code "2."}, …). */
    public List<String> prefixes() {
        return List.copyOf(prefixes);
    }

    /** The parameters of one activation module at initialization, by their name inside it ({@code alpha}), in module order. */
    public Map<String, NDArray> initialParameters() {
        return Collections.unmodifiableMap(initial);
    }

    /** Whether the activation has trainable parameters (else every layer keeps its initial shape). */
    public boolean trainable() {
        return !initial.isEmpty();
    }

    /**
     * The values of f on {@link #GRID} and how they were computed.
     *
     * @param channels    how many per-channel parameter sets the curve is the mean over (1: per-layer parameters)
     * @param elementwise false when f is not element-wise and the grid was evaluated as one group
     */
    public record Curve(double[] y, int channels, boolean elementwise) {}

    /**
     * Evaluates one activation module on {@link #GRID}: a fresh module of the spec, loaded with
     * {@code state} (its entries under {@code prefix}; null for the initial module), in eval mode.
     * The grid is fed as one sample (1, C, 161) whose C channel rows are the grid (C is 1 unless
     * the parameters are per channel), and the curve is the mean over the channels. An
     * element-wise activation gives the same values when each x is its own sample, shape
     * (161, C, 1); one that is not (such as CAReLU, whose scale depends on the whole group) is
     * reported as evaluated over one group.
     */
    public Curve curve(Map<String, NDArray> state, String prefix) {
        Module m = Activations.parse(spec);
        if (state != null) {
            Map<String, NDArray> own = new LinkedHashMap<>();
            state.forEach((key, value) -> {
                if (key.startsWith(prefix)) own.put(key.substring(prefix.length()), value);
            });
            m.loadStateDict(own, true);
        }
        m.eval();
        int n = GRID.numel(), c = m.parameters().stream().mapToInt(p -> p.numel()).max().orElse(1);
        NDArray rows = GRID.reshape(1, 1, n).expand(1, c, n).contiguous();
        try (var noGrad = Grad.disabled()) {
            double[] group = m.forward(Tensor.of(rows)).value().toDoubleArray();
            double[] single = m.forward(Tensor.of(rows.reshape(c, n).transpose(0, 1).contiguous().reshape(n, c, 1)))
                    .value().reshape(n, c).transpose(0, 1).contiguous().toDoubleArray();
            boolean elementwise = true;
            for (int i = 0; elementwise && i < group.length; i++) {
                elementwise = Math.abs(group[i] - single[i]) <= 1e-5 * (1 + Math.abs(group[i]));
            }
            double[] y = new double[n];
            for (int ch = 0; ch < c; ch++) for (int i = 0; i < n; i++) y[i] += group[ch * n + i] / c;
            return new Curve(y, c, elementwise);
        }
    }
}
