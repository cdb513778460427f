package dev.nabla.tensor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nabla.tensor.Rng;
import dev.nabla.tensor.testing.Cases;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The fast F32 convolution and pooling kernels ({@link ScalarConv} on one range, {@link ParallelConv}
 * in chunks, and the {@link ConvKernels} facade) agree with {@link ReferenceConv} over generated
 * geometries: N, C, H, W from 0/1 to odd sizes, stride 1–3, padding 0–2, dilation 1–2, groups
 * 1, 2 and C (depthwise), kernels 1–5, pointwise 1×1, and sizes above the facade's parallel threshold.
 *
 * <p>Tolerance: a fast output is a float sum of {@code terms} products in another order (and
 * grouping) than the reference's double sum, so {@code |fast − ref| ≤ (terms + 2)·2⁻²⁴·Σ|products|}
 * (the standard recursive-summation bound, valid for any order); {@code Σ|products|} is the
 * reference pass run on absolute values. Max pooling compares, so it must match exactly, indices too.
 * The conv arithmetic runs in {@link GemmKernels}; the facade adds col2im's rows with SIMD when the
 * Vector API is on. Run with {@code -Dnabla.simd=false} to check the scalar paths through the facade
 * (the tiers called directly here are scalar either way).
 */
class ConvParityTest {
    private static final double U = 0x1p-24;

    /** Data of one convolution case: the float inputs and their exact double copies. */
    private record ConvCase(ConvGeometry g, float[] x, float[] w, float[] bias, float[] gradOut) {
        static ConvCase random(Rng rng, ConvGeometry g) {
            int outSize = g.batch() * g.outChannels() * g.outPlane();
            return new ConvCase(g,
                    Cases.floats(rng, g.batch() * g.channels() * g.inPlane(), -1, 1),
                    Cases.floats(rng, g.weightSize(), -1, 1),
                    Cases.floats(rng, g.outChannels(), -1, 1),
                    Cases.floats(rng, outSize, -1, 1));
        }

        int outSize() {
            return g.batch() * g.outChannels() * g.outPlane();
        }

        int inSize() {
            return g.batch() * g.channels() * g.inPlane();
        }
    }

    static ConvGeometry geometry(int n, int c, int h, int w, int oc, int kh, int kw, int stride, int pad, int dilation, int groups) {
        int oh = (h + 2 * pad - dilation * (kh - 1) - 1) / stride + 1;
        int ow = (w + 2 * pad - dilation * (kw - 1) - 1) / stride + 1;
        return new ConvGeometry(n, c, h, w, oc, kh, kw, oh, ow, stride, stride, pad, pad, dilation, dilation, groups);
    }

    /** A random valid geometry (output at least 1×1); groups 1, 2 or C. */
    static ConvGeometry randomGeometry(Rng rng) {
        while (true) {
            int groups = switch ((int) rng.nextLong(3)) {
                case 0 -> 1;
                case 1 -> 2;
                default -> Cases.size(rng, 1, 5);               // depthwise: C = groups, 1 channel per group
            };
            boolean depthwise = groups > 2 || rng.nextLong(4) == 0;
            int cg = depthwise ? 1 : Cases.size(rng, 1, 4);
            int ocg = depthwise ? Cases.size(rng, 1, 2) : Cases.size(rng, 1, 4);
            int kh = Cases.size(rng, 1, 5), kw = Cases.size(rng, 1, 5);
            int stride = Cases.size(rng, 1, 3), pad = Cases.size(rng, 0, 2), dilation = Cases.size(rng, 1, 2);
            int h = Cases.size(rng, 1, 11), w = Cases.size(rng, 1, 11);
            int n = Cases.size(rng, 1, 3);
            if (h + 2 * pad < dilation * (kh - 1) + 1 || w + 2 * pad < dilation * (kw - 1) + 1) continue;
            return geometry(n, cg * groups, h, w, ocg * groups, kh, kw, stride, pad, dilation, groups);
        }
    }

    // ---- convolution ---------------------------------------------------------------------------

    @Test
    void fastConvolutionMatchesReferenceOnGeneratedGeometries() {
        Cases.forAll("fastConvolutionMatchesReferenceOnGeneratedGeometries", 150,
                (rng, i) -> checkAllTiers(ConvCase.random(rng, randomGeometry(rng))));
    }

    @Test
    void fastConvolutionMatchesReferenceOnEdgeGeometries() {
        ConvGeometry[] edges = {
            geometry(0, 3, 5, 5, 4, 3, 3, 1, 1, 1, 1),      // empty batch
            geometry(1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1),      // everything 1
            geometry(2, 3, 7, 5, 4, 1, 1, 1, 0, 1, 1),      // pointwise: no im2col
            geometry(2, 4, 6, 6, 6, 1, 1, 1, 0, 1, 2),      // pointwise, grouped
            geometry(2, 4, 6, 6, 4, 1, 1, 2, 0, 1, 1),      // 1×1 with stride: im2col again
            geometry(1, 2, 17, 15, 3, 3, 3, 1, 1, 1, 1),    // rows of lanes ± 1
            geometry(1, 2, 3, 3, 2, 5, 5, 1, 2, 1, 1),      // kernel larger than the input
            geometry(1, 1, 2, 2, 1, 2, 2, 3, 2, 2, 1),      // taps mostly in the padding
            geometry(2, 6, 9, 9, 6, 3, 3, 2, 1, 2, 6),      // depthwise, strided, dilated
            geometry(4, 8, 16, 16, 8, 3, 3, 1, 1, 1, 1),    // above ConvKernels.CONV_PARALLEL_MIN_MACS
            geometry(5, 8, 21, 19, 12, 3, 2, 1, 1, 1, 2),  // above the threshold, grouped, odd batch
        };
        assertThat(edges[9].macs()).isGreaterThan(ConvKernels.CONV_PARALLEL_MIN_MACS);
        assertThat(edges[10].macs()).isGreaterThan(ConvKernels.CONV_PARALLEL_MIN_MACS);
        Rng rng = new Rng(Cases.DEFAULT_SEED);
        for (ConvGeometry g : edges) checkAllTiers(ConvCase.random(rng, g));
    }

    private static void checkAllTiers(ConvCase k) {
        ConvGeometry g = k.g;
        double[] x = widen(k.x), w = widen(k.w), bias = widen(k.bias), gradOut = widen(k.gradOut);

        double[] out = new double[k.outSize()], outAbs = new double[k.outSize()];
        ReferenceConv.conv2dForward(g, x, w, bias, out);
        ReferenceConv.conv2dForward(g, abs(x), abs(w), abs(bias), outAbs);
        int forwardTerms = g.groupPatch() + 1;
        float[] fast = new float[k.outSize()];
        ScalarConv.conv2dForward(g, k.x, k.w, k.bias, fast, 0, g.batch());
        assertClose("ScalarConv.conv2dForward " + g, fast, out, outAbs, forwardTerms);
        ParallelConv.conv2dForward(g, k.x, k.w, k.bias, fast = new float[k.outSize()]);
        assertClose("ParallelConv.conv2dForward " + g, fast, out, outAbs, forwardTerms);
        ConvKernels.conv2dForward(g, k.x, k.w, k.bias, fast = new float[k.outSize()]);
        assertClose("ConvKernels.conv2dForward " + g, fast, out, outAbs, forwardTerms);

        double[] noBias = new double[k.outSize()];
        ReferenceConv.conv2dForward(g, x, w, null, noBias);
        ConvKernels.conv2dForward(g, k.x, k.w, null, fast = new float[k.outSize()]);
        assertClose("ConvKernels.conv2dForward without bias " + g, fast, noBias, outAbs, forwardTerms);

        double[] gradX = new double[k.inSize()], gradXAbs = new double[k.inSize()];
        ReferenceConv.conv2dBackwardInput(g, gradOut, w, gradX);
        ReferenceConv.conv2dBackwardInput(g, abs(gradOut), abs(w), gradXAbs);
        int inputTerms = g.groupOutChannels() * g.kernelH() * g.kernelW();
        float[] fastX = filled(k.inSize());                     // stale values must be overwritten
        ScalarConv.conv2dBackwardInput(g, k.gradOut, k.w, fastX, 0, g.batch());
        assertClose("ScalarConv.conv2dBackwardInput " + g, fastX, gradX, gradXAbs, inputTerms);
        ParallelConv.conv2dBackwardInput(g, k.gradOut, k.w, fastX = filled(k.inSize()), ScalarConv::addInto);
        assertClose("ParallelConv.conv2dBackwardInput " + g, fastX, gradX, gradXAbs, inputTerms);
        ConvKernels.conv2dBackwardInput(g, k.gradOut, k.w, fastX = filled(k.inSize()));
        assertClose("ConvKernels.conv2dBackwardInput " + g, fastX, gradX, gradXAbs, inputTerms);

        double[] gradW = new double[g.weightSize()], gradWAbs = new double[g.weightSize()];
        ReferenceConv.conv2dBackwardWeight(g, gradOut, x, gradW);
        ReferenceConv.conv2dBackwardWeight(g, abs(gradOut), abs(x), gradWAbs);
        int weightTerms = g.batch() * g.outPlane();
        float[] fastW = new float[g.weightSize()];              // ScalarConv adds to its output
        ScalarConv.conv2dBackwardWeight(g, k.gradOut, k.x, fastW, 0, g.batch());
        assertClose("ScalarConv.conv2dBackwardWeight " + g, fastW, gradW, gradWAbs, weightTerms);
        ParallelConv.conv2dBackwardWeight(g, k.gradOut, k.x, fastW = filled(g.weightSize()));
        assertClose("ParallelConv.conv2dBackwardWeight " + g, fastW, gradW, gradWAbs, weightTerms);
        ConvKernels.conv2dBackwardWeight(g, k.gradOut, k.x, fastW = filled(g.weightSize()));
        assertClose("ConvKernels.conv2dBackwardWeight " + g, fastW, gradW, gradWAbs, weightTerms);

        double[] gradBias = new double[g.outChannels()], gradBiasAbs = new double[g.outChannels()];
        ReferenceConv.conv2dBackwardBias(g.batch(), g.outChannels(), g.outPlane(), gradOut, gradBias);
        ReferenceConv.conv2dBackwardBias(g.batch(), g.outChannels(), g.outPlane(), abs(gradOut), gradBiasAbs);
        float[] fastBias = filled(g.outChannels());
        ScalarConv.conv2dBackwardBias(g.batch(), g.outChannels(), g.outPlane(), k.gradOut, fastBias, 0, g.outChannels());
        assertClose("ScalarConv.conv2dBackwardBias " + g, fastBias, gradBias, gradBiasAbs, 1);
        ParallelConv.conv2dBackwardBias(g.batch(), g.outChannels(), g.outPlane(), k.gradOut, fastBias = filled(g.outChannels()));
        assertClose("ParallelConv.conv2dBackwardBias " + g, fastBias, gradBias, gradBiasAbs, 1);
    }

    @Test
    void parallelConvolutionIsBitIdenticalOnOneAndTwoThreads() {
        ConvCase k = ConvCase.random(new Rng(7), geometry(6, 6, 12, 10, 8, 3, 3, 1, 1, 1, 2));
        ConvGeometry g = k.g;
        int before = Parallel.threads();
        float[][] one, two;
        try {
            Parallel.setThreads(1);
            one = allConvOutputs(k);
            Parallel.setThreads(2);
            two = allConvOutputs(k);
        } finally {
            Parallel.setThreads(before);
        }
        assertThat(ParallelConv.imageChunks(g.batch())).isGreaterThan(1);
        for (int i = 0; i < one.length; i++) assertThat(two[i]).as("output %d", i).containsExactly(one[i]);
    }

    private static float[][] allConvOutputs(ConvCase k) {
        ConvGeometry g = k.g;
        float[] out = new float[k.outSize()], gradX = new float[k.inSize()], gradW = new float[g.weightSize()];
        float[] gradBias = new float[g.outChannels()];
        ParallelConv.conv2dForward(g, k.x, k.w, k.bias, out);
        ParallelConv.conv2dBackwardInput(g, k.gradOut, k.w, gradX, ScalarConv::addInto);
        ParallelConv.conv2dBackwardWeight(g, k.gradOut, k.x, gradW);
        ParallelConv.conv2dBackwardBias(g.batch(), g.outChannels(), g.outPlane(), k.gradOut, gradBias);
        return new float[][] {out, gradX, gradW, gradBias};
    }

    @Test
    void im2colAndCol2imAreAdjoint() {
        // ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩ for every geometry: col2im scatters exactly where im2col gathers.
        Cases.forAll("im2colAndCol2imAreAdjoint", 60, (rng, i) -> {
            ConvGeometry g = randomGeometry(rng);
            int image = g.channels() * g.inPlane();
            float[] x = Cases.floats(rng, image, -1, 1), c = Cases.floats(rng, g.columnSize(), -1, 1);
            float[] col = filled(g.columnSize()), back = new float[image];
            ScalarConv.im2col(g, x, 0, col);
            ScalarConv.col2im(g, c.clone(), back, 0, ScalarConv::addInto);
            double lhs = 0, rhs = 0, scale = 0;
            for (int j = 0; j < col.length; j++) {
                lhs += (double) col[j] * c[j];
                scale += Math.abs((double) col[j] * c[j]);
            }
            for (int j = 0; j < image; j++) rhs += (double) x[j] * back[j];
            assertThat(rhs).as("%s", g).isCloseTo(lhs, org.assertj.core.data.Offset.offset(g.kernelH() * g.kernelW() * 4 * U * scale + 1e-12));
        });
    }

    @Test
    void vectorAddIntoMatchesTheScalarLoopExactly() {
        assumeTrue(Simd.ENABLED, "Vector API not enabled");
        int lanes = dev.nabla.tensor.internal.simd.Lanes.F32.length();
        Rng rng = new Rng(13);
        for (int n : Cases.edgeSizes(lanes, 1000)) {
            float[] from = Cases.floats(rng, n + 5, -1, 1), to = Cases.floats(rng, n + 7, -1, 1), expected = to.clone();
            ScalarConv.addInto(expected, 3, from, 2, n);
            dev.nabla.tensor.internal.simd.VectorConv.addInto(to, 3, from, 2, n);
            assertThat(to).as("n=%d", n).containsExactly(expected);
        }
    }

    // ---- pooling -------------------------------------------------------------------------------

    static PoolGeometry randomPool(Rng rng) {
        while (true) {
            int kh = Cases.size(rng, 1, 4), kw = Cases.size(rng, 1, 4);
            int sh = Cases.size(rng, 1, 3), sw = Cases.size(rng, 1, 3);
            int ph = Cases.size(rng, 0, kh / 2), pw = Cases.size(rng, 0, kw / 2);
            int h = Cases.size(rng, 1, 18), w = Cases.size(rng, 1, 18);
            if (h + 2 * ph < kh || w + 2 * pw < kw) continue;
            return new PoolGeometry(Cases.size(rng, 1, 3), Cases.size(rng, 1, 3), h, w, kh, kw, sh, sw, ph, pw,
                    (h + 2 * ph - kh) / sh + 1, (w + 2 * pw - kw) / sw + 1);
        }
    }

    @Test
    void fastPoolingMatchesReferenceOnGeneratedGeometries() {
        Cases.forAll("fastPoolingMatchesReferenceOnGeneratedGeometries", 150, (rng, i) -> checkPooling(rng, randomPool(rng), i % 3 == 0));
    }

    @Test
    void fastPoolingMatchesReferenceAboveTheChunkSize() {
        // 40 planes of 32×32: several chunks of ParallelConv.ELEMENTS_PER_CHUNK elements.
        PoolGeometry p = new PoolGeometry(4, 10, 32, 32, 3, 3, 2, 2, 1, 1, 16, 16);
        assertThat((long) p.planes() * p.inPlane()).isGreaterThan(2L * ParallelConv.ELEMENTS_PER_CHUNK);
        checkPooling(new Rng(11), p, true);
    }

    /** With {@code ties}, values come from {-1, 0, 1} so windows often hold equal maxima. */
    private static void checkPooling(Rng rng, PoolGeometry p, boolean ties) {
        int in = p.planes() * p.inPlane(), outN = p.planes() * p.outPlane();
        float[] x = Cases.floats(rng, in, -1, 1), gradOut = Cases.floats(rng, outN, -1, 1);
        if (ties) for (int i = 0; i < in; i++) x[i] = Math.round(x[i]);
        double[] xd = widen(x), gd = widen(gradOut);

        double[] maxRef = new double[outN];
        long[] idxRef = new long[outN];
        ReferenceConv.maxPool2d(p, xd, maxRef, idxRef);
        float[] maxFast = filled(outN);
        long[] idxFast = new long[outN];
        ScalarConv.maxPool2d(p, x, maxFast, idxFast, 0, p.planes());
        assertThat(widen(maxFast)).as("ScalarConv.maxPool2d %s", p).containsExactly(maxRef);
        assertThat(idxFast).as("ScalarConv.maxPool2d indices %s", p).containsExactly(idxRef);
        ConvKernels.maxPool2d(p, x, maxFast = filled(outN), idxFast = new long[outN]);
        assertThat(widen(maxFast)).as("ConvKernels.maxPool2d %s", p).containsExactly(maxRef);
        assertThat(idxFast).as("ConvKernels.maxPool2d indices %s", p).containsExactly(idxRef);
        if (Simd.ENABLED) {
            dev.nabla.tensor.internal.simd.VectorConv.maxPool2d(p, x, maxFast = filled(outN), idxFast = new long[outN], 0, p.planes());
            assertThat(widen(maxFast)).as("VectorConv.maxPool2d %s", p).containsExactly(maxRef);
            assertThat(idxFast).as("VectorConv.maxPool2d indices %s", p).containsExactly(idxRef);
        }

        double[] maxBackRef = new double[in], maxBackAbs = new double[in];
        ReferenceConv.maxPool2dBackward(p, gd, idxRef, maxBackRef);
        ReferenceConv.maxPool2dBackward(p, abs(gd), idxRef, maxBackAbs);
        int overlap = ceilDiv(p.kernelH(), p.strideH()) * ceilDiv(p.kernelW(), p.strideW());
        float[] gradX = filled(in);
        ScalarConv.maxPool2dBackward(p, gradOut, idxRef, gradX, 0, p.planes());
        assertClose("ScalarConv.maxPool2dBackward " + p, gradX, maxBackRef, maxBackAbs, overlap);
        ConvKernels.maxPool2dBackward(p, gradOut, idxRef, gradX = filled(in));
        assertClose("ConvKernels.maxPool2dBackward " + p, gradX, maxBackRef, maxBackAbs, overlap);

        double[] avgRef = new double[outN], avgAbs = new double[outN];
        ReferenceConv.avgPool2d(p, xd, avgRef);
        ReferenceConv.avgPool2d(p, abs(xd), avgAbs);
        float[] avgFast = filled(outN);
        ScalarConv.avgPool2d(p, x, avgFast, 0, p.planes());
        assertClose("ScalarConv.avgPool2d " + p, avgFast, avgRef, avgAbs, p.windowSize() + 1);
        ConvKernels.avgPool2d(p, x, avgFast = filled(outN));
        assertClose("ConvKernels.avgPool2d " + p, avgFast, avgRef, avgAbs, p.windowSize() + 1);

        double[] avgBackRef = new double[in], avgBackAbs = new double[in];
        ReferenceConv.avgPool2dBackward(p, gd, avgBackRef);
        ReferenceConv.avgPool2dBackward(p, abs(gd), avgBackAbs);
        ScalarConv.avgPool2dBackward(p, gradOut, gradX = filled(in), 0, p.planes());
        assertClose("ScalarConv.avgPool2dBackward " + p, gradX, avgBackRef, avgBackAbs, overlap + 1);
        ConvKernels.avgPool2dBackward(p, gradOut, gradX = filled(in));
        assertClose("ConvKernels.avgPool2dBackward " + p, gradX, avgBackRef, avgBackAbs, overlap + 1);

        double[] meanRef = new double[p.planes()], meanAbs = new double[p.planes()];
        ReferenceConv.globalAvgPool2d(p.planes(), p.inPlane(), xd, meanRef);
        ReferenceConv.globalAvgPool2d(p.planes(), p.inPlane(), abs(xd), meanAbs);
        float[] mean = filled(p.planes());
        ScalarConv.globalAvgPool2d(p.inPlane(), x, mean, 0, p.planes());
        assertClose("ScalarConv.globalAvgPool2d " + p, mean, meanRef, meanAbs, 1);
        ConvKernels.globalAvgPool2d(p.planes(), p.inPlane(), x, mean = filled(p.planes()));
        assertClose("ConvKernels.globalAvgPool2d " + p, mean, meanRef, meanAbs, 1);
    }

    @Test
    void fastMaxPoolingPropagatesNaNLikeTheReference() {
        Cases.forAll("fastMaxPoolingPropagatesNaNLikeTheReference", 40, (rng, i) -> {
            PoolGeometry p = randomPool(rng);
            float[] x = Cases.floats(rng, p.planes() * p.inPlane(), -1, 1);
            for (int j = 0; j < x.length; j++) {
                long r = rng.nextLong(6);
                if (r == 0) x[j] = Float.NaN;
                if (r == 1) x[j] = Float.NEGATIVE_INFINITY;         // all-−∞ windows keep their first element
            }
            int outN = p.planes() * p.outPlane();
            double[] ref = new double[outN];
            long[] refIdx = new long[outN], idx = new long[outN];
            float[] out = filled(outN);
            ReferenceConv.maxPool2d(p, widen(x), ref, refIdx);
            ConvKernels.maxPool2d(p, x, out, idx);
            assertThat(widen(out)).as("%s", p).containsExactly(ref);
            assertThat(idx).as("%s", p).containsExactly(refIdx);
            ScalarConv.maxPool2d(p, x, out = filled(outN), idx = new long[outN], 0, p.planes());
            assertThat(widen(out)).as("ScalarConv %s", p).containsExactly(ref);
            assertThat(idx).as("ScalarConv %s", p).containsExactly(refIdx);
        });
    }

    @Test
    void parallelPoolingIsBitIdenticalOnOneAndTwoThreads() {
        PoolGeometry p = new PoolGeometry(4, 10, 32, 32, 3, 3, 2, 2, 1, 1, 16, 16);
        Rng rng = new Rng(5);
        float[] x = Cases.floats(rng, p.planes() * p.inPlane(), -1, 1), gradOut = Cases.floats(rng, p.planes() * p.outPlane(), -1, 1);
        int before = Parallel.threads();
        float[][] one, two;
        try {
            Parallel.setThreads(1);
            one = allPoolOutputs(p, x, gradOut);
            Parallel.setThreads(2);
            two = allPoolOutputs(p, x, gradOut);
        } finally {
            Parallel.setThreads(before);
        }
        for (int i = 0; i < one.length; i++) assertThat(two[i]).as("output %d", i).containsExactly(one[i]);
    }

    private static float[][] allPoolOutputs(PoolGeometry p, float[] x, float[] gradOut) {
        int in = p.planes() * p.inPlane(), outN = p.planes() * p.outPlane();
        float[] max = new float[outN], maxBack = new float[in], avg = new float[outN], avgBack = new float[in];
        float[] mean = new float[p.planes()];
        long[] idx = new long[outN];
        ScalarConv.MaxPool tier = Simd.ENABLED ? dev.nabla.tensor.internal.simd.VectorConv::maxPool2d : ScalarConv::maxPool2d;
        ParallelConv.maxPool2d(p, x, max, idx, tier);
        ParallelConv.maxPool2dBackward(p, gradOut, idx, maxBack);
        ParallelConv.avgPool2d(p, x, avg);
        ParallelConv.avgPool2dBackward(p, gradOut, avgBack);
        ParallelConv.globalAvgPool2d(p.planes(), p.inPlane(), x, mean);
        return new float[][] {max, maxBack, avg, avgBack, mean};
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** |fast − ref| ≤ (terms + 2)·2⁻²⁴·refAbs elementwise (see the class comment). */
    private static void assertClose(String what, float[] fast, double[] ref, double[] refAbs, int terms) {
        assertThat(fast).as(what + ": length").hasSize(ref.length);
        for (int i = 0; i < ref.length; i++) {
            double tol = (terms + 2) * U * refAbs[i] + Double.MIN_NORMAL;
            if (!(Math.abs(fast[i] - ref[i]) <= tol)) {
                throw new AssertionError(what + ": element " + i + " is " + fast[i] + ", reference " + ref[i]
                        + " (|diff|=" + Math.abs(fast[i] - ref[i]) + " > tolerance " + tol + ")");
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** An output buffer full of garbage, so a kernel that forgets to write an element fails. */
    private static float[] filled(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 123.25f);
        return a;
    }

    private static double[] widen(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    private static double[] abs(double[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = Math.abs(a[i]);
        return d;
    }
}
