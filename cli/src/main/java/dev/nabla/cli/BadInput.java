package dev.nabla.cli;

import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Bad input to a command (an unknown activation, an invalid argument): the message on stderr,
 * prefixed by the command's name, and exit status 2 (picocli's usage-error status) instead of a
 * stack trace.
 */
final class BadInput {
    private BadInput() {}

    /** A command body that rejects its input by throwing {@link IllegalArgumentException}. */
    @FunctionalInterface
    interface Body {
        int run() throws IOException;
    }

    static int guard(CommandSpec spec, Body body) throws IOException {
        try {
            return body.run();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
            spec.commandLine().getErr().flush();
            return CommandLine.ExitCode.USAGE;
        }
    }
}
