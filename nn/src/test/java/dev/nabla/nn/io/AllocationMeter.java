package dev.nabla.nn.io;

import java.lang.reflect.Method;

/**
 * Bytes allocated by the current thread (HotSpot's {@code com.sun.management.ThreadMXBean}),
 * for asserting an allocation budget in the fuzz targets: a stronger and deterministic form of
 * "no OutOfMemoryError under a small heap". Reached by reflection because the nn module (into which
 * the tests are patched) does not read {@code jdk.management}.
 */
final class AllocationMeter {
    private static final Object BEAN;
    private static final Method ALLOCATED;

    static {
        try {
            BEAN = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            ALLOCATED = Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private AllocationMeter() {}

    /** Total bytes allocated so far by the current thread. */
    static long allocatedBytes() {
        try {
            return (long) ALLOCATED.invoke(BEAN, Thread.currentThread().getId());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
