package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code nabla train} through the epoch loop it shares with {@code nabla compare} ({@link TrainingRun}). */
class TrainCommandTest {
    @Test
    void aDivergingRun_stopsWithStatus3_andSaysSoInItsSummary(@TempDir Path dir) throws IOException {
        Path summary = dir.resolve("summary.json");
        PrintStream stdout = System.out, stderr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = new CommandLine(new Main()).execute("train", "--model", "mlp", "--epochs", "1", "--lr", "1e6",
                    "--out", dir.resolve("out").toString(), "--summary-json", summary.toString());
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        assertThat(status).isEqualTo(TrainCommand.EXIT_DIVERGED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nabla train: training diverged: loss is", "at epoch 1, step");
        assertThat(Files.readString(summary)).contains("\"diverged\" : true", "\"epochs\" : 0", "\"test_accuracy\" : null");
        assertThat(Files.readAllLines(dir.resolve("out").resolve("metrics.csv"))).containsExactly(RunReport.METRICS_HEADER);
    }

    @Test
    void aRejectedRecipeValue_isAUsageErrorNamingTheCommandAndTheValue() {
        CliRun run = CliRun.of("train", "--lr", "-1");
        assertThat(run.status()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("train: lr must be > 0, got -1.0", "Usage: nabla train").doesNotContain("Exception");
    }
}
