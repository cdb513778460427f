package dev.nabla.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.autograd.check.GradCheck;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The code of {@code docs/autograd.md}, compiled and run. Every {@code java} block of that page
 * must appear in this file (line by line, ignoring indentation), so the tour cannot go stale.
 */
class AutogradTourTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    @Test
    void linearModel() {
        // tour: linear model
        NDArray xs = NDArray.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);   // 2 samples, 3 features
        Tensor x = Tensor.of(xs);
        Tensor w = Tensor.leaf(NDArray.of(new double[] {0.1, 0.2, 0.3}, 3, 1), true);
        Tensor b = Tensor.leaf(NDArray.of(new double[] {0.5}, 1), true);

        Tensor y = x.matmul(w).add(b);          // (2,3)·(3,1) + (1) → (2,1); b is broadcast
        Tensor loss = y.square().mean();        // mean squared output
        loss.backward();

        System.out.println(w.grad());           // ∂loss/∂w = (2/N) xᵀ·y
        System.out.println(b.grad());           // ∂loss/∂b = (2/N) Σ y
        // end

        // y = [1.4 + 0.5, 3.2 + 0.5] = [1.9, 3.7]; ∂loss/∂y = y (2/N = 1)
        assertThat(y.value().toDoubleArray()).containsExactly(new double[] {1.9, 3.7}, within(1e-12));
        assertThat(w.grad().value().toDoubleArray()).containsExactly(new double[] {1 * 1.9 + 4 * 3.7, 2 * 1.9 + 5 * 3.7, 3 * 1.9 + 6 * 3.7}, within(1e-12));
        assertThat(b.grad().value().toDoubleArray()).containsExactly(new double[] {1.9 + 3.7}, within(1e-12));
    }

    @Test
    void dotPictureOfTheLinearModel() throws IOException {
        // tour: dot
        Tensor x = Tensor.of(NDArray.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        Tensor w = Tensor.leaf(NDArray.zeros(DType.F64, 3, 1), true);
        Tensor b = Tensor.leaf(NDArray.zeros(DType.F64, 1), true);
        String dot = Graphs.toDot(x.matmul(w).add(b).square().mean());
        // end
        String page = Files.readString(ROOT.resolve("docs/autograd.md"));
        Matcher m = Pattern.compile("```dot\\n(.*?)```", Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("docs/autograd.md has a dot block").isTrue();
        assertThat(m.group(1)).isEqualTo(dot);
    }

    @Test
    void broadcastingSumsInBackward() {
        // tour: broadcasting
        Tensor a = Tensor.leaf(NDArray.ones(DType.F64, 2, 3), true);
        Tensor bias = Tensor.leaf(NDArray.ones(DType.F64, 3), true);   // broadcast over 2 rows
        a.add(bias).sum().backward();
        System.out.println(bias.grad());        // [2, 2, 2]: each bias element fed 2 outputs
        // end
        assertThat(bias.grad().value().toDoubleArray()).containsExactly(2, 2, 2);
    }

    @Test
    void viewsMoveGradientsBack() {
        // tour: views
        Tensor m = Tensor.leaf(NDArray.arange(0, 6, 1, DType.F64).reshape(2, 3), true);
        Tensor picked = m.transpose(0, 1).slice(0, 0, 3, 2);   // rows 0 and 2 of mᵀ: columns 0 and 2 of m
        picked.sum().backward();
        System.out.println(m.grad());           // [[1, 0, 1], [1, 0, 1]]
        // end
        assertThat(m.grad().value().toDoubleArray()).containsExactly(1, 0, 1, 1, 0, 1);
    }

    @Test
    void secondOrder() {
        // tour: second order
        Tensor x = Tensor.leaf(NDArray.of(new double[] {2}, 1), true);
        Tensor y = x.pow(3).sum();                                           // y = x³
        Tensor dydx = Autograd.grad(List.of(y), List.of(x), true).get(0);   // 3x² = 12, still a graph
        Tensor d2ydx2 = Autograd.grad(List.of(dydx.sum()), List.of(x), false).get(0);   // 6x = 12
        // end
        assertThat(dydx.item()).isCloseTo(12, within(1e-12));
        assertThat(d2ydx2.item()).isCloseTo(12, within(1e-12));
    }

    @Test
    void yourOwnOpWithGradCheck() {
        // tour: your own op
        // cube(x) = x³, ∂L/∂x = ∂L/∂y · 3x²
        GradCheck.Fn cube = in -> Tensor.fromOp("cube", in[0].value().pow(3),
                (g, y) -> new Tensor[] {g.mul(in[0].square().mul(3))}, in[0]);

        Tensor x = Tensor.leaf(new Rng(0).normal(Shape.of(4, 5), DType.F64, 0, 1), true);
        GradCheck.check(cube, x);                                      // first order
        GradCheck.withDefaults().checkSecondOrder(cube, x);            // its backward is differentiable too
        // end
        GradCheck.Fn wrongCube = in -> Tensor.fromOp("cube", in[0].value().pow(3),
                (g, y) -> new Tensor[] {g.mul(in[0].square().mul(2))}, in[0]);
        assertThat(GradCheck.withDefaults().run(wrongCube, x).passed()).as("a wrong derivative is caught").isFalse();
    }

    @Test
    void everyJavaBlockOfTheTourIsInThisFile() throws IOException {
        String page = Files.readString(ROOT.resolve("docs/autograd.md"));
        String self = normalize(Files.readString(ROOT.resolve("autograd/src/test/java/dev/nabla/autograd/AutogradTourTest.java")));
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(page);
        while (m.find()) blocks.add(m.group(1));
        assertThat(blocks).as("java blocks in docs/autograd.md").hasSizeGreaterThanOrEqualTo(5);
        for (String block : blocks) assertThat(self).as("this test contains the block:\n" + block).contains(normalize(block));
    }

    /** Lines trimmed, blank lines dropped: indentation differs between the page and the test. */
    private static String normalize(String code) {
        StringBuilder sb = new StringBuilder();
        for (String line : code.split("\n")) if (!line.isBlank()) sb.append(line.strip()).append('\n');
        return sb.toString();
    }
}
