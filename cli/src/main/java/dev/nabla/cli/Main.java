package dev.nabla.cli;

import dev.nabla.tensor.Threads;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code nabla} command: {@code nabla train}, {@code nabla info}, … */
@Command(name = "nabla", mixinStandardHelpOptions = true, version = "nabla " + Main.VERSION,
        description = "Pure-Java deep learning: tensors, autograd, trainable activations.",
        subcommands = {TrainCommand.class, EvalCommand.class, CompareCommand.class, DataCommand.class, InfoCommand.class,
                ActivationsCommand.class,
                GradcheckCommand.class})
public final class Main implements Runnable {
    static final String VERSION = "0.1.0-SNAPSHOT";

    @Option(names = "--threads", description = "Worker threads for the kernels (default: nabla.threads, NABLA_THREADS, or all processors).",
            scope = CommandLine.ScopeType.INHERIT)
    void threads(int threads) {
        if (threads < 1) throw new CommandLine.ParameterException(new CommandLine(this), "--threads must be >= 1, got " + threads);
        Threads.set(threads);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        JdkHint.maybePrint();
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
