package dev.nabla.autograd;

import dev.nabla.tensor.NDArray;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reverse-mode engine.
 *
 * <p>Backward is the chain rule applied in reverse topological order: each tensor's gradient is
 * complete (summed over every consumer) before its op's backward runs. That order comes from a
 * depth-first post-order walk from the outputs (iterative, so deep graphs do not overflow the
 * stack). The engine, not the ops, sums gradients that meet at a tensor used more than once.
 */
public final class Autograd {
    private Autograd() {}

    /**
     * Adds ∂output/∂leaf (times {@code gradOutput}) into every leaf's {@link Tensor#grad()}; see
     * {@link Tensor#backward(Tensor, boolean, boolean)}.
     */
    static void backward(Tensor output, Tensor gradOutput, boolean retainGraph, boolean createGraph) {
        run(List.of(output), Collections.singletonList(gradOutput), retainGraph, createGraph, null);
    }

    /**
     * The gradients of {@code outputs} (each a scalar, or weighted by {@code gradOutputs}) with
     * respect to {@code inputs}, returned instead of accumulated: no {@code grad} is touched.
     * An input the outputs do not depend on gets a zero gradient. With {@code createGraph} the
     * result is differentiable (and the graph is kept).
     *
     * <pre>{@code
     * Tensor y = x.mul(x).sum();
     * Tensor dydx = Autograd.grad(List.of(y), List.of(x), true).get(0);   // 2x, differentiable
     * Tensor d2 = Autograd.grad(List.of(dydx.sum()), List.of(x), false).get(0);   // 2
     * }</pre>
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, boolean createGraph) {
        return grad(outputs, Collections.nCopies(outputs.size(), null), inputs, createGraph, createGraph);
    }

    /** {@link #grad(List, List, boolean)} with explicit output gradients and retainGraph. */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> gradOutputs, List<Tensor> inputs,
                                    boolean retainGraph, boolean createGraph) {
        Map<Tensor, Tensor> captured = new IdentityHashMap<>();
        for (Tensor input : inputs) {
            if (!input.requiresGrad()) throw new IllegalArgumentException("grad: an input does not require grad: " + input.shape());
            captured.put(input, null);
        }
        run(outputs, gradOutputs, retainGraph || createGraph, createGraph, captured);
        List<Tensor> result = new ArrayList<>();
        for (Tensor input : inputs) {
            Tensor g = captured.get(input);
            result.add(g != null ? g : Tensor.of(NDArray.zeros(input.dtype(), input.shape().dims())));
        }
        return result;
    }

    /**
     * The engine. With {@code captured == null} gradients of leaves are accumulated into
     * {@code grad} (and of tensors that retain grad, stored); otherwise only the gradients of the
     * tensors in {@code captured} are recorded there.
     */
    private static void run(List<Tensor> outputs, List<Tensor> gradOutputs, boolean retainGraph, boolean createGraph,
                            Map<Tensor, Tensor> captured) {
        Map<Tensor, Tensor> pending = new IdentityHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            Tensor out = outputs.get(i);
            pending.merge(out, seed(out, gradOutputs.get(i)), Tensor::add);
        }
        List<Tensor> order = topologicalOrder(outputs);
        if (captured != null) order = leadingTo(order, captured.keySet());
        try (Grad.Scope mode = createGraph ? Grad.enabled() : Grad.disabled()) {
            for (int k = order.size() - 1; k >= 0; k--) {
                Tensor t = order.get(k);
                Tensor g = pending.remove(t);
                if (g == null) continue; // nothing flows here (e.g. only through a non-differentiable path)
                if (!createGraph) g = g.detach();
                g = t.applyHooks(g);
                if (captured != null && captured.containsKey(t)) captured.put(t, g);
                if (t.isLeaf()) {
                    if (captured == null) t.accumulateGrad(g);
                    continue;
                }
                if (captured == null && t.retainsGrad()) t.accumulateGrad(g);
                propagate(t, g, pending);
                if (!retainGraph) t.gradFn().free();
            }
        }
    }

    /** Runs t's backward and adds each input's gradient to what is pending for it. */
    private static void propagate(Tensor t, Tensor g, Map<Tensor, Tensor> pending) {
        Node node = t.gradFn();
        Tensor[] inputs = node.inputs();
        Tensor[] grads = node.backward(g, t);
        if (grads.length != inputs.length) {
            throw new IllegalStateException("backward of '" + node.op + "' returned " + grads.length + " gradients for "
                    + inputs.length + " inputs" + node.site());
        }
        for (int i = 0; i < inputs.length; i++) {
            Tensor input = inputs[i];
            if (!input.requiresGrad() || grads[i] == null) continue;
            if (!grads[i].shape().equals(input.shape())) {
                throw new IllegalStateException("backward of '" + node.op + "' returned a gradient of shape " + grads[i].shape()
                        + " for input " + i + " of shape " + input.shape() + node.site());
            }
            if (Grad.isAnomalyDetectionEnabled()) Anomaly.checkBackward(node, i, grads[i].value(), g.shape());
            pending.merge(input, grads[i], Tensor::add);
        }
    }

    private static Tensor seed(Tensor output, Tensor gradOutput) {
        if (!output.requiresGrad()) {
            throw new IllegalStateException("backward: the tensor does not require grad (no input of the ops that made it "
                    + "requires grad, or it was computed under Grad.disabled()); shape " + output.shape());
        }
        if (gradOutput == null) {
            if (output.shape().numel() != 1) {
                throw new IllegalArgumentException("backward: a gradient can be implied only for a one-element output; got shape "
                        + output.shape() + ", so pass gradOutput of that shape");
            }
            return Tensor.of(NDArray.ones(output.dtype(), output.shape().dims()));
        }
        if (!gradOutput.shape().equals(output.shape())) {
            throw new IllegalArgumentException("backward: gradOutput shape " + gradOutput.shape() + " != output shape " + output.shape());
        }
        return gradOutput;
    }

    /**
     * The tensors of {@code order} that are one of {@code targets} or have one among their
     * ancestors: {@link #grad} needs nothing else, so it does not run backward past its inputs.
     */
    private static List<Tensor> leadingTo(List<Tensor> order, Set<Tensor> targets) {
        Set<Tensor> leads = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Tensor> kept = new ArrayList<>();
        for (Tensor t : order) { // inputs come before the tensors made from them
            // a freed node has forgotten its inputs: keep it, so that running it reports the freed graph
            boolean needed = targets.contains(t) || (!t.isLeaf() && t.gradFn().isFreed());
            if (!needed && !t.isLeaf()) {
                for (Tensor in : t.gradFn().inputs()) needed |= leads.contains(in);
            }
            if (needed) {
                leads.add(t);
                kept.add(t);
            }
        }
        return kept;
    }

    /** Tensors that require grad, reachable from {@code outputs}, each after all of its inputs. */
    private static List<Tensor> topologicalOrder(List<Tensor> outputs) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Tensor> stack = new ArrayDeque<>();
        Deque<Integer> nextInput = new ArrayDeque<>();
        for (Tensor root : outputs) {
            if (!visited.add(root)) continue;
            stack.push(root);
            nextInput.push(0);
            while (!stack.isEmpty()) {
                Tensor t = stack.peek();
                Tensor[] inputs = t.isLeaf() ? new Tensor[0] : t.gradFn().inputs();
                int i = nextInput.pop();
                if (i < inputs.length) {
                    nextInput.push(i + 1);
                    Tensor in = inputs[i];
                    if (in.requiresGrad() && visited.add(in)) {
                        stack.push(in);
                        nextInput.push(0);
                    }
                } else {
                    stack.pop();
                    order.add(t);
                }
            }
        }
        return order;
    }
}
