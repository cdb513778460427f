package dev.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.tensor.testing.Cases;
import org.junit.jupiter.api.Test;

/**
 * Hand-checked examples of {@link Convolution} (numbers worked out on paper in the comments),
 * PyTorch's max-pool tie, padding and index rules, the adjoint identities and finite differences
 * that pin down both backward passes in F64, and the error messages.
 */
class ConvolutionTest {

    /** x = [[1,2,3],[4,5,6],[7,8,9]] as (1,1,3,3). */
    private static NDArray nine(DType dtype) {
        return NDArray.arange(1, 10, 1, dtype).reshape(1, 1, 3, 3);
    }

    private static NDArray f32(float[] values, int... shape) {
        return NDArray.of(values, shape);
    }

    @Test
    void conv2d_example() {
        NDArray x = NDArray.arange(1, 10, 1, DType.F32).reshape(1, 1, 3, 3);
        NDArray w = NDArray.ones(DType.F32, 1, 1, 2, 2);
        NDArray y = Convolution.conv2d(x, w, null, Conv2dSpec.defaults());
        // each output is the sum of a 2×2 block: 1+2+4+5, 2+3+5+6, 4+5+7+8, 5+6+8+9
        assertThat(y.shape()).isEqualTo(Shape.of(1, 1, 2, 2));
        assertThat(y.toFloatArray()).containsExactly(12, 16, 24, 28);
    }

    @Test
    void conv2d_isCrossCorrelationWithBias() {
        NDArray w = f32(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        NDArray bias = f32(new float[] {1}, 1);
        // top-left: 1·1 + 2·2 + 4·3 + 5·4 = 37 (no kernel flip), +1 bias; then 47, 67, 77, each +1
        assertThat(Convolution.conv2d(nine(DType.F32), w, bias, Conv2dSpec.defaults()).toFloatArray()).containsExactly(38, 48, 68, 78);
    }

    @Test
    void conv2d_strideAndZeroPadding() {
        NDArray w = NDArray.ones(DType.F32, 1, 1, 2, 2);
        // padded 5×5 input, windows at rows/cols -1 and 1: {1}, {2,3}, {4,7}, {5,6,8,9}
        NDArray y = Convolution.conv2d(nine(DType.F32), w, null, Conv2dSpec.of(2, 1));
        assertThat(y.shape()).isEqualTo(Shape.of(1, 1, 2, 2));
        assertThat(y.toFloatArray()).containsExactly(1, 5, 11, 28);
    }

    @Test
    void conv2d_dilationSpreadsTheTaps() {
        NDArray w = NDArray.ones(DType.F32, 1, 1, 2, 2);
        // dilation 2 makes the 2×2 kernel touch the four corners: 1 + 3 + 7 + 9
        NDArray y = Convolution.conv2d(nine(DType.F32), w, null, Conv2dSpec.defaults().withDilation(2));
        assertThat(y.shape()).isEqualTo(Shape.of(1, 1, 1, 1));
        assertThat(y.item()).isEqualTo(20);
    }

    @Test
    void conv2d_groupsKeepChannelsApart() {
        NDArray x = NDArray.arange(0, 8, 1, DType.F32).reshape(1, 2, 2, 2);   // channel 0: 0..3, channel 1: 4..7
        NDArray w = f32(new float[] {2, 3}, 2, 1, 1, 1);                        // depthwise: ×2 and ×3
        NDArray y = Convolution.conv2d(x, w, null, Conv2dSpec.defaults().withGroups(2));
        assertThat(y.toFloatArray()).containsExactly(0, 2, 4, 6, 12, 15, 18, 21);
    }

    @Test
    void conv2d_readsNonContiguousViews() {
        Rng rng = new Rng(3);
        NDArray x = rng.uniform(Shape.of(2, 5, 3, 4), DType.F32, -1, 1);
        NDArray xView = x.permute(0, 2, 1, 3).contiguous().permute(0, 2, 1, 3);   // same values, permuted strides
        NDArray w = rng.uniform(Shape.of(3, 2, 3, 3), DType.F32, -1, 1).slice(1, 0, 1);   // (3,1,3,3) sliced view
        NDArray bias = NDArray.of(new float[] {0.5f}, 1).expand(3);                         // stride 0
        assertThat(xView.isContiguous()).isFalse();
        Conv2dSpec spec = Conv2dSpec.of(1, 1).withGroups(1);
        NDArray x1 = x.slice(1, 0, 1), x1View = xView.slice(1, 0, 1);
        assertThat(Convolution.conv2d(x1View, w, bias, spec).toFloatArray())
                .containsExactly(Convolution.conv2d(x1.contiguous(), w.contiguous(), bias.contiguous(), spec).toFloatArray());
    }

    @Test
    void conv2d_mixedF32AndF64PromoteToF64() {
        NDArray y = Convolution.conv2d(nine(DType.F32), NDArray.ones(DType.F64, 1, 1, 2, 2), null, Conv2dSpec.defaults());
        assertThat(y.dtype()).isEqualTo(DType.F64);
        assertThat(y.toDoubleArray()).containsExactly(12, 16, 24, 28);
    }

    @Test
    void conv2dBackward_ofAKnownCase() {
        NDArray w = NDArray.ones(DType.F32, 1, 1, 2, 2);
        NDArray gradOut = NDArray.ones(DType.F32, 1, 1, 2, 2);
        Conv2dSpec spec = Conv2dSpec.defaults();
        // ∂L/∂x counts the windows covering each input: corners 1, edges 2, centre 4
        assertThat(Convolution.conv2dBackwardInput(gradOut, w, Shape.of(1, 1, 3, 3), spec).toFloatArray())
                .containsExactly(1, 2, 1, 2, 4, 2, 1, 2, 1);
        // ∂L/∂w[kh][kw] sums the inputs each tap saw: the same block sums as the forward example
        assertThat(Convolution.conv2dBackwardWeight(gradOut, nine(DType.F32), Shape.of(1, 1, 2, 2), spec).toFloatArray())
                .containsExactly(12, 16, 24, 28);
        assertThat(Convolution.conv2dBackwardBias(gradOut).toFloatArray()).containsExactly(4);
    }

    @Test
    void conv2dBackward_strideTwoWithPadding() {
        // forward windows (stride 2, pad 1, ones 2×2) on 3×3 start at -1 and 1: no input is seen twice,
        // so ∂L/∂x[i] is the gradient of the one window that covers i
        NDArray gradOut = f32(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        NDArray w = NDArray.ones(DType.F32, 1, 1, 2, 2);
        assertThat(Convolution.conv2dBackwardInput(gradOut, w, Shape.of(1, 1, 3, 3), Conv2dSpec.of(2, 1)).toFloatArray())
                .containsExactly(1, 2, 2, 3, 4, 4, 3, 4, 4);
    }

    /**
     * The backward passes are the adjoints of the forward pass (it is bilinear in x and w):
     * ⟨conv(x, w), g⟩ = ⟨x, backwardInput(g, w)⟩ = ⟨w, backwardWeight(g, x)⟩, in F64 over generated
     * geometries with stride, padding, dilation and groups.
     */
    @Test
    void conv2dBackward_isTheAdjointOfForward() {
        Cases.forAll("conv2dBackward_isTheAdjointOfForward", 40, (rng, i) -> {
            int groups = 1 + (int) rng.nextLong(3), cg = Cases.size(rng, 1, 3), ocg = Cases.size(rng, 1, 3);
            int k = Cases.size(rng, 1, 3), stride = Cases.size(rng, 1, 3), pad = Cases.size(rng, 0, 2), dil = Cases.size(rng, 1, 2);
            int h = dil * (k - 1) + Cases.size(rng, 1, 6), wd = dil * (k - 1) + Cases.size(rng, 1, 6);
            Conv2dSpec spec = Conv2dSpec.of(stride, pad).withDilation(dil).withGroups(groups);
            NDArray x = rng.uniform(Shape.of(2, cg * groups, h, wd), DType.F64, -1, 1);
            NDArray w = rng.uniform(Shape.of(ocg * groups, cg, k, k), DType.F64, -1, 1);
            NDArray y = Convolution.conv2d(x, w, null, spec);
            NDArray g = rng.uniform(y.shape(), DType.F64, -1, 1);
            double forward = dot(y, g);
            double viaInput = dot(x, Convolution.conv2dBackwardInput(g, w, x.shape(), spec));
            double viaWeight = dot(w, Convolution.conv2dBackwardWeight(g, x, w.shape(), spec));
            assertThat(viaInput).isCloseTo(forward, within(1e-12 * (1 + Math.abs(forward))));
            assertThat(viaWeight).isCloseTo(forward, within(1e-12 * (1 + Math.abs(forward))));
        });
    }

    /** Central differences of L = ⟨conv(x, w, b), g⟩ in F64 match every coordinate of the three gradients. */
    @Test
    void conv2dBackward_matchesFiniteDifferencesOfTheForward() {
        Rng rng = new Rng(17);
        Conv2dSpec spec = new Conv2dSpec(2, 1, 1, 2, 1, 2, 2);
        NDArray x = rng.uniform(Shape.of(2, 4, 5, 6), DType.F64, -1, 1);
        NDArray w = rng.uniform(Shape.of(4, 2, 3, 2), DType.F64, -1, 1);
        NDArray b = rng.uniform(Shape.of(4), DType.F64, -1, 1);
        NDArray g = rng.uniform(Convolution.conv2d(x, w, b, spec).shape(), DType.F64, -1, 1);
        double[] gx = Convolution.conv2dBackwardInput(g, w, x.shape(), spec).toDoubleArray();
        double[] gw = Convolution.conv2dBackwardWeight(g, x, w.shape(), spec).toDoubleArray();
        double[] gb = Convolution.conv2dBackwardBias(g).toDoubleArray();
        double[] xs = x.toDoubleArray(), ws = w.toDoubleArray(), bs = b.toDoubleArray();
        for (int i = 0; i < xs.length; i++) {
            int at = i;
            double fd = centralDifference(xs, at, v -> dot(Convolution.conv2d(NDArray.of(v, 2, 4, 5, 6), w, b, spec), g));
            assertThat(gx[i]).as("dL/dx[%d]", i).isCloseTo(fd, within(1e-8));
        }
        for (int i = 0; i < ws.length; i++) {
            double fd = centralDifference(ws, i, v -> dot(Convolution.conv2d(x, NDArray.of(v, 4, 2, 3, 2), b, spec), g));
            assertThat(gw[i]).as("dL/dw[%d]", i).isCloseTo(fd, within(1e-8));
        }
        for (int i = 0; i < bs.length; i++) {
            double fd = centralDifference(bs, i, v -> dot(Convolution.conv2d(x, w, NDArray.of(v, 4), spec), g));
            assertThat(gb[i]).as("dL/db[%d]", i).isCloseTo(fd, within(1e-8));
        }
    }

    @Test
    void conv2dBackward_f32MatchesF64() {
        Rng rng = new Rng(23);
        Conv2dSpec spec = Conv2dSpec.of(1, 1);
        NDArray x = rng.uniform(Shape.of(3, 4, 6, 6), DType.F32, -1, 1);
        NDArray w = rng.uniform(Shape.of(5, 4, 3, 3), DType.F32, -1, 1);
        NDArray g = rng.uniform(Shape.of(3, 5, 6, 6), DType.F32, -1, 1);
        NDArray x64 = x.astype(DType.F64), w64 = w.astype(DType.F64), g64 = g.astype(DType.F64);
        // F32 sums of ≤ 108 terms of size ≤ 1 (forward, backward-input 45, backward-weight 108): error ≤ 110·2⁻²⁴·108 < 1e-3
        assertThat(Convolution.conv2d(x, w, null, spec).toDoubleArray())
                .containsExactly(Convolution.conv2d(x64, w64, null, spec).toDoubleArray(), within(1e-3));
        assertThat(Convolution.conv2dBackwardInput(g, w, x.shape(), spec).toDoubleArray())
                .containsExactly(Convolution.conv2dBackwardInput(g64, w64, x.shape(), spec).toDoubleArray(), within(1e-3));
        assertThat(Convolution.conv2dBackwardWeight(g, x, w.shape(), spec).toDoubleArray())
                .containsExactly(Convolution.conv2dBackwardWeight(g64, x64, w.shape(), spec).toDoubleArray(), within(1e-3));
    }

    // ---- pooling ---------------------------------------------------------------------------------

    @Test
    void maxPool2d_tiesPickTheFirstInRowMajorWindowOrder() {
        NDArray x = f32(new float[] {
            1, 1, 2, 0,
            1, 0, 2, 2,
            3, 3, 0, 0,
            3, 3, 0, 1}, 1, 1, 4, 4);
        MaxPool2dResult r = Convolution.maxPool2d(x, Pool2dSpec.of(2));
        assertThat(r.values().toFloatArray()).containsExactly(1, 2, 3, 1);
        // window (0,0): three 1s, first at (0,0) → 0; (0,1): 2s at (0,2),(1,2),(1,3) → 2; (1,0): all 3 → (2,0) = 8; (1,1): (3,3) = 15
        assertThat(r.indices().dtype()).isEqualTo(DType.I64);
        assertThat(r.indices().toLongArray()).containsExactly(0, 2, 8, 15);
    }

    @Test
    void maxPool2d_paddingActsAsMinusInfinity() {
        NDArray x = f32(new float[] {-1, -2, -3, -4}, 1, 1, 2, 2);
        MaxPool2dResult r = Convolution.maxPool2d(x, Pool2dSpec.of(2, 1, 1));
        // OH = (2 + 2 − 2)/1 + 1 = 3; a zero-padding would wrongly give 0 in every border window
        assertThat(r.values().toFloatArray()).containsExactly(-1, -1, -2, -1, -1, -2, -3, -3, -4);
        assertThat(r.indices().toLongArray()).containsExactly(0, 0, 1, 0, 0, 1, 2, 2, 3);
    }

    @Test
    void maxPool2dBackward_routesToTheArgmaxAndAccumulatesOverlaps() {
        NDArray x = f32(new float[] {1, 3, 2}, 1, 1, 1, 3);
        MaxPool2dResult r = Convolution.maxPool2d(x, new Pool2dSpec(1, 2, 1, 1, 0, 0));   // windows {1,3}, {3,2}
        assertThat(r.indices().toLongArray()).containsExactly(1, 1);
        NDArray gradX = Convolution.maxPool2dBackward(f32(new float[] {1, 2}, 1, 1, 1, 2), r.indices(), x.shape());
        assertThat(gradX.toFloatArray()).containsExactly(0, 3, 0);
    }

    @Test
    void maxPool2dBackward_matchesFiniteDifferences() {
        // distinct values keep every max away from a tie, so L = ⟨maxPool(x), g⟩ is differentiable
        Rng rng = new Rng(29);
        NDArray x = rng.permutation(2 * 3 * 5 * 5).astype(DType.F64).reshape(2, 3, 5, 5);
        Pool2dSpec spec = Pool2dSpec.of(3, 2, 1);
        MaxPool2dResult r = Convolution.maxPool2d(x, spec);
        NDArray g = rng.uniform(r.values().shape(), DType.F64, -1, 1);
        double[] gx = Convolution.maxPool2dBackward(g, r.indices(), x.shape()).toDoubleArray();
        double[] xs = x.toDoubleArray();
        for (int i = 0; i < xs.length; i++) {
            double fd = centralDifference(xs, i, v -> dot(Convolution.maxPool2d(NDArray.of(v, 2, 3, 5, 5), spec).values(), g));
            assertThat(gx[i]).as("dL/dx[%d]", i).isCloseTo(fd, within(1e-8));
        }
    }

    @Test
    void avgPool2d_countsPaddingInTheDivisor() {
        NDArray x = NDArray.ones(DType.F32, 1, 1, 2, 2);
        // kernel 2, stride 2, padding 1: each window holds one real 1 and three padding zeros → 1/4
        NDArray y = Convolution.avgPool2d(x, Pool2dSpec.of(2, 2, 1));
        assertThat(y.shape()).isEqualTo(Shape.of(1, 1, 2, 2));
        assertThat(y.toFloatArray()).containsExactly(0.25f, 0.25f, 0.25f, 0.25f);
        assertThat(Convolution.avgPool2d(nine(DType.F32), Pool2dSpec.of(2, 1, 0)).toFloatArray()).containsExactly(3, 4, 6, 7);
    }

    @Test
    void avgPool2dBackward_spreadsEachGradientOverItsWindow() {
        // kernel 2 stride 1 on 3×3: the centre is in all 4 windows, edges in 2, corners in 1; each share is g/4
        NDArray gradOut = f32(new float[] {4, 8, 12, 16}, 1, 1, 2, 2);
        NDArray gradX = Convolution.avgPool2dBackward(gradOut, Shape.of(1, 1, 3, 3), Pool2dSpec.of(2, 1, 0));
        assertThat(gradX.toFloatArray()).containsExactly(1, 3, 2, 4, 10, 6, 3, 7, 4);
    }

    @Test
    void avgPool2dBackward_isTheAdjointOfForward() {
        Rng rng = new Rng(31);
        Pool2dSpec spec = new Pool2dSpec(3, 2, 2, 1, 1, 1);
        NDArray x = rng.uniform(Shape.of(2, 3, 7, 6), DType.F64, -1, 1);
        NDArray y = Convolution.avgPool2d(x, spec);
        NDArray g = rng.uniform(y.shape(), DType.F64, -1, 1);
        assertThat(dot(x, Convolution.avgPool2dBackward(g, x.shape(), spec))).isCloseTo(dot(y, g), within(1e-12));
    }

    @Test
    void globalAvgPool2d_averagesEachPlane() {
        NDArray x = NDArray.arange(0, 16, 1, DType.F32).reshape(2, 2, 2, 2);
        NDArray y = Convolution.globalAvgPool2d(x);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(y.toFloatArray()).containsExactly(1.5f, 5.5f, 9.5f, 13.5f);
        assertThat(Convolution.globalAvgPool2d(x.astype(DType.F64)).dtype()).isEqualTo(DType.F64);
    }

    @Test
    void pooling_worksThroughNDArrayMethods() {
        assertThat(nine(DType.F64).maxPool2d(Pool2dSpec.of(2, 1, 0)).values().toDoubleArray()).containsExactly(5, 6, 8, 9);
        assertThat(nine(DType.F64).avgPool2d(Pool2dSpec.of(3)).item()).isEqualTo(5);
        assertThat(nine(DType.F64).conv2d(NDArray.ones(DType.F64, 1, 1, 3, 3), null, Conv2dSpec.defaults()).item()).isEqualTo(45);
    }

    // ---- errors ----------------------------------------------------------------------------------

    @Test
    void conv2d_rejectsChannelMismatch() {
        NDArray x = NDArray.zeros(DType.F32, 1, 3, 5, 5), w = NDArray.zeros(DType.F32, 4, 2, 3, 3);
        assertThatThrownBy(() -> Convolution.conv2d(x, w, null, Conv2dSpec.defaults()))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("conv2d: input channels must equal weight.shape[1]·groups")
                .hasMessageContaining("x.shape=[1, 3, 5, 5]").hasMessageContaining("weight.shape=[4, 2, 3, 3]")
                .hasMessageContaining("x[1]=3 != 2·1");
    }

    @Test
    void conv2d_rejectsOutputChannelsNotDivisibleByGroups() {
        NDArray x = NDArray.zeros(DType.F32, 1, 4, 5, 5), w = NDArray.zeros(DType.F32, 5, 2, 3, 3);
        assertThatThrownBy(() -> Convolution.conv2d(x, w, null, Conv2dSpec.defaults().withGroups(2)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("output channels must be divisible by groups")
                .hasMessageContaining("weight.shape=[5, 2, 3, 3]").hasMessageContaining("groups=2");
    }

    @Test
    void conv2d_rejectsEmptyOutput() {
        NDArray x = NDArray.zeros(DType.F32, 1, 1, 2, 2), w = NDArray.zeros(DType.F32, 1, 1, 3, 3);
        assertThatThrownBy(() -> Convolution.conv2d(x, w, null, Conv2dSpec.defaults()))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("output size must be positive")
                .hasMessageContaining("x.shape=[1, 1, 2, 2]").hasMessageContaining("weight.shape=[1, 1, 3, 3]")
                .hasMessageContaining("OH=0");
    }

    @Test
    void conv2d_rejectsWrongRanksAndBiasShape() {
        NDArray w = NDArray.zeros(DType.F32, 2, 1, 1, 1);
        assertThatThrownBy(() -> Convolution.conv2d(NDArray.zeros(DType.F32, 1, 4, 4), w, null, Conv2dSpec.defaults()))
                .isInstanceOf(ShapeException.class).hasMessageContaining("conv2d: x must be 4-d").hasMessageContaining("[1, 4, 4]");
        assertThatThrownBy(() -> Convolution.conv2d(NDArray.zeros(DType.F32, 1, 1, 4, 4), NDArray.zeros(DType.F32, 2, 1, 1), null, Conv2dSpec.defaults()))
                .isInstanceOf(ShapeException.class).hasMessageContaining("weight must be 4-d").hasMessageContaining("[2, 1, 1]");
        assertThatThrownBy(() -> Convolution.conv2d(NDArray.zeros(DType.F32, 1, 1, 4, 4), w, NDArray.zeros(DType.F32, 3), Conv2dSpec.defaults()))
                .isInstanceOf(ShapeException.class).hasMessageContaining("bias must have shape [OC]")
                .hasMessageContaining("bias.shape=[3]").hasMessageContaining("weight.shape=[2, 1, 1, 1]");
    }

    @Test
    void conv2d_rejectsI64() {
        NDArray x = NDArray.zeros(DType.I64, 1, 1, 2, 2), w = NDArray.zeros(DType.F32, 1, 1, 1, 1);
        assertThatThrownBy(() -> Convolution.conv2d(x, w, null, Conv2dSpec.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv2d: needs F32 or F64").hasMessageContaining("x.dtype=I64").hasMessageContaining("weight.dtype=F32");
    }

    @Test
    void conv2dBackward_rejectsGradOutOfTheWrongShape() {
        NDArray w = NDArray.zeros(DType.F32, 2, 1, 3, 3), x = NDArray.zeros(DType.F32, 1, 1, 5, 5);
        NDArray badGrad = NDArray.zeros(DType.F32, 1, 2, 5, 5);
        assertThatThrownBy(() -> Convolution.conv2dBackwardInput(badGrad, w, x.shape(), Conv2dSpec.defaults()))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("conv2dBackwardInput: gradOut.shape must be [N, OC, OH, OW] = [1, 2, 3, 3]")
                .hasMessageContaining("got gradOut.shape=[1, 2, 5, 5]");
        assertThatThrownBy(() -> Convolution.conv2dBackwardWeight(badGrad, x, w.shape(), Conv2dSpec.defaults()))
                .isInstanceOf(ShapeException.class).hasMessageContaining("conv2dBackwardWeight").hasMessageContaining("[1, 2, 5, 5]");
        assertThatThrownBy(() -> Convolution.conv2dBackwardBias(NDArray.zeros(DType.F32, 2, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("conv2dBackwardBias: gradOut must be 4-d").hasMessageContaining("[2, 3]");
    }

    @Test
    void pooling_rejectsBadShapes() {
        assertThatThrownBy(() -> Convolution.maxPool2d(NDArray.zeros(DType.F32, 1, 1, 2, 2), Pool2dSpec.of(3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("maxPool2d: output size must be positive")
                .hasMessageContaining("x.shape=[1, 1, 2, 2]").hasMessageContaining("kernel=(3, 3)");
        assertThatThrownBy(() -> Convolution.avgPool2d(NDArray.zeros(DType.F32, 2, 2), Pool2dSpec.of(2)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("avgPool2d: x must be 4-d");
        assertThatThrownBy(() -> Convolution.avgPool2dBackward(NDArray.zeros(DType.F32, 1, 1, 3, 3), Shape.of(1, 1, 4, 4), Pool2dSpec.of(2)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("gradOut.shape must be [N, C, OH, OW] = [1, 1, 2, 2]")
                .hasMessageContaining("[1, 1, 3, 3]");
        assertThatThrownBy(() -> Convolution.globalAvgPool2d(NDArray.zeros(DType.I64, 1, 1, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("globalAvgPool2d: needs F32 or F64");
    }

    @Test
    void maxPool2dBackward_rejectsMismatchedOrOutOfRangeIndices() {
        NDArray gradOut = NDArray.zeros(DType.F32, 1, 1, 2, 2);
        assertThatThrownBy(() -> Convolution.maxPool2dBackward(gradOut, NDArray.zeros(DType.F32, 1, 1, 2, 2), Shape.of(1, 1, 4, 4)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("need I64 indices").hasMessageContaining("F32");
        assertThatThrownBy(() -> Convolution.maxPool2dBackward(gradOut, NDArray.zeros(DType.I64, 1, 1, 2, 2), Shape.of(1, 2, 4, 4)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("inputShape=[1, 2, 4, 4]").hasMessageContaining("gradOut.shape=[1, 1, 2, 2]");
        NDArray tooFar = NDArray.of(new long[] {0, 1, 16, 3}, 1, 1, 2, 2);
        assertThatThrownBy(() -> Convolution.maxPool2dBackward(gradOut, tooFar, Shape.of(1, 1, 4, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 16").hasMessageContaining("H·W=16");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static double dot(NDArray a, NDArray b) {
        double[] x = a.toDoubleArray(), y = b.toDoubleArray();
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }

    /**
     * (f(v + h·e_i) − f(v − h·e_i)) / 2h with h = 1e-3. The maps tested here are linear in v, or piecewise
     * linear with kinks farther than h away (distinct integers for max pooling), so a large h costs no
     * truncation error and keeps the rounding error, about |f|·2⁻⁵²/h, far below the 1e-8 tolerance.
     */
    private static double centralDifference(double[] v, int i, java.util.function.ToDoubleFunction<double[]> f) {
        double h = 1e-3;
        double[] plus = v.clone(), minus = v.clone();
        plus[i] += h;
        minus[i] -= h;
        return (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
    }
}
