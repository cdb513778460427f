package dev.nabla.models;

import dev.nabla.activations.Activations;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.GlobalAvgPool2d;
import dev.nabla.nn.Linear;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Module;
import dev.nabla.nn.ResidualBlock;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Rng;
import java.util.List;
import java.util.function.Supplier;

/**
 * The model zoo shared by {@code nabla train}, {@code nabla compare}, the tests and the
 * benchmarks. Every model takes 28×28 grey images (N, 1, 28, 28) to 10 class logits, and an
 * activation spec ({@link Activations#parse}) used for every activation in it. Layers use
 * PyTorch's default initialization, drawn from the given {@link Rng}.
 *
 * <pre>{@code
 * Module model = Models.build("cnn", "relu", new Rng(0));
 * }</pre>
 */
public final class Models {
    private static final int CLASSES = 10;

    private Models() {}

    /** The model names: {@code cnn} (the default), {@code mlp}, {@code resnet-mini}. */
    public static List<String> names() {
        return List.of("cnn", "mlp", "resnet-mini");
    }

    /** Builds model {@code name} with activation {@code activationSpec}, initialized from {@code rng}. */
    public static Module build(String name, String activationSpec, Rng rng) {
        Activations.parse(activationSpec); // fail fast on a bad spec, before any layer is built
        Supplier<Module> act = () -> Activations.parse(activationSpec);
        return switch (name) {
            case "cnn" -> cnn(act, rng);
            case "mlp" -> mlp(act, rng);
            case "resnet-mini" -> resnetMini(act, rng);
            default -> throw new IllegalArgumentException("unknown model '" + name + "'; known: " + names());
        };
    }

    /**
     * The default CNN: two conv blocks and two linear layers (about 420 K parameters).
     * <pre>
     *   (N,1,28,28) conv 1→32 3×3 pad 1, BN, act, maxpool 2  → (N,32,14,14)
     *               conv 32→64 3×3 pad 1, BN, act, maxpool 2 → (N,64,7,7)
     *               flatten → linear 3136→128, act → linear 128→10
     * </pre>
     */
    static Module cnn(Supplier<Module> act, Rng rng) {
        return new Sequential(
                conv3x3(1, 32, rng), new BatchNorm2d(32), act.get(), new MaxPool2d(2),
                conv3x3(32, 64, rng), new BatchNorm2d(64), act.get(), new MaxPool2d(2),
                new Flatten(),
                new Linear(64 * 7 * 7, 128, true, rng), act.get(),
                new Linear(128, CLASSES, true, rng));
    }

    /** A multilayer perceptron: flatten → 784→256, act → 256→128, act → 128→10. */
    static Module mlp(Supplier<Module> act, Rng rng) {
        return new Sequential(
                new Flatten(),
                new Linear(28 * 28, 256, true, rng), act.get(),
                new Linear(256, 128, true, rng), act.get(),
                new Linear(128, CLASSES, true, rng));
    }

    /**
     * A small residual network with batch norm.
     * <pre>
     *   conv 1→16 3×3, BN, act → block 16→16 → block 16→32 stride 2 → block 32→64 stride 2
     *   → global average pool → linear 64→10
     * </pre>
     */
    static Module resnetMini(Supplier<Module> act, Rng rng) {
        return new Sequential(
                conv3x3(1, 16, rng), new BatchNorm2d(16), act.get(),
                new ResidualBlock(16, 16, 1, act, DType.F32, rng),
                new ResidualBlock(16, 32, 2, act, DType.F32, rng),
                new ResidualBlock(32, 64, 2, act, DType.F32, rng),
                new GlobalAvgPool2d(),
                new Linear(64, CLASSES, true, rng));
    }

    private static Conv2d conv3x3(int in, int out, Rng rng) {
        return new Conv2d(in, out, 3, 1, 1, 1, 1, true, rng);
    }
}
