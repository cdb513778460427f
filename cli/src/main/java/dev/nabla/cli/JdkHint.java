package dev.nabla.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Says once per machine, in one line, that a newer JDK runs Nabla faster: JDK 25's C2 compiles
 * Vector-API code much better than 17's (SGEMM about 75 vs 45 GFLOP/s per core here). The marker
 * file {@code ~/.cache/nabla/jdk-hint-shown} remembers that it was said.
 */
final class JdkHint {
    private static final int TUNED_FOR = 25;

    private JdkHint() {}

    static void maybePrint() {
        if (Runtime.version().feature() >= TUNED_FOR) return;
        Path marker = Path.of(System.getProperty("user.home"), ".cache", "nabla", "jdk-hint-shown");
        if (Files.exists(marker)) return;
        System.err.println("nabla: running on JDK " + Runtime.version().feature() + "; JDK " + TUNED_FOR
                + "+ runs Nabla's SIMD kernels much faster (set JAVA_HOME to it). This hint is shown once.");
        try {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, "shown\n");
        } catch (IOException | SecurityException e) {
            // an unwritable home only means the hint may be shown again
        }
    }
}
