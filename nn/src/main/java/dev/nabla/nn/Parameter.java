package dev.nabla.nn;

import dev.nabla.autograd.Tensor;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Shape;

/**
 * A trainable value of a {@link Module}: a leaf {@link Tensor} that requires grad, which the
 * optimizer replaces by the updated value after each step. Forward passes read
 * {@link #tensor()}; backward accumulates into its {@link #grad()}.
 *
 * <p>Updates are not in place: {@link #set} installs a new leaf holding the new value (with no
 * gradient yet), so tensors computed before a step keep the values they were computed from.
 */
public final class Parameter {
    private Tensor tensor;
    private Module owner;

    /** A parameter initialized to {@code value} (F32 or F64). */
    public Parameter(NDArray value) {
        this.tensor = Tensor.leaf(value, true);
    }

    /** The current value as a leaf tensor that requires grad: use it in forward. */
    public Tensor tensor() {
        return tensor;
    }

    public NDArray value() {
        return tensor.value();
    }

    /** The gradient accumulated by backward since the last {@link #zeroGrad()} or {@link #set}, or null. */
    public NDArray grad() {
        Tensor g = tensor.grad();
        return g == null ? null : g.value();
    }

    public void zeroGrad() {
        tensor.zeroGrad();
    }

    /**
     * Replaces the value (optimizer steps, constraints, loading weights). The new value must have
     * the same shape; it is converted to this parameter's dtype. The gradient is cleared.
     */
    public void set(NDArray value) {
        if (!value.shape().equals(shape())) {
            throw new IllegalArgumentException("parameter: new value has shape " + value.shape() + ", expected " + shape());
        }
        tensor = Tensor.leaf(value.astype(dtype()), true);
    }

    /** Replaces the gradient (gradient clipping); the shape must match. */
    public void setGrad(NDArray grad) {
        if (!grad.shape().equals(shape())) {
            throw new IllegalArgumentException("parameter: gradient has shape " + grad.shape() + ", expected " + shape());
        }
        tensor.setGrad(Tensor.of(grad.astype(dtype())));
    }

    public Shape shape() {
        return tensor.shape();
    }

    public DType dtype() {
        return tensor.dtype();
    }

    public int numel() {
        return tensor.shape().numel();
    }

    /** The module that registered this parameter (its post-step hooks run after optimizer steps), or null. */
    public Module owner() {
        return owner;
    }

    void setOwner(Module module) {
        if (owner != null && owner != module) {
            throw new IllegalStateException("parameter: already registered by " + owner.getClass().getSimpleName()
                    + "; share a module, not a parameter between modules");
        }
        owner = module;
    }

    @Override
    public String toString() {
        return "Parameter(" + shape() + " " + dtype() + ")";
    }
}
