package dev.nabla.activations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;

/**
 * Checks an activation against a row of the known-value tables of docs/activations.md (values
 * rounded to 10 significant digits there). Tolerances are the issue's: F64 relative error ≤ 1e-9
 * (absolute 1e-12 where the expected value is 0); F32 ≤ 1e-5 relative or 1e-6 absolute.
 * Derivatives are taken through the module's own backward, so they test the fused kernel.
 */
final class KnownValues {
    /** The x columns of every table. */
    static final double[] X = {-2, -0.5, 0, 0.5, 2};

    private KnownValues() {}

    /** f(x) for every x of {@link #X}, in F64 and F32. */
    static void values(String spec, double... expected) {
        check(spec, X, expected, false);
    }

    /** f′(x) for every x of {@link #X}, in F64 and F32. */
    static void derivatives(String spec, double... expected) {
        check(spec, X, expected, true);
    }

    static void check(String spec, double[] xs, double[] expected, boolean derivative) {
        for (DType dtype : new DType[] {DType.F64, DType.F32}) {
            Activation act = Activations.parse(spec);
            Tensor x = Tensor.leaf(NDArray.of(xs, xs.length).astype(dtype), true);
            Tensor y = act.forward(x);
            double[] got;
            if (derivative) {
                y.sum().backward();
                got = x.grad().value().toDoubleArray();
            } else {
                got = y.value().toDoubleArray();
            }
            for (int i = 0; i < xs.length; i++) {
                double e = expected[i], err = Math.abs(got[i] - e);
                boolean ok = dtype == DType.F64
                        ? (e == 0 ? err <= 1e-12 : err <= 1e-9 * Math.abs(e))
                        : err <= 1e-5 * Math.abs(e) || err <= 1e-6;
                assertThat(ok).as("%s %s%s(%s) = %s, expected %s (%s)", spec, derivative ? "d/dx " : "", dtype, xs[i], got[i], e, dtype)
                        .isTrue();
            }
        }
    }
}
