package dev.nabla.autograd.check;

import dev.nabla.autograd.Tensor;
import java.util.Set;

/**
 * One entry of the registry of differentiable ops: how to generate inputs for it (with its kink
 * rules built into the value {@link Domain}s), the function to check, whether its backward is
 * itself differentiable (second order), and the gradient-check settings.
 *
 * <pre>{@code
 * OpCase.of("relu", 1, gen -> new Tensor[] {gen.input(gen.shape(), Domain.real().avoiding(0))},
 *           in -> in[0].relu())
 *       .covers("Relu")
 *       .kinks("not differentiable at 0: inputs keep 0.05 away");
 * }</pre>
 *
 * @param name        the op's name, as recorded in the graph
 * @param arity       number of inputs the generator returns
 * @param covers      simple names of the op classes this case exercises (the registry test checks
 *                    that every op class is covered)
 * @param inputs      generates the inputs from a seeded generator
 * @param fn          the function checked
 * @param secondOrder whether gradgradcheck applies
 * @param check       the gradient-check settings (PyTorch's defaults unless stated)
 * @param kinks       where the op is not differentiable and how inputs avoid it
 */
public record OpCase(String name, int arity, Set<String> covers, Inputs inputs, GradCheck.Fn fn,
                     boolean secondOrder, GradCheck check, String kinks) {

    /** Generates an op's inputs. */
    @FunctionalInterface
    public interface Inputs {
        Tensor[] generate(TensorGen gen);
    }

    /** A smooth op with second-order support and default gradcheck settings. */
    public static OpCase of(String name, int arity, Inputs inputs, GradCheck.Fn fn) {
        return new OpCase(name, arity, Set.of(), inputs, fn, true, GradCheck.withDefaults(), "none (smooth)");
    }

    public OpCase covers(String... opClasses) {
        return new OpCase(name, arity, Set.of(opClasses), inputs, fn, secondOrder, check, kinks);
    }

    public OpCase firstOrderOnly() {
        return new OpCase(name, arity, covers, inputs, fn, false, check, kinks);
    }

    public OpCase check(GradCheck check) {
        return new OpCase(name, arity, covers, inputs, fn, secondOrder, check, kinks);
    }

    public OpCase kinks(String kinks) {
        return new OpCase(name, arity, covers, inputs, fn, secondOrder, check, kinks);
    }

    /** Generates inputs and gradchecks the op; throws {@link GradCheckFailure} with a report on mismatch. */
    public GradCheck.Result gradcheck(TensorGen gen) {
        Tensor[] xs = generate(gen);
        return check.checkOrThrow(fn, xs);
    }

    /** Generates inputs and runs the second-order check; throws on mismatch. */
    public GradCheck.Result gradgradcheck(TensorGen gen) {
        if (!secondOrder) throw new IllegalStateException(name + ": no second-order support registered");
        GradCheck.Result r = check.checkSecondOrder(fn, generate(gen));
        if (!r.passed()) throw new GradCheckFailure(name + " (second order): " + r.report());
        return r;
    }

    private Tensor[] generate(TensorGen gen) {
        Tensor[] xs = inputs.generate(gen);
        if (xs.length != arity) throw new IllegalStateException(name + ": generator returned " + xs.length + " inputs, arity is " + arity);
        return xs;
    }

    @Override
    public String toString() {
        return name;
    }
}
