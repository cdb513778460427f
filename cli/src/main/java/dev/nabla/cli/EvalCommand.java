package dev.nabla.cli;

import dev.nabla.models.Trainer;
import dev.nabla.nn.data.DataSource;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.io.Checkpoints;
import dev.nabla.nn.io.TrainingState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nabla eval --checkpoint DIR}: test loss and accuracy of a saved model. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Report the test loss and accuracy of a saved model.")
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, description = "A training output directory; its latest checkpoint is evaluated.")
    Path checkpoint;

    @Option(names = "--data", description = "As for train: a directory, 'auto', or default $NABLA_DATA else the bundled subset.")
    String data;

    @Override
    public Integer call() throws IOException {
        Checkpoints.Checkpoint c = Checkpoints.loadLatest(checkpoint);
        TrainingState s = c.state();
        FashionMnist dataset = DataSource.resolve(data);
        Trainer.Config config = new Trainer.Config(s.model(), s.activation(), 1, 128, 0.05, "sgd", 0.9, s.rngSeed());
        Trainer trainer = new Trainer(config, dataset.train(), dataset.test());
        trainer.restore(c);
        double[] result = trainer.evaluate();
        System.out.printf("%s: %s with %s after epoch %d; %s: test loss %.4f, test accuracy %.2f%%%n", c.directory(), s.model(),
                s.activation(), s.epoch(), dataset.source(), result[0], 100 * result[1]);
        return 0;
    }
}
