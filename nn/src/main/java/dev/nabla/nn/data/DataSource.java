package dev.nabla.nn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Decides which Fashion-MNIST to use, from the value of the command line's {@code --data} option.
 * Nothing is ever downloaded here (see {@link Download} for the explicit download).
 *
 * <table>
 *   <caption>{@code --data} values</caption>
 *   <tr><th>value</th><th>data</th></tr>
 *   <tr><td>absent ({@code null})</td><td>the directory in the environment variable {@code NABLA_DATA}
 *       if it is set (and not blank), else the {@linkplain FashionMnist#bundled() bundled subset}</td></tr>
 *   <tr><td>{@code bundled}</td><td>the bundled subset (10,000 train, 2,000 test)</td></tr>
 *   <tr><td>{@code auto}</td><td>the first of {@link #autoPlaces()} that holds the four files:
 *       {@code ~/.cache/nabla/fashion-mnist} (where {@code nabla data download} puts them), then
 *       {@code /usr/share/datasets/fashion-mnist} (Debian's {@code dataset-fashion-mnist}); an error
 *       lists the places searched when none does</td></tr>
 *   <tr><td>a directory</td><td>the full set in that directory ({@link FashionMnist#load(Path)})</td></tr>
 * </table>
 *
 * <pre>{@code
 * FashionMnist data = DataSource.resolve(null);     // NABLA_DATA, else the bundled subset
 * FashionMnist full = DataSource.resolve("auto");   // a full set found on this machine
 * }</pre>
 */
public final class DataSource {
    /** The {@code --data} value that searches the standard places. */
    public static final String AUTO = "auto";
    /** The {@code --data} value that selects the bundled subset. */
    public static final String BUNDLED = "bundled";
    /** The environment variable naming a directory with the full set, used when {@code --data} is absent. */
    public static final String ENV = "NABLA_DATA";
    /** Debian's {@code dataset-fashion-mnist} package installs the full set here. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private DataSource() {}

    /** Loads the data that {@code dataOption} (the {@code --data} value, or null) selects; see the class doc. */
    public static FashionMnist resolve(String dataOption) throws IOException {
        return resolve(dataOption, System.getenv(ENV), autoPlaces());
    }

    static FashionMnist resolve(String dataOption, String envValue, List<Path> autoPlaces) throws IOException {
        if (dataOption == null) {
            return envValue == null || envValue.isBlank() ? FashionMnist.bundled() : loadDir(Path.of(envValue), ENV);
        }
        if (dataOption.equals(BUNDLED)) return FashionMnist.bundled();
        if (dataOption.equals(AUTO)) {
            for (Path place : autoPlaces) {
                if (FashionMnist.missingFiles(place).isEmpty()) return FashionMnist.load(place);
            }
            throw new DataFileException("--data auto", "no full Fashion-MNIST found; searched "
                    + autoPlaces.stream().map(Path::toString).collect(Collectors.joining(", "))
                    + " for " + FashionMnist.FILES + " (fetch it with `nabla data download`, or install Debian's"
                    + " dataset-fashion-mnist)");
        }
        return loadDir(Path.of(dataOption), "--data");
    }

    private static FashionMnist loadDir(Path dir, String from) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new DataFileException(dir.toString(), "not a directory (from " + from + "); expected a directory holding "
                    + FashionMnist.FILES + ", or --data auto / bundled");
        }
        return FashionMnist.load(dir);
    }

    /** The cache directory that {@code nabla data download} fills: {@code ~/.cache/nabla/fashion-mnist}. */
    public static Path cacheDir() {
        return Path.of(System.getProperty("user.home"), ".cache", "nabla", "fashion-mnist");
    }

    /** The places {@code --data auto} searches, in order: {@link #cacheDir()}, then {@link #DEBIAN_DIR}. */
    public static List<Path> autoPlaces() {
        return List.of(cacheDir(), DEBIAN_DIR);
    }

    /**
     * What is where, for {@code nabla data info}: the bundled subset, {@code NABLA_DATA}, every
     * place {@code auto} searches (complete or which files are missing), the cache directory and
     * what a plain run uses.
     */
    public static String info() {
        return info(System.getenv(ENV), autoPlaces(), cacheDir());
    }

    static String info(String envValue, List<Path> autoPlaces, Path cacheDir) {
        boolean bundled = FashionMnist.class.getResource(FashionMnist.BUNDLED_RESOURCE_DIR + FashionMnist.FILES.get(0)) != null;
        StringBuilder out = new StringBuilder();
        out.append("bundled subset: classpath:dev/nabla/nn/data/").append(FashionMnist.BUNDLED_RESOURCE_DIR)
                .append(bundled ? " (10000 train, 2000 test)" : " MISSING from the classpath").append('\n');
        boolean envSet = envValue != null && !envValue.isBlank();
        out.append(ENV).append(": ").append(envSet ? envValue + " (" + status(Path.of(envValue)) + ")" : "not set").append('\n');
        out.append("--data auto searches:\n");
        for (Path place : autoPlaces) out.append("  ").append(place).append(": ").append(status(place)).append('\n');
        out.append("download target: ").append(cacheDir).append('\n');
        out.append("without --data: ").append(envSet ? ENV + " = " + envValue : "the bundled subset").append('\n');
        return out.toString();
    }

    private static String status(Path dir) {
        if (!Files.isDirectory(dir)) return "no such directory";
        List<String> missing = FashionMnist.missingFiles(dir);
        return missing.isEmpty() ? "full set present" : "incomplete, missing " + missing;
    }
}
