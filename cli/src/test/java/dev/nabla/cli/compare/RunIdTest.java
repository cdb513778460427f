package dev.nabla.cli.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunIdTest {
    private static RunId id(String spec, long seed, double lr) {
        return new RunId(spec, "cnn", seed, 2, 128, "sgd", lr, 0.9, "bundled", "ab".repeat(32));
    }

    @Test
    void name_isReadableAndFilesystemSafe() {
        String name = id("srs( alpha = 2 , beta=3 )", 0, 0.05).name();
        assertThat(name).startsWith("srs_alpha-2_beta-3__cnn__seed0__e2__bundled-").matches("[A-Za-z0-9._-]+");
        assertThat(name.substring(name.lastIndexOf('-') + 1)).matches("[0-9a-f]{8}");
    }

    @Test
    void name_dependsOnTheCanonicalSpecOnly() {
        assertThat(id("srs( beta = 3 , alpha=2 )", 0, 0.05).name()).isEqualTo(id("srs(alpha=2,beta=3)", 0, 0.05).name());
        assertThat(id("relu()", 0, 0.05).name()).isEqualTo(id("relu", 0, 0.05).name());
    }

    @Test
    void everyInputOfTheComputation_changesTheName() {
        String base = id("relu", 0, 0.05).name();
        assertThat(id("relu", 1, 0.05).name()).isNotEqualTo(base);
        assertThat(id("relu", 0, 0.1).name()).isNotEqualTo(base);
        assertThat(new RunId("relu", "cnn", 0, 2, 128, "sgd", 0.05, 0.9, "bundled", "cd".repeat(32)).name()).isNotEqualTo(base);
        assertThat(new RunId("relu", "cnn", 0, 2, 64, "sgd", 0.05, 0.9, "bundled", "ab".repeat(32)).name()).isNotEqualTo(base);
    }
}
