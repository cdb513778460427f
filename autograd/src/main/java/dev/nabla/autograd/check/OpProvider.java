package dev.nabla.autograd.check;

import java.util.List;

/**
 * Contributes differentiable ops to the {@link OpRegistry}. Modules register theirs as a service
 * ({@code provides dev.nabla.autograd.check.OpProvider with …} in module-info, and a
 * {@code META-INF/services} entry for class-path use), so that the gradcheck suite and
 * {@code nabla gradcheck --all} cover every op in the build.
 */
public interface OpProvider {
    List<OpCase> cases();
}
