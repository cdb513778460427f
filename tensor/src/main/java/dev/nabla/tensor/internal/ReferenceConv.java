package dev.nabla.tensor.internal;

import java.util.Arrays;

/**
 * The specification of 2-d convolution and pooling: plain loops in double, never optimized.
 * The fast F32 kernels ({@link ScalarConv}, {@link ParallelConv}) are tested against these, and
 * these serve F64 directly. All arrays are dense row-major; outputs are overwritten.
 *
 * <p>Convolution, as in PyTorch ({@code g = oc / (OC/G)} is the group of output channel {@code oc}):
 * <pre>
 *   out[n][oc][oh][ow] = bias[oc] + Σ_{ci < C/G, kh, kw} x[n][g·C/G + ci][ih][iw] · w[oc][ci][kh][kw]
 *       with ih = oh·strideH − padH + kh·dilationH,  iw = ow·strideW − padW + kw·dilationW
 *       (terms whose (ih, iw) falls in the zero padding are 0)
 * </pre>
 * Every term of that sum links one output element, one input element and one weight element (a
 * "tap"). The three passes visit the same taps, so they share one loop nest ({@link #forEachTap}):
 * <pre>
 *   forward         out[o] += x[i] · w[k]
 *   backward-input  ∂L/∂x[i] += ∂L/∂out[o] · w[k]
 *   backward-weight ∂L/∂w[k] += ∂L/∂out[o] · x[i]
 *   backward-bias   ∂L/∂bias[oc] = Σ_{n, oh, ow} ∂L/∂out[n][oc][oh][ow]
 * </pre>
 */
public final class ReferenceConv {
    private ReferenceConv() {}

    /** One tap of the convolution, as flat indices into out, x and w. */
    @FunctionalInterface
    private interface Tap {
        void visit(int outIndex, int xIndex, int wIndex);
    }

    // x is (N,C,H,W), w is (OC,C/G,KH,KW), out is (N,OC,OH,OW)
    private static void forEachTap(ConvGeometry g, Tap tap) {
        int cg = g.groupChannels(), ocg = g.groupOutChannels();
        for (int n = 0; n < g.batch(); n++) {
            for (int oc = 0; oc < g.outChannels(); oc++) {
                int group = oc / ocg;
                for (int oh = 0; oh < g.outH(); oh++) {
                    for (int ow = 0; ow < g.outW(); ow++) {
                        int o = ((n * g.outChannels() + oc) * g.outH() + oh) * g.outW() + ow;
                        for (int ci = 0; ci < cg; ci++) {
                            int c = group * cg + ci;
                            for (int kh = 0; kh < g.kernelH(); kh++) {
                                int ih = oh * g.strideH() - g.padH() + kh * g.dilationH();
                                if (ih < 0 || ih >= g.height()) continue;
                                for (int kw = 0; kw < g.kernelW(); kw++) {
                                    int iw = ow * g.strideW() - g.padW() + kw * g.dilationW();
                                    if (iw < 0 || iw >= g.width()) continue;
                                    int i = ((n * g.channels() + c) * g.height() + ih) * g.width() + iw;
                                    int k = ((oc * cg + ci) * g.kernelH() + kh) * g.kernelW() + kw;
                                    tap.visit(o, i, k);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** x (N,C,H,W), w (OC,C/G,KH,KW), bias (OC) or null → out (N,OC,OH,OW). */
    public static void conv2dForward(ConvGeometry g, double[] x, double[] w, double[] bias, double[] out) {
        int plane = g.outPlane();
        for (int i = 0; i < g.batch() * g.outChannels() * plane; i++) {
            out[i] = bias == null ? 0 : bias[(i / plane) % g.outChannels()];
        }
        forEachTap(g, (o, i, k) -> out[o] += x[i] * w[k]);
    }

    /** gradOut (N,OC,OH,OW), w (OC,C/G,KH,KW) → gradX (N,C,H,W). */
    public static void conv2dBackwardInput(ConvGeometry g, double[] gradOut, double[] w, double[] gradX) {
        Arrays.fill(gradX, 0, g.batch() * g.channels() * g.inPlane(), 0);
        forEachTap(g, (o, i, k) -> gradX[i] += gradOut[o] * w[k]);
    }

    /** gradOut (N,OC,OH,OW), x (N,C,H,W) → gradW (OC,C/G,KH,KW). */
    public static void conv2dBackwardWeight(ConvGeometry g, double[] gradOut, double[] x, double[] gradW) {
        Arrays.fill(gradW, 0, g.weightSize(), 0);
        forEachTap(g, (o, i, k) -> gradW[k] += gradOut[o] * x[i]);
    }

    /** gradOut (N,OC,P) with P = OH·OW → gradBias (OC): the sum over N and P. */
    public static void conv2dBackwardBias(int batch, int outChannels, int plane, double[] gradOut, double[] gradBias) {
        for (int oc = 0; oc < outChannels; oc++) {
            double s = 0;
            for (int n = 0; n < batch; n++) {
                for (int p = 0; p < plane; p++) s += gradOut[(n * outChannels + oc) * plane + p];
            }
            gradBias[oc] = s;
        }
    }

    /** One window position of a pooling: the input element (ih, iw) in plane q for output (oh, ow). */
    @FunctionalInterface
    private interface WindowVisitor {
        void visit(int outIndex, int inIndex, int ih, int iw);
    }

    // x is (N·C, H, W), out is (N·C, OH, OW); visits window elements in row-major order, skipping padding
    private static void forEachWindowElement(PoolGeometry p, WindowVisitor visitor) {
        for (int q = 0; q < p.planes(); q++) {
            for (int oh = 0; oh < p.outH(); oh++) {
                for (int ow = 0; ow < p.outW(); ow++) {
                    int o = (q * p.outH() + oh) * p.outW() + ow;
                    for (int kh = 0; kh < p.kernelH(); kh++) {
                        int ih = oh * p.strideH() - p.padH() + kh;
                        if (ih < 0 || ih >= p.height()) continue;
                        for (int kw = 0; kw < p.kernelW(); kw++) {
                            int iw = ow * p.strideW() - p.padW() + kw;
                            if (iw < 0 || iw >= p.width()) continue;
                            visitor.visit(o, (q * p.height() + ih) * p.width() + iw, ih, iw);
                        }
                    }
                }
            }
        }
    }

    /**
     * Max pooling: {@code out[o]} is the largest element of window {@code o} (padding acts as −∞)
     * and {@code indices[o]} its flat index {@code ih·W + iw} within the plane. Ties keep the first
     * element in row-major window order; a NaN propagates (the last NaN in window order wins, as in
     * PyTorch's CPU kernel).
     */
    public static void maxPool2d(PoolGeometry p, double[] x, double[] out, long[] indices) {
        int n = p.planes() * p.outPlane();
        Arrays.fill(out, 0, n, Double.NEGATIVE_INFINITY);
        Arrays.fill(indices, 0, n, -1);
        forEachWindowElement(p, (o, i, ih, iw) -> {
            if (indices[o] < 0 || x[i] > out[o] || Double.isNaN(x[i])) {
                out[o] = x[i];
                indices[o] = (long) ih * p.width() + iw;
            }
        });
    }

    /** gradOut (N·C, OH, OW) routed to the argmax: gradX[q][indices[o]] += gradOut[o]. */
    public static void maxPool2dBackward(PoolGeometry p, double[] gradOut, long[] indices, double[] gradX) {
        Arrays.fill(gradX, 0, p.planes() * p.inPlane(), 0);
        for (int q = 0; q < p.planes(); q++) {
            for (int j = 0; j < p.outPlane(); j++) {
                int o = q * p.outPlane() + j;
                gradX[q * p.inPlane() + (int) indices[o]] += gradOut[o];
            }
        }
    }

    /** Average pooling, padding counted as zeros: out[o] = Σ_window x / (KH·KW). */
    public static void avgPool2d(PoolGeometry p, double[] x, double[] out) {
        Arrays.fill(out, 0, p.planes() * p.outPlane(), 0);
        forEachWindowElement(p, (o, i, ih, iw) -> out[o] += x[i]);
        for (int o = 0; o < p.planes() * p.outPlane(); o++) out[o] /= p.windowSize();
    }

    /** gradX[i] = Σ over windows o containing i of gradOut[o] / (KH·KW). */
    public static void avgPool2dBackward(PoolGeometry p, double[] gradOut, double[] gradX) {
        Arrays.fill(gradX, 0, p.planes() * p.inPlane(), 0);
        forEachWindowElement(p, (o, i, ih, iw) -> gradX[i] += gradOut[o] / p.windowSize());
    }

    /** x (Q, P) → out (Q): the mean of each of the Q planes of P elements. */
    public static void globalAvgPool2d(int planes, int plane, double[] x, double[] out) {
        for (int q = 0; q < planes; q++) {
            double s = 0;
            for (int j = 0; j < plane; j++) s += x[q * plane + j];
            out[q] = s / plane;
        }
    }
}
