package dev.nabla.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.autograd.check.OpCase;
import dev.nabla.autograd.check.OpRegistry;
import dev.nabla.autograd.check.Properties;
import dev.nabla.autograd.check.TensorGen;
import dev.nabla.autograd.ops.Add;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every registered differentiable op passes gradcheck (F64, PyTorch's tolerances) on generated
 * inputs, and gradgradcheck where its backward is differentiable; and every op class in
 * {@code dev.nabla.autograd.ops} has a registry entry.
 */
class GradcheckEveryOpProperties {
    /** Cases per op: 25 first-order and 8 second-order keep the whole suite within seconds per op. */
    private static final int FIRST_ORDER_CASES = 25, SECOND_ORDER_CASES = 8;

    @TestFactory
    Stream<DynamicTest> backwardMatchesFiniteDifferences() {
        return OpRegistry.all().stream().map(op -> DynamicTest.dynamicTest(op.name(), () ->
                Properties.forAll(op.name() + " gradcheck", FIRST_ORDER_CASES, TensorGen.Profile.GRADCHECK, op::gradcheck)));
    }

    @TestFactory
    Stream<DynamicTest> secondOrderMatchesFiniteDifferences() {
        return OpRegistry.all().stream().filter(OpCase::secondOrder).map(op -> DynamicTest.dynamicTest(op.name(), () ->
                Properties.forAll(op.name() + " gradgradcheck", SECOND_ORDER_CASES, TensorGen.Profile.GRADCHECK, op::gradgradcheck)));
    }

    @Test
    void everyOpClassHasARegistryEntry() throws IOException {
        Set<String> opClasses = publicClassesOf(Add.class);
        Set<String> covered = OpRegistry.all().stream().flatMap(c -> c.covers().stream()).collect(Collectors.toSet());
        assertThat(opClasses).as("op classes in dev.nabla.autograd.ops").hasSizeGreaterThan(40);
        assertThat(new TreeSet<>(opClasses)).as("op classes without a registry entry").isSubsetOf(covered);
    }

    /** Simple names of the public top-level classes in the package of {@code anchor}, read from its jar or directory. */
    static Set<String> publicClassesOf(Class<?> anchor) throws IOException {
        String pkg = anchor.getPackageName();
        URI location;
        try {
            location = anchor.getProtectionDomain().getCodeSource().getLocation().toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        Path root = Path.of(location);
        FileSystem jar = Files.isDirectory(root) ? null : FileSystems.newFileSystem(root, Map.of());
        try {
            Path dir = (jar == null ? root : jar.getPath("/")).resolve(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                return files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".class") && !n.contains("$"))
                        .map(n -> pkg + "." + n.substring(0, n.length() - ".class".length()))
                        .filter(GradcheckEveryOpProperties::isPublic)
                        .map(n -> n.substring(pkg.length() + 1))
                        .collect(Collectors.toSet());
            }
        } finally {
            if (jar != null) jar.close();
        }
    }

    private static boolean isPublic(String className) {
        try {
            return Modifier.isPublic(Class.forName(className).getModifiers());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
