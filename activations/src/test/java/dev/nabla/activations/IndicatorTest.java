package dev.nabla.activations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.tensor.Rng;
import org.junit.jupiter.api.Test;

/** {@link Indicator#positive} gives the same bits as max(signum v, 0) on every kind of float (any NaN for NaN). */
class IndicatorTest {
    @Test
    void positiveIsMaxOfSignumAndZero() {
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 0x1p-127f, 1f, -1f,
            Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        for (float v : special) assertPositive(v);
        Rng rng = new Rng(7);
        // random bit patterns: every exponent, subnormals and NaNs included
        for (int i = 0; i < 100_000; i++) assertPositive(Float.intBitsToFloat((int) (rng.nextDouble() * 0x1p32)));
    }

    private static void assertPositive(float v) {
        assertThat(Float.floatToIntBits(Indicator.positive(v)))
                .as("[%s > 0]", v)
                .isEqualTo(Float.floatToIntBits(Math.max(Math.signum(v), 0f)));
    }
}
