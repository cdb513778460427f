package dev.nabla.cli.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The finished runs of a study and what the tables say about each activation.
 *
 * <p>Per activation, over its runs that finished without diverging ("completed"): test accuracy
 * mean and sample std, final test loss, epochs to reach 95 % of the run's best accuracy, and the
 * paired difference to the baseline (same seed, both completed) with its 95 % t interval
 * ({@link Stats#pairedDifference}). Diverged runs are counted, and excluded from these numbers.
 *
 * @param setup       what was trained, for the tables' header
 * @param activations the specs in the order of {@code --activations}
 * @param baseline    the spec differences are taken against (ReLU when in the study, else the first)
 * @param runs        per activation, its finished runs in seed order
 */
public record Study(Setup setup, List<String> activations, String baseline, Map<String, List<RunRecord>> runs) {

    /** The recipe shared by every run, as the tables state it. */
    public record Setup(String model, int epochs, List<Long> seeds, int batchSize, String optimizer, double lr, String data) {}

    /** One activation's line of the results table; NaN where a number is undefined. */
    public record Row(String activation, int runs, int diverged, double accuracyMean, double accuracyStd, Stats.Interval difference,
                      double testLossMean, double epochsTo95Mean) {}

    /** The baseline for {@code specs}: {@code relu} if present, else the first. */
    public static String baselineOf(List<String> specs) {
        return specs.contains("relu") ? "relu" : specs.get(0);
    }

    /** The runs of {@code activation} that finished without diverging. */
    public List<RunRecord> completed(String activation) {
        return runs.getOrDefault(activation, List.of()).stream().filter(r -> !r.diverged()).toList();
    }

    /** The results table, one row per activation in study order. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (String a : activations) {
            List<RunRecord> all = runs.getOrDefault(a, List.of()), done = completed(a);
            double[] acc = done.stream().mapToDouble(RunRecord::finalAccuracy).toArray();
            rows.add(new Row(a, all.size(), all.size() - done.size(), Stats.mean(acc), Stats.sampleStd(acc),
                    a.equals(baseline) ? null : differenceToBaseline(a),
                    Stats.mean(done.stream().mapToDouble(RunRecord::finalLoss).toArray()),
                    Stats.mean(done.stream().mapToDouble(RunRecord::epochsTo95PercentOfBest).toArray())));
        }
        return rows;
    }

    /** Accuracy of {@code activation} minus the baseline's, paired by seed over seeds where both completed. */
    private Stats.Interval differenceToBaseline(String activation) {
        List<Double> mine = new ArrayList<>(), base = new ArrayList<>();
        for (RunRecord r : completed(activation)) {
            completed(baseline).stream().filter(b -> b.seed() == r.seed()).findFirst().ifPresent(b -> {
                mine.add(r.finalAccuracy());
                base.add(b.finalAccuracy());
            });
        }
        return Stats.pairedDifference(mine.stream().mapToDouble(Double::doubleValue).toArray(),
                base.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Mean test accuracy per epoch (1 … epochs) over the completed runs of {@code activation}; NaN where none has the epoch. */
    public double[] meanAccuracyPerEpoch(String activation) {
        double[] mean = new double[setup.epochs()];
        for (int e = 1; e <= mean.length; e++) {
            int epoch = e;
            mean[e - 1] = Stats.mean(completed(activation).stream().flatMap(r -> r.epochs().stream())
                    .filter(x -> x.epoch() == epoch).mapToDouble(RunRecord.Epoch::testAccuracy).toArray());
        }
        return mean;
    }
}
