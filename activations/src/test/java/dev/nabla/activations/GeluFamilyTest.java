package dev.nabla.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * GELU (exact and tanh) and DGELU: the known values and the GELU minimum of docs/activations.md §6,
 * the erfc tail, the symmetries, DGELU = GELU′, and argument errors.
 */
class GeluFamilyTest {
    @Test
    void geluKnownValues() {
        KnownValues.values("gelu", -0.04550026390, -0.1542687694, 0, 0.3457312306, 1.954499736);
        KnownValues.derivatives("gelu", -0.08523180108, 0.1325048753, 0.5, 0.8674951247, 1.085231801);
    }

    @Test
    void geluTanhKnownValues() {
        KnownValues.values("gelu_tanh", -0.04540230591, -0.1542859902, 0, 0.3457140098, 1.954597694);
        KnownValues.derivatives("gelu_tanh", -0.08609925662, 0.1326300965, 0.5, 0.8673699035, 1.086099257);
    }

    @Test
    void dgeluKnownValues() {
        KnownValues.values("dgelu", -0.08523180108, 0.1325048753, 0.5, 0.8674951247, 1.085231801);
        KnownValues.derivatives("dgelu", -0.1079819330, 0.6161143218, 0.7978845608, 0.6161143218, -0.1079819330);
    }

    /** GELU's minimum −0.1699712075 at x = −0.7517915247 (50-digit value from the doc). */
    @Test
    void geluMinimum() {
        double xMin = -0.7517915247;
        KnownValues.check("gelu", new double[] {xMin}, new double[] {-0.1699712075}, false);
        double[] y = values("gelu", xMin - 1e-3, xMin, xMin + 1e-3);
        assertThat(y[0]).isGreaterThan(y[1]);
        assertThat(y[2]).isGreaterThan(y[1]);
        // the derivative at the 10-digit minimum is f″·(rounding of x) ≈ 1e-10
        assertThat(derivatives("gelu", xMin)[0]).isCloseTo(0, Offset.offset(1e-9));
    }

    /**
     * Φ goes through erfc, so the far left tail keeps its relative accuracy: −20·Φ(−20) against the
     * asymptotic series Φ(−x) = φ(x)/x·(1 − 1/x² + 3/x⁴ − 15/x⁶ + …), whose next term is 4e-9 here.
     */
    @Test
    void leftTailIsTinyButNotZero() {
        double x = 20, phi = Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
        double x2 = x * x, series = phi / x * (1 - 1 / x2 + 3 / (x2 * x2) - 15 / (x2 * x2 * x2));
        assertThat(values("gelu", -x)[0]).isCloseTo(-x * series, Offset.offset(1e-8 * x * series));
        assertThat(values("dgelu", -x)[0]).isCloseTo(series - x * phi, Offset.offset(1e-8 * x * phi));
        assertThat(values("gelu_tanh", -10)[0]).isLessThan(0).isGreaterThan(-1e-36);
    }

    @Test
    void farInputsReachTheAsymptotesExactly() {
        assertThat(values("gelu", -1e30, 1e30, -1e200, 1e200)).containsExactly(-0.0, 1e30, -0.0, 1e200);
        assertThat(values("gelu_tanh", -1e30, 1e30, -1e200, 1e200)).containsExactly(-0.0, 1e30, -0.0, 1e200);
        assertThat(derivatives("gelu_tanh", -1e200, 1e200)).containsExactly(0, 1);
        assertThat(values("dgelu", -1e200, 1e200)).containsExactly(0, 1);
        assertThat(derivatives("dgelu", -1e200, 1e200)).containsExactly(-0.0, -0.0);
    }

    /** GELU(x) − GELU(−x) = x (likewise the tanh form), DGELU(x) + DGELU(−x) = 1, DGELU′ is even. */
    @Test
    void symmetries() {
        double[] xs = new double[81];
        for (int i = 0; i < xs.length; i++) xs[i] = 0.1 * i + 0.0371;
        double[] neg = new double[xs.length];
        for (int i = 0; i < xs.length; i++) neg[i] = -xs[i];
        double[] g = values("gelu", xs), gn = values("gelu", neg);
        double[] t = values("gelu_tanh", xs), tn = values("gelu_tanh", neg);
        double[] d = values("dgelu", xs), dn = values("dgelu", neg);
        double[] c = derivatives("dgelu", xs), cn = derivatives("dgelu", neg);
        for (int i = 0; i < xs.length; i++) {
            Offset<Double> tol = Offset.offset(1e-15 * (1 + xs[i]));
            assertThat(g[i] - gn[i]).as("gelu(%s) - gelu(-%s)", xs[i], xs[i]).isCloseTo(xs[i], tol);
            assertThat(t[i] - tn[i]).as("gelu_tanh(%s) - gelu_tanh(-%s)", xs[i], xs[i]).isCloseTo(xs[i], tol);
            assertThat(d[i] + dn[i]).as("dgelu(%s) + dgelu(-%s)", xs[i], xs[i]).isCloseTo(1, tol);
            assertThat(c[i]).as("dgelu'(%s)", xs[i]).isEqualTo(cn[i]);
        }
    }

    /** DGELU is GELU′: its values equal GELU's backward, in F64 and through the fused F32 kernel. */
    @Test
    void dgeluIsTheGeluDerivative() {
        for (DType dtype : new DType[] {DType.F64, DType.F32}) {
            double[] xs = {-7.5, -3, -1.25, -0.3, 0, 0.3, 1.25, 3, 7.5};
            Tensor x = Tensor.leaf(NDArray.of(xs, xs.length).astype(dtype), true);
            Activations.parse("gelu").forward(x).sum().backward();
            double[] dgelu = Activations.parse("dgelu").forward(Tensor.of(NDArray.of(xs, xs.length).astype(dtype))).value().toDoubleArray();
            assertThat(dgelu).as("%s", dtype).containsExactly(x.grad().value().toDoubleArray());
        }
    }

    @Test
    void argumentErrorsNameWhatIsValid() {
        assertThatThrownBy(() -> Activations.parse("gelu(approximate=tanh)")).hasMessageContaining("unknown argument(s) [approximate]")
                .hasMessageContaining("valid: none");
        assertThatThrownBy(() -> Activations.parse("dgelu(alpha=1)")).hasMessageContaining("unknown argument(s) [alpha]");
        assertThatThrownBy(() -> Activations.parse("gelu_erf")).hasMessageContaining("unknown activation 'gelu_erf'")
                .hasMessageContaining("gelu_tanh");
    }

    static double[] values(String spec, double... xs) {
        return Activations.parse(spec).forward(Tensor.of(NDArray.of(xs, xs.length))).value().toDoubleArray();
    }

    static double[] derivatives(String spec, double... xs) {
        Tensor x = Tensor.leaf(NDArray.of(xs, xs.length), true);
        Activations.parse(spec).forward(x).sum().backward();
        return x.grad().value().toDoubleArray();
    }
}
