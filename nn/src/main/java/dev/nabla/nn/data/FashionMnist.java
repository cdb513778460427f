package dev.nabla.nn.data;

import dev.nabla.tensor.NDArray;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017; MIT license): 28×28 grey-scale images of ten
 * kinds of clothing, 60,000 for training and 10,000 for testing.
 *
 * <p>Images are F32 (N, 1, 28, 28) with pixel values scaled to [0, 1] (normalizing them is the
 * {@link DataLoader}'s job); labels are I64 (N) in 0 … 9, named by {@link #CLASSES}.
 *
 * <p><b>The bundled subset.</b> {@link #bundled()} loads, from the classpath (also from inside the
 * jar), the first 10,000 training and the first 2,000 test examples of the full set, shipped as
 * gzipped IDX files in {@code dev/nabla/nn/data/fashion-mnist-subset/} with the MIT notice, cut by
 * {@code nn/scripts/make_fashion_mnist_subset.py}. The classes stay roughly balanced: the training
 * subset holds 942, 1027, 1016, 1019, 974, 989, 1021, 1022, 990 and 1000 examples of classes 0 … 9,
 * the test subset 200, 203, 214, 190, 219, 195, 197, 200, 194 and 188.
 *
 * <p>{@link #load(Path)} reads a full set from a directory holding the four standard files
 * ({@link #FILES}, gzipped or not); {@link DataSource#resolve(String)} decides which one to use.
 *
 * <pre>{@code
 * FashionMnist data = FashionMnist.bundled();
 * Dataset train = data.train();                  // 10,000 examples
 * String first = FashionMnist.CLASSES.get((int) train.labels().getLong(0));   // "Ankle boot"
 * }</pre>
 */
public final class FashionMnist {
    /** The class names, indexed by label, as torchvision's {@code FashionMNIST.classes}. */
    public static final List<String> CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The four files of a set, in the order train images, train labels, test images, test labels. */
    public static final List<String> FILES = List.of(
            "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    static final String BUNDLED_RESOURCE_DIR = "fashion-mnist-subset/";
    private static final int SIDE = 28;

    private final Dataset train;
    private final Dataset test;
    private final String source;

    private FashionMnist(Dataset train, Dataset test, String source) {
        this.train = train;
        this.test = test;
        this.source = source;
    }

    /** The subset shipped inside Nabla: 10,000 training and 2,000 test examples. */
    public static FashionMnist bundled() throws IOException {
        Idx[] files = new Idx[FILES.size()];
        for (int i = 0; i < files.length; i++) {
            String name = BUNDLED_RESOURCE_DIR + FILES.get(i);
            try (InputStream in = FashionMnist.class.getResourceAsStream(name)) {
                if (in == null) throw new DataFileException("classpath:dev/nabla/nn/data/" + name, "resource not found");
                files[i] = Idx.read(new BufferedInputStream(in, 1 << 16), "classpath:dev/nabla/nn/data/" + name,
                        i % 2 == 0 ? Idx.IMAGES_MAGIC : Idx.LABELS_MAGIC);
            }
        }
        return of(files, "bundled subset (classpath:dev/nabla/nn/data/" + BUNDLED_RESOURCE_DIR + ")");
    }

    /**
     * A full set from {@code dir}, which holds the four {@link #FILES}; each may also be present
     * uncompressed, without the {@code .gz}.
     */
    public static FashionMnist load(Path dir) throws IOException {
        Idx[] files = new Idx[FILES.size()];
        for (int i = 0; i < files.length; i++) {
            Path file = find(dir, FILES.get(i));
            files[i] = i % 2 == 0 ? Idx.readImages(file) : Idx.readLabels(file);
        }
        return of(files, dir.toString());
    }

    /** The {@link #FILES} that {@code dir} holds neither gzipped nor uncompressed; empty for a complete set. */
    static List<String> missingFiles(Path dir) {
        return FILES.stream().filter(name -> locate(dir, name) == null).toList();
    }

    private static Path find(Path dir, String gzName) throws IOException {
        Path file = locate(dir, gzName);
        if (file == null) {
            throw new DataFileException(dir.toString(), "Fashion-MNIST file " + gzName + " (or the same without .gz)"
                    + " not found; the directory must hold " + FILES);
        }
        return file;
    }

    private static Path locate(Path dir, String gzName) {
        Path gz = dir.resolve(gzName);
        if (Files.isRegularFile(gz)) return gz;
        Path raw = dir.resolve(gzName.substring(0, gzName.length() - ".gz".length()));
        return Files.isRegularFile(raw) ? raw : null;
    }

    private static FashionMnist of(Idx[] files, String source) throws IOException {
        return new FashionMnist(dataset(files[0], files[1]), dataset(files[2], files[3]), source);
    }

    private static Dataset dataset(Idx images, Idx labels) throws IOException {
        int[] dims = images.dims();
        if (dims[1] != SIDE || dims[2] != SIDE) {
            throw new DataFileException(images.source(), "Fashion-MNIST images must be 28×28, got dims " + Arrays.toString(dims));
        }
        int n = labels.dims()[0];
        if (dims[0] != n) {
            throw new DataFileException(images.source(), dims[0] + " images but " + n + " labels in " + labels.source());
        }
        for (int i = 0; i < n; i++) {
            if (labels.get(i) >= CLASSES.size()) {
                throw new DataFileException(labels.source(), "label " + labels.get(i) + " at index " + i
                        + " is not a Fashion-MNIST class (0 … 9)");
            }
        }
        return new TensorDataset(images.toImages(), labels.toLabels());
    }

    /** The training split. */
    public Dataset train() {
        return train;
    }

    /** The test split. */
    public Dataset test() {
        return test;
    }

    /** Where the data came from: a directory, or the bundled subset. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "Fashion-MNIST from " + source + ": " + train.size() + " train, " + test.size() + " test";
    }
}
