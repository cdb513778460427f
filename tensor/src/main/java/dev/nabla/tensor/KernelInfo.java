package dev.nabla.tensor;

import dev.nabla.tensor.internal.Simd;

/** What the kernels run with on this JVM, for run reports and {@code nabla info}. */
public final class KernelInfo {
    private KernelInfo() {}

    /** The SIMD float species the kernels use, e.g. {@code "S_512_BIT x16"}, or {@code "scalar"}. */
    public static String simd() {
        return Simd.describe();
    }

    /** Floats per SIMD vector the kernels use (16 with AVX-512, 8 with AVX2), or 1 on the scalar path. */
    public static int simdFloatLanes() {
        return Simd.floatLanes();
    }

    /** The number of threads the kernels use. */
    public static int threads() {
        return Threads.count();
    }
}
