package dev.nabla.autograd.check;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.Conv2dSpec;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Pool2dSpec;
import dev.nabla.tensor.Shape;
import java.util.List;
import java.util.function.UnaryOperator;

/** The registry entries of every op in {@code dev.nabla.autograd.ops}. */
public final class CoreOps implements OpProvider {
    private static final Domain REAL = Domain.real(), POSITIVE = Domain.positive();

    static final List<OpCase> CASES = List.of(
            // element-wise binary, with broadcasting
            binary("add", REAL, REAL, Tensor::add).covers("Add"),
            binary("sub", REAL, REAL, Tensor::sub).covers("Sub"),
            binary("mul", REAL, REAL, Tensor::mul).covers("Mul"),
            binary("div", REAL, POSITIVE, Tensor::div).covers("Div").kinks("pole at b = 0: b drawn from [0.2, 2]"),
            binary("pow", POSITIVE, REAL, Tensor::pow).covers("Pow").kinks("a^b with real b needs a > 0: a drawn from [0.2, 2]"),
            distinctBinary("maximum", Tensor::maximum).covers("Maximum")
                    .kinks("not differentiable where a = b: inputs are never repeated views, so ties are improbable"),
            distinctBinary("minimum", Tensor::minimum).covers("Minimum")
                    .kinks("not differentiable where a = b: inputs are never repeated views, so ties are improbable"),
            OpCase.of("where", 2, gen -> {
                Shape[] s = gen.broadcastablePair();
                return new Tensor[] {gen.input(s[0], REAL), gen.input(s[1], REAL)};
            }, in -> Tensor.where(Tensor.of(in[0].value().gt(in[1].value())), in[0].sin(), in[1].cos())).covers("Where"),

            // element-wise unary
            unary("neg", REAL, Tensor::neg).covers("Neg"),
            unary("abs", REAL.avoiding(0), Tensor::abs).covers("Abs").kinks("not differentiable at 0"),
            unary("exp", REAL, Tensor::exp).covers("Exp"),
            unary("expm1", REAL, Tensor::expm1).covers("Expm1"),
            unary("log", POSITIVE, Tensor::log).covers("Log"),
            unary("log1p", Domain.range(-0.8, 2), Tensor::log1p).covers("Log1p"),
            unary("sqrt", POSITIVE, Tensor::sqrt).covers("Sqrt"),
            unary("rsqrt", POSITIVE, Tensor::rsqrt).covers("Rsqrt"),
            unary("square", REAL, Tensor::square).covers("Square"),
            unary("reciprocal", POSITIVE, Tensor::reciprocal).covers("Reciprocal"),
            unary("sin", REAL, Tensor::sin).covers("Sin"),
            unary("cos", REAL, Tensor::cos).covers("Cos"),
            unary("tanh", REAL, Tensor::tanh).covers("Tanh"),
            unary("sigmoid", REAL, Tensor::sigmoid).covers("Sigmoid"),
            unary("softplus", REAL, Tensor::softplus).covers("Softplus"),
            unary("erf", REAL, Tensor::erf).covers("Erf"),
            unary("erfc", REAL, Tensor::erfc).covers("Erfc"),
            unary("relu", REAL.avoiding(0), Tensor::relu).covers("Relu").kinks("not differentiable at 0 (∇relu(0) = 0 by convention)"),
            unary("sign", REAL.avoiding(0), Tensor::sign).covers("Sign").kinks("jump at 0"),
            unary("clamp", REAL.avoiding(-0.5, 0.5), x -> x.clamp(-0.5, 0.5)).covers("Clamp").kinks("not differentiable at the bounds"),
            OpCase.of("astype", 1, gen -> new Tensor[] {Tensor.leaf(gen.array(gen.shape(), DType.F32, REAL), true)},
                    in -> in[0].astype(DType.F64).square())
                    .covers("AsType").check(GradCheck.withDefaults().allowF32().eps(1e-2).atol(1e-4).rtol(1e-3))
                    .kinks("F32 input: eps 1e-2 (the op is linear; x² adds a known curvature), atol 1e-4"),

            // reductions
            reduction("sum", (x, dims, keep) -> x.sum(dims, keep)).covers("Sum"),
            reduction("mean", (x, dims, keep) -> x.mean(dims, keep)).covers("Mean"),
            reduction("var", (x, dims, keep) -> x.var(dims, true, keep)).covers("Var"),
            distinctReduction("max", (x, dims, keep) -> x.max(dims, keep)).covers("Amax")
                    .kinks("not differentiable at ties: inputs are never repeated views, so ties are improbable"),
            distinctReduction("min", (x, dims, keep) -> x.min(dims, keep)).covers("Amax")
                    .kinks("not differentiable at ties: inputs are never repeated views, so ties are improbable"),
            reduction("logsumexp", (x, dims, keep) -> x.logsumexp(dims, keep)).covers("LogSumExp"),
            alongDim("softmax", Tensor::softmax).covers("Softmax"),
            alongDim("log_softmax", Tensor::logSoftmax).covers("LogSoftmax"),

            // views and joins
            OpCase.of("reshape", 1, gen -> new Tensor[] {gen.input(gen.shape(), REAL)},
                    in -> in[0].reshape(reversed(in[0].shape())).square()).covers("Reshape"),
            OpCase.of("permute", 1, gen -> new Tensor[] {gen.input(gen.shape(), REAL)},
                    in -> in[0].permute(reversedOrder(in[0].rank())).square()).covers("Permute"),
            OpCase.of("expand", 1, gen -> new Tensor[] {gen.input(Shape.of(gen.dim(), 1), REAL)},
                    in -> in[0].expand(2, in[0].size(0), 3).square()).covers("Expand"),
            OpCase.of("slice", 1, gen -> new Tensor[] {gen.input(Shape.of(gen.dim(), gen.integer(2, 7)), REAL)},
                    in -> in[0].slice(1, 1, in[0].size(1), 2).square()).covers("Slice"),
            OpCase.of("cat", 2, gen -> {
                int n = gen.dim();
                return new Tensor[] {gen.input(Shape.of(n, gen.dim()), REAL), gen.input(Shape.of(n, gen.dim()), REAL)};
            }, in -> Tensor.cat(1, List.of(in[0], in[1].square()))).covers("Cat"),
            OpCase.of("index_select", 1, gen -> new Tensor[] {gen.input(Shape.of(gen.dim(), gen.dim()), REAL)},
                    in -> in[0].indexSelect(0, NDArray.of(new long[] {in[0].size(0) - 1, 0, 0}, 3)).square()).covers("IndexSelect"),
            OpCase.of("gather", 1, gen -> new Tensor[] {gen.input(Shape.of(gen.dim(), gen.dim()), REAL)},
                    in -> in[0].gather(1, columnIndex(in[0].shape())).square()).covers("Gather"),
            OpCase.of("scatter_add", 2, gen -> {
                int n = gen.dim(), m = gen.dim();
                return new Tensor[] {gen.input(Shape.of(n, m), REAL), gen.input(Shape.of(n, m), REAL)};
            }, in -> in[0].scatterAdd(1, columnIndex(in[1].shape()), in[1].square())).covers("ScatterAdd"),

            // linear algebra, convolution, pooling
            OpCase.of("matmul", 2, gen -> {
                int m = gen.dim(), k = gen.dim(), n = gen.dim();
                return switch (gen.integer(0, 3)) {
                    case 0 -> new Tensor[] {gen.input(Shape.of(m, k), REAL), gen.input(Shape.of(k, n), REAL)};
                    case 1 -> new Tensor[] {gen.input(Shape.of(k), REAL), gen.input(Shape.of(2, k, n), REAL)};
                    case 2 -> new Tensor[] {gen.input(Shape.of(3, 1, m, k), REAL), gen.input(Shape.of(2, k, n), REAL)};
                    default -> new Tensor[] {gen.input(Shape.of(m, k), REAL), gen.input(Shape.of(k), REAL)};
                };
            }, in -> in[0].matmul(in[1])).covers("MatMul"),
            OpCase.of("conv2d", 3, gen -> {
                int groups = gen.integer(1, 2), c = groups * gen.integer(1, 2), oc = groups * gen.integer(1, 2);
                int k = gen.integer(1, 3);
                return new Tensor[] {
                    gen.input(Shape.of(gen.integer(1, 2), c, gen.integer(k, k + 3), gen.integer(k, k + 3)), REAL),
                    gen.input(Shape.of(oc, c / groups, k, k), REAL),
                    gen.input(Shape.of(oc), REAL)};
            }, in -> {
                // stride (1, 2), padding (1, 0), dilation (2, 1): every geometry parameter off its default
                int groups = in[0].size(1) / in[1].size(1);
                return in[0].conv2d(in[1], in[2], new Conv2dSpec(1, 2, 1, 0, 2, 1, groups));
            }).covers("Conv2d"),
            OpCase.of("max_pool2d", 1, gen -> new Tensor[] {gen.distinctInput(Shape.of(gen.integer(1, 2), gen.integer(1, 2), gen.integer(2, 6), gen.integer(2, 6)), REAL)},
                    in -> in[0].maxPool2d(Pool2dSpec.of(2, 1, 1))).covers("MaxPool2d")
                    .kinks("not differentiable where two window elements tie: inputs are never repeated views"),
            OpCase.of("avg_pool2d", 1, gen -> new Tensor[] {gen.input(Shape.of(gen.integer(1, 2), gen.integer(1, 2), gen.integer(2, 6), gen.integer(2, 6)), REAL)},
                    in -> in[0].avgPool2d(Pool2dSpec.of(2, 1, 1))).covers("AvgPool2d"));

    @Override
    public List<OpCase> cases() {
        return CASES;
    }

    private interface Binary {
        Tensor apply(Tensor a, Tensor b);
    }

    private interface Reduction {
        Tensor apply(Tensor x, int[] dims, boolean keepDim);
    }

    private interface AlongDim {
        Tensor apply(Tensor x, int dim);
    }

    private static OpCase unary(String name, Domain domain, UnaryOperator<Tensor> f) {
        return OpCase.of(name, 1, gen -> new Tensor[] {gen.input(gen.shape(), domain)}, in -> f.apply(in[0]));
    }

    /** Inputs of broadcastable shapes. */
    private static OpCase binary(String name, Domain a, Domain b, Binary f) {
        return OpCase.of(name, 2, gen -> {
            Shape[] s = gen.broadcastablePair();
            return new Tensor[] {gen.input(s[0], a), gen.input(s[1], b)};
        }, in -> f.apply(in[0], in[1]));
    }

    /** Like {@link #binary} with inputs that hold no repeated values (for ops with a kink at ties). */
    private static OpCase distinctBinary(String name, Binary f) {
        return OpCase.of(name, 2, gen -> {
            Shape[] s = gen.broadcastablePair();
            return new Tensor[] {gen.distinctInput(s[0], REAL), gen.distinctInput(s[1], REAL)};
        }, in -> f.apply(in[0], in[1]));
    }

    /** A rank-1..3 input reduced over a set of dims chosen by its rank. */
    private static OpCase reduction(String name, Reduction f) {
        return reduction(name, f, false);
    }

    /** Like {@link #reduction} with an input that holds no repeated values. */
    private static OpCase distinctReduction(String name, Reduction f) {
        return reduction(name, f, true);
    }

    private static OpCase reduction(String name, Reduction f, boolean distinct) {
        return OpCase.of(name, 1, gen -> {
            Shape shape = gen.shape(gen.integer(1, 3));
            return new Tensor[] {distinct ? gen.distinctInput(shape, REAL) : gen.input(shape, REAL)};
        }, in -> {
            int r = in[0].rank();
            int[] dims = r == 1 ? new int[] {0} : r == 2 ? new int[] {1} : new int[] {0, 2};
            return f.apply(in[0], dims, r != 2);
        });
    }

    private static OpCase alongDim(String name, AlongDim f) {
        return OpCase.of(name, 1, gen -> new Tensor[] {gen.input(gen.shape(gen.integer(1, 3)), REAL)},
                in -> f.apply(in[0], -1));
    }

    private static int[] reversed(Shape s) {
        int[] d = s.dims(), r = new int[d.length];
        for (int i = 0; i < d.length; i++) r[i] = d[d.length - 1 - i];
        return r;
    }

    private static int[] reversedOrder(int rank) {
        int[] order = new int[rank];
        for (int i = 0; i < rank; i++) order[i] = rank - 1 - i;
        return order;
    }

    /** index[i][j] = (i + 2j) mod m, of shape (n, m): every row picks some columns twice. */
    private static NDArray columnIndex(Shape shape) {
        int n = shape.dim(0), m = shape.dim(1);
        long[] idx = new long[n * m];
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) idx[i * m + j] = (i + 2L * j) % m;
        return NDArray.of(idx, n, m);
    }
}
