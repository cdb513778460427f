package dev.nabla.activations;

import dev.nabla.autograd.check.OpCase;
import dev.nabla.autograd.check.OpProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry entries of every activation for the gradient-check suite: one case per spec each
 * entry lists ({@link Activations.Entry#gradchecks()}), named {@code activation:<spec>}, with the
 * entry's own kink rules.
 */
public final class ActivationOps implements OpProvider {
    @Override
    public List<OpCase> cases() {
        List<OpCase> cases = new ArrayList<>();
        for (Activations.Entry e : Activations.entries()) {
            for (String spec : e.gradchecks()) cases.add(Activations.parse(spec).gradcheckCase("activation:" + spec));
        }
        return cases;
    }
}
