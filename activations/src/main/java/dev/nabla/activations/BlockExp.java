package dev.nabla.activations;

import dev.nabla.tensor.internal.BlockMath;

/**
 * The exp pass of the block forms whose result multiplies a possibly huge x (x·σ(x), x²·σσ′, …).
 * {@link BlockMath#exp} is made for results rounded to float and may floor very negative arguments
 * (the SIMD pass returns e^−110 below −110, already 0 as a float); a product such as
 * x·e^a with x = −1e30 would then come out as −1.7e-18 instead of the element form's −0. So the
 * pass sets y = 0 exactly where Math.exp underflows to 0, and the F32 kernel agrees with the
 * element form there bit for bit.
 */
final class BlockExp {
    /** Below this argument e^a is 0 in double (e^−745.14 is half the smallest subnormal). */
    static final double UNDERFLOW = -746;

    private BlockExp() {}

    /** y = e^a for i &lt; n, exactly 0 where a &lt; {@link #UNDERFLOW}. Needs y ≠ a. */
    static void exp(double[] a, double[] y, int n) {
        BlockMath.exp(a, y, n);
        for (int i = 0; i < n; i++) if (a[i] < UNDERFLOW) y[i] = 0;
    }
}
