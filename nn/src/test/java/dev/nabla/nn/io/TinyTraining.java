package dev.nabla.nn.io;

import dev.nabla.autograd.Tensor;
import dev.nabla.nn.Buffer;
import dev.nabla.nn.Module;
import dev.nabla.nn.Parameter;
import dev.nabla.nn.optim.Optimizer;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.NDArray;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.Shape;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model and an optimizer just big enough to checkpoint (the real optimizers' state dicts are
 * written elsewhere): y = x·w + b with a step counter buffer, and SGD with momentum whose state
 * is {@code "<index>.momentum_buffer"}.
 */
final class TinyTraining {
    private TinyTraining() {}

    static final class Model extends Module {
        final Parameter weight;
        final Parameter bias;
        final Buffer calls = registerBuffer("calls", new Buffer(NDArray.zeros(DType.I64)));

        Model(int in, int out, long seed) {
            weight = registerParameter("weight", new Parameter(new Rng(seed).normal(Shape.of(in, out), DType.F32, 0, 1)));
            bias = registerParameter("bias", new Parameter(NDArray.zeros(DType.F32, out)));
        }

        @Override
        public Tensor forward(Tensor x) {
            return x.matmul(weight.tensor()).add(bias.tensor());
        }
    }

    static final class Momentum extends Optimizer {
        private final double momentum;
        private final Map<Parameter, NDArray> buffers = new HashMap<>();

        Momentum(List<Parameter> parameters, double lr, double momentum) {
            super(parameters, lr);
            this.momentum = momentum;
        }

        /** v ← μ·v + g;  p ← p − lr·v */
        @Override
        protected void update(Parameter p) {
            NDArray v = buffers.containsKey(p) ? buffers.get(p).mul(momentum).add(p.grad()) : p.grad();
            buffers.put(p, v);
            p.set(p.value().sub(v.mul(lr())));
        }

        @Override
        public Map<String, NDArray> stateDict() {
            Map<String, NDArray> out = new LinkedHashMap<>();
            for (int i = 0; i < parameters.size(); i++) {
                if (buffers.containsKey(parameters.get(i))) out.put(i + ".momentum_buffer", buffers.get(parameters.get(i)));
            }
            return out;
        }

        @Override
        public void loadStateDict(Map<String, NDArray> state) {
            buffers.clear();
            state.forEach((key, value) -> {
                int i = Integer.parseInt(key.substring(0, key.indexOf('.')));
                buffers.put(parameters.get(i), value);
            });
        }
    }
}
