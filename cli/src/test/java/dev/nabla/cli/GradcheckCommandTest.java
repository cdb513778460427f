package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.autograd.check.OpCase;
import dev.nabla.autograd.check.OpRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GradcheckCommandTest {
    private static final Pattern LINE = Pattern.compile("(PASS|FAIL) (\\S+) worst_abs=(\\S+) worst_rel=(\\S+) seed=(-?\\d+)");

    @Test
    void all_passesAndPrintsOneLinePerRegistryCaseInOrder() {
        CliRun run = CliRun.of("gradcheck", "--all", "--samples", "1");
        assertThat(run.status()).as(run.err()).isZero();
        List<String> names = OpRegistry.all().stream().map(OpCase::name).toList();
        List<String> lines = run.lines();
        assertThat(lines).hasSize(names.size() + 1);
        for (int i = 0; i < names.size(); i++) {
            Matcher m = LINE.matcher(lines.get(i));
            assertThat(m.matches()).as(lines.get(i)).isTrue();
            assertThat(m.group(1)).isEqualTo("PASS");
            assertThat(m.group(2)).isEqualTo(names.get(i));
            assertThat(m.group(5)).isEqualTo("0");
        }
        assertThat(names).contains("matmul", "activation:srs", "activation:relu", "activation:leaky_relu");
        assertThat(lines.get(names.size())).isEqualTo(names.size() + " passed, 0 failed");
    }

    @Test
    void secondOrder_addsALineAfterEachCaseThatSupportsIt_namedByTheCanonicalSpec() {
        CliRun run = CliRun.of("gradcheck", "srs( beta=3, alpha=5 )", "leaky_relu", "--second-order", "--samples", "2", "--seed", "3");
        assertThat(run.status()).as(run.err()).isZero();
        List<String> lines = run.lines();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("PASS srs(alpha=5,beta=3) ");
        assertThat(lines.get(1)).startsWith("PASS srs(alpha=5,beta=3):second-order ");
        assertThat(lines.get(2)).startsWith("PASS leaky_relu ");
        assertThat(lines.get(3)).startsWith("PASS leaky_relu:second-order ");
        assertThat(lines.get(4)).isEqualTo("4 passed, 0 failed");
        for (String line : lines.subList(0, 4)) assertThat(line).matches(".* seed=[34]");
    }

    /** A line's seed replays the sample it reports: the same numbers with --seed <seed> --samples 1. */
    @Test
    void printedSeedReplaysTheReportedSample() {
        String line = CliRun.of("gradcheck", "srs(channels=3)", "--samples", "4", "--seed", "100").lines().get(0);
        Matcher m = LINE.matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        String replay = CliRun.of("gradcheck", "srs(channels=3)", "--samples", "1", "--seed", m.group(5)).lines().get(0);
        assertThat(replay).isEqualTo(line);
    }

    @Test
    void opNamesAsPrintedByAllAreAcceptedToo() {
        CliRun run = CliRun.of("gradcheck", "matmul", "activation:srs", "--samples", "1");
        assertThat(run.status()).isZero();
        assertThat(run.lines()).hasSize(3);
        assertThat(run.lines().get(0)).startsWith("PASS matmul ");
        assertThat(run.lines().get(1)).startsWith("PASS activation:srs ");
    }

    /** A backward that is off by a factor 2 fails: a FAIL line, the report on stderr, the count, and status 1. */
    @Test
    void aWrongBackwardFailsWithStatusOne() {
        OpCase wrong = OpCase.of("twice_wrong", 1, gen -> new Tensor[] {gen.input(gen.shape(1), Domain.real())},
                in -> Tensor.fromOp("twice_wrong", in[0].value().mul(2), (g, y) -> new Tensor[] {g.mul(4)}, in[0])).firstOrderOnly();
        OpCase right = OpCase.of("twice", 1, gen -> new Tensor[] {gen.input(gen.shape(1), Domain.real())}, in -> in[0].mul(2));
        GradcheckCommand command = new GradcheckCommand();
        command.samples = 3;
        command.seed = 42;
        command.secondOrder = true;
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = command.run(List.of(wrong, right), new PrintWriter(out), new PrintWriter(err));
        assertThat(status).isEqualTo(1);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).matches("FAIL twice_wrong worst_abs=2\\.00 worst_rel=1\\.00 seed=42");
        assertThat(lines.get(1)).startsWith("PASS twice ");
        assertThat(lines.get(2)).startsWith("PASS twice:second-order ");
        assertThat(lines.get(3)).isEqualTo("2 passed, 1 failed");
        assertThat(err.toString()).contains("twice_wrong (seed=42): gradcheck FAILED", "analytic 4.0", "numeric 1.99999999",
                "no second-order support registered, skipped: [twice_wrong]");
    }

    @Test
    void rejectsMissingOrConflictingSelectionsAndUnknownNames() {
        CliRun none = CliRun.of("gradcheck");
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("give activation specs or --all");
        assertThat(CliRun.of("gradcheck", "srs", "--all").status()).isEqualTo(2);
        CliRun unknown = CliRun.of("gradcheck", "srs", "nope");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown activation 'nope'; known: [", "nor is it a registered op name");
        assertThat(unknown.out()).isEmpty();
        CliRun samples = CliRun.of("gradcheck", "srs", "--samples", "0");
        assertThat(samples.err()).contains("--samples must be >= 1, got 0");
    }
}
