package dev.nabla.autograd;

import java.util.Arrays;

/**
 * The record an op leaves in the graph: its name, its inputs and its backward function (which
 * holds whatever the backward needs, like PyTorch's {@code ctx.save_for_backward}). After a
 * {@code backward} without {@code retainGraph} the node is freed: the closure and the inputs are
 * dropped, so the memory they held can go.
 */
final class Node {
    final String op;
    private Tensor[] inputs;
    private Backward backward;
    /** Where the op was called, recorded only in anomaly mode. */
    final Throwable createdAt;

    Node(String op, Tensor[] inputs, Backward backward) {
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
        this.createdAt = Grad.isAnomalyDetectionEnabled() ? new Throwable("'" + op + "' was created here") : null;
    }

    Tensor[] inputs() {
        return inputs == null ? new Tensor[0] : inputs;
    }

    boolean isFreed() {
        return backward == null;
    }

    Tensor[] backward(Tensor gradOutput, Tensor output) {
        if (backward == null) {
            throw new IllegalStateException("backward: the graph through '" + op + "' was freed by an earlier backward(); "
                    + "pass retainGraph=true to the first backward to run backward twice" + site());
        }
        return backward.apply(gradOutput, output);
    }

    void free() {
        backward = null;
        inputs = null;
    }

    /** ", created at Foo.bar(Foo.java:12)" in anomaly mode, else "". */
    String site() {
        if (createdAt == null) return "";
        return Arrays.stream(createdAt.getStackTrace())
                .filter(f -> !isEngineFrame(f.getClassName()))
                .findFirst().map(f -> ", created at " + f).orElse("");
    }

    /** Frames of the engine and the op implementations, skipped to find the caller's line. */
    private static boolean isEngineFrame(String className) {
        return className.startsWith("dev.nabla.autograd.ops.") || className.equals(Node.class.getName())
                || className.equals(Tensor.class.getName());
    }
}
