package dev.nabla.tensor.internal;

import java.util.Arrays;

/**
 * Fast F32 convolution and pooling on the calling thread, for a range of images (or planes, or
 * channels); {@link ParallelConv} runs these ranges as chunks, and {@link ReferenceConv} is the
 * specification each method is tested against.
 *
 * <p>Convolution is im2col + GEMM through {@link GemmKernels#sgemm}, one image at a time, so nearly
 * all SIMD work lives in the GEMM (the SIMD tier only swaps in col2im's row additions). For image {@code n} and group {@code g}, with
 * {@code col (C·KH·KW, OH·OW)} the image's patches ({@code col[(c·KH + kh)·KW + kw][oh·OW + ow] =
 * x[n][c][ih][iw]}, 0 in the padding), {@code P = OH·OW} and {@code K = C/G·KH·KW}:
 * <pre>
 *   forward         out[n][g] (OC/G, P) = W[g] (OC/G, K) · col[g] (K, P)            (+ bias)
 *   backward-weight dW[g] (OC/G, K)    += gradOut[n][g] (OC/G, P) · col[g]ᵀ (P, K)  (computed as its transpose, see there)
 *   backward-input  colGrad[g] (K, P)   = W[g]ᵀ (K, OC/G) · gradOut[n][g] (OC/G, P), then col2im adds it into gradX
 * </pre>
 * Backward-input reads W through a transposed copy (see {@code transposedWeight}). A pointwise
 * convolution (1×1, stride 1, no padding) skips im2col and col2im: the image itself is {@code col}. Tolerance against the reference: each output is a float sum of K products
 * (forward) or OC/G·KH·KW products (backward-input) or N·P products (backward-weight), in another
 * order than the reference's double sum, so |fast − reference| ≤ (terms + 2)·2⁻²⁴·Σ|products|.
 *
 * <p>The im2col and the weight-sized (Wᵀ, dWᵀ) scratch are one buffer each per thread, grown on demand and reused across
 * images and calls; they are overwritten before each use, so they never carry data between calls.
 */
public final class ScalarConv {
    private static final String PARITY_TEST = "dev.nabla.tensor.internal.ConvParityTest";
    private static final ThreadLocal<float[]> COLUMNS = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> WEIGHT_T = ThreadLocal.withInitial(() -> new float[0]);

    private ScalarConv() {}

    /** out (N,OC,OH,OW) for images [n0, n1) of x (N,C,H,W), w (OC,C/G,KH,KW), bias (OC) or null. */
    @ReferenceTwin(reference = ReferenceConv.class, method = "conv2dForward", parityTest = PARITY_TEST)
    public static void conv2dForward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] out, int n0, int n1) {
        int p = g.outPlane(), k = g.groupPatch(), ocg = g.groupOutChannels();
        float[] col = g.isPointwise() ? null : columnScratch(g.columnSize());
        for (int n = n0; n < n1; n++) {
            int xOff = n * g.channels() * g.inPlane(), outOff = n * g.outChannels() * p;
            float[] b = col == null ? x : col;
            int bOff = col == null ? xOff : 0;
            if (col != null) im2col(g, x, xOff, col);
            if (bias != null) {
                for (int oc = 0; oc < g.outChannels(); oc++) Arrays.fill(out, outOff + oc * p, outOff + (oc + 1) * p, bias[oc]);
            }
            for (int grp = 0; grp < g.groups(); grp++) {
                GemmKernels.sgemm(ocg, p, k,
                        w, grp * ocg * k, k, 1,
                        b, bOff + grp * k * p, p, 1,
                        out, outOff + grp * ocg * p, p, bias != null);
            }
        }
    }

    /** The inner loop of col2im, {@code to[toOff + j] += from[fromOff + j]} for {@code j < n}: one implementation per tier. */
    @FunctionalInterface
    public interface RowAdder {
        void add(float[] to, int toOff, float[] from, int fromOff, int n);
    }

    /** gradX (N,C,H,W) for images [n0, n1), from gradOut (N,OC,OH,OW) and w (OC,C/G,KH,KW). */
    @ReferenceTwin(reference = ReferenceConv.class, method = "conv2dBackwardInput", parityTest = PARITY_TEST)
    public static void conv2dBackwardInput(ConvGeometry g, float[] gradOut, float[] w, float[] gradX, int n0, int n1) {
        conv2dBackwardInput(g, gradOut, w, gradX, n0, n1, ScalarConv::addInto);
    }

    /** As above, with col2im's additions done by {@code adder} (the SIMD tier passes its own). */
    @ReferenceTwin(reference = ReferenceConv.class, method = "conv2dBackwardInput", parityTest = PARITY_TEST)
    public static void conv2dBackwardInput(ConvGeometry g, float[] gradOut, float[] w, float[] gradX, int n0, int n1, RowAdder adder) {
        int p = g.outPlane(), k = g.groupPatch(), ocg = g.groupOutChannels();
        float[] col = g.isPointwise() ? null : columnScratch(g.columnSize());
        float[] wt = transposedWeight(g, w);
        for (int n = n0; n < n1; n++) {
            int xOff = n * g.channels() * g.inPlane(), gOff = n * g.outChannels() * p;
            float[] c = col == null ? gradX : col;
            int cOff = col == null ? xOff : 0;
            for (int grp = 0; grp < g.groups(); grp++) {
                GemmKernels.sgemm(k, p, ocg,
                        wt, grp * ocg, g.outChannels(), 1,             // W[g]ᵀ (K, OC/G) read from Wᵀ
                        gradOut, gOff + grp * ocg * p, p, 1,
                        c, cOff + grp * k * p, p, false);
            }
            if (col != null) {
                Arrays.fill(gradX, xOff, xOff + g.channels() * g.inPlane(), 0f);
                col2im(g, col, gradX, xOff, adder);
            }
        }
    }

    /**
     * Adds to gradW (OC,C/G,KH,KW) the contribution of images [n0, n1) of gradOut (N,OC,OH,OW) and x (N,C,H,W).
     * Computes dWᵀ[g] (K, OC/G) += col[g] (K, P) · gradOut[n][g]ᵀ (P, OC/G) into this thread's scratch and adds
     * its transpose to gradW at the end: for the first layer's (32, 9, 784) product this orientation gives
     * the GEMM's 8×32 register tile 9×32 instead of 32×9 outputs (measured, JDK 25, one thread, per image:
     * 48 → 34 µs); for the other benchmark layers the two orientations measured the same.
     */
    @ReferenceTwin(reference = ReferenceConv.class, method = "conv2dBackwardWeight", parityTest = PARITY_TEST)
    public static void conv2dBackwardWeight(ConvGeometry g, float[] gradOut, float[] x, float[] gradW, int n0, int n1) {
        int p = g.outPlane(), k = g.groupPatch(), ocg = g.groupOutChannels(), oc = g.outChannels();
        float[] col = g.isPointwise() ? null : columnScratch(g.columnSize());
        float[] gradWt = weightScratch(g.weightSize());
        Arrays.fill(gradWt, 0, g.weightSize(), 0f);
        for (int n = n0; n < n1; n++) {
            int xOff = n * g.channels() * g.inPlane(), gOff = n * oc * p;
            float[] a = col == null ? x : col;
            int aOff = col == null ? xOff : 0;
            if (col != null) im2col(g, x, xOff, col);
            for (int grp = 0; grp < g.groups(); grp++) {
                GemmKernels.sgemm(k, ocg, p,
                        a, aOff + grp * k * p, p, 1,
                        gradOut, gOff + grp * ocg * p, 1, p,
                        gradWt, grp * ocg, oc, true);
            }
        }
        for (int o = 0; o < oc; o++) {
            for (int j = 0; j < k; j++) gradW[o * k + j] += gradWt[j * oc + o];
        }
    }

    /** gradBias[oc] = Σ_{n, j} gradOut[n][oc][j] for channels [oc0, oc1) of gradOut (N,OC,P), summed in double. */
    @ReferenceTwin(reference = ReferenceConv.class, method = "conv2dBackwardBias", parityTest = PARITY_TEST)
    public static void conv2dBackwardBias(int batch, int outChannels, int plane, float[] gradOut, float[] gradBias, int oc0, int oc1) {
        for (int oc = oc0; oc < oc1; oc++) {
            double s = 0;
            for (int n = 0; n < batch; n++) {
                int from = (n * outChannels + oc) * plane;
                s += sumInDouble(gradOut, from, from + plane);
            }
            gradBias[oc] = (float) s;
        }
    }

    // Pooling works one output row at a time: for each input row of the windows and each kernel column kw,
    // one pass over the output row's columns ow. So each window is still visited in row-major order (ties
    // broken and sums added in the reference's order) without per-window loop set-up. x is (N·C,H,W), out is (N·C,OH,OW).

    /** Max pooling of planes [q0, q1): one implementation per tier ({@link #maxPool2d}, {@code VectorConv.maxPool2d}). */
    @FunctionalInterface
    public interface MaxPool {
        void run(PoolGeometry p, float[] x, float[] out, long[] indices, int q0, int q1);
    }

    /** Max pooling of planes [q0, q1) of x (N·C,H,W) → out and indices (N·C,OH,OW); ties and NaN as the reference. */
    @ReferenceTwin(reference = ReferenceConv.class, method = "maxPool2d", parityTest = PARITY_TEST)
    public static void maxPool2d(PoolGeometry p, float[] x, float[] out, long[] indices, int q0, int q1) {
        int ow = p.outW(), w = p.width(), sw = p.strideW();
        float[] best = new float[ow];
        int[] bestAt = new int[ow];
        for (int q = q0; q < q1; q++) {
            int in = q * p.inPlane();
            for (int oh = 0; oh < p.outH(); oh++) {
                int top = oh * p.strideH() - p.padH();
                int ihLo = Math.max(0, top), ihHi = Math.min(p.height(), top + p.kernelH());
                Arrays.fill(best, Float.NEGATIVE_INFINITY);
                for (int o = 0; o < ow; o++) bestAt[o] = ihLo * w + Math.max(0, o * sw - p.padW());   // window's first element
                for (int ih = ihLo; ih < ihHi; ih++) {
                    for (int kw = 0; kw < p.kernelW(); kw++) {
                        int shift = kw - p.padW(), at = ih * w + shift;   // (ih, o·sw + shift) is at + o·sw in the plane
                        int lo = Math.min(ow, firstInside(shift, sw)), hi = endInside(shift, sw, w, ow);
                        for (int o = lo; o < hi; o++) {
                            float v = x[in + at + o * sw];
                            if (v > best[o] || Float.isNaN(v)) {          // strict >: the first of equal maxima stays
                                best[o] = v;
                                bestAt[o] = at + o * sw;
                            }
                        }
                    }
                }
                int first = (q * p.outH() + oh) * ow;
                for (int o = 0; o < ow; o++) {
                    out[first + o] = best[o];
                    indices[first + o] = bestAt[o];
                }
            }
        }
    }

    /** gradX (N·C,H,W) for planes [q0, q1): each gradOut element added at its argmax. */
    @ReferenceTwin(reference = ReferenceConv.class, method = "maxPool2dBackward", parityTest = PARITY_TEST)
    public static void maxPool2dBackward(PoolGeometry p, float[] gradOut, long[] indices, float[] gradX, int q0, int q1) {
        Arrays.fill(gradX, q0 * p.inPlane(), q1 * p.inPlane(), 0f);
        for (int q = q0; q < q1; q++) {
            int in = q * p.inPlane();
            for (int o = q * p.outPlane(); o < (q + 1) * p.outPlane(); o++) gradX[in + (int) indices[o]] += gradOut[o];
        }
    }

    /** Average pooling of planes [q0, q1) of x (N·C,H,W) → out (N·C,OH,OW), dividing by KH·KW. */
    @ReferenceTwin(reference = ReferenceConv.class, method = "avgPool2d", parityTest = PARITY_TEST)
    public static void avgPool2d(PoolGeometry p, float[] x, float[] out, int q0, int q1) {
        int ow = p.outW(), w = p.width(), sw = p.strideW();
        float[] sum = new float[ow];
        for (int q = q0; q < q1; q++) {
            int in = q * p.inPlane();
            for (int oh = 0; oh < p.outH(); oh++) {
                int top = oh * p.strideH() - p.padH();
                int ihLo = Math.max(0, top), ihHi = Math.min(p.height(), top + p.kernelH());
                Arrays.fill(sum, 0f);
                for (int ih = ihLo; ih < ihHi; ih++) {
                    for (int kw = 0; kw < p.kernelW(); kw++) {
                        int shift = kw - p.padW(), at = in + ih * w + shift;
                        int lo = Math.min(ow, firstInside(shift, sw)), hi = endInside(shift, sw, w, ow);
                        for (int o = lo; o < hi; o++) sum[o] += x[at + o * sw];
                    }
                }
                int row = (q * p.outH() + oh) * ow;
                for (int o = 0; o < ow; o++) out[row + o] = sum[o] / p.windowSize();
            }
        }
    }

    /** gradX (N·C,H,W) for planes [q0, q1): each gradOut element / (KH·KW) added over its window. */
    @ReferenceTwin(reference = ReferenceConv.class, method = "avgPool2dBackward", parityTest = PARITY_TEST)
    public static void avgPool2dBackward(PoolGeometry p, float[] gradOut, float[] gradX, int q0, int q1) {
        int ow = p.outW(), w = p.width(), sw = p.strideW();
        float[] share = new float[ow];
        Arrays.fill(gradX, q0 * p.inPlane(), q1 * p.inPlane(), 0f);
        for (int q = q0; q < q1; q++) {
            int in = q * p.inPlane();
            for (int oh = 0; oh < p.outH(); oh++) {
                int top = oh * p.strideH() - p.padH();
                int ihLo = Math.max(0, top), ihHi = Math.min(p.height(), top + p.kernelH());
                int row = (q * p.outH() + oh) * ow;
                for (int o = 0; o < ow; o++) share[o] = gradOut[row + o] / p.windowSize();
                for (int ih = ihLo; ih < ihHi; ih++) {
                    for (int kw = 0; kw < p.kernelW(); kw++) {
                        int shift = kw - p.padW(), at = in + ih * w + shift;
                        int lo = Math.min(ow, firstInside(shift, sw)), hi = endInside(shift, sw, w, ow);
                        for (int o = lo; o < hi; o++) gradX[at + o * sw] += share[o];
                    }
                }
            }
        }
    }

    /** out[q] = mean of plane q of x (Q, P), for planes [q0, q1), summed in double. */
    @ReferenceTwin(reference = ReferenceConv.class, method = "globalAvgPool2d", parityTest = PARITY_TEST)
    public static void globalAvgPool2d(int plane, float[] x, float[] out, int q0, int q1) {
        for (int q = q0; q < q1; q++) out[q] = (float) (sumInDouble(x, q * plane, (q + 1) * plane) / plane);
    }

    // ---- helpers of the parallel tier and of the kernels above ---------------------------------

    /** out = partials[0] + partials[1] + …, added in that order (the fixed combine order of chunk results); 0 if none. */
    static void sumInOrder(float[][] partials, float[] out) {
        if (partials.length == 0) {
            Arrays.fill(out, 0f);
            return;
        }
        System.arraycopy(partials[0], 0, out, 0, out.length);
        for (int c = 1; c < partials.length; c++) {
            float[] part = partials[c];
            for (int i = 0; i < out.length; i++) out[i] += part[i];
        }
    }

    /**
     * Σ a[from, to) in double, as four interleaved partial sums added (s0 + s1) + (s2 + s3): a fixed
     * order (so deterministic), with four independent add chains instead of one.
     */
    static double sumInDouble(float[] a, int from, int to) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = from;
        for (; j + 3 < to; j += 4) {
            s0 += a[j];
            s1 += a[j + 1];
            s2 += a[j + 2];
            s3 += a[j + 3];
        }
        for (; j < to; j++) s0 += a[j];
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Wᵀ (K, OC) of w (OC, K), K = C/G·KH·KW, in this thread's scratch. The GEMM packs its A operand
     * with one copy per row when A's rows are contiguous (aColStride = 1), and with a copy of MR
     * floats per step of p otherwise, so backward-input reads its A = W[g]ᵀ (K, OC/G) from this
     * transposed copy (one small copy per chunk), while the forward reads W as it is.
     */
    private static float[] transposedWeight(ConvGeometry g, float[] w) {
        int k = g.groupPatch(), oc = g.outChannels();
        float[] wt = weightScratch(g.weightSize());
        for (int o = 0; o < oc; o++) {
            for (int j = 0; j < k; j++) wt[j * oc + o] = w[o * k + j];
        }
        return wt;
    }

    /** This thread's buffer for a weight-sized (K, OC) matrix, at least {@code size} long. */
    private static float[] weightScratch(int size) {
        return scratch(WEIGHT_T, size);
    }

    /** This thread's im2col buffer, at least {@code size} long. */
    private static float[] columnScratch(int size) {
        return scratch(COLUMNS, size);
    }

    /** The calling thread's buffer in {@code holder}, grown to at least {@code size} floats (contents undefined). */
    private static float[] scratch(ThreadLocal<float[]> holder, int size) {
        float[] buffer = holder.get();
        if (buffer.length < size) {
            buffer = new float[size];
            holder.set(buffer);
        }
        return buffer;
    }

    // x image at xOff is (C,H,W), col is (C·KH·KW, OH·OW): col[(c·KH + kh)·KW + kw][oh·OW + ow] = x[c][ih][iw] or 0,
    // ih = oh·strideH + shiftH, iw = ow·strideW + shiftW. Output rows [ohLo, ohHi) and columns [lo, hi) read inside x.
    static void im2col(ConvGeometry g, float[] x, int xOff, float[] col) {
        int oh = g.outH(), ow = g.outW(), sh = g.strideH(), sw = g.strideW(), w = g.width();
        boolean blockCopy = sh == 1 && sw == 1 && ow == w;     // then a row's valid part is one run of x (see below)
        for (int c = 0; c < g.channels(); c++) {
            for (int kh = 0; kh < g.kernelH(); kh++) {
                int shiftH = kh * g.dilationH() - g.padH();
                int ohLo = Math.min(oh, firstInside(shiftH, sh)), ohHi = Math.max(ohLo, endInside(shiftH, sh, g.height(), oh));
                for (int kw = 0; kw < g.kernelW(); kw++) {
                    int row = ((c * g.kernelH() + kh) * g.kernelW() + kw) * g.outPlane();
                    int shiftW = kw * g.dilationW() - g.padW();
                    int lo = Math.min(ow, firstInside(shiftW, sw)), hi = Math.max(lo, endInside(shiftW, sw, w, ow));
                    Arrays.fill(col, row, row + ohLo * ow, 0f);
                    Arrays.fill(col, row + ohHi * ow, row + oh * ow, 0f);
                    int src = xOff + (c * g.height() + ohLo * sh + shiftH) * w + shiftW;   // x index of (ohLo, ow = 0)
                    int dst = row + ohLo * ow;
                    if (blockCopy && hi > lo && ohHi > ohLo) {
                        // with unit strides and OW = W, consecutive col rows read consecutive x rows: one copy,
                        // then zero the columns that wrapped around into the neighbouring x row
                        System.arraycopy(x, src + lo, col, dst + lo, (ohHi - ohLo - 1) * ow + hi - lo);
                        zeroOutside(col, dst, ohHi - ohLo, ow, lo, hi);
                        continue;
                    }
                    for (int r = ohLo; r < ohHi; r++, src += sh * w, dst += ow) {
                        Arrays.fill(col, dst, dst + lo, 0f);
                        if (sw == 1) {
                            System.arraycopy(x, src + lo, col, dst + lo, hi - lo);
                        } else {
                            for (int j = lo; j < hi; j++) col[dst + j] = x[src + j * sw];
                        }
                        Arrays.fill(col, dst + hi, dst + ow, 0f);
                    }
                }
            }
        }
    }

    // col is (C·KH·KW, OH·OW), gradX image at xOff is (C,H,W): the adjoint of im2col, gradX[c][ih][iw] += col[…][…].
    // Zeroes col's padding entries on the way (col is scratch).
    static void col2im(ConvGeometry g, float[] col, float[] gradX, int xOff, RowAdder adder) {
        int oh = g.outH(), ow = g.outW(), sh = g.strideH(), sw = g.strideW(), w = g.width();
        boolean blockAdd = sh == 1 && sw == 1 && ow == w;
        for (int c = 0; c < g.channels(); c++) {
            for (int kh = 0; kh < g.kernelH(); kh++) {
                int shiftH = kh * g.dilationH() - g.padH();
                int ohLo = Math.min(oh, firstInside(shiftH, sh)), ohHi = Math.max(ohLo, endInside(shiftH, sh, g.height(), oh));
                for (int kw = 0; kw < g.kernelW(); kw++) {
                    int row = ((c * g.kernelH() + kh) * g.kernelW() + kw) * g.outPlane();
                    int shiftW = kw * g.dilationW() - g.padW();
                    int lo = Math.min(ow, firstInside(shiftW, sw)), hi = Math.max(lo, endInside(shiftW, sw, w, ow));
                    if (hi == lo) continue;
                    int dst = xOff + (c * g.height() + ohLo * sh + shiftH) * w + shiftW;
                    int src = row + ohLo * ow;
                    if (blockAdd) {
                        // as in im2col: zero the wrapped columns, then one long add (adding 0 to a neighbour is harmless)
                        zeroOutside(col, src, ohHi - ohLo, ow, lo, hi);
                        adder.add(gradX, dst + lo, col, src + lo, ohHi > ohLo ? (ohHi - ohLo - 1) * ow + hi - lo : 0);
                        continue;
                    }
                    for (int r = ohLo; r < ohHi; r++, dst += sh * w, src += ow) {
                        if (sw == 1) {
                            adder.add(gradX, dst + lo, col, src + lo, hi - lo);
                        } else {
                            for (int j = lo; j < hi; j++) gradX[dst + j * sw] += col[src + j];
                        }
                    }
                }
            }
        }
    }

    /**
     * Zeroes columns [0, lo) and [hi, width) of {@code rows} rows of {@code width} from {@code off}.
     * Column by column: the few padded columns are the short outer loop and the rows the long inner
     * one (row by row, two loops of 0 to 2 steps per row took 10 % of a 64x32x64x14 forward+backward,
     * JDK 25, one thread).
     */
    private static void zeroOutside(float[] a, int off, int rows, int width, int lo, int hi) {
        int end = off + rows * width;
        for (int j = 0; j < lo; j++) {
            for (int r = off + j; r < end; r += width) a[r] = 0f;
        }
        for (int j = hi; j < width; j++) {
            for (int r = off + j; r < end; r += width) a[r] = 0f;
        }
    }

    /** to[toOff + j] += from[fromOff + j] for j < n (C2 does not vectorize this: to and from may be one array). */
    static void addInto(float[] to, int toOff, float[] from, int fromOff, int n) {
        for (int j = 0; j < n; j++) to[toOff + j] += from[fromOff + j];
    }

    /** The first j ≥ 0 with j·stride + shift ≥ 0. */
    private static int firstInside(int shift, int stride) {
        return shift >= 0 ? 0 : (-shift + stride - 1) / stride;
    }

    /** The first j with j·stride + shift ≥ extent, at most {@code count}. */
    private static int endInside(int shift, int stride, int extent, int count) {
        return shift >= extent ? 0 : Math.min(count, (extent - shift + stride - 1) / stride);
    }
}
