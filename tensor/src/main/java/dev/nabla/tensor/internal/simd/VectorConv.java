package dev.nabla.tensor.internal.simd;

import dev.nabla.tensor.internal.PoolGeometry;
import dev.nabla.tensor.internal.ReferenceConv;
import dev.nabla.tensor.internal.ReferenceTwin;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD part of the convolution family: col2im's row additions, which C2 does not vectorize on
 * its own (element-wise adds, so bit-identical to the scalar loop), and max pooling (comparisons
 * only, so bit-identical to the reference, indices too). Loaded only when {@code Simd.ENABLED}.
 */
public final class VectorConv {
    private static final VectorSpecies<Float> F32 = Lanes.F32;
    /** Int lanes, as many as {@link #F32} has: the argmax indices that go with a vector of maxima. */
    private static final VectorSpecies<Integer> I32 = VectorSpecies.of(int.class, F32.vectorShape());
    private static final String PARITY_TEST = "dev.nabla.tensor.internal.ConvParityTest";

    private VectorConv() {}

    /** to[toOff + j] += from[fromOff + j] for j < n (part of backward-input's col2im). */
    @ReferenceTwin(reference = ReferenceConv.class, method = "conv2dBackwardInput", parityTest = PARITY_TEST)
    public static void addInto(float[] to, int toOff, float[] from, int fromOff, int n) {
        int j = 0;
        for (int bound = F32.loopBound(n); j < bound; j += F32.length()) {
            FloatVector.fromArray(F32, to, toOff + j).add(FloatVector.fromArray(F32, from, fromOff + j)).intoArray(to, toOff + j);
        }
        for (; j < n; j++) to[toOff + j] += from[fromOff + j];
    }

    /**
     * Max pooling of planes [q0, q1) of x (N·C,H,W) → out and indices (N·C,OH,OW), as
     * {@link ReferenceConv#maxPool2d}: out[o] = max over window o (padding excluded), indices[o] its
     * flat index ih·W + iw in the plane, ties → the first in row-major window order, a NaN wins over
     * every number (the last NaN in window order).
     * <pre>
     *   for each block of L outputs o of a plane (the plane's OH·OW outputs flattened: rows of a
     *   14×14 output are shorter than a 16-lane vector)
     *     best = −∞, at = the window's first inside element
     *     for each window element t = (kh, kw) in row-major order
     *       v    = x[plane + index_t(o)]                        one gather
     *       take = inside_t(o) ∧ (v > best ∨ v ≠ v)             strict >: the first of equal maxima stays
     *       best = take ? v : best,  at = take ? index_t(o) : at
     * </pre>
     * index_t and inside_t depend on the geometry only and are tabulated once per call. The scalar
     * tier's {@code if (v > best || Float.isNaN(v))} is a branch per element that the data decides.
     */
    @ReferenceTwin(reference = ReferenceConv.class, method = "maxPool2d", parityTest = PARITY_TEST)
    public static void maxPool2d(PoolGeometry p, float[] x, float[] out, long[] indices, int q0, int q1) {
        int lanes = F32.length(), outPlane = p.outPlane(), padded = (outPlane + lanes - 1) / lanes * lanes;
        int window = p.windowSize();
        int[] index = new int[window * padded];          // index[t·padded + o]: plane index of element t of window o (0 outside)
        boolean[] inside = new boolean[window * padded];
        int[] first = new int[padded];                    // the first inside element of window o
        for (int o = 0; o < outPlane; o++) {
            int top = o / p.outW() * p.strideH() - p.padH(), left = o % p.outW() * p.strideW() - p.padW();
            first[o] = -1;
            for (int kh = 0; kh < p.kernelH(); kh++) {
                for (int kw = 0; kw < p.kernelW(); kw++) {
                    int ih = top + kh, iw = left + kw, t = (kh * p.kernelW() + kw) * padded + o;
                    if (ih < 0 || ih >= p.height() || iw < 0 || iw >= p.width()) continue;
                    index[t] = ih * p.width() + iw;
                    inside[t] = true;
                    if (first[o] < 0) first[o] = index[t];
                }
            }
        }
        int[] at = new int[lanes];
        for (int q = q0; q < q1; q++) {
            int plane = q * p.inPlane();
            for (int o = 0; o < outPlane; o += lanes) {
                FloatVector best = FloatVector.broadcast(F32, Float.NEGATIVE_INFINITY);
                IntVector bestAt = IntVector.fromArray(I32, first, o);
                for (int t = o; t < window * padded; t += padded) {
                    FloatVector v = FloatVector.fromArray(F32, x, plane, index, t);
                    VectorMask<Float> take = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v))
                            .and(VectorMask.fromArray(F32, inside, t));
                    best = best.blend(v, take);
                    bestAt = bestAt.blend(IntVector.fromArray(I32, index, t), take.cast(I32));
                }
                int n = Math.min(lanes, outPlane - o), to = q * outPlane + o;
                best.intoArray(out, to, F32.indexInRange(0, n));
                bestAt.intoArray(at, 0);
                for (int j = 0; j < n; j++) indices[to + j] = at[j];
            }
        }
    }
}
