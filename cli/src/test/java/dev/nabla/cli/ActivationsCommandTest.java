package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.activations.Activation;
import dev.nabla.activations.Activations;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.OpCase;
import dev.nabla.nn.Parameter;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivationsCommandTest {
    /** A number printed with 17 significant digits by %.17g: d.dddddddddddddddd[e±x], or 0.ddd… for small magnitudes. */
    private static final String SEVENTEEN_DIGITS = "-?(\\d\\.\\d{16}(e[+-]\\d+)?|0\\.0*\\d{17}|\\d{2,17}\\.\\d{0,15})";

    @Test
    void list_printsEveryNameWithItsDefaultsNotesAndPaper() {
        CliRun run = CliRun.of("activations", "list");
        assertThat(run.status()).isZero();
        for (Activations.Entry e : Activations.entries()) assertThat(run.out()).contains(e.paper(), e.notes());
        List<String> heads = run.lines().stream().filter(l -> !l.startsWith(" ")).toList();
        assertThat(heads).hasSameSizeAs(Activations.names());
        for (int i = 0; i < heads.size(); i++) assertThat(heads.get(i)).startsWith(Activations.names().get(i));
        assertThat(heads).contains("srs(alpha=2, beta=3, channels=1)", "relu", "leaky_relu(slope=0.01)");
    }

    @Test
    void values_srsMatchesTheKnownValuesAndDerivativesInF64() {
        CliRun run = CliRun.of("activations", "values", "srs", "--x", "-2,-0.5,0,0.5,2");
        assertThat(run.status()).isZero();
        List<String> lines = run.lines();
        assertThat(lines.get(0)).isEqualTo("x,y,dy_dx,dy_dalpha,dy_dbeta");
        assertThat(lines).hasSize(6);
        double[] f = {-2.110296680, -0.5368491006, 0, 0.4560039521, 1.321512738};         // docs/activations.md §1
        double[] df = {0.7228287863, 1.134920965, 1, 0.8214130166, 0.3735956498};
        double[] xs = {-2, -0.5, 0, 0.5, 2};
        for (int i = 0; i < xs.length; i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertThat(cells).hasSize(5).allSatisfy(c -> assertThat(c).matches(SEVENTEEN_DIGITS));
            double[] v = Arrays.stream(cells).mapToDouble(Double::parseDouble).toArray();
            double x = xs[i], d = x / 2 + Math.exp(-x / 3);
            assertThat(v[0]).isEqualTo(x);
            assertThat(v[1]).isCloseTo(f[i], within(1e-9 * Math.abs(f[i]) + 1e-12));
            assertThat(v[2]).isCloseTo(df[i], within(1e-9 * Math.abs(df[i])));
            assertThat(v[3]).as("∂f/∂α = x²/(α²D²)").isCloseTo(x * x / (4 * d * d), within(1e-14));
            assertThat(v[4]).as("∂f/∂β = −x²e^(−x/β)/(β²D²)").isCloseTo(-x * x * Math.exp(-x / 3) / (9 * d * d), within(1e-14));
        }
    }

    @Test
    void values_f32RunsTheFusedKernelOnFloatRoundedInputs() {
        CliRun f32 = CliRun.of("activations", "values", "srs", "--x", "0.1,-40,1e30", "--dtype", "f32");
        CliRun f64 = CliRun.of("activations", "values", "srs", "--x", "0.1,-40,1e30");
        assertThat(f32.status()).isZero();
        assertThat(f32.lines().get(1)).startsWith("0.10000000149011612,");
        for (int row = 1; row <= 3; row++) {
            double[] a = Arrays.stream(f32.lines().get(row).split(",")).mapToDouble(Double::parseDouble).toArray();
            double[] b = Arrays.stream(f64.lines().get(row).split(",")).mapToDouble(Double::parseDouble).toArray();
            for (int c = 1; c < a.length; c++) assertThat(a[c]).isCloseTo(b[c], within(1e-6 + 1e-5 * Math.abs(b[c])));
        }
    }

    @Test
    void values_hasNoColumnForAFixedParameter() {
        CliRun run = CliRun.of("activations", "values", "leaky_relu(slope=0.25)", "--x=-2,3");
        assertThat(run.status()).isZero();
        assertThat(run.lines()).containsExactly("x,y,dy_dx", "-2.0000000000000000,-0.50000000000000000,0.25000000000000000",
                "3.0000000000000000,3.0000000000000000,1.0000000000000000");
    }

    /** The element form's ∂f/∂θ and one backward of yᵢ per x through the module agree (to the F32 the parameter is stored in). */
    @Test
    void values_parameterDerivativesEqualABackwardOfEachOutput() {
        double[] xs = {-3, -1, 0.25, 4};
        ActivationsCommand.Curve c = ActivationsCommand.Curve.of(Activations.parse("srs(alpha=5,beta=3)"), xs, DType.F64, true);
        Activation act = Activations.parse("srs(alpha=5,beta=3)");
        Tensor x = Tensor.leaf(NDArray.of(xs, xs.length), true);
        List<Tensor> theta = act.parameters().stream().map(Parameter::tensor).toList();
        for (int i = 0; i < xs.length; i++) {
            List<Tensor> g = Autograd.grad(List.of(act.forward(x).slice(0, i, i + 1, 1).sum()), theta, false);
            for (int k = 0; k < 2; k++) {
                assertThat(c.dydParameters().get(k)[i]).isCloseTo(g.get(k).item(), within(1e-6 * Math.abs(g.get(k).item()) + 1e-12));
            }
        }
    }

    /**
     * For an activation that is not element-wise (as CAReLU), dy_dx is ∂(Σⱼyⱼ)/∂xᵢ and dy_dθ is
     * ∂yᵢ/∂θ by one backward per x. Here yᵢ = w·xᵢ·S with S = Σⱼxⱼ: Σy = w·S², so ∂(Σy)/∂xᵢ = 2wS,
     * and ∂yᵢ/∂w = xᵢ·S.
     */
    @Test
    void values_ofAGroupActivationAreTheVectorJacobianProductWithOnes() {
        final class Group extends Activation {
            final Parameter w = registerParameter("w", new Parameter(NDArray.scalar(0.5, DType.F32)));

            Group() {
                super("group");
            }

            @Override
            public Tensor forward(Tensor x) {
                return x.mul(x.sum().mul(w.tensor()));
            }

            @Override
            public OpCase gradcheckCase(String name) {
                throw new UnsupportedOperationException();
            }
        }
        double[] xs = {1, 2, -0.5};
        ActivationsCommand.Curve c = ActivationsCommand.Curve.of(new Group(), xs, DType.F64, true);
        double s = 2.5;
        assertThat(c.parameterNames()).containsExactly("w");
        for (int i = 0; i < xs.length; i++) {
            assertThat(c.y()[i]).isCloseTo(0.5 * xs[i] * s, within(1e-15));
            assertThat(c.dydx()[i]).isCloseTo(2 * 0.5 * s, within(1e-15));
            assertThat(c.dydParameters().get(0)[i]).isCloseTo(xs[i] * s, within(1e-6));
        }
    }

    @Test
    void values_rejectsAnUnknownActivationListingTheKnownOnes() {
        CliRun run = CliRun.of("activations", "values", "nope");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("nabla activations values: unknown activation 'nope'; known: [").contains("srs", "leaky_relu");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void values_rejectsBadArgumentsDtypesAndPerChannelParameters() {
        CliRun violated = CliRun.of("activations", "values", "srs(alpha=1,beta=3)");
        assertThat(violated.status()).isEqualTo(2);
        assertThat(violated.err()).contains("beta < e*alpha", "alpha=1.0, beta=3.0");
        CliRun unknownArg = CliRun.of("activations", "values", "srs(gamma=1)");
        assertThat(unknownArg.err()).contains("unknown argument(s) [gamma]", "alpha", "beta", "channels");
        CliRun dtype = CliRun.of("activations", "values", "srs", "--dtype", "f16");
        assertThat(dtype.status()).isEqualTo(2);
        assertThat(dtype.err()).contains("--dtype must be f32 or f64, got 'f16'");
        CliRun channels = CliRun.of("activations", "values", "srs(channels=3)");
        assertThat(channels.status()).isEqualTo(2);
        assertThat(channels.err()).contains("parameter alpha has shape [3]", "leave out channels=");
        CliRun notANumber = CliRun.of("activations", "values", "srs", "--x", "1,two");
        assertThat(notANumber.status()).isEqualTo(2);
        assertThat(notANumber.err()).contains("two");
    }

    @Test
    void plot_writesAPngWithOnePanelPerSpec(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("sub/curves.png");
        CliRun run = CliRun.of("activations", "plot", "srs", "leaky_relu(slope=0.2)", "--out", png.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote " + png, "2 activations");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(2 * 420);
        assertThat(image.getHeight()).isEqualTo(320);
    }

    @Test
    void plot_withoutSpecsDrawsEveryRegisteredActivationInRowsOfFour(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("all.png");
        assertThat(CliRun.of("activations", "plot", "--out", png.toString(), "--points", "41").status()).isZero();
        int n = Activations.names().size(), columns = Math.min(4, n);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(columns * 420);
        assertThat(image.getHeight()).isEqualTo((n + columns - 1) / columns * 320);
    }

    @Test
    void plot_rejectsBadOutputNamesRangesAndSpecs(@TempDir Path dir) {
        CliRun noPng = CliRun.of("activations", "plot", "srs", "--out", dir.resolve("x.jpg").toString());
        assertThat(noPng.status()).isEqualTo(2);
        assertThat(noPng.err()).contains("--out must name a .png file");
        CliRun range = CliRun.of("activations", "plot", "srs", "--from", "3", "--to", "1", "--out", dir.resolve("x.png").toString());
        assertThat(range.err()).contains("need --from < --to", "--from 3.0 --to 1.0");
        CliRun spec = CliRun.of("activations", "plot", "srs", "nope", "--out", dir.resolve("x.png").toString());
        assertThat(spec.status()).isEqualTo(2);
        assertThat(spec.err()).contains("unknown activation 'nope'");
        assertThat(Files.exists(dir.resolve("x.png"))).isFalse();
    }
}
