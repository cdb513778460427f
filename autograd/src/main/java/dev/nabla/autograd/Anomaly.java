package dev.nabla.autograd;

import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Shape;
import java.util.Arrays;

/** The checks of anomaly mode ({@link Grad#detectAnomaly()}): the first NaN or Inf stops the run. */
final class Anomaly {
    private Anomaly() {}

    static void checkForward(Node node, NDArray value) {
        int bad = firstNonFinite(value);
        if (bad >= 0) {
            throw new AnomalyException("anomaly: forward of '" + node.op + "' produced " + describe(value, bad)
                    + "; inputs " + shapes(node.inputs()) + node.site(), node.createdAt);
        }
    }

    static void checkBackward(Node node, int input, NDArray gradient, Shape gradOutputShape) {
        int bad = firstNonFinite(gradient);
        if (bad >= 0) {
            throw new AnomalyException("anomaly: backward of '" + node.op + "' produced " + describe(gradient, bad)
                    + " in the gradient of input " + input + "; inputs " + shapes(node.inputs())
                    + ", gradOutput " + gradOutputShape + node.site(), node.createdAt);
        }
    }

    private static int firstNonFinite(NDArray a) {
        if (!a.dtype().isFloating()) return -1;
        double[] v = a.toDoubleArray();
        for (int i = 0; i < v.length; i++) if (!Double.isFinite(v[i])) return i;
        return -1;
    }

    private static String describe(NDArray a, int flatIndex) {
        double v = a.toDoubleArray()[flatIndex];
        return v + " at flat index " + flatIndex + " of shape " + a.shape();
    }

    private static String shapes(Tensor[] inputs) {
        return Arrays.toString(Arrays.stream(inputs).map(t -> t.shape().toString()).toArray());
    }
}
