package dev.nabla.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.nabla.models.Trainer;
import dev.nabla.tensor.KernelInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** The files a training run leaves: {@code metrics.csv}, {@code curves.png} and the JSON summary. */
final class RunReport {
    static final String METRICS_HEADER = "epoch,train_loss,train_acc,test_loss,test_acc,lr,seconds";

    private final Trainer.Config config;
    private final String dataSource;
    /** metrics.csv rows of the epochs a resumed run had already finished. */
    private final List<String> earlierRows = new java.util.ArrayList<>();

    RunReport(Trainer.Config config, String dataSource) {
        this.config = config;
        this.dataSource = dataSource;
    }

    /** On resume: keeps the rows of epochs up to {@code done} of an existing {@code out/metrics.csv}. */
    void keepEarlierRows(Path out, int done) throws IOException {
        Path csv = out.resolve("metrics.csv");
        if (!Files.exists(csv)) return;
        for (String line : Files.readAllLines(csv)) {
            if (line.isBlank() || line.equals(METRICS_HEADER)) continue;
            if (Integer.parseInt(line.substring(0, line.indexOf(','))) <= done) earlierRows.add(line);
        }
    }

    /** {@code out/metrics.csv}: one row per finished epoch; accuracies are fractions in [0, 1]. */
    void writeMetrics(Path out, List<Trainer.EpochResult> results) throws IOException {
        Files.createDirectories(out);
        StringBuilder csv = new StringBuilder(METRICS_HEADER).append('\n');
        for (String row : earlierRows) csv.append(row).append('\n');
        for (Trainer.EpochResult r : results) {
            csv.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.6g,%.3f%n", r.epoch(), r.trainLoss(), r.trainAccuracy(),
                    r.testLoss(), r.testAccuracy(), r.lr(), r.seconds()));
        }
        Files.writeString(out.resolve("metrics.csv"), csv);
    }

    /** {@code out/curves.png}: loss and accuracy per epoch, train and test. */
    void writeCurves(Path out, List<Trainer.EpochResult> results) throws IOException {
        double[] epochs = results.stream().mapToDouble(Trainer.EpochResult::epoch).toArray();
        XYChart loss = new XYChartBuilder().width(640).height(420).title("loss").xAxisTitle("epoch").yAxisTitle("cross-entropy").build();
        loss.addSeries("train", epochs, results.stream().mapToDouble(Trainer.EpochResult::trainLoss).toArray());
        loss.addSeries("test", epochs, results.stream().mapToDouble(Trainer.EpochResult::testLoss).toArray());
        XYChart acc = new XYChartBuilder().width(640).height(420).title("accuracy").xAxisTitle("epoch").yAxisTitle("fraction correct").build();
        acc.addSeries("train", epochs, results.stream().mapToDouble(Trainer.EpochResult::trainAccuracy).toArray());
        acc.addSeries("test", epochs, results.stream().mapToDouble(Trainer.EpochResult::testAccuracy).toArray());
        BitmapEncoder.saveBitmap(List.of(loss, acc), 1, 2, out.resolve("curves.png").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * The summary JSON: {@code test_accuracy}, {@code test_loss}, {@code epochs} (finished, those
     * of earlier sessions of a resumed run included), {@code seconds} and {@code images_per_second}
     * (of this session; training, mean over epochs), {@code diverged},
     * and {@code run} (JDK, SIMD species or "scalar", threads, seed, Nabla version, git commit when known).
     */
    void writeSummary(Path file, List<Trainer.EpochResult> results, double seconds, boolean diverged) throws IOException {
        if (file == null) return;
        if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
        Trainer.EpochResult last = results.isEmpty() ? null : results.get(results.size() - 1);
        // a resumed run that trained no further epoch reports the last epoch of its metrics.csv
        String[] earlier = earlierRows.isEmpty() ? null : earlierRows.get(earlierRows.size() - 1).split(",");
        try (JsonGenerator json = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            numberOrNull(json, "test_accuracy", last != null ? last.testAccuracy() : earlier != null ? Double.parseDouble(earlier[4]) : Double.NaN);
            numberOrNull(json, "test_loss", last != null ? last.testLoss() : earlier != null ? Double.parseDouble(earlier[3]) : Double.NaN);
            json.writeNumberField("epochs", earlierRows.size() + results.size());
            json.writeNumberField("seconds", seconds);
            numberOrNull(json, "images_per_second", results.stream().mapToDouble(Trainer.EpochResult::imagesPerSecond).average().orElse(Double.NaN));
            json.writeBooleanField("diverged", diverged);
            json.writeObjectFieldStart("run");
            json.writeStringField("model", config.model());
            json.writeStringField("activation", config.activation());
            json.writeStringField("optimizer", config.optimizer());
            json.writeNumberField("lr", config.lr());
            json.writeNumberField("batch_size", config.batchSize());
            json.writeNumberField("epochs_planned", config.epochs());
            json.writeNumberField("seed", config.seed());
            json.writeStringField("data", dataSource);
            json.writeStringField("jdk", Runtime.version().toString());
            json.writeStringField("simd", KernelInfo.simd());
            json.writeNumberField("threads", KernelInfo.threads());
            json.writeStringField("nabla_version", Main.VERSION);
            String commit = System.getProperty("nabla.gitCommit", "");
            if (commit.isBlank()) json.writeNullField("git_commit");
            else json.writeStringField("git_commit", commit);
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    /** JSON has no NaN: a missing number (no epoch finished) is null. */
    private static void numberOrNull(JsonGenerator json, String name, double value) throws IOException {
        if (Double.isFinite(value)) json.writeNumberField(name, value);
        else json.writeNullField(name);
    }
}
