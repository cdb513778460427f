package dev.nabla.cli.compare;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The pictures of a study (PNG, drawn headless with XChart), and their captions for {@code results.md}:
 * <ul>
 *   <li>{@code accuracy.png}: final test accuracy per activation, mean with ± std error bars;</li>
 *   <li>{@code curves.png}: test accuracy per epoch, one line per activation (mean over seeds);</li>
 *   <li>{@code shapes.png}: for each trainable activation (a row) and each of its layers (a column),
 *       the trained shape of every seed over the initial shape (dashed), on x ∈ [−4, 4].</li>
 * </ul>
 */
public final class StudyPlots {
    private static final int WIDTH = 720, HEIGHT = 440, SHAPE_SIDE = 320;

    private StudyPlots() {}

    /** Draws the pictures into {@code out} and returns one Markdown paragraph per picture. */
    public static List<String> write(Study study, Map<String, ActivationLayers> layers, Path out) throws IOException {
        List<String> notes = new ArrayList<>();
        notes.add(accuracy(study, out));
        notes.add(curves(study, out));
        notes.add(shapes(study, layers, out));
        return notes;
    }

    private static String accuracy(Study study, Path out) throws IOException {
        List<String> names = new ArrayList<>();
        List<Double> means = new ArrayList<>(), stds = new ArrayList<>();
        for (Study.Row r : study.rows()) {
            if (!Double.isFinite(r.accuracyMean())) continue;
            names.add(r.activation());
            means.add(100 * r.accuracyMean());
            stds.add(Double.isFinite(r.accuracyStd()) ? 100 * r.accuracyStd() : 0.0);
        }
        if (names.isEmpty()) return "No activation has a run that finished without diverging: no `accuracy.png`.";
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("test accuracy after the last epoch")
                .xAxisTitle("activation").yAxisTitle("% correct (mean ± std over seeds)").build();
        chart.getStyler().setXAxisLabelRotation(names.size() > 4 ? 30 : 0);
        chart.getStyler().setLegendVisible(false);
        double low = IntStream.range(0, means.size()).mapToDouble(i -> means.get(i) - stds.get(i)).min().orElse(0);
        double high = IntStream.range(0, means.size()).mapToDouble(i -> means.get(i) + stds.get(i)).max().orElse(100);
        chart.getStyler().setYAxisMin(Math.max(0, Math.floor(low - 0.5 * (high - low) - 1))).setYAxisMax(Math.min(100, Math.ceil(high + 1)));
        chart.addSeries("test accuracy", names, means, stds);
        BitmapEncoder.saveBitmap(chart, out.resolve("accuracy.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        return "![accuracy per activation](accuracy.png)\n\n*Test accuracy after the last epoch per activation: mean over "
                + "the seeds, error bars ± one sample std (none with a single run). The y axis is zoomed to the bars' range: it does not start at 0.*";
    }

    private static String curves(Study study, Path out) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("test accuracy per epoch").xAxisTitle("epoch")
                .yAxisTitle("% correct (mean over seeds)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setXAxisDecimalPattern("0").setYAxisDecimalPattern("0.0");
        int lines = 0;
        for (String a : study.activations()) {
            double[] mean = study.meanAccuracyPerEpoch(a);
            int[] finite = IntStream.range(0, mean.length).filter(i -> Double.isFinite(mean[i])).toArray();
            if (finite.length == 0) continue;
            chart.addSeries(a, IntStream.of(finite).mapToDouble(i -> i + 1).toArray(), IntStream.of(finite).mapToDouble(i -> 100 * mean[i]).toArray());
            lines++;
        }
        if (lines == 0) return "No finished epoch: no `curves.png`.";
        BitmapEncoder.saveBitmap(chart, out.resolve("curves.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        return "![test accuracy per epoch](curves.png)\n\n*Test accuracy after each epoch, one line per activation, mean over "
                + "the runs that finished without diverging.*";
    }

    private static String shapes(Study study, Map<String, ActivationLayers> layers, Path out) throws IOException {
        List<String> trainable = study.activations().stream().filter(a -> layers.get(a).trainable()).toList();
        if (trainable.isEmpty()) return "No activation of this study has trainable parameters: no `shapes.png` (their shapes do not change).";
        // every activation runs in the same model, so each has the same layers: one column per layer
        int columns = layers.get(trainable.get(0)).prefixes().size();
        List<XYChart> charts = new ArrayList<>();
        List<String> grouped = new ArrayList<>();
        double[] x = ActivationLayers.GRID.toDoubleArray();
        for (String a : trainable) {
            ActivationLayers l = layers.get(a);
            for (String prefix : l.prefixes()) {
                ActivationLayers.Curve initial = l.curve(null, prefix);
                if (!initial.elementwise() && !grouped.contains(a)) grouped.add(a);
                XYChart chart = new XYChartBuilder().width(SHAPE_SIDE).height(SHAPE_SIDE).xAxisTitle("x").yAxisTitle("f(x)")
                        .title(a + " · layer " + prefix.substring(0, prefix.length() - 1) + (initial.elementwise() ? "" : " (one group)")
                               + (initial.channels() > 1 ? " (mean of " + initial.channels() + " channels)" : "")).build();
                chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
                chart.getStyler().setYAxisDecimalPattern("0.0");
                chart.addSeries("initial", x, initial.y()).setMarker(SeriesMarkers.NONE).setLineStyle(SeriesLines.DASH_DASH);
                for (RunRecord r : study.completed(a)) {
                    if (r.params().isEmpty()) continue;
                    chart.addSeries("seed " + r.seed(), x, l.curve(r.params(), prefix).y()).setMarker(SeriesMarkers.NONE)
                            .setLineStyle(new BasicStroke(1.5f));
                }
                charts.add(chart);
            }
        }
        BitmapEncoder.saveBitmap(charts, trainable.size(), columns, out.resolve("shapes.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        return "![trained activation shapes](shapes.png)\n\n*Each trainable activation (a row) in each of its layers (a column): "
                + "f(x) on x ∈ [−4, 4] as trained, one line per seed, over the initial shape (dashed); the layer is its index in the model."
                + (grouped.isEmpty() ? "" : " Not element-wise, so evaluated with the 161 grid values as one group (one sample): "
                   + String.join(", ", grouped.stream().map(g -> "`" + g + "`").toList()) + ".") + "*";
    }
}
