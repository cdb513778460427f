package dev.nabla.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** One run of the {@code nabla} command line in this JVM, with its exit status and both streams captured. */
record CliRun(int status, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new CliRun(status, out.toString(), err.toString());
    }

    /** The lines of stdout. */
    List<String> lines() {
        return out.lines().toList();
    }
}
