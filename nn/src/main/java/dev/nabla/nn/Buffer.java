package dev.nabla.nn;

import dev.nabla.tensor.NDArray;

/**
 * State of a {@link Module} that is saved and loaded with it but not trained, such as batch
 * norm's running statistics. Its value is replaced, never mutated.
 */
public final class Buffer {
    private NDArray value;

    public Buffer(NDArray value) {
        this.value = value;
    }

    public NDArray value() {
        return value;
    }

    /** Replaces the value; the shape must stay the same (the dtype is converted to the current one). */
    public void set(NDArray newValue) {
        if (!newValue.shape().equals(value.shape())) {
            throw new IllegalArgumentException("buffer: new value has shape " + newValue.shape() + ", expected " + value.shape());
        }
        value = newValue.astype(value.dtype());
    }

    @Override
    public String toString() {
        return "Buffer(" + value.shape() + " " + value.dtype() + ")";
    }
}
