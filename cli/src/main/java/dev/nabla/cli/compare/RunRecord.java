package dev.nabla.cli.compare;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.nabla.nn.io.Checkpoints;
import dev.nabla.tensor.NDArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished run as its directory holds it: the per-epoch test numbers of {@code metrics.csv},
 * whether it diverged and its training speed (from the summary JSON), and the trained values of
 * its activation modules' parameters (from its latest checkpoint). Tables and plots are made from
 * these records only, so runs gathered from other machines count the same as local ones.
 *
 * @param epochs test loss and accuracy per finished epoch, in order
 * @param params activation parameter values by dotted name ({@code 2.alpha}), from the latest
 *               checkpoint; empty when no epoch finished
 */
public record RunRecord(String activation, long seed, String name, boolean diverged, List<Epoch> epochs,
                        double imagesPerSecond, Map<String, NDArray> params) {
    /** The summary JSON's file name inside a run directory; it is written last, so its presence marks a finished run. */
    public static final String SUMMARY = "summary.json";
    public static final String METRICS = "metrics.csv";

    /** One row of {@code metrics.csv}, as far as the study uses it. */
    public record Epoch(int epoch, double testLoss, double testAccuracy, double seconds) {}

    /** The final test accuracy (of the last epoch), NaN when no epoch finished. */
    public double finalAccuracy() {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).testAccuracy();
    }

    /** The final test loss, NaN when no epoch finished. */
    public double finalLoss() {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).testLoss();
    }

    /** The first epoch whose test accuracy reaches 95 % of the best of this run; 0 when none finished. */
    public int epochsTo95PercentOfBest() {
        double best = epochs.stream().mapToDouble(Epoch::testAccuracy).max().orElse(Double.NaN);
        for (Epoch e : epochs) if (e.testAccuracy() >= 0.95 * best) return e.epoch();
        return 0;
    }

    /** Wall time of all finished epochs (of every session), seconds. */
    public double seconds() {
        return epochs.stream().mapToDouble(Epoch::seconds).sum();
    }

    /**
     * Reads the finished run in {@code dir}; {@code activationPrefixes} are the dotted names of
     * the model's activation modules ({@code "2."}), whose parameters are taken from the checkpoint.
     */
    public static RunRecord read(Path dir, String activation, long seed, List<String> activationPrefixes) throws IOException {
        boolean diverged = false;
        double imagesPerSecond = Double.NaN;
        Path summary = dir.resolve(SUMMARY);
        try (JsonParser p = new JsonFactory().createParser(summary.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException(summary + ": not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("diverged")) diverged = value == JsonToken.VALUE_TRUE;
                else if (field.equals("images_per_second") && value.isNumeric()) imagesPerSecond = p.getDoubleValue();
                else p.skipChildren();
            }
        }
        List<Epoch> epochs = new ArrayList<>();
        Path metrics = dir.resolve(METRICS);
        if (Files.exists(metrics)) {
            List<String> lines = Files.readAllLines(metrics);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                if (line.isBlank()) continue;
                // epoch,train_loss,train_acc,test_loss,test_acc,lr,seconds
                String[] f = line.split(",");
                if (f.length != 7) throw new IOException(metrics + ": expected 7 columns, got '" + line + "'");
                epochs.add(new Epoch(Integer.parseInt(f[0]), Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[6])));
            }
        }
        Map<String, NDArray> params = new LinkedHashMap<>();
        if (Files.exists(dir.resolve("latest"))) {
            Checkpoints.loadLatest(dir).model().forEach((key, value) -> {
                if (activationPrefixes.stream().anyMatch(key::startsWith)) params.put(key, value);
            });
        }
        return new RunRecord(activation, seed, dir.getFileName().toString(), diverged, List.copyOf(epochs), imagesPerSecond, params);
    }
}
