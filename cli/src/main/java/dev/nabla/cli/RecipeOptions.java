package dev.nabla.cli;

import dev.nabla.models.Trainer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The training-recipe options that {@code nabla train} and {@code nabla compare} share (a picocli
 * mixin), and the one place where they become a {@link Trainer.Config}. Momentum is not an option:
 * it is the default recipe's.
 */
final class RecipeOptions {
    @Option(names = "--batch-size", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.05", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd (momentum 0.9; default), adam or adamw.")
    String optimizer;

    /**
     * The recipe of one run with these options. {@link Trainer.Config} checks them; a value it rejects
     * is a usage error of {@code command} (its name, the message, the usage, exit status 2), not a
     * stack trace.
     */
    Trainer.Config config(CommandSpec command, String model, String activation, int epochs, long seed) {
        try {
            return new Trainer.Config(model, activation, epochs, batchSize, lr, optimizer, Trainer.Config.defaults().momentum(), seed);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage().replaceFirst("^train: ", "");
            throw new CommandLine.ParameterException(command.commandLine(), command.name() + ": " + message);
        }
    }
}
