package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.cli.compare.ActivationLayers;
import dev.nabla.cli.compare.Stats;
import dev.nabla.cli.compare.StudyTables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * End-to-end studies on a slice of the bundled data: 3 activations (one of them trainable) × 2
 * seeds × 2 epochs of the MLP on the first 256 training and 100 test images, batch 64. The study
 * on one thread is run once and checked by hand, against a study on two threads, and against an
 * interrupted and resumed study. Options given after the shared ones override them.
 */
class CompareCommandTest {
    static final String ACTIVATIONS = "relu,leaky_relu(slope=0.1),srs(alpha=2,beta=3)";
    static final List<String> TINY = List.of("--model", "mlp", "--seeds", "2", "--epochs", "2",
            "--batch-size", "64", "--limit-train", "256", "--limit-test", "100");

    @TempDir
    static Path dir;
    static Path oneThread;
    static Result first;

    record Result(int status, String out, String err) {}

    static Result compare(Path out, int threads, String... extra) {
        List<String> args = new ArrayList<>(List.of("--threads", String.valueOf(threads), "compare", "--out", out.toString()));
        args.addAll(TINY);
        if (!Arrays.asList(extra).contains("--activations")) args.addAll(List.of("--activations", ACTIVATIONS));
        args.addAll(Arrays.asList(extra));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            CommandLine cmd = new CommandLine(new Main());
            cmd.setErr(new PrintWriter(err, true));
            cmd.setOverwrittenOptionsAllowed(true);
            int status = cmd.execute(args.toArray(String[]::new));
            return new Result(status, buffer.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(stdout);
        }
    }

    @BeforeAll
    static void studyOnOneThread() {
        oneThread = dir.resolve("one-thread");
        first = compare(oneThread, 1);
    }

    static List<Path> runDirs(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    static List<String> metricsColumn(Path runDir, int column) throws IOException {
        return Files.readAllLines(runDir.resolve("metrics.csv")).stream().skip(1).map(l -> l.split(",")[column]).toList();
    }

    @Test
    void tinyStudy_writesTablesThatAgreeWithItsRuns() throws IOException {
        assertThat(first.status()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("[1/6] relu seed 0: test accuracy", "[5/6] leaky_relu(slope=0.1) seed 1", "study done");
        List<Path> runs = runDirs(oneThread);
        assertThat(runs).hasSize(6);
        for (Path run : runs) {
            assertThat(run.getFileName().toString())
                    .matches("(relu|leaky_relu_slope-0.1|srs_alpha-2_beta-3)__mlp__seed[01]__e2__bundled-[0-9a-f]{8}");
            assertThat(run.resolve("summary.json")).exists();
            assertThat(metricsColumn(run, 0)).containsExactly("1", "2");
            assertThat(Files.readString(run.resolve("latest"))).isEqualTo("ckpt-2\n");
            assertThat(run.resolve("ckpt-1")).doesNotExist(); // only the last finished epoch's checkpoint is kept
        }
        // recompute the relu row and the paired difference from the runs' metrics.csv
        double[] relu = finalAccuracies(runs, "relu__"), leaky = finalAccuracies(runs, "leaky_relu");
        List<String> csv = Files.readAllLines(oneThread.resolve("results.csv"));
        assertThat(csv.get(0)).isEqualTo(StudyTables.RESULTS_CSV_HEADER);
        assertThat(csv).hasSize(4);
        String[] reluRow = csv.get(1).split(","), leakyRow = csv.get(2).split(",");
        assertThat(reluRow[0]).isEqualTo("relu");
        assertThat(csv.get(2)).startsWith("leaky_relu(slope=0.1),2,0,");
        assertThat(csv.get(3)).startsWith("\"srs(alpha=2,beta=3)\",2,0,"); // a spec with commas is quoted
        assertThat(Double.parseDouble(reluRow[3])).isCloseTo(Stats.mean(relu), within(1e-6));
        assertThat(Double.parseDouble(reluRow[4])).isCloseTo(Stats.sampleStd(relu), within(1e-6));
        assertThat(reluRow[5]).isEqualTo("n/a"); // the baseline has no difference to itself
        double[] d = {leaky[0] - relu[0], leaky[1] - relu[1]};
        double half = 12.7062047 * Stats.sampleStd(d) / Math.sqrt(2); // t(0.975; 1)
        assertThat(Double.parseDouble(leakyRow[5])).isCloseTo(Stats.mean(d), within(1e-6));
        assertThat(Double.parseDouble(leakyRow[6])).isCloseTo(Stats.mean(d) - half, within(1e-5));
        assertThat(Double.parseDouble(leakyRow[7])).isCloseTo(Stats.mean(d) + half, within(1e-5));
        assertThat(leakyRow[8]).isEqualTo("2");

        String md = Files.readString(oneThread.resolve("results.md"));
        assertThat(md).contains("| activation | runs | diverged | test accuracy (mean ± std) | Δ vs relu (95 % CI) |",
                String.format("| `relu` | 2 | 0 | %.2f ± %.2f | baseline |", 100 * Stats.mean(relu), 100 * Stats.sampleStd(relu)),
                "No run diverged.", "![accuracy per activation](accuracy.png)", "![test accuracy per epoch](curves.png)");
        assertThat(Files.readAllLines(oneThread.resolve("timing.csv"))).hasSize(7)
                .first().isEqualTo("run,activation,seed,epochs,diverged,seconds,train_images_per_second");
        for (String png : List.of("accuracy.png", "curves.png", "shapes.png")) assertThat(Files.size(oneThread.resolve(png))).isGreaterThan(1000);
    }

    @Test
    void learnedParameters_areTabulatedPerLayer() throws IOException {
        // the MLP's activations are modules 2 and 4 of its Sequential; SRS trains alpha and beta in each
        List<String> params = Files.readAllLines(oneThread.resolve("activation_params.csv"));
        assertThat(params.get(0)).isEqualTo("activation,parameter,elements,initial,trained_mean,trained_std,runs");
        assertThat(params.subList(1, params.size())).extracting(l -> l.substring(0, l.indexOf(",1,")))
                .containsExactly("\"srs(alpha=2,beta=3)\",2.alpha", "\"srs(alpha=2,beta=3)\",2.beta", "\"srs(alpha=2,beta=3)\",4.alpha",
                        "\"srs(alpha=2,beta=3)\",4.beta");
        List<Path> srsRuns = runDirs(oneThread).stream().filter(p -> p.getFileName().toString().startsWith("srs")).toList();
        double[] alpha = new double[2];
        for (int i = 0; i < 2; i++) {
            alpha[i] = dev.nabla.nn.io.Checkpoints.loadLatest(srsRuns.get(i)).model().get("2.alpha").toDoubleArray()[0];
        }
        String[] row = params.get(1).split(",");
        assertThat(Double.parseDouble(row[row.length - 3])).isCloseTo(Stats.mean(alpha), within(1e-6));
        assertThat(Double.parseDouble(row[row.length - 2])).isCloseTo(Stats.sampleStd(alpha), within(1e-6));
        assertThat(alpha[0]).isNotEqualTo(2.0); // it did train
        assertThat(Files.readString(oneThread.resolve("results.md"))).contains("## Learned activation parameters",
                "| `srs(alpha=2,beta=3)` | `2.alpha` | 2.0000 |", "![trained activation shapes](shapes.png)");
    }

    private static double[] finalAccuracies(List<Path> runs, String prefix) throws IOException {
        List<Path> mine = runs.stream().filter(r -> r.getFileName().toString().startsWith(prefix)).toList();
        assertThat(mine).hasSize(2);
        double[] acc = new double[2];
        for (Path r : mine) {
            int seed = r.getFileName().toString().contains("__seed0__") ? 0 : 1;
            acc[seed] = Double.parseDouble(metricsColumn(r, 4).get(1));
        }
        return acc;
    }

    @Test
    void resultsCsv_isByteIdenticalOnOneAndTwoThreads() throws IOException {
        Path twoThreads = dir.resolve("two-threads");
        Result r = compare(twoThreads, 2);
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(Files.readAllBytes(twoThreads.resolve("results.csv"))).isEqualTo(Files.readAllBytes(oneThread.resolve("results.csv")));
        assertThat(Files.readAllBytes(twoThreads.resolve("activation_params.csv")))
                .isEqualTo(Files.readAllBytes(oneThread.resolve("activation_params.csv")));
    }

    @Test
    void anInterruptedStudy_resumesToTheSameTable() throws IOException {
        Path out = dir.resolve("interrupted");
        // a "kill" while the 4th epoch trains: run 1 is finished, run 2 has the checkpoint of its epoch 1
        Result killed = compare(out, 1, "--stop-after-epochs", "3");
        assertThat(killed.status()).isEqualTo(CompareCommand.EXIT_STOPPED);
        List<Path> runs = runDirs(out);
        assertThat(runs).hasSize(2);
        Path finished = runs.stream().filter(p -> p.resolve("summary.json").toFile().exists()).findFirst().orElseThrow();
        Path unfinished = runs.stream().filter(p -> !p.equals(finished)).findFirst().orElseThrow();
        assertThat(Files.readString(unfinished.resolve("latest"))).isEqualTo("ckpt-1\n");
        assertThat(out.resolve("results.csv")).doesNotExist();

        Result resumed = compare(out, 1);
        assertThat(resumed.status()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("[1/6] relu seed 0: finished earlier", "[2/6] leaky_relu(slope=0.1) seed 0 (resumed after epoch 1): test accuracy");
        assertThat(metricsColumn(unfinished, 0)).containsExactly("1", "2");
        assertThat(Files.readAllBytes(out.resolve("results.csv"))).isEqualTo(Files.readAllBytes(oneThread.resolve("results.csv")));

        // a run whose summary is lost (killed after its last checkpoint) is completed from that checkpoint
        Files.delete(finished.resolve("summary.json"));
        Result again = compare(out, 1);
        assertThat(again.out()).contains("[1/6] relu seed 0 (resumed after epoch 2): its checkpoint had finished all 2 epochs");
        assertThat(Files.readString(finished.resolve("summary.json"))).contains("\"epochs\" : 2", "\"diverged\" : false");
        assertThat(Files.readAllBytes(out.resolve("results.csv"))).isEqualTo(Files.readAllBytes(oneThread.resolve("results.csv")));
    }

    @Test
    void aDivergedRun_isReportedNotDropped() throws IOException {
        Path out = dir.resolve("diverged");
        Result r = compare(out, 1, "--lr", "1e6", "--seeds", "1", "--activations", "relu,leaky_relu(slope=0.1)");
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("relu seed 0: DIVERGED (training diverged: loss is");
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertThat(csv.get(1)).startsWith("relu,1,1,n/a,n/a,");
        assertThat(Files.readString(out.resolve("results.md"))).contains("| `relu` | 1 | 1 | n/a |", "2 runs diverged");
        for (Path run : runDirs(out)) assertThat(Files.readString(run.resolve("summary.json"))).contains("\"diverged\" : true");
    }

    @Test
    void badSpecs_areAllReportedBeforeAnythingTrains() {
        Path out = dir.resolve("bad");
        Result r = compare(out, 1, "--activations", "no_such_act,relu(slope=2)", "--activations", "srs(alpha=1,beta=3),relu,srs(channels=32)");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("4 of 5 specs cannot be used (nothing was trained)", "unknown activation 'no_such_act'",
                "activation 'relu': unknown argument(s) [slope]", "got alpha=1.0, beta=3.0",
                "'srs(channels=32)' does not fit model mlp:", "shape [32] for input shape [2, 256]");
        assertThat(out).doesNotExist();
        Result unbalanced = compare(out, 1, "--activations", "srs(alpha=2");
        assertThat(unbalanced.err()).contains("--activations 'srs(alpha=2': '(' without a matching ')'");
    }

    @Test
    void theDefaultList_isThePapersStudy() {
        assertThat(CompareCommand.DEFAULT_ACTIVATIONS)
                .containsExactly("relu", "gelu", "silu", "mish", "srs", "serf", "sau", "zorro_symmetric", "carelu");
    }

    @Test
    void activationLayers_findTheActivationsOfTheCnn_andEvaluateThemOnTheGrid() {
        ActivationLayers relu = new ActivationLayers("cnn", "relu");
        assertThat(relu.prefixes()).containsExactly("2.", "6.", "10.");
        assertThat(relu.trainable()).isFalse();
        ActivationLayers.Curve c = relu.curve(null, "2.");
        double[] x = ActivationLayers.GRID.toDoubleArray();
        assertThat(c.elementwise()).isTrue();
        for (int i = 0; i < x.length; i++) assertThat(c.y()[i]).isEqualTo(Math.max(x[i], 0));
    }
}
