package dev.nabla.autograd;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Pictures of the graph, like micrograd's {@code draw_dot}: {@code Graphs.toDot(loss)} gives
 * Graphviz DOT text; {@code dot -Tpng graph.dot -o graph.png} draws it. Tensors are boxes (shape,
 * and for leaves whether they require grad); ops are ellipses; arrows point from inputs to outputs.
 *
 * <pre>{@code
 * Tensor y = x.matmul(w).add(b);
 * Files.writeString(Path.of("graph.dot"), Graphs.toDot(y.sum()));
 * }</pre>
 */
public final class Graphs {
    private Graphs() {}

    /** DOT text of the graph that computed {@code root} (the part that requires grad, and constants feeding it). */
    public static String toDot(Tensor root) {
        StringBuilder dot = new StringBuilder("digraph autograd {\n  rankdir=LR;\n  node [fontname=\"monospace\"];\n");
        Map<Tensor, String> ids = new IdentityHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Tensor> todo = new ArrayDeque<>();
        todo.push(root);
        seen.add(root);
        while (!todo.isEmpty()) {
            Tensor t = todo.pop();
            String id = id(ids, t);
            String label = t.shape() + " " + t.dtype() + (t.isLeaf() ? (t.requiresGrad() ? "\\nleaf, requires grad" : "\\nconstant") : "");
            dot.append("  ").append(id).append(" [shape=box, label=\"").append(label).append("\"];\n");
            Node node = t.gradFn();
            if (node == null) continue;
            String op = id + "_op";
            dot.append("  ").append(op).append(" [shape=ellipse, label=\"").append(node.op).append("\"];\n");
            dot.append("  ").append(op).append(" -> ").append(id).append(";\n");
            for (Tensor in : node.inputs()) {
                dot.append("  ").append(id(ids, in)).append(" -> ").append(op).append(";\n");
                if (seen.add(in)) todo.push(in);
            }
        }
        return dot.append("}\n").toString();
    }

    private static String id(Map<Tensor, String> ids, Tensor t) {
        return ids.computeIfAbsent(t, k -> "t" + ids.size());
    }
}
