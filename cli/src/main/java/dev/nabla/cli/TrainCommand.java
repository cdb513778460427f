package dev.nabla.cli;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.Shape;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nabla train}. Until the {@code nn} module lands (CNN on Fashion-MNIST), this trains a
 * softmax-regression classifier on synthetic Gaussian blobs with hand-written gradients, so that
 * the command exercises the tensor kernels end to end and says honestly what it is.
 *
 * <pre>
 *   logits Z = X·W + b            X (N,D), W (D,K), b (K)
 *   P = softmax(Z) along K;  loss = −(1/N) Σᵢ log P[i, yᵢ]
 *   ∂loss/∂Z = (P − onehot(y)) / N;  ∂loss/∂W = Xᵀ·∂Z;  ∂loss/∂b = Σᵢ ∂Z[i]
 * </pre>
 */
@Command(name = "train", description = "Train a model (for now: a softmax-regression demo on synthetic data; the CNN arrives with the nn module).")
final class TrainCommand implements Runnable {
    private static final int CLASSES = 3, FEATURES = 2, PER_CLASS = 2000;

    @Option(names = "--epochs", defaultValue = "30", description = "Full-batch gradient steps (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.5", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public void run() {
        System.out.println("nabla train: the CNN on Fashion-MNIST arrives with the nn module. Until then this demo trains");
        System.out.println("softmax regression with hand-written gradients on " + CLASSES * PER_CLASS
                + " synthetic 2-d points (" + CLASSES + " Gaussian blobs).");
        Rng rng = new Rng(seed);
        NDArray[] data = blobs(rng);
        NDArray x = data[0], y = data[1], targets = NDArray.oneHot(y, CLASSES, DType.F32);
        int n = x.size(0);

        NDArray w = NDArray.zeros(DType.F32, FEATURES, CLASSES), b = NDArray.zeros(DType.F32, CLASSES);
        long start = System.nanoTime();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            NDArray logits = x.matmul(w).add(b);
            NDArray logProbs = logits.logSoftmax(1);
            double loss = -logProbs.mul(targets).sum().item() / n;
            double accuracy = logits.argmax(1, false).eq(y).astype(DType.F64).mean().item();

            NDArray gradLogits = logProbs.exp().sub(targets).div(n);
            w = w.sub(x.transpose(0, 1).matmul(gradLogits).mul(lr));
            b = b.sub(gradLogits.sum(new int[] {0}, false).mul(lr));
            if (epoch == 1 || epoch % 5 == 0 || epoch == epochs) {
                System.out.printf("epoch %3d  loss %.4f  train accuracy %.2f%%%n", epoch, loss, 100 * accuracy);
            }
        }
        System.out.printf("done in %.2f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** X (N, 2): class k is centred at 3·(cos 2πk/K, sin 2πk/K) with unit variance; y (N) I64. */
    private static NDArray[] blobs(Rng rng) {
        List<NDArray> xs = new java.util.ArrayList<>(), ys = new java.util.ArrayList<>();
        for (int k = 0; k < CLASSES; k++) {
            double angle = 2 * Math.PI * k / CLASSES;
            NDArray centre = NDArray.of(new float[] {(float) (3 * Math.cos(angle)), (float) (3 * Math.sin(angle))}, FEATURES);
            xs.add(rng.normal(Shape.of(PER_CLASS, FEATURES), DType.F32, 0, 1).add(centre));
            ys.add(NDArray.full(k, DType.I64, PER_CLASS));
        }
        NDArray order = rng.permutation(CLASSES * PER_CLASS);
        return new NDArray[] {NDArray.cat(0, xs).indexSelect(0, order), NDArray.cat(0, ys).indexSelect(0, order)};
    }
}
