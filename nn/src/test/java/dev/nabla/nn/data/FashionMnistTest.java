package dev.nabla.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled subset loads from the classpath with the counts, shapes, labels and pixel sums of the
 * original files (reference numbers computed with Python from Debian's files), and
 * {@link FashionMnist#load} reads a directory and rejects inconsistent sets.
 */
class FashionMnistTest {
    private static FashionMnist bundled;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadBundled() throws IOException {
        bundled = FashionMnist.bundled();
    }

    @Test
    void bundled_hasTheFirst10000TrainAnd2000TestExamples_asF32ImagesAndI64Labels() {
        assertThat(bundled.train().size()).isEqualTo(10_000);
        assertThat(bundled.test().size()).isEqualTo(2_000);
        assertThat(bundled.train().inputs().shape()).isEqualTo(Shape.of(10_000, 1, 28, 28));
        assertThat(bundled.test().inputs().shape()).isEqualTo(Shape.of(2_000, 1, 28, 28));
        assertThat(bundled.train().inputs().dtype()).isEqualTo(DType.F32);
        assertThat(bundled.train().labels().dtype()).isEqualTo(DType.I64);
        assertThat(bundled.source()).startsWith("bundled subset");
    }

    @Test
    void bundled_firstLabelsMatchTheOriginalFiles() {
        assertThat(bundled.train().labels().slice(0, 0, 10).toLongArray()).containsExactly(9, 0, 0, 3, 0, 2, 7, 2, 5, 5);
        assertThat(bundled.test().labels().slice(0, 0, 10).toLongArray()).containsExactly(9, 2, 1, 1, 6, 1, 4, 6, 5, 7);
        assertThat(FashionMnist.CLASSES.get(9)).isEqualTo("Ankle boot");
        assertThat(FashionMnist.CLASSES).hasSize(10);
    }

    @Test
    void bundled_classCountsAreTheStatedOnes() {
        assertThat(classCounts(bundled.train().labels())).containsExactly(942, 1027, 1016, 1019, 974, 989, 1021, 1022, 990, 1000);
        assertThat(classCounts(bundled.test().labels())).containsExactly(200, 203, 214, 190, 219, 195, 197, 200, 194, 188);
    }

    @Test
    void bundled_pixelsAreBytesOver255_withTheOriginalSums() {
        float[] train = bundled.train().inputs().toFloatArray();
        assertThat(byteSum(train, 0, 784)).isEqualTo(76_247); // first training image
        assertThat(byteSum(train, 0, train.length)).isEqualTo(572_388_787L);
        assertThat(byteSum(bundled.test().inputs().toFloatArray(), 0, 2_000 * 784)).isEqualTo(114_763_281L);
        // row 14 of the first image starts 00 00 01 04 06 07 02 00
        assertThat(bundled.train().inputs().get(0, 0, 14, 3)).isEqualTo(4 / 255f);
        assertThat(bundled.train().inputs().min().item()).isEqualTo(0.0);
        assertThat(bundled.train().inputs().max().item()).isEqualTo(1.0);
    }

    /** Σ round(255·x) over x[from, to): each value must be exactly a byte over 255. */
    private static long byteSum(float[] x, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            int v = Math.round(x[i] * 255);
            assertThat(x[i]).isEqualTo(v / 255f);
            sum += v;
        }
        return sum;
    }

    private static int[] classCounts(NDArray labels) {
        int[] counts = new int[10];
        for (long y : labels.toLongArray()) counts[(int) y]++;
        return counts;
    }

    /**
     * Writes a set of {@code nTrain}/{@code nTest} 28×28 images whose pixel k of image i is
     * (i + k) mod 256 and whose label is i mod 10, gzipped or not.
     */
    static void writeSet(Path dir, int nTrain, int nTest, boolean gzipped) throws IOException {
        int[] counts = {nTrain, nTrain, nTest, nTest};
        for (int f = 0; f < 4; f++) {
            int n = counts[f];
            byte[] content = f % 2 == 0 ? IdxTest.idx(Idx.IMAGES_MAGIC, new long[] {n, 28, 28}, pixels(n))
                    : IdxTest.idx(Idx.LABELS_MAGIC, new long[] {n}, labels(n));
            String name = FashionMnist.FILES.get(f);
            Files.write(dir.resolve(gzipped ? name : name.replace(".gz", "")), gzipped ? IdxTest.gzip(content) : content);
        }
    }

    private static byte[] pixels(int n) {
        byte[] out = new byte[n * 784];
        for (int i = 0; i < out.length; i++) out[i] = (byte) (i / 784 + i % 784);
        return out;
    }

    private static byte[] labels(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) out[i] = (byte) (i % 10);
        return out;
    }

    @Test
    void load_readsGzippedOrPlainFilesFromADirectory() throws IOException {
        for (boolean gzipped : new boolean[] {true, false}) {
            Path set = Files.createDirectory(dir.resolve("set-" + gzipped));
            writeSet(set, 12, 5, gzipped);
            FashionMnist data = FashionMnist.load(set);
            assertThat(data.train().size()).isEqualTo(12);
            assertThat(data.test().size()).isEqualTo(5);
            assertThat(data.test().labels().toLongArray()).containsExactly(0, 1, 2, 3, 4);
            assertThat(data.train().inputs().get(11, 0, 0, 2)).isEqualTo(13 / 255f);
            assertThat(data.source()).isEqualTo(set.toString());
            assertThat(data).hasToString("Fashion-MNIST from " + set + ": 12 train, 5 test");
        }
    }

    @Test
    void load_rejectsAMissingFile_namingAllFour() throws IOException {
        writeSet(dir, 3, 2, true);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        assertThat(FashionMnist.missingFiles(dir)).containsExactly("t10k-labels-idx1-ubyte.gz");
        assertThatThrownBy(() -> FashionMnist.load(dir)).isInstanceOf(DataFileException.class)
                .hasMessage(dir + ": Fashion-MNIST file t10k-labels-idx1-ubyte.gz (or the same without .gz) not found;"
                        + " the directory must hold " + FashionMnist.FILES);
    }

    @Test
    void load_rejectsImagesAndLabelsThatDisagree() throws IOException {
        writeSet(dir, 3, 2, true);
        Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
        Files.write(labels, IdxTest.gzip(IdxTest.idx(Idx.LABELS_MAGIC, new long[] {4}, new byte[4])));
        assertThatThrownBy(() -> FashionMnist.load(dir)).isInstanceOf(DataFileException.class)
                .hasMessage(dir.resolve("train-images-idx3-ubyte.gz") + ": 3 images but 4 labels in " + labels);
        Files.write(labels, IdxTest.gzip(IdxTest.idx(Idx.LABELS_MAGIC, new long[] {3}, new byte[] {1, 10, 2})));
        assertThatThrownBy(() -> FashionMnist.load(dir)).isInstanceOf(DataFileException.class)
                .hasMessage(labels + ": label 10 at index 1 is not a Fashion-MNIST class (0 … 9)");
    }

    @Test
    void load_rejectsImagesThatAreNot28x28() throws IOException {
        writeSet(dir, 3, 2, true);
        Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
        Files.write(images, IdxTest.gzip(IdxTest.idx(Idx.IMAGES_MAGIC, new long[] {2, 32, 32}, new byte[2048])));
        assertThatThrownBy(() -> FashionMnist.load(dir)).isInstanceOf(DataFileException.class)
                .hasMessage(images + ": Fashion-MNIST images must be 28×28, got dims [2, 32, 32]");
    }

    @Test
    void filesAreTheStandardNames() {
        assertThat(FashionMnist.FILES).isEqualTo(List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"));
    }
}
