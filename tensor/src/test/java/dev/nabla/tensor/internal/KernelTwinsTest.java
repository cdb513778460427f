package dev.nabla.tensor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every fast kernel has a plain reference twin and a parity test (STYLE.md §2, EJML's
 * CheckMultiThreadAgainstSingleThread idea): each public static method of a {@code Scalar*},
 * {@code Vector*} or {@code Parallel*} kernel class must carry {@link ReferenceTwin} naming an
 * existing reference method and an existing parity test class.
 */
class KernelTwinsTest {
    private static final Pattern FAST_KERNEL_CLASS = Pattern.compile("(Scalar|Vector|Parallel)[A-Z]\\w*");

    @Test
    void everyFastKernelNamesAnExistingReferenceTwinAndParityTest() throws Exception {
        List<Method> kernels = fastKernelMethods();
        assertThat(kernels).as("fast kernels found in dev.nabla.tensor.internal").isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Method m : kernels) {
            String name = m.getDeclaringClass().getSimpleName() + "." + m.getName();
            ReferenceTwin twin = m.getAnnotation(ReferenceTwin.class);
            if (twin == null) {
                problems.add(name + ": no @ReferenceTwin");
                continue;
            }
            boolean referenceExists = Arrays.stream(twin.reference().getDeclaredMethods())
                    .anyMatch(r -> r.getName().equals(twin.method()));
            if (!referenceExists) problems.add(name + ": reference " + twin.reference().getSimpleName() + "." + twin.method() + " does not exist");
            try {
                Class.forName(twin.parityTest());
            } catch (ClassNotFoundException e) {
                problems.add(name + ": parity test " + twin.parityTest() + " does not exist");
            }
        }
        assertThat(problems).as("fast kernels without a valid twin").isEmpty();
    }

    /** Public static methods of the fast kernel classes compiled from src/main. */
    private static List<Method> fastKernelMethods() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(ReferenceTwin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path internal = classes.resolve("dev/nabla/tensor/internal");
        List<Method> methods = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(internal)) {
            files = walk.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$")).toList();
        }
        for (Path file : files) {
            String simple = file.getFileName().toString().replace(".class", "");
            if (!FAST_KERNEL_CLASS.matcher(simple).matches()) continue;
            boolean simdClass = file.getParent().getFileName().toString().equals("simd");
            if (simdClass && !Simd.ENABLED) continue; // cannot load Vector API classes without the module
            String name = classes.relativize(file).toString().replace(".class", "").replace('/', '.').replace('\\', '.');
            Class<?> c = Class.forName(name, false, KernelTwinsTest.class.getClassLoader());
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()) methods.add(m);
            }
        }
        return methods;
    }
}
