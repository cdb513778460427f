package dev.nabla.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.ShapeException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Layers: output shapes, hand-checked small values, PyTorch's default init bounds, train/eval
 * behaviour, parameter and buffer names in a state_dict, printed configuration, and errors that
 * name the op and the shapes.
 */
class LayersTest {

    private static Tensor arange(int... shape) {
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        return Tensor.of(NDArray.arange(0, n, 1, DType.F64).reshape(shape));
    }

    /** max(x, 0): the activation handed to ResidualBlock (nn does not depend on the activations module). */
    private static final class Relu extends Module {
        @Override
        public Tensor forward(Tensor x) {
            return x.relu();
        }
    }

    // ---- Linear

    @Test
    void linear_computesXTimesWTransposedPlusBias() {
        Linear fc = new Linear(2, 2, true, DType.F64, new Rng(1));
        fc.weight().set(NDArray.of(new double[] {1, 2, 3, 4}, 2, 2));
        fc.bias().set(NDArray.of(new double[] {1, -1}, 2));
        Tensor y = fc.forward(Tensor.of(NDArray.of(new double[] {1, 1, 2, 0}, 2, 2)));
        assertThat(y.value().toDoubleArray()).containsExactly(4, 6, 3, 5); // [1+2+1, 3+4−1], [2+1, 6−1]
    }

    @Test
    void linear_mapsLastDimAndKeepsLeadingDims() {
        Linear fc = new Linear(4, 5);
        assertThat(fc.forward(arange(2, 3, 4).astype(DType.F32)).shape().dims()).containsExactly(2, 3, 5);
        assertThat(fc.weight().shape().dims()).containsExactly(5, 4);
        assertThat(fc.weight().dtype()).isEqualTo(DType.F32);
        assertThat(new Linear(4, 5, false).namedParameters().keySet()).containsExactly("weight");
    }

    @Test
    void linear_initIsUniformWithinOneOverSqrtIn() {
        Linear fc = new Linear(100, 300, true, new Rng(7));
        double bound = 1 / Math.sqrt(100);
        double[] w = fc.weight().value().toDoubleArray(), b = fc.bias().value().toDoubleArray();
        assertThat(Arrays.stream(w).max().orElseThrow()).isLessThanOrEqualTo(bound).isGreaterThan(0.99 * bound);
        assertThat(Arrays.stream(w).min().orElseThrow()).isGreaterThanOrEqualTo(-bound).isLessThan(-0.99 * bound);
        assertThat(Arrays.stream(b).allMatch(v -> Math.abs(v) <= bound)).isTrue();
        assertThat(new Linear(100, 300, true, new Rng(7)).weight().value().toDoubleArray()).containsExactly(w);
    }

    @Test
    void linear_rejectsWrongInputWidthNamingShapes() {
        Linear fc = new Linear(4, 5);
        assertThatThrownBy(() -> fc.forward(arange(2, 3).astype(DType.F32))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("linear").hasMessageContaining("input.shape=[2, 3]").hasMessageContaining("weight.shape=[5, 4]");
    }

    // ---- Conv2d

    @Test
    void conv2d_sumsTheWindowPlusBias() {
        Conv2d conv = new Conv2d(1, 1, 3, 1, 0, 1, 1, true, DType.F64, new Rng(1));
        conv.weight().set(NDArray.ones(DType.F64, 1, 1, 3, 3));
        conv.bias().set(NDArray.of(new double[] {0.5}, 1));
        Tensor y = conv.forward(arange(1, 1, 3, 4));
        // windows of [[0..3],[4..7],[8..11]]: 0+1+2+4+5+6+8+9+10 = 45, then 54
        assertThat(y.value().toDoubleArray()).containsExactly(45.5, 54.5);
    }

    @Test
    void conv2d_shapesWithStridePaddingDilationGroups() {
        Conv2d conv = new Conv2d(4, 6, 3, 2, 1, 2, 2, false);
        assertThat(conv.weight().shape().dims()).containsExactly(6, 2, 3, 3);
        assertThat(conv.bias()).isNull();
        // OH = (9 + 2 − 2·2 − 1) / 2 + 1 = 4, OW = (8 + 2 − 4 − 1) / 2 + 1 = 3
        assertThat(conv.forward(Tensor.of(NDArray.zeros(DType.F32, 2, 4, 9, 8))).shape().dims()).containsExactly(2, 6, 4, 3);
    }

    @Test
    void conv2d_initBoundUsesFanInOfOneGroup() {
        Conv2d conv = new Conv2d(8, 40, 3, 1, 1, 1, 2, true, new Rng(3)); // fan_in = 4·3·3 = 36
        double bound = 1 / 6.0;
        double[] w = conv.weight().value().toDoubleArray();
        assertThat(Arrays.stream(w).max().orElseThrow()).isLessThanOrEqualTo(bound).isGreaterThan(0.98 * bound);
        assertThat(Arrays.stream(conv.bias().value().toDoubleArray()).allMatch(v -> Math.abs(v) <= bound)).isTrue();
    }

    @Test
    void conv2d_rejectsWrongChannelsAndBadGroups() {
        Conv2d conv = new Conv2d(3, 8, 3, 1, 1);
        assertThatThrownBy(() -> conv.forward(Tensor.of(NDArray.zeros(DType.F32, 2, 1, 5, 5)))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("conv2d").hasMessageContaining("[2, 1, 5, 5]").hasMessageContaining("[8, 3, 3, 3]");
        assertThatThrownBy(() -> new Conv2d(3, 8, 3, 1, 1, 1, 2, true)).hasMessageContaining("groups")
                .hasMessageContaining("in_channels=3");
    }

    @Test
    void conv2d_printsItsConfiguration() {
        assertThat(new Conv2d(1, 32, 3, 1, 1).toString()).isEqualTo("Conv2d(1, 32, kernel=3, stride=1, padding=1)  # 320 params");
        assertThat(new Conv2d(4, 8, 3, 2, 0, 2, 4, false).toString())
                .startsWith("Conv2d(4, 8, kernel=3, stride=2, padding=0, dilation=2, groups=4, bias=false)");
    }

    // ---- containers, names, printing

    @Test
    void sequential_stateDictHasPyTorchNames() {
        Sequential model = new Sequential(new Conv2d(1, 4, 3, 1, 1), new BatchNorm2d(4), new Flatten(), new Linear(4 * 5 * 5, 2));
        assertThat(model.stateDict().keySet()).containsExactlyInAnyOrder("0.weight", "0.bias", "1.weight", "1.bias",
                "1.running_mean", "1.running_var", "1.num_batches_tracked", "3.weight", "3.bias");
        assertThat(model.forward(Tensor.of(NDArray.ones(DType.F32, 2, 1, 5, 5))).shape().dims()).containsExactly(2, 2);
        assertThat(model.toString()).contains("(1): BatchNorm2d(4, eps=1.0E-5, momentum=0.1, affine=true, track_running_stats=true)")
                .contains("(3): Linear(in_features=100, out_features=2, bias=true)");
    }

    @Test
    void evalAndTrain_reachEveryLayer() {
        Dropout dropout = new Dropout(0.5, new Rng(1));
        BatchNorm1d bn = new BatchNorm1d(3);
        Sequential model = new Sequential(bn, dropout);
        model.eval();
        assertThat(bn.isTraining()).isFalse();
        assertThat(dropout.isTraining()).isFalse();
        model.train();
        assertThat(bn.isTraining()).isTrue();
    }

    // ---- Dropout

    @Test
    void dropout_zeroesAboutPAndScalesSurvivorsInTraining() {
        Dropout dropout = new Dropout(0.25, new Rng(5));
        Tensor x = Tensor.leaf(NDArray.ones(DType.F64, 100, 100), true);
        Tensor y = dropout.forward(x);
        double[] v = y.value().toDoubleArray();
        assertThat(v).containsOnly(0, 1 / 0.75);
        long zeros = Arrays.stream(v).filter(e -> e == 0).count();
        assertThat(zeros).isBetween(2250L, 2750L); // 2500 ± 5.8σ
        y.sum().backward();
        assertThat(x.grad().value().toDoubleArray()).containsExactly(v); // ∂y/∂x = mask/(1 − p) = y here
    }

    @Test
    void dropout_isIdentityInEvalAndReproducibleFromSeed() {
        Tensor x = arange(4, 5);
        Dropout dropout = new Dropout(0.5, new Rng(11));
        dropout.eval();
        assertThat(dropout.forward(x)).isSameAs(x);
        double[] a = new Dropout(0.5, new Rng(11)).forward(x).value().toDoubleArray();
        assertThat(new Dropout(0.5, new Rng(11)).forward(x).value().toDoubleArray()).containsExactly(a);
        assertThat(new Dropout(1, new Rng(1)).forward(x).value().toDoubleArray()).containsOnly(0);
        assertThatThrownBy(() -> new Dropout(1.5)).hasMessageContaining("dropout").hasMessageContaining("1.5");
    }

    // ---- pooling, flatten, identity

    @Test
    void pooling_takesMaxAndMeanOfWindows() {
        Tensor x = arange(1, 1, 4, 4);
        assertThat(new MaxPool2d(2).forward(x).value().toDoubleArray()).containsExactly(5, 7, 13, 15);
        assertThat(new AvgPool2d(2).forward(x).value().toDoubleArray()).containsExactly(2.5, 4.5, 10.5, 12.5);
        assertThat(new MaxPool2d(3, 1, 1).forward(x).shape().dims()).containsExactly(1, 1, 4, 4);
        assertThat(new AvgPool2d(3, 2, 1).forward(x).shape().dims()).containsExactly(1, 1, 2, 2);
        assertThat(new MaxPool2d(2, 2, 0).toString()).isEqualTo("MaxPool2d(kernel=2, stride=2, padding=0)");
        assertThatThrownBy(() -> new MaxPool2d(2).forward(arange(4, 4))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("max_pool2d").hasMessageContaining("[4, 4]");
    }

    @Test
    void globalPooling_averagesEachChannel() {
        Tensor x = arange(2, 3, 2, 2);
        Tensor adaptive = new AdaptiveAvgPool2d(1).forward(x);
        assertThat(adaptive.shape().dims()).containsExactly(2, 3, 1, 1);
        assertThat(adaptive.value().toDoubleArray()).containsExactly(1.5, 5.5, 9.5, 13.5, 17.5, 21.5);
        assertThat(new GlobalAvgPool2d().forward(x).shape().dims()).containsExactly(2, 3);
        assertThatThrownBy(() -> new AdaptiveAvgPool2d(2)).hasMessageContaining("adaptive_avg_pool2d")
                .hasMessageContaining("only output size 1");
    }

    @Test
    void flattenAndIdentity() {
        assertThat(new Flatten().forward(arange(2, 3, 4, 5)).shape().dims()).containsExactly(2, 60);
        assertThatThrownBy(() -> new Flatten().forward(arange(6))).isInstanceOf(ShapeException.class).hasMessageContaining("[6]");
        Tensor x = arange(3);
        assertThat(new Identity().forward(x)).isSameAs(x);
    }

    // ---- LayerNorm

    @Test
    void layerNorm_normalizesTrailingDims() {
        LayerNorm ln = new LayerNorm(new int[] {3}, 0, true, DType.F64);
        // rows [0, 1, 2] and [3, 4, 5]: mean 1 / 4, biased var 2/3
        double s = Math.sqrt(1.5);
        assertThat(ln.forward(arange(2, 3)).value().toDoubleArray()).containsExactly(new double[] {-s, 0, s, -s, 0, s}, within(1e-15));
        assertThat(new LayerNorm(3, 4).namedParameters().get("weight").shape().dims()).containsExactly(3, 4);
        assertThatThrownBy(() -> new LayerNorm(3, 4).forward(arange(2, 4, 3).astype(DType.F32))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("layer_norm").hasMessageContaining("[3, 4]").hasMessageContaining("[2, 4, 3]");
    }

    // ---- ResidualBlock

    @Test
    void residualBlock_withProjectionShortcut_hasBasicBlockNamesAndShapes() {
        ResidualBlock block = new ResidualBlock(4, 8, 2, Relu::new);
        assertThat(block.forward(Tensor.of(NDArray.ones(DType.F32, 2, 4, 8, 7))).shape().dims()).containsExactly(2, 8, 4, 4);
        assertThat(block.stateDict().keySet()).containsExactlyInAnyOrder("conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean",
                "bn1.running_var", "bn1.num_batches_tracked", "conv2.weight", "bn2.weight", "bn2.bias", "bn2.running_mean",
                "bn2.running_var", "bn2.num_batches_tracked", "shortcut.0.weight", "shortcut.1.weight", "shortcut.1.bias",
                "shortcut.1.running_mean", "shortcut.1.running_var", "shortcut.1.num_batches_tracked");
        assertThat(block.stateDict().get("shortcut.0.weight").shape().dims()).containsExactly(8, 4, 1, 1);
    }

    @Test
    void residualBlock_withIdentityShortcut_addsInputBeforeActivation() {
        ResidualBlock block = new ResidualBlock(3, 3, 1, Relu::new, DType.F64, new Rng(4));
        assertThat(block.stateDict().keySet()).noneMatch(k -> k.startsWith("shortcut"));
        block.eval();
        Tensor x = Tensor.of(new Rng(8).normal(Shape.of(2, 3, 5, 5), DType.F64, 0, 1));
        var c = block.children();
        Tensor main = c.get("bn2").forward(c.get("conv2").forward(c.get("act1").forward(c.get("bn1").forward(c.get("conv1").forward(x)))));
        assertThat(block.forward(x).value().toDoubleArray()).containsExactly(main.add(x).relu().value().toDoubleArray());
    }
}
