package dev.nabla.tensor;

import dev.nabla.tensor.internal.BlockMath;
import dev.nabla.tensor.internal.Parallel;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a {@link PointwiseFunction} {@code y = f(x; θ)} over an array, and its backward
 * {@code ∂L/∂x = g·∂f/∂x}, {@code ∂L/∂θₖ = Σ g·∂f/∂θₖ} (summed over the elements that share
 * θₖ) in one pass. This is the fused kernel behind every activation.
 *
 * <p>Each parameter is an array of one element (shared by all of x) or of shape (C) with
 * C = x.size(1): one value per channel, as PReLU's {@code num_parameters}.
 *
 * <p>F64 arrays are evaluated with the element forms ({@link PointwiseFunction#value},
 * {@link PointwiseFunction#derivatives}); F32 arrays in blocks widened to double with the block
 * forms, then rounded once, or, for a {@link PointwiseFunction.FloatValues} /
 * {@link PointwiseFunction.FloatDerivatives} function, in float lanes (the backward then multiplies
 * by ∂L/∂y, read in place, in float and sums the parameter gradients of each block with
 * {@link BlockMath#dot}). x is copied into the block, so that the function's loops index only
 * arrays from 0: with loops reading x in place at an offset, C2 on JDK 25 left them scalar here
 * and ReLU's backward on 16M elements took 55 ms instead of 9. A
 * {@link PointwiseFunction.FloatInPlace} function (ReLU and the other cheap ones) skips the block:
 * its loops run over x, ∂L/∂y and the result in place, all at one index, which C2 does vectorize,
 * each chunk's run of constant θ at once, or a float block's length at a time when parameter-gradient
 * sums are wanted (the function may sum through the block's arrays), returning that range's sums.
 * Per-range setup, such as Zorro's constants with their exps, so runs once per chunk (16,384
 * elements), not once per 256.
 * The work is cut into chunks of {@value #CHUNK} elements whatever the thread count, and the
 * parameter-gradient partial sums (in double) are added in chunk order, so the result is the same
 * bit for bit on any number of threads.
 */
public final class Pointwise {
    /** Elements per parallel chunk (whole blocks of either kind). */
    static final int CHUNK = 16 * PointwiseBlock.FLOAT_SIZE;

    private Pointwise() {}

    /** ∂L/∂x and ∂L/∂θₖ (each shaped and typed like its θₖ; null where not asked for). */
    public record Gradients(NDArray input, List<NDArray> parameters) {}

    /** y = f(x; θ), same shape and dtype as x. */
    public static NDArray apply(PointwiseFunction f, NDArray x, NDArray... theta) {
        Layout layout = Layout.of(f, x, theta);
        PointwiseFunction.FloatInPlace inPlace = x.dtype() == DType.F32 && f instanceof PointwiseFunction.FloatInPlace ip ? ip : null;
        NDArray in = inPlace != null ? atOffsetZero(x) : x.contiguous();
        NDArray out = NDArray.wrap(NDArray.allocate(x.dtype(), x.numel()), x.dtype(), x.shape());
        PointwiseFunction.FloatValues floatLanes = in.dtype() == DType.F32 && f instanceof PointwiseFunction.FloatValues fv ? fv : null;
        int blockSize = inPlace != null ? CHUNK : blockSize(floatLanes != null);
        Parallel.forEach(Parallel.chunks(x.numel(), CHUNK), chunk -> {
            PointwiseBlock b = block(f.parameterCount());
            layout.forEachBlock(chunk, b, blockSize, (start, n) -> {
                if (inPlace != null) {
                    inPlace.valueRangeF32(in.f32(), out.f32(), start, start + n, b.theta);
                    return;
                }
                if (floatLanes != null) {
                    System.arraycopy(in.f32(), in.offset + start, b.xf, 0, n);
                    floatLanes.valueBlockF32(b);
                    System.arraycopy(b.outf, 0, out.f32(), start, n);
                    return;
                }
                load(in, start, b);
                if (in.dtype() == DType.F64) {
                    for (int i = 0; i < n; i++) b.out[i] = f.value(b.x[i], b.theta);
                } else {
                    f.valueBlock(b);
                }
                store(b.out, out, start, n);
            });
        });
        return out;
    }

    /** The gradients of L given {@code gradOutput} = ∂L/∂y (shape of x), for x and every θₖ. */
    public static Gradients backward(PointwiseFunction f, NDArray x, NDArray gradOutput, NDArray... theta) {
        boolean[] all = new boolean[theta.length];
        java.util.Arrays.fill(all, true);
        return backward(f, x, gradOutput, all, theta);
    }

    /**
     * The gradients of L given {@code gradOutput} = ∂L/∂y, for x and for the θₖ with
     * {@code wanted[k]} (the others are null: their sums are skipped).
     */
    public static Gradients backward(PointwiseFunction f, NDArray x, NDArray gradOutput, boolean[] wanted, NDArray... theta) {
        Layout layout = Layout.of(f, x, theta);
        if (wanted.length != theta.length) {
            throw new IllegalArgumentException(f.name() + " backward: " + wanted.length + " flags for " + theta.length + " parameters");
        }
        if (!gradOutput.shape().equals(x.shape())) {
            throw new ShapeException(f.name() + " backward: gradient shape " + gradOutput.shape() + " != input shape " + x.shape());
        }
        boolean anyWanted = anyOf(wanted);
        PointwiseFunction.FloatInPlace inPlace = x.dtype() == DType.F32 && f instanceof PointwiseFunction.FloatInPlace ip ? ip : null;
        NDArray in = inPlace != null ? atOffsetZero(x) : x.contiguous();
        NDArray g = inPlace != null ? atOffsetZero(gradOutput.astype(x.dtype())) : gradOutput.astype(x.dtype()).contiguous();
        NDArray dx = NDArray.wrap(NDArray.allocate(x.dtype(), x.numel()), x.dtype(), x.shape());
        int p = f.parameterCount();
        int chunks = Parallel.chunks(x.numel(), CHUNK);
        double[][][] partial = new double[chunks][p][layout.channels];
        PointwiseFunction.FloatDerivatives floatLanes = in.dtype() == DType.F32 && f instanceof PointwiseFunction.FloatDerivatives fd ? fd : null;
        int blockSize = inPlace != null ? (anyWanted ? PointwiseBlock.FLOAT_SIZE : CHUNK) : blockSize(floatLanes != null);
        Parallel.forEach(chunks, chunk -> {
            PointwiseBlock b = block(p);
            b.wanted = wanted;
            double[] gradient = b.gradient;
            double[][] sums = partial[chunk];
            layout.forEachBlock(chunk, b, blockSize, (start, n) -> {
                int c = layout.channel(start);
                if (inPlace != null) {
                    if (!anyWanted) {
                        inPlace.gradientRangeF32(in.f32(), g.f32(), dx.f32(), start, start + n, b.theta);
                        return;
                    }
                    inPlace.backwardRangeF32(in.f32(), g.f32(), dx.f32(), start, b);
                    for (int k = 0; k < p; k++) {
                        if (wanted[k]) sums[k][c] += b.parameterSums[k];
                    }
                    return;
                }
                if (floatLanes != null) {
                    System.arraycopy(in.f32(), in.offset + start, b.xf, 0, n);
                    floatLanes.derivativeBlockF32(b);
                    float[] gf = g.f32(), d = dx.f32(), fPrime = b.outf;
                    int gAt = g.offset + start;
                    for (int i = 0; i < n; i++) d[start + i] = fPrime[i] * gf[gAt + i];
                    addParameterSums(sums, c, gf, gAt, b);
                    return;
                }
                load(in, start, b);
                if (in.dtype() == DType.F64) {
                    double[] d = new double[p];
                    for (int i = 0; i < n; i++) {
                        b.out[i] = f.derivatives(b.x[i], b.theta, d);
                        for (int k = 0; k < p; k++) b.dTheta[k][i] = d[k];
                    }
                } else {
                    f.derivativeBlock(b);
                }
                loadInto(g, start, n, gradient);
                for (int i = 0; i < n; i++) b.out[i] *= gradient[i];
                store(b.out, dx, start, n);
                for (int k = 0; k < p; k++) {
                    if (wanted[k]) sums[k][c] += dot(gradient, b.dTheta[k], n);
                }
            });
        });
        List<NDArray> dTheta = new ArrayList<>();
        for (int k = 0; k < p; k++) {
            if (!wanted[k]) {
                dTheta.add(null);
                continue;
            }
            double[] total = new double[layout.channels];
            for (double[][] chunkSums : partial) {
                for (int c = 0; c < total.length; c++) total[c] += chunkSums[k][c];
            }
            dTheta.add(NDArray.of(total, theta[k].shape().dims()).astype(theta[k].dtype()));
        }
        return new Gradients(dx, dTheta);
    }

    /** sums[k][c] += Σ g[gAt + i]·∂f/∂θₖ[i] over the block, for every wanted k (the block's b.dThetaf). */
    private static void addParameterSums(double[][] sums, int c, float[] g, int gAt, PointwiseBlock b) {
        for (int k = 0; k < sums.length; k++) {
            if (b.wanted[k]) sums[k][c] += BlockMath.dot(g, gAt, b.dThetaf[k], b.n);
        }
    }

    private static boolean anyOf(boolean[] flags) {
        for (boolean f : flags) {
            if (f) return true;
        }
        return false;
    }

    /** a itself if it is contiguous from index 0 of its storage, else a copy that is (a {@link PointwiseFunction.FloatInPlace} loop indexes every array alike). */
    private static NDArray atOffsetZero(NDArray a) {
        return a.isContiguous() && a.offset == 0 ? a : a.copy();
    }

    /** Elements per block: {@link PointwiseBlock#FLOAT_SIZE} in float lanes, {@link PointwiseBlock#SIZE} widened to double. */
    private static int blockSize(boolean floatLanes) {
        return floatLanes ? PointwiseBlock.FLOAT_SIZE : PointwiseBlock.SIZE;
    }

    /** Σ a[i]·b[i] for i &lt; n with four interleaved partial sums (a fixed order: deterministic). */
    private static double dot(double[] a, double[] b, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) s0 += a[i] * b[i];
        return (s0 + s1) + (s2 + s3);
    }

    /** This thread's block for functions with {@code parameters} parameters (blocks are reused, not allocated per chunk). */
    private static PointwiseBlock block(int parameters) {
        PointwiseBlock[] cache = BLOCKS.get();
        if (parameters >= cache.length) return new PointwiseBlock(parameters);
        if (cache[parameters] == null) cache[parameters] = new PointwiseBlock(parameters);
        return cache[parameters];
    }

    private static final ThreadLocal<PointwiseBlock[]> BLOCKS = ThreadLocal.withInitial(() -> new PointwiseBlock[8]);

    private static void load(NDArray a, int start, PointwiseBlock b) {
        loadInto(a, start, b.n, b.x);
    }

    private static void loadInto(NDArray a, int start, int n, double[] into) {
        int from = a.offset + start;
        if (a.dtype() == DType.F64) {
            System.arraycopy(a.f64(), from, into, 0, n);
        } else {
            float[] v = a.f32();
            for (int i = 0; i < n; i++) into[i] = v[from + i];
        }
    }

    private static void store(double[] values, NDArray a, int start, int n) {
        if (a.dtype() == DType.F64) {
            System.arraycopy(values, 0, a.f64(), start, n);
        } else {
            float[] v = a.f32();
            for (int i = 0; i < n; i++) v[start + i] = (float) values[i];
        }
    }

    /**
     * Where the parameters change: θ[k][c] for channel c, and each element's channel is
     * (index / inner) mod channels (channels = 1: one value for the whole array).
     */
    private static final class Layout {
        final int numel, channels, inner;
        final double[][] theta; // [k][c]

        private Layout(int numel, int channels, int inner, double[][] theta) {
            this.numel = numel;
            this.channels = channels;
            this.inner = inner;
            this.theta = theta;
        }

        static Layout of(PointwiseFunction f, NDArray x, NDArray[] theta) {
            if (x.dtype() == DType.I64) throw new IllegalArgumentException(f.name() + ": needs a float array (F32 or F64), got I64");
            if (theta.length != f.parameterCount()) {
                throw new IllegalArgumentException(f.name() + ": expects " + f.parameterCount() + " parameter arrays, got " + theta.length);
            }
            int channels = 1;
            for (NDArray t : theta) {
                if (t.numel() == 1) continue;
                if (t.rank() != 1 || x.rank() < 2 || t.numel() != x.shape().dim(1) || (channels != 1 && channels != t.numel())) {
                    throw new ShapeException(f.name() + ": a parameter must have one element or one per channel (dim 1 of the input); "
                            + "got parameter shape " + t.shape() + " for input shape " + x.shape());
                }
                channels = t.numel();
            }
            int inner = channels == 1 || x.numel() == 0 ? Math.max(x.numel(), 1) : x.numel() / (x.shape().dim(0) * channels);
            double[][] values = new double[theta.length][];
            for (int k = 0; k < theta.length; k++) {
                double[] v = theta[k].toDoubleArray();
                values[k] = v.length == channels ? v : filled(channels, v[0]);
            }
            return new Layout(x.numel(), channels, inner, values);
        }

        private static double[] filled(int n, double v) {
            double[] a = new double[n];
            java.util.Arrays.fill(a, v);
            return a;
        }

        int channel(int index) {
            return channels == 1 ? 0 : (index / inner) % channels;
        }

        interface BlockBody {
            void run(int start, int n);
        }

        /**
         * Cuts chunk {@code chunk} into blocks of constant θ and at most {@code blockSize} elements and
         * runs body on each with b.theta and b.n set.
         */
        void forEachBlock(int chunk, PointwiseBlock b, int blockSize, BlockBody body) {
            int end = (int) Math.min(numel, (long) (chunk + 1) * CHUNK);
            for (int start = chunk * CHUNK; start < end; ) {
                int c = channel(start);
                int runEnd = channels == 1 ? end : Math.min(end, (start / inner + 1) * inner);
                b.theta = thetaOf(c);
                for (; start < runEnd; start += b.n) {
                    b.n = Math.min(blockSize, runEnd - start);
                    body.run(start, b.n);
                }
            }
        }

        private double[] thetaOf(int c) {
            double[] t = new double[theta.length];
            for (int k = 0; k < t.length; k++) t[k] = theta[k][c];
            return t;
        }
    }
}
