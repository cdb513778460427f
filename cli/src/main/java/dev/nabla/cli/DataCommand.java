package dev.nabla.cli;

import dev.nabla.nn.data.DataSource;
import dev.nabla.nn.data.Download;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nabla data info} and {@code nabla data download}: where the data is, and fetching the full set explicitly. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Show where Fashion-MNIST is found, or download the full set.",
        subcommands = {DataCommand.Info.class, DataCommand.Fetch.class})
final class DataCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Say what data is where, and what a plain run uses.")
    static final class Info implements Runnable {
        @Override
        public void run() {
            System.out.println(DataSource.info());
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = "Fetch the full Fashion-MNIST into the cache (~/.cache/nabla/fashion-mnist), verifying SHA-256 of every file.")
    static final class Fetch implements Callable<Integer> {
        @Option(names = "--from", description = "Base URL of the four .gz files (default: the dataset's published location).")
        URI from;

        @Option(names = "--to", description = "Target directory (default: the cache directory that --data auto searches first).")
        Path to;

        @Override
        public Integer call() throws IOException {
            URI base = from != null ? from : Download.DEFAULT_BASE;
            Path target = to != null ? to : DataSource.autoPlaces().get(0);
            List<Path> files = Download.download(base, target);
            System.out.println("verified " + files.size() + " files in " + target);
            return 0;
        }
    }
}
