package dev.nabla.activations;

import static dev.nabla.activations.GeluFamilyTest.derivatives;
import static dev.nabla.activations.GeluFamilyTest.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.autograd.Tensor;
import dev.nabla.nn.Parameter;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.ShapeException;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * SiLU, Swish and dSiLU: the known values and the SiLU minimum of docs/activations.md §6, Swish at
 * β = 1 is SiLU, dSiLU = SiLU′, the per-channel β gradient, the tails, and argument errors.
 */
class SiluFamilyTest {
    @Test
    void siluKnownValues() {
        KnownValues.values("silu", -0.2384058440, -0.1887703344, 0, 0.3112296656, 1.761594156);
        KnownValues.derivatives("silu", -0.09078424878, 0.2600388127, 0.5, 0.7399611873, 1.090784249);
    }

    @Test
    void swishKnownValues() {
        KnownValues.values("swish(beta=1.5)", -0.09485174636, -0.1604106504, 0, 0.3395893496, 1.905148254);
        KnownValues.values("swish", -0.2384058440, -0.1887703344, 0, 0.3112296656, 1.761594156);
        KnownValues.derivatives("swish", -0.09078424878, 0.2600388127, 0.5, 0.7399611873, 1.090784249);
    }

    @Test
    void dsiluKnownValues() {
        KnownValues.values("dsilu", -0.09078424878, 0.2600388127, 0.5, 0.7399611873, 1.090784249);
    }

    /** SiLU's minimum −0.2784645428 at x = −1.278464543 (50-digit value from the doc). */
    @Test
    void siluMinimum() {
        double xMin = -1.278464543;
        KnownValues.check("silu", new double[] {xMin}, new double[] {-0.2784645428}, false);
        double[] y = values("silu", xMin - 1e-3, xMin, xMin + 1e-3);
        assertThat(y[0]).isGreaterThan(y[1]);
        assertThat(y[2]).isGreaterThan(y[1]);
        assertThat(derivatives("silu", xMin)[0]).isCloseTo(0, Offset.offset(1e-9));
    }

    /** Swish at β = 1, SiLU, and (for the derivative) dSiLU are the same numbers, in F64 and in the fused F32 kernel. */
    @Test
    void swishAtBetaOneIsSiluAndDsiluIsItsDerivative() {
        double[] xs = {-800, -50, -7.5, -1.3, -0.2, 0, 0.2, 1.3, 7.5, 50, 800};
        for (DType dtype : new DType[] {DType.F64, DType.F32}) {
            Tensor a = Tensor.leaf(NDArray.of(xs, xs.length).astype(dtype), true), b = Tensor.leaf(NDArray.of(xs, xs.length).astype(dtype), true);
            Tensor silu = Activations.parse("silu").forward(a), swish = Activations.parse("swish").forward(b);
            assertThat(swish.value().toDoubleArray()).as("%s", dtype).containsExactly(silu.value().toDoubleArray());
            silu.sum().backward();
            swish.sum().backward();
            assertThat(b.grad().value().toDoubleArray()).as("%s", dtype).containsExactly(a.grad().value().toDoubleArray());
            double[] dsilu = Activations.parse("dsilu").forward(Tensor.of(NDArray.of(xs, xs.length).astype(dtype))).value().toDoubleArray();
            assertThat(dsilu).as("%s", dtype).containsExactly(a.grad().value().toDoubleArray());
        }
    }

    /** SiLU(x) − SiLU(−x) = x, dSiLU(x) + dSiLU(−x) = 1, dSiLU′ is even (and is 0 at dSiLU's extremum ≈ ±2.3994). */
    @Test
    void symmetries() {
        double[] xs = new double[81], neg = new double[81];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = 0.1 * i + 0.0371;
            neg[i] = -xs[i];
        }
        double[] s = values("silu", xs), sn = values("silu", neg), d = values("dsilu", xs), dn = values("dsilu", neg);
        double[] c = derivatives("dsilu", xs), cn = derivatives("dsilu", neg);
        for (int i = 0; i < xs.length; i++) {
            Offset<Double> tol = Offset.offset(1e-15 * (1 + xs[i]));
            assertThat(s[i] - sn[i]).as("silu(%s) - silu(-%s)", xs[i], xs[i]).isCloseTo(xs[i], tol);
            assertThat(d[i] + dn[i]).as("dsilu(%s) + dsilu(-%s)", xs[i], xs[i]).isCloseTo(1, tol);
            assertThat(c[i]).as("dsilu'(%s)", xs[i]).isEqualTo(cn[i]);
        }
        assertThat(derivatives("dsilu", -2.39936, 2.39936)).containsExactly(new double[] {0, 0}, Offset.offset(1e-5));
    }

    /** ∂L/∂β of a per-channel swish is Σ over the channel's elements of g·x²·σ(βx)(1 − σ(βx)), from the plain formula. */
    @Test
    void perChannelBetaGradientIsTheSumOverItsChannel() {
        Activation swish = Activations.parse("swish(beta=1.5,channels=2)");
        double[] xs = {-3, -0.5, 0.25, 1, 2.5, -1.75, 0.5, 4, -2, 0.1, 3, -0.3};
        for (DType dtype : new DType[] {DType.F64, DType.F32}) {
            Tensor x = Tensor.of(NDArray.of(xs, 2, 2, 3).astype(dtype));
            List<Parameter> params = swish.parameters();
            params.get(0).zeroGrad();
            swish.forward(x).sum().backward();
            double[] expected = new double[2];
            for (int i = 0; i < xs.length; i++) {
                double s = 1 / (1 + Math.exp(-1.5 * xs[i]));
                expected[(i / 3) % 2] += xs[i] * xs[i] * s * (1 - s);
            }
            double[] got = params.get(0).grad().toDoubleArray();
            for (int c = 0; c < 2; c++) assertThat(got[c]).as("%s channel %d", dtype, c).isCloseTo(expected[c], Offset.offset(1e-5 * expected[c]));
        }
    }

    /** The left tails are tiny but not zero; far out the β gradient is exactly 0 in F32 too (no x²·floored exp). */
    @Test
    void tails() {
        double tiny = -40 * Math.exp(-40) / (1 + Math.exp(-40));
        assertThat(values("silu", -40)[0]).isCloseTo(tiny, Offset.offset(1e-14 * -tiny));
        assertThat(values("dsilu", -40)[0]).isCloseTo(-39 * Math.exp(-40), Offset.offset(1e-6 * 39 * Math.exp(-40)));
        Activation swish = Activations.parse("swish");
        Tensor x = Tensor.of(NDArray.of(new double[] {-1e30, -1e4, 1e4, 1e30}, 4).astype(DType.F32));
        Tensor y = swish.forward(x);
        assertThat(y.value().toDoubleArray()).containsExactly(-0.0, -0.0, 1e4, (float) 1e30);
        y.sum().backward();
        assertThat(swish.parameters().get(0).grad().item()).isEqualTo(0);
    }

    @Test
    void argumentErrorsNameWhatIsValid() {
        assertThatThrownBy(() -> Activations.parse("swish(channels=0)")).hasMessageContaining("channels=0")
                .hasMessageContaining("a whole number >= 1");
        assertThatThrownBy(() -> Activations.parse("swish(beta=fast)")).hasMessageContaining("beta=fast")
                .hasMessageContaining("a finite number");
        assertThatThrownBy(() -> Activations.parse("silu(beta=2)")).hasMessageContaining("unknown argument(s) [beta]")
                .hasMessageContaining("valid: none");
        assertThatThrownBy(() -> Activations.parse("swish(trainable=false)")).hasMessageContaining("unknown argument(s) [trainable]")
                .hasMessageContaining("beta").hasMessageContaining("channels");
        Activation perChannel = Activations.parse("swish(channels=3)");
        assertThatThrownBy(() -> perChannel.forward(Tensor.of(NDArray.zeros(DType.F32, 2, 4, 5)))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("swish").hasMessageContaining("[3]").hasMessageContaining("[2, 4, 5]");
    }
}
