package dev.nabla.cli;

import dev.nabla.activations.Activation;
import dev.nabla.activations.Activations;
import dev.nabla.activations.ElementwiseActivation;
import dev.nabla.activations.ElementwiseFunction;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nabla activations list|values|plot}: what the registry holds, an activation's values and
 * derivatives as CSV, and a figure of f and f′.
 *
 * <p>y and dy_dx come from the module itself through autograd, so they are what training computes
 * (the fused F32 kernel, or the F64 reference path), for element-wise activations and for those
 * that are not (CAReLU) alike:
 * <pre>
 *   y       = module.forward(x)                      x: the given list, shape (n)
 *   dy_dx   = ∂(Σⱼ yⱼ)/∂xᵢ                           one backward of y.sum(): f′(xᵢ) when element-wise
 *   dy_dθ   = ∂yᵢ/∂θ                                 per x, for each trainable θ
 * </pre>
 * For an element-wise activation ∂yᵢ/∂θ is ∂f/∂θ(xᵢ; θ), taken from the function's element form in
 * double (a backward would round it to the F32 in which parameters are stored); for any other
 * activation (CAReLU, where yᵢ depends on θ through the whole group) it is one backward of yᵢ per x.
 * Exit status: 0, or 2 for bad input (an unknown spec, a bad option value), with the reason on stderr.
 */
@Command(name = "activations", mixinStandardHelpOptions = true,
        description = "List the activation functions, print their values and derivatives, or plot them.",
        subcommands = {ActivationsCommand.ListCommand.class, ActivationsCommand.Values.class, ActivationsCommand.Plot.class})
final class ActivationsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every registered activation: its arguments with their defaults, notes, and the source paper.")
    static final class ListCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            for (Activations.Entry e : Activations.entries()) {
                StringBuilder args = new StringBuilder();
                e.defaults().forEach((k, v) -> args.append(args.isEmpty() ? "" : ", ").append(k).append('=').append(v));
                out.println(e.name() + (args.isEmpty() ? "" : "(" + args + ")"));
                if (!e.notes().isBlank()) out.println("    " + e.notes());
                out.println("    paper: " + e.paper());
            }
            out.flush();
        }
    }

    @Command(name = "values", mixinStandardHelpOptions = true,
            description = {"CSV of an activation at the given points: x,y,dy_dx and one dy_d<param> column per trainable parameter, "
                    + "17 significant digits.",
                    "dy_dx is the gradient of sum(y) with respect to each x (one backward with ones): f'(x) for an element-wise "
                            + "activation; for carelu the x list is one competition group and dy_dx is the vector-Jacobian product with ones.",
                    "dy_d<param> is dy_i/dparam for each x separately: for an element-wise activation df/dparam at x, from the "
                            + "function's element form in double; for carelu one backward of y_i per x, so it includes the effect "
                            + "through the group (and comes in the f32 of the stored parameters).",
                    "y and dy_dx come from the module through autograd, as in training: f32 runs the fused kernel, f64 the reference path "
                            + "(parameters are stored in f32 as in training, so a default such as 0.15 is the nearest float)."})
    static final class Values implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SPEC", description = "Activation spec, e.g. srs or 'srs(alpha=3,beta=2)'.")
        String activation;

        @Option(names = "--x", split = ",", paramLabel = "X", defaultValue = "-2,-0.5,0,0.5,2",
                description = "Comma-separated points (default: ${DEFAULT-VALUE}).")
        double[] xs;

        @Option(names = "--dtype", defaultValue = "f64", paramLabel = "f32|f64", description = "Precision of x and y (default: ${DEFAULT-VALUE}).")
        String dtype;

        @Override
        public Integer call() throws IOException {
            return BadInput.guard(spec, () -> {
                Curve c = Curve.of(Activations.parse(activation), xs, dtypeOf(dtype), true);
                PrintWriter out = spec.commandLine().getOut();
                StringBuilder header = new StringBuilder("x,y,dy_dx");
                for (String p : c.parameterNames()) header.append(",dy_d").append(p);
                out.println(header);
                for (int i = 0; i < xs.length; i++) {
                    StringBuilder row = new StringBuilder(digits(c.x()[i])).append(',').append(digits(c.y()[i])).append(',')
                            .append(digits(c.dydx()[i]));
                    for (double[] d : c.dydParameters()) row.append(',').append(digits(d[i]));
                    out.println(row);
                }
                out.flush();
                return 0;
            });
        }

        private static DType dtypeOf(String name) {
            return switch (name) {
                case "f32" -> DType.F32;
                case "f64" -> DType.F64;
                default -> throw new IllegalArgumentException("--dtype must be f32 or f64, got '" + name + "'");
            };
        }
    }

    @Command(name = "plot", mixinStandardHelpOptions = true,
            description = {"A PNG with one panel per activation: f (solid) and f' (dashed) over [--from, --to], in f64.",
                    "f' is the derivative of sum(y) with respect to each x, as in 'values' (for carelu the grid is one group)."})
    static final class Plot implements Callable<Integer> {
        private static final int COLUMNS = 4, WIDTH = 420, HEIGHT = 320;

        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "SPEC", description = "Activation specs (default: every registered name with its defaults).")
        List<String> specs = new ArrayList<>();

        @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "The PNG to write.")
        Path out;

        @Option(names = "--from", defaultValue = "-5", description = "Left end of the x range (default: ${DEFAULT-VALUE}).")
        double from;

        @Option(names = "--to", defaultValue = "5", description = "Right end of the x range (default: ${DEFAULT-VALUE}).")
        double to;

        @Option(names = "--points", defaultValue = "401", description = "Points per curve (default: ${DEFAULT-VALUE}).")
        int points;

        @Override
        public Integer call() throws IOException {
            return BadInput.guard(spec, () -> {
                if (!(from < to) || points < 2) {
                    throw new IllegalArgumentException("need --from < --to and --points >= 2, got --from " + from + " --to " + to
                            + " --points " + points);
                }
                if (!out.getFileName().toString().endsWith(".png")) {
                    throw new IllegalArgumentException("--out must name a .png file, got " + out);
                }
                List<String> names = specs.isEmpty() ? Activations.names() : specs;
                double[] xs = new double[points];
                for (int i = 0; i < points; i++) xs[i] = from + (to - from) * i / (points - 1);
                List<XYChart> charts = new ArrayList<>();
                for (String name : names) charts.add(chart(Curve.of(Activations.parse(name), xs, DType.F64, false)));
                int columns = Math.min(COLUMNS, charts.size()), rows = (charts.size() + columns - 1) / columns;
                Path parent = out.toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
                writeGrid(charts, rows, columns, out);
                spec.commandLine().getOut().println("wrote " + out + " (" + charts.size() + " activations, " + rows + "x" + columns + ")");
                spec.commandLine().getOut().flush();
                return 0;
            });
        }

        /**
         * The charts in a rows × columns grid, row by row, as one PNG; cells past the last chart
         * stay white (XChart's own grid writer needs a full grid).
         */
        private static void writeGrid(List<XYChart> charts, int rows, int columns, Path out) throws IOException {
            java.awt.image.BufferedImage grid = new java.awt.image.BufferedImage(columns * WIDTH, rows * HEIGHT,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = grid.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), (i % columns) * WIDTH, (i / columns) * HEIGHT, null);
            }
            g.dispose();
            javax.imageio.ImageIO.write(grid, "png", out.toFile());
        }

        private static XYChart chart(Curve c) {
            XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(c.spec()).xAxisTitle("x").build();
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
            chart.getStyler().setXAxisDecimalPattern("0.##");
            chart.getStyler().setYAxisDecimalPattern("0.##");
            // explicit ranges (5 % margin): XChart's own tick spacing fails on some, e.g. relu's [0, 5]
            double low = Math.min(min(c.y()), min(c.dydx())), high = Math.max(max(c.y()), max(c.dydx()));
            double margin = 0.05 * Math.max(high - low, 1e-9);
            chart.getStyler().setXAxisMin(c.x()[0]).setXAxisMax(c.x()[c.x().length - 1]);
            chart.getStyler().setYAxisMin(low - margin).setYAxisMax(high + margin);
            XYSeries f = chart.addSeries("f", c.x(), c.y());
            f.setMarker(SeriesMarkers.NONE);
            XYSeries df = chart.addSeries("f'", c.x(), c.dydx());
            df.setMarker(SeriesMarkers.NONE);
            df.setLineStyle(SeriesLines.DASH_DASH);
            return chart;
        }

        private static double min(double[] v) {
            return Arrays.stream(v).filter(Double::isFinite).min().orElse(0);
        }

        private static double max(double[] v) {
            return Arrays.stream(v).filter(Double::isFinite).max().orElse(0);
        }
    }

    /**
     * An activation evaluated at points x, with the derivatives described in the class comment.
     * {@code dydParameters} holds one array per trainable parameter, in {@code parameterNames} order.
     */
    record Curve(String spec, double[] x, double[] y, double[] dydx, List<String> parameterNames, List<double[]> dydParameters) {

        static Curve of(Activation act, double[] xs, DType dtype, boolean withParameters) {
            int n = xs.length;
            act.namedParameters().forEach((name, p) -> {
                if (p.numel() != 1) {
                    throw new IllegalArgumentException(act.spec() + ": parameter " + name + " has shape " + p.shape()
                            + " (one value per channel); values and plots need one value per layer, so leave out channels=");
                }
            });
            Tensor x = Tensor.leaf(NDArray.of(xs, n).astype(dtype), true);
            Tensor y = act.forward(x);
            if (!y.shape().equals(x.shape())) {
                throw new IllegalStateException(act.spec() + ": output shape " + y.shape() + " differs from input shape " + x.shape());
            }
            Tensor ones = Tensor.of(NDArray.full(1, y.dtype(), n));
            double[] at = x.value().toDoubleArray();
            double[] dydx = Autograd.grad(List.of(y), List.of(ones), List.of(x), true, false).get(0).value().toDoubleArray();
            List<String> names = withParameters ? List.copyOf(act.namedParameters().keySet()) : List.of();
            List<double[]> dydTheta = new ArrayList<>();
            for (int k = 0; k < names.size(); k++) dydTheta.add(new double[n]);
            if (act instanceof ElementwiseActivation e) {
                elementwiseParameterDerivatives(e, at, names, dydTheta);
            } else {
                List<Tensor> thetas = names.stream().map(name -> act.namedParameters().get(name).tensor()).toList();
                for (int i = 0; i < n && !thetas.isEmpty(); i++) {
                    double[] unit = new double[n];
                    unit[i] = 1;
                    List<Tensor> g = Autograd.grad(List.of(y), List.of(Tensor.of(NDArray.of(unit, n).astype(y.dtype()))), thetas, true, false);
                    for (int k = 0; k < thetas.size(); k++) dydTheta.get(k)[i] = g.get(k).item();
                }
            }
            return new Curve(act.spec(), at, y.value().toDoubleArray(), dydx, names, dydTheta);
        }

        /**
         * ∂f/∂θ(xᵢ; θ) from the function's element form, in double: the same number as a backward
         * of yᵢ, without rounding it to the F32 in which parameters are stored.
         */
        private static void elementwiseParameterDerivatives(ElementwiseActivation e, double[] at, List<String> names, List<double[]> out) {
            ElementwiseFunction f = e.function();
            double[] theta = e.parameterValues().stream().mapToDouble(NDArray::item).toArray();
            double[] dTheta = new double[theta.length];
            for (int i = 0; i < at.length; i++) {
                f.derivatives(at[i], theta, dTheta);
                for (int k = 0; k < names.size(); k++) out.get(k)[i] = dTheta[f.parameterNames().indexOf(names.get(k))];
            }
        }
    }

    /** 17 significant digits: enough to round-trip any double. */
    static String digits(double v) {
        return String.format(Locale.ROOT, "%.17g", v);
    }
}
