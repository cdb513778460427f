package dev.nabla.tensor.internal;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The blocked, packed SGEMM algorithm of GotoBLAS/BLIS, shared by the scalar and the SIMD tiers:
 * they differ only in the {@link MicroKernel} that computes one MR×NR register tile.
 * <pre>
 *   for jc in N by NC                      B block (KC,NC) lives in L2
 *     for pc in K by KC (K cut into equal blocks of at most KC)
 *       pack B[pc:pc+KC, jc:jc+NC] into NR-column panels      (in chunks, possibly in parallel)
 *       for each row block ic of C (fixed grid; possibly in parallel)
 *         pack A[ic:ic+MB, pc:pc+KC] into MR-row panels
 *         for ir in MB by MR                                A panel (KC,MR) lives in L1
 *           for jr in NC by NR                              B panels stream from L2
 *             C[ir:ir+MR, jr:jr+NR] (+)= Apanel · Bpanel    micro-kernel, MR×NR accumulators in registers
 * </pre>
 * The two inner loops run in this order (not BLIS's jr-outer order, which keeps the B panel in L1
 * and the A block in L2) so that C is swept along its rows: each micro-kernel call writes the 32
 * columns right after the previous call's, which the hardware prefetchers follow, instead of jumping
 * MR rows down to a C tile that is not in any cache (measured, JDK 25, one thread, 1024³: about
 * 70 → 80 GFLOP/s; the tile writes went from 16 % to 7 % of the profile).
 *
 * <p>Packing reads A and B through their strides, so transposed operands cost the same as
 * contiguous ones, and pads partial panels with zeros, so edge tiles run the same micro-kernel
 * (which then writes only the valid part of its tile). An A panel is laid out in whichever order
 * its source allows with plain row copies (see {@link #packA}); the micro-kernel reads it through
 * two steps.
 *
 * <p><b>Determinism.</b> Every C element is summed in the same order whatever the row-block grid,
 * the thread count or the tile it falls in: the micro-kernel sums p = pc … pc+kc−1 in order from
 * zero, and the KC blocks are added to C in order of pc. The row-block grid itself depends only
 * on M.
 */
public final class PackedGemm {
    /**
     * Depth of a packed block: a (KC,NR) B panel of 32 floats per row is 32 KiB, the L1d size. Of
     * 128, 192, 256, 384 and 512, 256 measured best or equal at 512³, 1024³ and 1025³ (JDK 25).
     */
    static final int KC = 256;
    /** Most rows of A packed at once: (192,KC) floats are 192 KiB, a fifth of the 1 MiB L2. */
    static final int MC = 192;
    /**
     * Most columns of B packed at once: (KC,512) floats are 512 KiB, half the 1 MiB L2, where the
     * B panels are read from once per A panel. 256, 512 and 768 measured within noise of each other
     * at 1024³ (JDK 25, one thread), 4096 (B from L3) clearly slower with this loop order.
     */
    static final int NC = 512;
    /** B panels packed per chunk of the packing step. */
    private static final int B_PANELS_PER_CHUNK = 4;
    /** Steps of p per block of the strided packing loop: one 64-byte cache line of floats. */
    private static final int PACK_STEPS = 16;
    /** Row blocks are made small enough that C has at least this many of them (when M allows). */
    private static final int MIN_ROW_BLOCKS = 4;

    private PackedGemm() {}

    /**
     * Computes one register tile from packed panels.
     * <pre>
     *   Apanel is (KC,MR): Apanel[p][i] = packedA[aAt + i·aRowStep + p·aDepthStep]
     *   Bpanel is (KC,NR): Bpanel[p][j] = packedB[bAt + p·NR + j]
     *   C[i][j] = (accumulate ? C[i][j] : 0) + Σ_{p<kc} Apanel[p][i]·Bpanel[p][j]   for i < rows, j < cols
     * </pre>
     * with {@code C[i][j] = c[cAt + i·ldc + j]}. Each sum starts at zero and runs over p in order.
     * {@code tile} (MR·NR floats) is scratch space for the tile.
     */
    public abstract static class MicroKernel {
        /** Rows (MR) and columns (NR) of the register tile. */
        final int mr;
        final int nr;

        protected MicroKernel(int mr, int nr) {
            this.mr = mr;
            this.nr = nr;
        }

        protected abstract void compute(int kc, float[] packedA, int aAt, int aRowStep, int aDepthStep,
                                        float[] packedB, int bAt,
                                        float[] c, int cAt, int ldc, int rows, int cols, boolean accumulate, float[] tile);

        /**
         * Packs one (kc, NR) B panel as {@link #packPanel} does; a tier may override it to transpose
         * strided sources faster (its result must be the same).
         */
        protected void packB(float[] src, int srcAt, int widthStride, int depthStride, int valid, int kc,
                             float[] dst, int dstAt) {
            packPanel(src, srcAt, widthStride, depthStride, nr, valid, kc, dst, dstAt);
        }
    }

    /** Runs {@code body(0) … body(chunks−1)}: in a plain loop, or on the worker pool. */
    public interface ChunkRunner {
        void forEach(int chunks, IntConsumer body);

        ChunkRunner SERIAL = (chunks, body) -> {
            for (int i = 0; i < chunks; i++) body.accept(i);
        };
        ChunkRunner POOL = Parallel::forEach;
    }

    /** Per-thread packing space, grown on demand and reused across calls. */
    private static final class Workspace {
        float[] packedA = new float[0];
        float[] packedB = new float[0];
        float[] tile = new float[0];
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /** {@code C (+)= A·B} with the matrices given as in {@link GemmKernels#sgemm}. */
    public static void sgemm(int m, int n, int k,
                             float[] a, int aOff, int aRowStride, int aColStride,
                             float[] b, int bOff, int bRowStride, int bColStride,
                             float[] c, int cOff, int ldc, boolean accumulate,
                             MicroKernel kernel, ChunkRunner runner) {
        if (m == 0 || n == 0) return;
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            }
            return;
        }
        int mr = kernel.mr;
        int nr = kernel.nr;
        int rowBlock = rowBlock(m, mr);
        int rowBlocks = Parallel.chunks(m, rowBlock);
        int ncMax = NC / nr * nr;
        int kcStep = depthBlock(k);
        Workspace caller = WORKSPACE.get();
        for (int jc = 0; jc < n; jc += ncMax) {
            int nc = Math.min(ncMax, n - jc);
            int panelsB = Parallel.chunks(nc, nr);
            for (int pc = 0; pc < k; pc += kcStep) {
                int kc = Math.min(kcStep, k - pc);
                float[] packedB = caller.packedB = grow(caller.packedB, panelsB * nr * kc);
                int col0 = jc, depth0 = pc; // effectively final copies for the chunk bodies
                runner.forEach(Parallel.chunks(panelsB, B_PANELS_PER_CHUNK), chunk -> {
                    int last = Math.min(panelsB, (chunk + 1) * B_PANELS_PER_CHUNK);
                    for (int panel = chunk * B_PANELS_PER_CHUNK; panel < last; panel++) {
                        int j0 = panel * nr;
                        kernel.packB(b, bOff + depth0 * bRowStride + (col0 + j0) * bColStride, bColStride, bRowStride,
                                Math.min(nr, nc - j0), kc, packedB, panel * nr * kc);
                    }
                });
                boolean addToC = accumulate || pc > 0;
                boolean aRows = rowLayout(aRowStride, aColStride);
                int aRowStep = aRows ? kc : 1, aDepthStep = aRows ? 1 : mr;
                runner.forEach(rowBlocks, chunk -> {
                    int i0 = chunk * rowBlock;
                    int mb = Math.min(rowBlock, m - i0);
                    int panelsA = Parallel.chunks(mb, mr);
                    Workspace own = WORKSPACE.get();
                    float[] packedA = own.packedA = grow(own.packedA, panelsA * mr * kc);
                    float[] tile = own.tile = grow(own.tile, mr * nr);
                    for (int panel = 0; panel < panelsA; panel++) {
                        int r0 = panel * mr;
                        packA(a, aOff + (i0 + r0) * aRowStride + depth0 * aColStride, aRowStride, aColStride,
                                mr, Math.min(mr, mb - r0), kc, packedA, panel * mr * kc);
                    }
                    for (int ir = 0; ir < panelsA; ir++) {
                        int rows = Math.min(mr, mb - ir * mr);
                        for (int jr = 0; jr < panelsB; jr++) {
                            int cols = Math.min(nr, nc - jr * nr);
                            kernel.compute(kc, packedA, ir * mr * kc, aRowStep, aDepthStep, packedB, jr * nr * kc,
                                    c, cOff + (i0 + ir * mr) * ldc + col0 + jr * nr, ldc, rows, cols, addToC, tile);
                        }
                    }
                });
            }
        }
    }

    /**
     * Depth of the K blocks: at most {@link #KC}, with K split into equal blocks, so that no block is
     * a sliver (K = 1025 gives five blocks of 205, not four of 256 and a rank-1 update that would
     * cost a whole pass over C). Depends on K only.
     */
    static int depthBlock(int k) {
        return Parallel.chunks(k, Parallel.chunks(k, KC));
    }

    /**
     * Rows per row block: at most {@link #MC}, a multiple of MR, and small enough that C has about
     * {@link #MIN_ROW_BLOCKS} blocks (or a multiple of it) of near-equal size. Depends on M only.
     */
    static int rowBlock(int m, int mr) {
        int blocks = Math.max(MIN_ROW_BLOCKS, Parallel.chunks(m, MC));
        blocks = Parallel.chunks(blocks, MIN_ROW_BLOCKS) * MIN_ROW_BLOCKS;
        int rows = Parallel.chunks(Parallel.chunks(m, blocks), mr) * mr;
        return Math.min(rows, MC / mr * mr);
    }

    /**
     * Whether A panels are packed row by row (element (i, p) at {@code i·KC + p}: when A's rows are
     * contiguous, each row of the panel is one copy) rather than p-major (element (i, p) at
     * {@code p·MR + i}, through {@link #packPanel}). Row layout replaced an element-wise transposing
     * pack of row-major A that took 9 % of a 1024³ product (JDK 25, one thread).
     */
    static boolean rowLayout(int aRowStride, int aColStride) {
        return aColStride == 1 && aRowStride != 1;
    }

    /**
     * Packs the (height, kc) A panel at {@code srcAt} (element (i, p) at {@code srcAt + i·rowStride +
     * p·colStride}) in the layout {@link #rowLayout} picks: rows of kc, or p-major rows of height.
     * Rows valid ≤ i < height are zero.
     */
    static void packA(float[] src, int srcAt, int rowStride, int colStride,
                      int height, int valid, int kc, float[] dst, int dstAt) {
        if (!rowLayout(rowStride, colStride)) {
            packPanel(src, srcAt, rowStride, colStride, height, valid, kc, dst, dstAt);
            return;
        }
        for (int i = 0; i < valid; i++) System.arraycopy(src, srcAt + i * rowStride, dst, dstAt + i * kc, kc);
        Arrays.fill(dst, dstAt + valid * kc, dstAt + height * kc, 0f);
    }

    /**
     * Packs a (kc, width) panel, p-major: {@code dst[dstAt + p·width + w] = src[srcAt + w·widthStride + p·depthStride]}
     * for w < valid, and zero for valid ≤ w < width.
     */
    static void packPanel(float[] src, int srcAt, int widthStride, int depthStride,
                          int width, int valid, int kc, float[] dst, int dstAt) {
        if (widthStride == 1) {
            for (int p = 0; p < kc; p++) {
                int from = srcAt + p * depthStride;
                int to = dstAt + p * width;
                System.arraycopy(src, from, dst, to, valid);
                if (valid < width) Arrays.fill(dst, to + valid, to + width, 0f);
            }
        } else {
            // a cache-blocked transpose: PACK_STEPS steps of p at a time, so each source row is
            // read a cache line at a time and the destination block stays in L1, even when the
            // source rows are a power of two apart and would collide in one cache set
            for (int p0 = 0; p0 < kc; p0 += PACK_STEPS) {
                int p1 = Math.min(kc, p0 + PACK_STEPS);
                for (int w = 0; w < valid; w++) {
                    int from = srcAt + w * widthStride;
                    for (int p = p0; p < p1; p++) dst[dstAt + p * width + w] = src[from + p * depthStride];
                }
                for (int w = valid; w < width; w++) {
                    for (int p = p0; p < p1; p++) dst[dstAt + p * width + w] = 0f;
                }
            }
        }
    }

    private static float[] grow(float[] buffer, int size) {
        return buffer.length >= size ? buffer : new float[size];
    }
}
