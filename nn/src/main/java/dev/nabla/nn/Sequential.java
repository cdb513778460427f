package dev.nabla.nn;

import dev.nabla.autograd.Tensor;
import java.util.List;

/**
 * Modules applied one after another; the children are named {@code 0, 1, 2, …} as in PyTorch,
 * so their parameters are {@code 0.weight}, {@code 3.running_mean} and so on.
 *
 * <pre>{@code
 * Module mlp = new Sequential(new Linear(784, 128), new ReLU(), new Linear(128, 10));
 * }</pre>
 */
public final class Sequential extends Module {
    private final List<Module> layers;

    public Sequential(Module... layers) {
        this.layers = List.of(layers);
        for (int i = 0; i < layers.length; i++) registerModule(Integer.toString(i), layers[i]);
    }

    public Sequential(List<Module> layers) {
        this(layers.toArray(Module[]::new));
    }

    @Override
    public Tensor forward(Tensor x) {
        for (Module layer : layers) x = layer.forward(x);
        return x;
    }

    /** The layer at {@code index}. */
    public Module get(int index) {
        return layers.get(index);
    }

    public int size() {
        return layers.size();
    }
}
