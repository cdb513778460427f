package dev.nabla.cli.compare;

import dev.nabla.tensor.NDArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tables of a study, in {@code --out}:
 * <ul>
 *   <li>{@code results.csv}: per activation {@code activation,runs,diverged,test_acc_mean,test_acc_std,
 *       diff_vs_baseline,diff_ci95_low,diff_ci95_high,pairs,test_loss_mean,epochs_to_95pct_best};
 *       accuracies are fractions, undefined numbers {@code n/a}. It holds nothing but results of the
 *       computation (no times, dates or paths), so the same study gives the same bytes on any
 *       number of threads.</li>
 *   <li>{@code activation_params.csv}: per trainable activation and parameter ({@code 2.alpha}),
 *       the initial value and the trained mean and std over the completed seeds.</li>
 *   <li>{@code timing.csv}: per run, wall seconds of all its epochs and training images/s.</li>
 *   <li>{@code results.md}: the same results to read, with the pictures and what they show.</li>
 * </ul>
 */
public final class StudyTables {
    public static final String RESULTS_CSV_HEADER = "activation,runs,diverged,test_acc_mean,test_acc_std,diff_vs_baseline,"
            + "diff_ci95_low,diff_ci95_high,pairs,test_loss_mean,epochs_to_95pct_best";

    private StudyTables() {}

    /** One learned parameter of one layer: initial value, trained mean and std over the completed seeds. */
    record LearnedParameter(String activation, String name, double initial, double mean, double std, int runs, int elements) {}

    /** Writes the four files into {@code out}; {@code layers} has an entry per activation of the study. */
    public static void write(Study study, Map<String, ActivationLayers> layers, List<String> pictureNotes, Path out) throws IOException {
        List<Study.Row> rows = study.rows();
        List<LearnedParameter> learned = learned(study, layers);
        Files.writeString(out.resolve("results.csv"), resultsCsv(rows));
        Files.writeString(out.resolve("activation_params.csv"), paramsCsv(learned));
        Files.writeString(out.resolve("timing.csv"), timingCsv(study));
        Files.writeString(out.resolve("results.md"), markdown(study, rows, learned, pictureNotes));
    }

    static String resultsCsv(List<Study.Row> rows) {
        StringBuilder csv = new StringBuilder(RESULTS_CSV_HEADER).append('\n');
        for (Study.Row r : rows) {
            Stats.Interval d = r.difference();
            csv.append(field(r.activation())).append(',')
                    .append(r.runs()).append(',').append(r.diverged()).append(',')
                    .append(num(r.accuracyMean())).append(',').append(num(r.accuracyStd())).append(',')
                    .append(d == null ? "n/a" : num(d.mean())).append(',').append(d == null ? "n/a" : num(d.low())).append(',')
                    .append(d == null ? "n/a" : num(d.high())).append(',').append(d == null ? "n/a" : String.valueOf(d.n())).append(',')
                    .append(num(r.testLossMean())).append(',').append(num(r.epochsTo95Mean())).append('\n');
        }
        return csv.toString();
    }

    static List<LearnedParameter> learned(Study study, Map<String, ActivationLayers> layers) {
        List<LearnedParameter> out = new ArrayList<>();
        for (String a : study.activations()) {
            ActivationLayers l = layers.get(a);
            List<RunRecord> done = study.completed(a);
            for (String prefix : l.prefixes()) {
                for (Map.Entry<String, NDArray> p : l.initialParameters().entrySet()) {
                    String name = prefix + p.getKey();
                    double[] trained = done.stream().filter(r -> r.params().containsKey(name))
                            .mapToDouble(r -> elementMean(r.params().get(name))).toArray();
                    out.add(new LearnedParameter(a, name, elementMean(p.getValue()), Stats.mean(trained), Stats.sampleStd(trained),
                            trained.length, p.getValue().numel()));
                }
            }
        }
        return out;
    }

    private static double elementMean(NDArray values) {
        return Stats.mean(values.toDoubleArray());
    }

    static String paramsCsv(List<LearnedParameter> learned) {
        StringBuilder csv = new StringBuilder("activation,parameter,elements,initial,trained_mean,trained_std,runs\n");
        for (LearnedParameter p : learned) {
            csv.append(field(p.activation())).append(',').append(p.name()).append(',').append(p.elements()).append(',')
                    .append(num(p.initial())).append(',').append(num(p.mean())).append(',').append(num(p.std())).append(',')
                    .append(p.runs()).append('\n');
        }
        return csv.toString();
    }

    static String timingCsv(Study study) {
        StringBuilder csv = new StringBuilder("run,activation,seed,epochs,diverged,seconds,train_images_per_second\n");
        for (String a : study.activations()) {
            for (RunRecord r : study.runs().getOrDefault(a, List.of())) {
                csv.append(r.name()).append(',').append(field(a)).append(',').append(r.seed()).append(',').append(r.epochs().size())
                        .append(',').append(r.diverged()).append(',').append(String.format(Locale.ROOT, "%.3f", r.seconds())).append(',')
                        .append(Double.isFinite(r.imagesPerSecond()) ? String.format(Locale.ROOT, "%.1f", r.imagesPerSecond()) : "n/a")
                        .append('\n');
            }
        }
        return csv.toString();
    }

    static String markdown(Study study, List<Study.Row> rows, List<LearnedParameter> learned, List<String> pictureNotes) {
        Study.Setup s = study.setup();
        StringBuilder md = new StringBuilder();
        md.append("# nabla compare: ").append(s.model()).append(", ").append(s.epochs()).append(s.epochs() == 1 ? " epoch" : " epochs")
                .append(", seeds ").append(s.seeds()).append("\n\n");
        md.append("Data: ").append(s.data()).append(". Recipe: ").append(s.optimizer()).append(" lr ").append(s.lr())
                .append(", batch ").append(s.batchSize()).append(", the same data order for every activation (it depends on the seed only).\n\n");
        md.append("| activation | runs | diverged | test accuracy (mean ± std) | Δ vs ").append(study.baseline())
                .append(" (95 % CI) | final test loss | epochs to 95 % of best |\n|---|---|---|---|---|---|---|\n");
        for (Study.Row r : rows) {
            Stats.Interval d = r.difference();
            String diff = d == null ? "baseline" : !Double.isFinite(d.mean()) ? "n/a (no paired seeds)"
                    : String.format(Locale.ROOT, "%+.2f pp", 100 * d.mean())
                      + (Double.isFinite(d.low()) ? String.format(Locale.ROOT, " [%+.2f, %+.2f]", 100 * d.low(), 100 * d.high()) : " (n/a: n < 2)");
            md.append("| `").append(r.activation()).append("` | ").append(r.runs()).append(" | ").append(r.diverged()).append(" | ")
                    .append(percent(r.accuracyMean())).append(Double.isFinite(r.accuracyStd())
                            ? String.format(Locale.ROOT, " ± %.2f", 100 * r.accuracyStd()) : "").append(" | ")
                    .append(diff).append(" | ").append(fixed(r.testLossMean(), "%.4f")).append(" | ")
                    .append(fixed(r.epochsTo95Mean(), "%.1f")).append(" |\n");
        }
        md.append("\nAccuracies are on the test set after the last epoch, in %; Δ in percentage points, paired by seed ")
                .append("(the same initialization seed and data order), with a Student-t 95 % interval on n − 1 degrees of freedom ")
                .append("(n/a with fewer than 2 pairs). Mean ± sample std are over the runs that finished without diverging.");
        int diverged = rows.stream().mapToInt(Study.Row::diverged).sum();
        md.append(diverged == 0 ? " No run diverged.\n"
                : " " + diverged + (diverged == 1 ? " run" : " runs") + " diverged (a NaN or infinite loss stopped it, as in `nabla train`): "
                  + "they are counted in the table and excluded from every mean, std and difference.\n");
        if (!learned.isEmpty()) {
            md.append("\n## Learned activation parameters\n\n| activation | parameter | initial | trained (mean ± std over seeds) |\n|---|---|---|---|\n");
            for (LearnedParameter p : learned) {
                md.append("| `").append(p.activation()).append("` | `").append(p.name()).append("`")
                        .append(p.elements() > 1 ? " (mean of " + p.elements() + " values)" : "").append(" | ")
                        .append(fixed(p.initial(), "%.4f")).append(" | ").append(fixed(p.mean(), "%.4f"))
                        .append(Double.isFinite(p.std()) ? String.format(Locale.ROOT, " ± %.4f", p.std()) : "").append(" |\n");
            }
            md.append("\nOver the seeds whose runs finished without diverging; also in `activation_params.csv`. Parameter names are the ")
                    .append("model's `state_dict` names (layer index, then name); per-channel parameters are shown as their mean.\n");
        }
        md.append("\n## Pictures\n\n");
        for (String note : pictureNotes) md.append(note).append("\n\n");
        md.append("Per-run numbers are in each run's directory (`metrics.csv`, `summary.json`); timings in `timing.csv`.\n");
        return md.toString();
    }

    /** A CSV field: specs with commas are quoted (they never contain quotes). */
    private static String field(String text) {
        return text.contains(",") ? '"' + text + '"' : text;
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "n/a";
    }

    private static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.2f", 100 * fraction) : "n/a";
    }

    private static String fixed(double v, String format) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "n/a";
    }
}
