package dev.nabla.tensor;

/**
 * 2-d convolution and pooling over {@code (N, C, H, W)} arrays, forward and backward. (Being written.)
 */
public final class Convolution {
    private Convolution() {}

    /** x (N,C,H,W), weight (OC,C/groups,KH,KW), bias (OC) or null → (N,OC,OH,OW). */
    public static NDArray conv2d(NDArray x, NDArray weight, NDArray bias, Conv2dSpec spec) {
        throw new UnsupportedOperationException("conv2d: not implemented yet");
    }

    /** ∂L/∂x from gradOut (N,OC,OH,OW) and weight; inputShape is x's shape. */
    public static NDArray conv2dBackwardInput(NDArray gradOut, NDArray weight, Shape inputShape, Conv2dSpec spec) {
        throw new UnsupportedOperationException("conv2dBackwardInput: not implemented yet");
    }

    /** ∂L/∂weight from gradOut (N,OC,OH,OW) and x; weightShape is the weight's shape. */
    public static NDArray conv2dBackwardWeight(NDArray gradOut, NDArray x, Shape weightShape, Conv2dSpec spec) {
        throw new UnsupportedOperationException("conv2dBackwardWeight: not implemented yet");
    }

    /** ∂L/∂bias = gradOut summed over N, OH, OW → (OC). */
    public static NDArray conv2dBackwardBias(NDArray gradOut) {
        throw new UnsupportedOperationException("conv2dBackwardBias: not implemented yet");
    }

    public static MaxPool2dResult maxPool2d(NDArray x, Pool2dSpec spec) {
        throw new UnsupportedOperationException("maxPool2d: not implemented yet");
    }

    public static NDArray maxPool2dBackward(NDArray gradOut, NDArray indices, Shape inputShape) {
        throw new UnsupportedOperationException("maxPool2dBackward: not implemented yet");
    }

    public static NDArray avgPool2d(NDArray x, Pool2dSpec spec) {
        throw new UnsupportedOperationException("avgPool2d: not implemented yet");
    }

    public static NDArray avgPool2dBackward(NDArray gradOut, Shape inputShape, Pool2dSpec spec) {
        throw new UnsupportedOperationException("avgPool2dBackward: not implemented yet");
    }

    /** Mean over H and W: (N,C,H,W) → (N,C). */
    public static NDArray globalAvgPool2d(NDArray x) {
        throw new UnsupportedOperationException("globalAvgPool2d: not implemented yet");
    }
}
