package dev.nabla.tensor.internal;

import dev.nabla.tensor.internal.simd.VectorConv;
import java.util.Arrays;

/**
 * The one entry point of the convolution and pooling kernels: F32 goes to the fast tiers
 * ({@link ScalarConv} on the calling thread for small problems, {@link ParallelConv} otherwise),
 * F64 to the reference loops ({@link ReferenceConv}), which compute in double anyway.
 *
 * <p>The convolution's arithmetic is in {@link GemmKernels#sgemm}, which has its own SIMD; the other
 * SIMD of this family is col2im's row additions ({@link VectorConv#addInto}) and max pooling
 * ({@link VectorConv#maxPool2d}). All arrays are dense row-major from index 0
 * ({@code Convolution} checks shapes and makes them so); outputs are overwritten.
 */
public final class ConvKernels {
    /**
     * Convolutions with fewer multiply-adds than this run on the calling thread: 2^18 MACs take
     * tens of µs even with a fast GEMM, about what handing chunks to the workers and back costs.
     */
    static final long CONV_PARALLEL_MIN_MACS = 1L << 18;

    /**
     * The additions of col2im: C2 does not auto-vectorize {@code to[i] += from[j]} between two float
     * arrays (they might be the same array), so with the Vector API they run as explicit SIMD
     * (measured, one thread, JDK 25, AVX-512: col2im of all 32 images of the 32x64x64x32 benchmark
     * layer 6.9 → 2.6 ms, of the 64x32x64x14 layer 1.6 → 0.8 ms).
     */
    private static final ScalarConv.RowAdder COL2IM_ADDER = Simd.ENABLED ? VectorConv::addInto : ScalarConv::addInto;

    /**
     * Max pooling's tier: the SIMD one compares a vector of windows at a time without branches; the
     * scalar one's data-dependent {@code v > best || isNaN(v)} branch was 17 % of a training step of
     * the default CNN (JDK 25, before this tier; see 0002-kernels.md).
     */
    private static final ScalarConv.MaxPool MAX_POOL = Simd.ENABLED ? VectorConv::maxPool2d : ScalarConv::maxPool2d;

    private ConvKernels() {}

    /** x (N,C,H,W), w (OC,C/G,KH,KW), bias (OC) or null → out (N,OC,OH,OW). */
    public static void conv2dForward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] out) {
        if (runsSerially(g)) ScalarConv.conv2dForward(g, x, w, bias, out, 0, g.batch());
        else ParallelConv.conv2dForward(g, x, w, bias, out);
    }

    public static void conv2dForward(ConvGeometry g, double[] x, double[] w, double[] bias, double[] out) {
        ReferenceConv.conv2dForward(g, x, w, bias, out);
    }

    /** gradOut (N,OC,OH,OW), w (OC,C/G,KH,KW) → gradX (N,C,H,W). */
    public static void conv2dBackwardInput(ConvGeometry g, float[] gradOut, float[] w, float[] gradX) {
        if (runsSerially(g)) ScalarConv.conv2dBackwardInput(g, gradOut, w, gradX, 0, g.batch(), COL2IM_ADDER);
        else ParallelConv.conv2dBackwardInput(g, gradOut, w, gradX, COL2IM_ADDER);
    }

    public static void conv2dBackwardInput(ConvGeometry g, double[] gradOut, double[] w, double[] gradX) {
        ReferenceConv.conv2dBackwardInput(g, gradOut, w, gradX);
    }

    /** gradOut (N,OC,OH,OW), x (N,C,H,W) → gradW (OC,C/G,KH,KW). */
    public static void conv2dBackwardWeight(ConvGeometry g, float[] gradOut, float[] x, float[] gradW) {
        if (runsSerially(g)) {
            Arrays.fill(gradW, 0, g.weightSize(), 0f);
            ScalarConv.conv2dBackwardWeight(g, gradOut, x, gradW, 0, g.batch());
        } else {
            ParallelConv.conv2dBackwardWeight(g, gradOut, x, gradW);
        }
    }

    public static void conv2dBackwardWeight(ConvGeometry g, double[] gradOut, double[] x, double[] gradW) {
        ReferenceConv.conv2dBackwardWeight(g, gradOut, x, gradW);
    }

    /** gradOut (N,OC,P) → gradBias (OC), the sum over N and P. */
    public static void conv2dBackwardBias(int batch, int outChannels, int plane, float[] gradOut, float[] gradBias) {
        ParallelConv.conv2dBackwardBias(batch, outChannels, plane, gradOut, gradBias);
    }

    public static void conv2dBackwardBias(int batch, int outChannels, int plane, double[] gradOut, double[] gradBias) {
        ReferenceConv.conv2dBackwardBias(batch, outChannels, plane, gradOut, gradBias);
    }

    /** x (N·C,H,W) → out and argmax indices (N·C,OH,OW). */
    public static void maxPool2d(PoolGeometry p, float[] x, float[] out, long[] indices) {
        ParallelConv.maxPool2d(p, x, out, indices, MAX_POOL);
    }

    public static void maxPool2d(PoolGeometry p, double[] x, double[] out, long[] indices) {
        ReferenceConv.maxPool2d(p, x, out, indices);
    }

    /** gradOut and indices (N·C,OH,OW) → gradX (N·C,H,W). */
    public static void maxPool2dBackward(PoolGeometry p, float[] gradOut, long[] indices, float[] gradX) {
        ParallelConv.maxPool2dBackward(p, gradOut, indices, gradX);
    }

    public static void maxPool2dBackward(PoolGeometry p, double[] gradOut, long[] indices, double[] gradX) {
        ReferenceConv.maxPool2dBackward(p, gradOut, indices, gradX);
    }

    /** x (N·C,H,W) → out (N·C,OH,OW). */
    public static void avgPool2d(PoolGeometry p, float[] x, float[] out) {
        ParallelConv.avgPool2d(p, x, out);
    }

    public static void avgPool2d(PoolGeometry p, double[] x, double[] out) {
        ReferenceConv.avgPool2d(p, x, out);
    }

    /** gradOut (N·C,OH,OW) → gradX (N·C,H,W). */
    public static void avgPool2dBackward(PoolGeometry p, float[] gradOut, float[] gradX) {
        ParallelConv.avgPool2dBackward(p, gradOut, gradX);
    }

    public static void avgPool2dBackward(PoolGeometry p, double[] gradOut, double[] gradX) {
        ReferenceConv.avgPool2dBackward(p, gradOut, gradX);
    }

    /** x (Q,P) → out (Q), the mean of each plane. */
    public static void globalAvgPool2d(int planes, int plane, float[] x, float[] out) {
        ParallelConv.globalAvgPool2d(planes, plane, x, out);
    }

    public static void globalAvgPool2d(int planes, int plane, double[] x, double[] out) {
        ReferenceConv.globalAvgPool2d(planes, plane, x, out);
    }

    private static boolean runsSerially(ConvGeometry g) {
        return g.macs() < CONV_PARALLEL_MIN_MACS;
    }
}
