package dev.nabla.nn;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Rng;
import java.util.function.Supplier;

/**
 * A ResNet basic block (He et al., 2016, "Deep Residual Learning for Image Recognition"), with
 * PyTorch's BasicBlock names.
 * <pre>
 *   y = act2(bn2(conv2(act1(bn1(conv1(x))))) + shortcut(x))
 *   conv1: 3×3, stride s, padding 1, no bias;  conv2: 3×3, stride 1, padding 1, no bias
 *   shortcut: Sequential(1×1 conv stride s no bias, BatchNorm2d) when s ≠ 1 or C ≠ OC, else an empty Sequential (identity)
 * </pre>
 * Children: {@code conv1, bn1, act1, conv2, bn2, shortcut, act2}; the state_dict names are
 * {@code conv1.weight, bn1.running_var, shortcut.0.weight, shortcut.1.weight, …} (plus
 * {@code act1.*}/{@code act2.*} if the activation is trainable: each position gets its own
 * instance from {@code activation}). Shapes: x (N, C, H, W) → y (N, OC, ⌈H/s⌉, ⌈W/s⌉).
 */
public final class ResidualBlock extends Module {
    private final Module conv1, bn1, act1, conv2, bn2, shortcut, act2;

    /** F32 weights from the default stream ({@link Init#defaultRng()}). */
    public ResidualBlock(int inChannels, int outChannels, int stride, Supplier<Module> activation) {
        this(inChannels, outChannels, stride, activation, DType.F32, Init.defaultRng());
    }

    public ResidualBlock(int inChannels, int outChannels, int stride, Supplier<Module> activation, DType dtype, Rng rng) {
        conv1 = registerModule("conv1", new Conv2d(inChannels, outChannels, 3, stride, 1, 1, 1, false, dtype, rng));
        bn1 = registerModule("bn1", batchNorm(outChannels, dtype));
        act1 = registerModule("act1", activation.get());
        conv2 = registerModule("conv2", new Conv2d(outChannels, outChannels, 3, 1, 1, 1, 1, false, dtype, rng));
        bn2 = registerModule("bn2", batchNorm(outChannels, dtype));
        shortcut = registerModule("shortcut", stride != 1 || inChannels != outChannels
                ? new Sequential(new Conv2d(inChannels, outChannels, 1, stride, 0, 1, 1, false, dtype, rng), batchNorm(outChannels, dtype))
                : new Sequential());
        act2 = registerModule("act2", activation.get());
    }

    private static BatchNorm2d batchNorm(int channels, DType dtype) {
        return new BatchNorm2d(channels, 1e-5, 0.1, true, true, dtype);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor main = bn2.forward(conv2.forward(act1.forward(bn1.forward(conv1.forward(x)))));
        return act2.forward(main.add(shortcut.forward(x)));
    }
}
