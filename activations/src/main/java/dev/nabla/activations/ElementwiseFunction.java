package dev.nabla.activations;

import dev.nabla.autograd.Tensor;
import dev.nabla.autograd.check.Domain;
import dev.nabla.tensor.PointwiseFunction;
import java.util.List;

/**
 * The math of one element-wise activation f(x; θ), written three ways that tests hold equal:
 * <ul>
 *   <li>{@link #value} / {@link #derivatives}: one element in double with the stable forms of
 *       docs/activations.md — the specification, the F64 path and the reference twin;</li>
 *   <li>{@code valueBlockF32} / {@code derivativeBlockF32} ({@link PointwiseFunction.FloatValues},
 *       {@link PointwiseFunction.FloatDerivatives}): the fused F32 kernel over a block in float lanes,
 *       branch-free loops around {@code BlockMath}'s float SIMD passes (exp, expm1, log1p, erf, erfc);
 *       or, for the cheapest and the one-loop SIMD kernels (ReLU family, hard functions, SiLU/Swish,
 *       SRS, GELU), range forms run in place ({@link PointwiseFunction.FloatInPlace}). Every
 *       registered function has one of the two; a new one may start without, and then its F32
 *       blocks go through the element forms, widened to double;</li>
 *   <li>{@link #compose}: the same function in {@link Tensor} ops, used when a backward must itself
 *       be differentiable (second order) and as the "composed of primitive ops" benchmark baseline.</li>
 * </ul>
 * Parameters θ are named (the registry's argument names, in order); whether each is trainable and
 * whether it is per channel is the module's business ({@link ElementwiseActivation}).
 */
public abstract class ElementwiseFunction implements PointwiseFunction {
    private final String name;
    private final List<String> parameterNames;

    protected ElementwiseFunction(String name, String... parameterNames) {
        this.name = name;
        this.parameterNames = List.of(parameterNames);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int parameterCount() {
        return parameterNames.size();
    }

    /** The parameter names, in θ order. */
    public final List<String> parameterNames() {
        return parameterNames;
    }

    /** f(x; θ) in Tensor ops; each θₖ broadcasts against x (a scalar, or shaped (1, C, 1, …)). */
    public abstract Tensor compose(Tensor x, Tensor[] theta);

    /**
     * Why {@code theta} is not a valid parameter set (e.g. "needs 0 < beta < e·alpha, got …"),
     * or null if it is. Checked at construction.
     */
    public String violation(double[] theta) {
        return null;
    }

    /** Moves {@code theta} back into the valid set after an optimizer step (in place); by default nothing to do. */
    public void constrain(double[] theta) {}

    /** True when {@link #constrain} can change anything (then the module installs a post-step hook). */
    public boolean hasConstraint() {
        return false;
    }

    /**
     * Where gradcheck draws inputs for these parameters: an interval minus bands around the kinks
     * (points where f is not C², since second order is checked too). Smooth functions: [−2, 2].
     */
    public Domain gradcheckDomain(double[] theta) {
        return Domain.real();
    }

    @Override
    public String toString() {
        return name;
    }
}
