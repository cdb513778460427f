package dev.nabla.tensor.internal.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species the SIMD kernels use. Loaded only when {@code Simd.ENABLED} is true, since
 * touching this class without the {@code jdk.incubator.vector} module fails.
 */
public final class Lanes {
    /** The widest float species this CPU supports (16 lanes with AVX-512, 8 with AVX2). */
    public static final VectorSpecies<Float> F32 = FloatVector.SPECIES_PREFERRED;

    private Lanes() {}

    /** Doubles per vector of the double-lane passes ({@code VectorMath}). */
    public static int doubleLanes() {
        return VectorMath.D.length();
    }

    public static String describe() {
        return F32.vectorShape() + " x" + F32.length();
    }
}
