package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.tensor.PointwiseBlock;
import dev.nabla.tensor.PointwiseFunction;
import dev.nabla.tensor.internal.BlockMath;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Smooth Activation Unit (Biswas, Kumar, Banerjee &amp; Pandey, arXiv 2109.13210;
 * docs/activations.md §3): leaky ReLU with slope α smoothed by convolution with a normal density
 * of standard deviation 1/n, φₙ(x) = n·φ(nx). With z = n·x, Φ the standard normal CDF and φ its
 * density:
 * <pre>
 *   exact form (default):  f(x) = (LReLU_α ∗ φₙ)(x) = α·x + (1−α)·[x·Φ(z) + φ(z)/n]
 *   paper form (paper=true): f(x) = α·x + (1−α)·x·Φ(z) + φ(z)/n
 * </pre>
 * Both are {@code f = α·x + (1−α)·x·Φ(z) + g·φ(z)/n} with the weight g of the Gaussian term
 * g = 1−α (exact) or g = 1 (paper). Writing c = 1 − α − g (0 exact, −α paper) and
 * g′ = ∂g/∂α (−1 exact, 0 paper), and using φ′(z) = −z·φ(z):
 * <pre>
 *   ∂f/∂x = α + (1−α)·Φ(z) + c·z·φ(z)             (exact: the Gaussian terms cancel)
 *   ∂f/∂α = x·Φ(−z) + g′·φ(z)/n                    (x·(1 − Φ(z)), written without cancellation)
 *   ∂f/∂n = (c·z² − g)·φ(z)/n²                     (exact: −(1−α)·φ(z)/n²)
 * </pre>
 * AMBIGUOUS, documented in docs/activations.md §3: third-party code citing the paper drops the
 * (1−α) factor of the Gaussian term; this is the {@code paper=true} option. At n = 20000 the two
 * differ by at most α/(n√(2π)) ≈ 3e-6, and both equal leaky ReLU(α) to double precision once
 * |x| &gt; about 4e-4.
 *
 * <p>Parameters: α (init 0.15) is trainable, one per layer or one per channel with
 * {@code channels=C}; n (init 20000) is a fixed hyper-parameter unless {@code trainable_n=true}
 * (then it is kept ≥ {@value #N_FLOOR} after each optimizer step, since the function needs n &gt; 0).
 * With {@code channels=C}, n is held per channel too: C equal values, which differ only if n trains.
 *
 * <p>Stable evaluation: Φ(z) = erfc(−z/√2)/2 and Φ(−z) = erfc(z/√2)/2 keep their relative accuracy
 * in the tails, so f = α·x to full precision for x ≪ 0. The Gaussian terms use z clamped to
 * ±{@value #Z_CLAMP}, where φ(z) already underflows to 0; this keeps z·φ(z) and z²·φ(z) at 0
 * instead of ∞·0 when z or z² overflow. The F32 kernels run in float lanes with z clamped to ±15,
 * and skip the erfc and exp passes in blocks where every z is in a tail (see {@link #cdfAndPdfF32}).
 */
public final class SAU extends ElementwiseFunction implements PointwiseFunction.FloatValues, PointwiseFunction.FloatDerivatives {
    static final SAU EXACT = new SAU(false);
    static final SAU PAPER = new SAU(true);
    static final Activations.Entry ENTRY = entry();

    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    /** |z| beyond which φ(z) = e^(−z²/2)/√(2π) is 0 in double (e^(−800) underflows). */
    private static final double Z_CLAMP = 40;
    /** |z| beyond which Φ(z) is exactly 0 or 1 and φ(z) is 0 in float (erfc(15/√2) and e^(−112.5) underflow). */
    private static final float Z_CLAMP_F = 15;
    /** The smallest n after an optimizer step, when n trains. */
    private static final double N_FLOOR = 1e-3;
    /** From this n on, gradcheck keeps 5/n away from 0: the curvature there, about n, is beyond finite differences. */
    private static final double SHARP_N = 100;

    private final boolean paperForm;

    private SAU(boolean paperForm) {
        super(paperForm ? "sau_paper" : "sau", "alpha", "n");
        this.paperForm = paperForm;
    }

    /**
     * The registry entry {@code sau(alpha=0.15,n=20000,paper=false,trainable_n=false,channels=1)}.
     * Its own factory rather than an {@link Activations.ElementwiseEntry}: {@code paper} picks one of
     * two functions, and {@code trainable_n} trains n alone (α always trains).
     */
    private static Activations.Entry entry() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("alpha", "0.15");
        defaults.put("n", "20000");
        defaults.put("paper", "false");
        defaults.put("trainable_n", "false");
        defaults.put("channels", "1");
        return new Activations.Entry("sau", defaults,
                "Biswas, Kumar, Banerjee & Pandey, SAU: Smooth activation function using convolution with approximate identities, "
                        + "arXiv 2109.13210 (2021)",
                "alpha trainable (per layer, or channels=C), n fixed unless trainable_n=true; exact convolution form by default, "
                        + "paper=true for the printed form without (1-alpha) on the Gaussian term (AMBIGUOUS, see docs/activations.md)",
                args -> {
                    double alpha = args.number("alpha");
                    double n = args.numberAbove("n", 0);
                    SAU function = args.bool("paper") ? PAPER : EXACT;
                    return new ElementwiseActivation(args.activation(), function, new double[] {alpha, n},
                            new boolean[] {true, args.bool("trainable_n")}, args.integer("channels", 1));
                },
                List.of("sau", "sau(n=1)", "sau(paper=true)", "sau(paper=true,n=1)",
                        "sau(alpha=0.3,n=2,trainable_n=true)", "sau(paper=true,alpha=0.3,n=2,trainable_n=true)",
                        "sau(n=1,channels=3)"));
    }

    /** g: the weight of the Gaussian term φ(z)/n. */
    private double gaussianWeight(double alpha) {
        return paperForm ? 1 : 1 - alpha;
    }

    /** ∂g/∂α. */
    private double gaussianWeightSlope() {
        return paperForm ? 0 : -1;
    }

    /** φ(z) = e^(−z²/2)/√(2π), with z clamped where it is 0 anyway. */
    private static double phi(double z) {
        double zc = Math.max(-Z_CLAMP, Math.min(Z_CLAMP, z));
        return Math.exp(-0.5 * zc * zc) * INV_SQRT_2PI;
    }

    @Override
    public double value(double x, double[] theta) {
        double alpha = theta[0], n = theta[1], z = n * x;
        double cdf = Gelu.cdf(z);
        return alpha * x + (1 - alpha) * x * cdf + gaussianWeight(alpha) * phi(z) / n;
    }

    @Override
    public double derivatives(double x, double[] theta, double[] dTheta) {
        double alpha = theta[0], n = theta[1], z = n * x;
        double zc = Math.max(-Z_CLAMP, Math.min(Z_CLAMP, z));
        double cdf = Gelu.cdf(z), upper = Gelu.cdf(-z), pdf = phi(z);
        double g = gaussianWeight(alpha), c = 1 - alpha - g;
        dTheta[0] = x * upper + gaussianWeightSlope() * pdf / n;
        dTheta[1] = (c * zc * zc - g) * pdf / (n * n);
        return alpha + (1 - alpha) * cdf + c * zc * pdf;
    }

    /** Float lanes: f = α·x + (1−α)·x·Φ(z) + g·φ(z)/n, Φ and φ from {@link #cdfAndPdfF32}. */
    @Override
    public void valueBlockF32(PointwiseBlock b) {
        float alpha = (float) b.theta[0], oneMinusAlpha = 1 - alpha, gOverN = (float) (gaussianWeight(b.theta[0]) / b.theta[1]);
        float[] cdf = b.floatScratch(1), pdf = b.floatScratch(0), x = b.xf, out = b.outf;
        cdfAndPdfF32(b, cdf, pdf);
        for (int i = 0; i < b.n; i++) out[i] = alpha * x[i] + oneMinusAlpha * x[i] * cdf[i] + gOverN * pdf[i];
    }

    /**
     * Float lanes: ∂f/∂x = α + (1−α)·Φ(z) + c·zc·φ(z), and, when wanted, ∂f/∂α = x·(1 − Φ(z)) + g′·φ(z)/n
     * (Φ(−z) as 1 − Φ(z): absolutely accurate, which is all a float result needs) and
     * ∂f/∂n = (c·zc² − g)·φ(z)/n².
     */
    @Override
    public void derivativeBlockF32(PointwiseBlock b) {
        double alphaD = b.theta[0], nD = b.theta[1], gD = gaussianWeight(alphaD);
        float alpha = (float) alphaD, g = (float) gD, c = (float) (1 - alphaD - gD);
        float[] cdf = b.floatScratch(1), pdf = b.floatScratch(0), zc = b.floatScratch(2), x = b.xf, out = b.outf;
        cdfAndPdfF32(b, cdf, pdf);
        for (int i = 0; i < b.n; i++) out[i] = alpha + (1 - alpha) * cdf[i] + c * zc[i] * pdf[i];
        if (b.wanted[0]) {
            float[] dAlpha = b.dThetaf[0];
            float dgOverN = (float) (gaussianWeightSlope() / nD);
            for (int i = 0; i < b.n; i++) dAlpha[i] = x[i] * (1 - cdf[i]) + dgOverN * pdf[i];
        }
        if (b.wanted[1]) {
            float[] dN = b.dThetaf[1];
            float invN2 = (float) (1 / (nD * nD));
            for (int i = 0; i < b.n; i++) dN[i] = (c * zc[i] * zc[i] - g) * pdf[i] * invN2;
        }
    }

    /**
     * cdf = Φ(z) = ½·erfc(−zc/√2) and pdf = φ(z) = e^(−zc²/2)/√(2π), with floatScratch(2) = zc = n·x
     * clamped to ±{@value #Z_CLAMP_F}, where Φ is already exactly 0 or 1 and φ 0 in float. A block
     * in which every |z| reaches the clamp (at the paper's n = 20000: every |x| ≥ 7.5e-4, nearly all
     * blocks) takes Φ = [z &gt; 0] and φ = 0 directly, with no erfc or exp pass: SAU is leaky ReLU
     * there. Otherwise one float erfc and one float exp pass run over the block.
     */
    private static void cdfAndPdfF32(PointwiseBlock b, float[] cdf, float[] pdf) {
        float n = (float) b.theta[1];
        float[] zc = b.floatScratch(2), x = b.xf;
        float inside = 0; // max of Z_CLAMP_F − |zc|: 0 iff every element is at the clamp
        for (int i = 0; i < b.n; i++) zc[i] = Math.min(Math.max(n * x[i], -Z_CLAMP_F), Z_CLAMP_F);
        for (int i = 0; i < b.n; i++) inside = Math.max(inside, Z_CLAMP_F - Math.abs(zc[i]));
        if (inside == 0) {
            for (int i = 0; i < b.n; i++) cdf[i] = Indicator.positive(zc[i]);
            Arrays.fill(pdf, 0, b.n, 0f);
            return;
        }
        Gelu.cdfF32(zc, cdf, b.n);
        for (int i = 0; i < b.n; i++) pdf[i] = -0.5f * zc[i] * zc[i];
        BlockMath.exp(pdf, pdf, b.n);
        for (int i = 0; i < b.n; i++) pdf[i] *= (float) INV_SQRT_2PI;
    }

    /** α·x + (1−α)·x·Φ(z) + g·φ(z)/n in Tensor ops, with Φ(z) = erfc(−z/√2)/2. */
    @Override
    public Tensor compose(Tensor x, Tensor[] theta) {
        Tensor alpha = theta[0], n = theta[1], z = x.mul(n);
        Tensor oneMinusAlpha = alpha.neg().add(1);
        Tensor cdf = Gelu.cdf(z);
        Tensor gaussian = z.square().mul(-0.5).exp().mul(INV_SQRT_2PI).div(n);
        Tensor weighted = paperForm ? gaussian : oneMinusAlpha.mul(gaussian);
        return alpha.mul(x).add(oneMinusAlpha.mul(x).mul(cdf)).add(weighted);
    }

    @Override
    public Domain gradcheckDomain(double[] theta) {
        double n = theta[1];
        return n < SHARP_N ? Domain.real() : Domain.real().avoiding(0).margin(5 / n);
    }

    @Override
    public String violation(double[] theta) {
        return theta[1] > 0 ? null : "needs n > 0 (n = 1/sigma of the smoothing Gaussian), got n=" + theta[1];
    }

    @Override
    public boolean hasConstraint() {
        return true;
    }

    @Override
    public void constrain(double[] theta) {
        theta[1] = Math.max(theta[1], N_FLOOR);
    }
}
