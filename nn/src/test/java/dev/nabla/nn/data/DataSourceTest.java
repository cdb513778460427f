package dev.nabla.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which data each {@code --data} value selects (absent, {@code NABLA_DATA}, {@code bundled},
 * {@code auto}, a directory), the errors when it is not there, and the {@code data info} report.
 */
class DataSourceTest {
    @TempDir
    Path dir;

    private Path completeSet() throws IOException {
        Path set = Files.createDirectories(dir.resolve("full"));
        FashionMnistTest.writeSet(set, 4, 3, true);
        return set;
    }

    @Test
    void absent_usesTheBundledSubset_unlessNablaDataIsSet() throws IOException {
        assertThat(DataSource.resolve(null, null, List.of()).train().size()).isEqualTo(10_000);
        assertThat(DataSource.resolve(null, " ", List.of()).train().size()).isEqualTo(10_000);
        Path set = completeSet();
        FashionMnist fromEnv = DataSource.resolve(null, set.toString(), List.of());
        assertThat(fromEnv.source()).isEqualTo(set.toString());
        assertThat(fromEnv.train().size()).isEqualTo(4);
    }

    @Test
    void bundled_isTheSubset_evenWithNablaDataSet() throws IOException {
        assertThat(DataSource.resolve("bundled", completeSet().toString(), List.of()).test().size()).isEqualTo(2_000);
    }

    @Test
    void aDirectory_loadsTheFullSetThere() throws IOException {
        Path set = completeSet();
        assertThat(DataSource.resolve(set.toString(), null, List.of()).test().size()).isEqualTo(3);
    }

    @Test
    void aMissingDirectory_isAClearError() {
        Path nowhere = dir.resolve("nowhere");
        assertThatThrownBy(() -> DataSource.resolve(nowhere.toString(), null, List.of())).isInstanceOf(DataFileException.class)
                .hasMessage(nowhere + ": not a directory (from --data); expected a directory holding " + FashionMnist.FILES
                        + ", or --data auto / bundled");
        assertThatThrownBy(() -> DataSource.resolve(null, nowhere.toString(), List.of())).isInstanceOf(DataFileException.class)
                .hasMessageContaining("(from NABLA_DATA)");
    }

    @Test
    void auto_takesTheFirstPlaceHoldingAllFourFiles() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path partial = Files.createDirectories(dir.resolve("partial"));
        FashionMnistTest.writeSet(partial, 2, 2, true);
        Files.delete(partial.resolve("train-images-idx3-ubyte.gz"));
        Path set = completeSet();
        FashionMnist data = DataSource.resolve("auto", null, List.of(dir.resolve("absent"), empty, partial, set));
        assertThat(data.source()).isEqualTo(set.toString());
    }

    @Test
    void auto_listsThePlacesSearched_whenNoneHoldsASet() throws IOException {
        Path a = dir.resolve("a"), b = Files.createDirectories(dir.resolve("b"));
        assertThatThrownBy(() -> DataSource.resolve("auto", null, List.of(a, b))).isInstanceOf(DataFileException.class)
                .hasMessage("--data auto: no full Fashion-MNIST found; searched " + a + ", " + b + " for " + FashionMnist.FILES
                        + " (fetch it with `nabla data download`, or install Debian's dataset-fashion-mnist)");
    }

    @Test
    void autoPlaces_areTheCacheThenDebian() {
        assertThat(DataSource.autoPlaces()).containsExactly(
                Path.of(System.getProperty("user.home"), ".cache", "nabla", "fashion-mnist"),
                Path.of("/usr/share/datasets/fashion-mnist"));
    }

    @Test
    void info_saysWhatIsWhere() throws IOException {
        Path set = completeSet();
        Path partial = Files.createDirectories(dir.resolve("partial"));
        FashionMnistTest.writeSet(partial, 2, 2, true);
        Files.delete(partial.resolve("t10k-images-idx3-ubyte.gz"));
        Path absent = dir.resolve("absent");
        assertThat(DataSource.info(null, List.of(absent, partial, set), absent)).isEqualTo(String.join("\n",
                "bundled subset: classpath:dev/nabla/nn/data/fashion-mnist-subset/ (10000 train, 2000 test)",
                "NABLA_DATA: not set",
                "--data auto searches:",
                "  " + absent + ": no such directory",
                "  " + partial + ": incomplete, missing [t10k-images-idx3-ubyte.gz]",
                "  " + set + ": full set present",
                "download target: " + absent,
                "without --data: the bundled subset",
                ""));
        assertThat(DataSource.info(set.toString(), List.of(), absent))
                .contains("NABLA_DATA: " + set + " (full set present)\n")
                .contains("without --data: NABLA_DATA = " + set + "\n");
    }
}
