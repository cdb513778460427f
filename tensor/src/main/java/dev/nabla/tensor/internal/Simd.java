package dev.nabla.tensor.internal;

/**
 * Whether the SIMD kernels ({@code dev.nabla.tensor.internal.simd}, Java Vector API) are used.
 *
 * <p>They are used when the module {@code jdk.incubator.vector} is present at run time (the
 * {@code nabla} launcher, Surefire, exec and the JMH forks pass
 * {@code --add-modules jdk.incubator.vector}) and the system property {@code nabla.simd} is not
 * {@code false}. Otherwise every kernel runs its scalar path. Only the kernel facades read this.
 */
public final class Simd {
    /** True when the Vector API kernels are used. */
    public static final boolean ENABLED = vectorModulePresent()
            && !"false".equalsIgnoreCase(System.getProperty("nabla.simd", "true"));

    private Simd() {}

    private static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** Floats per vector of the SIMD kernels, or 1 when they are off. */
    public static int floatLanes() {
        return ENABLED ? dev.nabla.tensor.internal.simd.Lanes.F32.length() : 1;
    }

    /** A short description for run reports: the float species (e.g. "S_512_BIT x16") or "scalar". */
    public static String describe() {
        return ENABLED ? dev.nabla.tensor.internal.simd.Lanes.describe() : "scalar";
    }
}
