package dev.nabla.cli;

import dev.nabla.activations.Activation;
import dev.nabla.activations.Activations;
import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.GradCheck;
import dev.nabla.autograd.check.OpCase;
import dev.nabla.autograd.check.OpRegistry;
import dev.nabla.autograd.check.TensorGen;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nabla gradcheck SPEC… | --all [--second-order] [--seed S] [--samples N]}: numerical
 * gradient checks (F64, PyTorch's tolerances, each case's own kink rules) of activation specs or
 * of every registered op, one line per case:
 * <pre>
 *   PASS activation:srs worst_abs=3.12e-10 worst_rel=2.05e-08 seed=0
 *   …
 *   59 passed, 0 failed
 * </pre>
 * Sample k of a case draws its inputs from {@code new TensorGen(S + k, GRADCHECK)}. A line reports
 * one sample: the first that failed, else the one with the largest worst_abs; its seed replays it
 * alone ({@code --seed <seed> --samples 1} prints the same numbers). worst_rel is GradCheck's:
 * |analytic − numeric| / |numeric|, so it is large where the numeric derivative is near 0.
 * Exit status: 0 if every case passed, 1 if any failed, 2 for bad input.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = {"Gradient-check activation specs, or with --all every registered op and activation (F64, PyTorch's "
                + "tolerances, inputs away from each case's kinks).",
                "Prints 'PASS|FAIL <case> worst_abs=<g> worst_rel=<g> seed=<n>' per case and 'N passed, M failed'; exit status 1 "
                        + "on any failure. A line reports the first failing sample (else the worst one); "
                        + "'--seed <n> --samples 1' replays it. Failure details go to stderr."})
final class GradcheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "SPEC",
            description = "Activation specs such as srs or 'srs(alpha=5,beta=3)', or op names as 'gradcheck --all' prints them.")
    List<String> cases = new ArrayList<>();

    @Option(names = "--all", description = "Every registered op and activation case.")
    boolean all;

    @Option(names = "--second-order", description = "Also gradgradcheck, as '<case>:second-order' lines (cases without "
            + "second-order support are skipped, with a note on stderr).")
    boolean secondOrder;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the first sample (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--samples", defaultValue = "5", description = "Generated inputs per case (default: ${DEFAULT-VALUE}).")
    int samples;

    @Override
    public Integer call() throws IOException {
        return BadInput.guard(spec, () -> {
            if (all == !cases.isEmpty()) throw new IllegalArgumentException("give activation specs or --all (one of the two)");
            if (samples < 1) throw new IllegalArgumentException("--samples must be >= 1, got " + samples);
            List<OpCase> selected = all ? OpRegistry.all() : cases.stream().map(GradcheckCommand::resolve).toList();
            return run(selected, spec.commandLine().getOut(), spec.commandLine().getErr());
        });
    }

    /** Checks every case (and its second order when asked), prints the lines and the total; returns the exit status. */
    int run(List<OpCase> selected, PrintWriter out, PrintWriter err) {
        int passed = 0, failed = 0;
        List<String> firstOrderOnly = new ArrayList<>();
        for (OpCase op : selected) {
            if (check(op, false).print(out, err)) passed++;
            else failed++;
            if (!secondOrder) continue;
            if (!op.secondOrder()) {
                firstOrderOnly.add(op.name());
            } else if (check(op, true).print(out, err)) {
                passed++;
            } else {
                failed++;
            }
        }
        if (!firstOrderOnly.isEmpty()) err.println("no second-order support registered, skipped: " + firstOrderOnly);
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        err.flush();
        return failed == 0 ? 0 : 1;
    }

    /**
     * An activation spec (the case is named by its canonical text, so that a line has no spaces),
     * else an op registry name (as {@code --all} prints them), else an error listing both kinds.
     */
    private static OpCase resolve(String name) {
        try {
            Activation act = Activations.parse(name);
            return act.gradcheckCase(act.spec());
        } catch (IllegalArgumentException notAnActivation) {
            Optional<OpCase> op = OpRegistry.all().stream().filter(c -> c.name().equals(name)).findFirst();
            return op.orElseThrow(() -> new IllegalArgumentException(notAnActivation.getMessage()
                    + "; nor is it a registered op name ('nabla gradcheck --all' lists them)"));
        }
    }

    /** Runs every sample of one case; returns the sample to report (see the class comment). */
    private Line check(OpCase op, boolean second) {
        String name = second ? op.name() + ":second-order" : op.name();
        Line reported = null;
        for (int k = 0; k < samples; k++) {
            Line line = sample(op, second, name, seed + k);
            if (!line.passed()) return line;
            if (reported == null || line.worstAbs() > reported.worstAbs()) reported = line;
        }
        return reported;
    }

    private static Line sample(OpCase op, boolean second, String name, long seed) {
        try {
            Tensor[] inputs = op.inputs().generate(new TensorGen(seed, TensorGen.Profile.GRADCHECK));
            GradCheck.Result r = second ? op.check().checkSecondOrder(op.fn(), inputs) : op.check().run(op.fn(), inputs);
            return new Line(name, r.passed(), r.worstAbs(), r.worstRel(), seed, r.passed() ? "" : r.report());
        } catch (RuntimeException e) {
            return new Line(name, false, Double.NaN, Double.NaN, seed, "threw " + e);
        }
    }

    /** One output line, and the details printed to stderr when it failed. */
    private record Line(String name, boolean passed, double worstAbs, double worstRel, long seed, String details) {
        /** Prints the line (and the details of a failure); returns whether it passed. */
        boolean print(PrintWriter out, PrintWriter err) {
            out.println(String.format(Locale.ROOT, "%s %s worst_abs=%.3g worst_rel=%.3g seed=%d",
                    passed ? "PASS" : "FAIL", name, worstAbs, worstRel, seed));
            if (!passed) err.println(name + " (seed=" + seed + "): " + details);
            out.flush();
            return passed;
        }
    }
}
