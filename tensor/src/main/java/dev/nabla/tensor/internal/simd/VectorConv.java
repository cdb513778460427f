package dev.nabla.tensor.internal.simd;

import dev.nabla.tensor.internal.ReferenceConv;
import dev.nabla.tensor.internal.ReferenceTwin;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD part of the convolution family: col2im's row additions, which C2 does not vectorize on
 * its own. Element-wise adds, so the result is bit-identical to the scalar loop. Loaded only when
 * {@code Simd.ENABLED}.
 */
public final class VectorConv {
    private static final VectorSpecies<Float> F32 = Lanes.F32;

    private VectorConv() {}

    /** to[toOff + j] += from[fromOff + j] for j < n (part of backward-input's col2im). */
    @ReferenceTwin(reference = ReferenceConv.class, method = "conv2dBackwardInput", parityTest = "dev.nabla.tensor.internal.ConvParityTest")
    public static void addInto(float[] to, int toOff, float[] from, int fromOff, int n) {
        int j = 0;
        for (int bound = F32.loopBound(n); j < bound; j += F32.length()) {
            FloatVector.fromArray(F32, to, toOff + j).add(FloatVector.fromArray(F32, from, fromOff + j)).intoArray(to, toOff + j);
        }
        for (; j < n; j++) to[toOff + j] += from[fromOff + j];
    }
}
