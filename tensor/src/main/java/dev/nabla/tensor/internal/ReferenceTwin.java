package dev.nabla.tensor.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a fast kernel (scalar-blocked, SIMD or parallel tier) with its plain reference twin and
 * the test that compares the two. {@code KernelTwinsTest} fails when a public kernel method of a
 * {@code Scalar*}, {@code Vector*} or {@code Parallel*} class lacks this annotation, names a
 * reference method that does not exist, or names a parity test class that does not exist.
 *
 * <pre>{@code
 * @ReferenceTwin(reference = ReferenceGemm.class, method = "sgemm", parityTest = "dev.nabla.tensor.internal.GemmParityTest")
 * public static void sgemm(...) { ... }
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ReferenceTwin {
    /** The class holding the reference twin. */
    Class<?> reference();

    /** The name of the reference twin method in {@link #reference()}. */
    String method();

    /** Fully qualified name of the test class that compares this kernel with its twin. */
    String parityTest();
}
