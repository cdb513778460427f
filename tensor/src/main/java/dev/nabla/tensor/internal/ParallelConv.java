package dev.nabla.tensor.internal;

/**
 * Convolution and pooling split into fixed chunks that run on Nabla's worker pool; every chunk
 * calls a {@link ScalarConv} kernel (or the tier's kernel it is given) on its own range, and this
 * class does no arithmetic of its own.
 *
 * <p>Chunk boundaries depend only on the problem's extents, never on the thread count, and each
 * chunk writes only its own outputs: images for convolution, channels for the bias gradient,
 * planes for pooling. The weight gradient sums over images, so each chunk fills its own partial
 * gradient and the partials are added in chunk order afterwards. Results are therefore bit-identical
 * on any number of threads. Inside a chunk, {@link GemmKernels#sgemm} runs on the chunk's thread.
 */
public final class ParallelConv {
    private static final String PARITY_TEST = "dev.nabla.tensor.internal.ConvParityTest";

    /**
     * At most this many image chunks: enough to balance a 16-thread machine, few enough that the
     * per-chunk partial weight gradients (16 × the weight) stay small next to the work.
     */
    static final int MAX_IMAGE_CHUNKS = 16;

    /** Elements per chunk of pooling and of the bias gradient (~64 KiB of floats: a few µs of work each, ≫ the hand-off cost). */
    static final int ELEMENTS_PER_CHUNK = 1 << 14;

    private ParallelConv() {}

    @ReferenceTwin(reference = ReferenceConv.class, method = "conv2dForward", parityTest = PARITY_TEST)
    public static void conv2dForward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] out) {
        int chunks = imageChunks(g.batch());
        Parallel.forEach(chunks, c -> ScalarConv.conv2dForward(g, x, w, bias, out,
                boundary(c, chunks, g.batch()), boundary(c + 1, chunks, g.batch())));
    }

    @ReferenceTwin(reference = ReferenceConv.class, method = "conv2dBackwardInput", parityTest = PARITY_TEST)
    public static void conv2dBackwardInput(ConvGeometry g, float[] gradOut, float[] w, float[] gradX, ScalarConv.RowAdder adder) {
        int chunks = imageChunks(g.batch());
        Parallel.forEach(chunks, c -> ScalarConv.conv2dBackwardInput(g, gradOut, w, gradX,
                boundary(c, chunks, g.batch()), boundary(c + 1, chunks, g.batch()), adder));
    }

    /** gradW (OC,C/G,KH,KW) = Σ over image chunks, in chunk order, of each chunk's partial gradient. */
    @ReferenceTwin(reference = ReferenceConv.class, method = "conv2dBackwardWeight", parityTest = PARITY_TEST)
    public static void conv2dBackwardWeight(ConvGeometry g, float[] gradOut, float[] x, float[] gradW) {
        int chunks = imageChunks(g.batch());
        float[][] partials = new float[chunks][g.weightSize()];
        Parallel.forEach(chunks, c -> ScalarConv.conv2dBackwardWeight(g, gradOut, x, partials[c],
                boundary(c, chunks, g.batch()), boundary(c + 1, chunks, g.batch())));
        ScalarConv.sumInOrder(partials, gradW);
    }

    @ReferenceTwin(reference = ReferenceConv.class, method = "conv2dBackwardBias", parityTest = PARITY_TEST)
    public static void conv2dBackwardBias(int batch, int outChannels, int plane, float[] gradOut, float[] gradBias) {
        int perChunk = itemsPerChunk((long) batch * plane);
        Parallel.forEach(Parallel.chunks(outChannels, perChunk), c -> ScalarConv.conv2dBackwardBias(
                batch, outChannels, plane, gradOut, gradBias, c * perChunk, Math.min(outChannels, (c + 1) * perChunk)));
    }

    @ReferenceTwin(reference = ReferenceConv.class, method = "maxPool2d", parityTest = PARITY_TEST)
    public static void maxPool2d(PoolGeometry p, float[] x, float[] out, long[] indices, ScalarConv.MaxPool kernel) {
        int perChunk = itemsPerChunk(p.inPlane());
        Parallel.forEach(Parallel.chunks(p.planes(), perChunk), c -> kernel.run(
                p, x, out, indices, c * perChunk, Math.min(p.planes(), (c + 1) * perChunk)));
    }

    @ReferenceTwin(reference = ReferenceConv.class, method = "maxPool2dBackward", parityTest = PARITY_TEST)
    public static void maxPool2dBackward(PoolGeometry p, float[] gradOut, long[] indices, float[] gradX) {
        int perChunk = itemsPerChunk(p.inPlane());
        Parallel.forEach(Parallel.chunks(p.planes(), perChunk), c -> ScalarConv.maxPool2dBackward(
                p, gradOut, indices, gradX, c * perChunk, Math.min(p.planes(), (c + 1) * perChunk)));
    }

    @ReferenceTwin(reference = ReferenceConv.class, method = "avgPool2d", parityTest = PARITY_TEST)
    public static void avgPool2d(PoolGeometry p, float[] x, float[] out) {
        int perChunk = itemsPerChunk(p.inPlane());
        Parallel.forEach(Parallel.chunks(p.planes(), perChunk), c -> ScalarConv.avgPool2d(
                p, x, out, c * perChunk, Math.min(p.planes(), (c + 1) * perChunk)));
    }

    @ReferenceTwin(reference = ReferenceConv.class, method = "avgPool2dBackward", parityTest = PARITY_TEST)
    public static void avgPool2dBackward(PoolGeometry p, float[] gradOut, float[] gradX) {
        int perChunk = itemsPerChunk(p.inPlane());
        Parallel.forEach(Parallel.chunks(p.planes(), perChunk), c -> ScalarConv.avgPool2dBackward(
                p, gradOut, gradX, c * perChunk, Math.min(p.planes(), (c + 1) * perChunk)));
    }

    @ReferenceTwin(reference = ReferenceConv.class, method = "globalAvgPool2d", parityTest = PARITY_TEST)
    public static void globalAvgPool2d(int planes, int plane, float[] x, float[] out) {
        int perChunk = itemsPerChunk(plane);
        Parallel.forEach(Parallel.chunks(planes, perChunk), c -> ScalarConv.globalAvgPool2d(
                plane, x, out, c * perChunk, Math.min(planes, (c + 1) * perChunk)));
    }

    /** Number of image chunks for a batch of {@code n}: one image each, up to {@link #MAX_IMAGE_CHUNKS}. */
    static int imageChunks(int n) {
        return Math.min(n, MAX_IMAGE_CHUNKS);
    }

    /** Start of chunk {@code c} of {@code chunks} near-equal chunks covering {@code [0, n)}. */
    static int boundary(int c, int chunks, int n) {
        return (int) ((long) c * n / chunks);
    }

    /** Items (planes or channels) per chunk when each item has {@code itemSize} elements. */
    private static int itemsPerChunk(long itemSize) {
        return (int) Math.max(1, ELEMENTS_PER_CHUNK / Math.max(1, itemSize));
    }
}
