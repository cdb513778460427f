package dev.nabla.tensor;

/** Element-wise ops: shape checks, broadcasting and type promotion, then the kernels. (Being written.) */
final class Elementwise {
    private Elementwise() {}

    static NDArray add(NDArray a, NDArray b) {
        throw new UnsupportedOperationException("add: not implemented yet");
    }

    static NDArray sub(NDArray a, NDArray b) {
        throw new UnsupportedOperationException("sub: not implemented yet");
    }

    static NDArray mul(NDArray a, NDArray b) {
        throw new UnsupportedOperationException("mul: not implemented yet");
    }

    static NDArray div(NDArray a, NDArray b) {
        throw new UnsupportedOperationException("div: not implemented yet");
    }

    static NDArray pow(NDArray a, NDArray b) {
        throw new UnsupportedOperationException("pow: not implemented yet");
    }

    static NDArray maximum(NDArray a, NDArray b) {
        throw new UnsupportedOperationException("maximum: not implemented yet");
    }

    static NDArray minimum(NDArray a, NDArray b) {
        throw new UnsupportedOperationException("minimum: not implemented yet");
    }

    static NDArray eq(NDArray a, NDArray b) {
        throw new UnsupportedOperationException("eq: not implemented yet");
    }

    static NDArray ne(NDArray a, NDArray b) {
        throw new UnsupportedOperationException("ne: not implemented yet");
    }

    static NDArray lt(NDArray a, NDArray b) {
        throw new UnsupportedOperationException("lt: not implemented yet");
    }

    static NDArray le(NDArray a, NDArray b) {
        throw new UnsupportedOperationException("le: not implemented yet");
    }

    static NDArray gt(NDArray a, NDArray b) {
        throw new UnsupportedOperationException("gt: not implemented yet");
    }

    static NDArray ge(NDArray a, NDArray b) {
        throw new UnsupportedOperationException("ge: not implemented yet");
    }
    static NDArray where(NDArray condition, NDArray a, NDArray b) {
        throw new UnsupportedOperationException("where: not implemented yet");
    }

    static NDArray neg(NDArray x) {
        throw new UnsupportedOperationException("neg: not implemented yet");
    }

    static NDArray abs(NDArray x) {
        throw new UnsupportedOperationException("abs: not implemented yet");
    }

    static NDArray exp(NDArray x) {
        throw new UnsupportedOperationException("exp: not implemented yet");
    }

    static NDArray expm1(NDArray x) {
        throw new UnsupportedOperationException("expm1: not implemented yet");
    }

    static NDArray log(NDArray x) {
        throw new UnsupportedOperationException("log: not implemented yet");
    }

    static NDArray log1p(NDArray x) {
        throw new UnsupportedOperationException("log1p: not implemented yet");
    }

    static NDArray sqrt(NDArray x) {
        throw new UnsupportedOperationException("sqrt: not implemented yet");
    }

    static NDArray rsqrt(NDArray x) {
        throw new UnsupportedOperationException("rsqrt: not implemented yet");
    }

    static NDArray square(NDArray x) {
        throw new UnsupportedOperationException("square: not implemented yet");
    }

    static NDArray reciprocal(NDArray x) {
        throw new UnsupportedOperationException("reciprocal: not implemented yet");
    }

    static NDArray sin(NDArray x) {
        throw new UnsupportedOperationException("sin: not implemented yet");
    }

    static NDArray cos(NDArray x) {
        throw new UnsupportedOperationException("cos: not implemented yet");
    }

    static NDArray tanh(NDArray x) {
        throw new UnsupportedOperationException("tanh: not implemented yet");
    }

    static NDArray sigmoid(NDArray x) {
        throw new UnsupportedOperationException("sigmoid: not implemented yet");
    }

    static NDArray softplus(NDArray x) {
        throw new UnsupportedOperationException("softplus: not implemented yet");
    }

    static NDArray erf(NDArray x) {
        throw new UnsupportedOperationException("erf: not implemented yet");
    }

    static NDArray erfc(NDArray x) {
        throw new UnsupportedOperationException("erfc: not implemented yet");
    }

    static NDArray sign(NDArray x) {
        throw new UnsupportedOperationException("sign: not implemented yet");
    }

    static NDArray relu(NDArray x) {
        throw new UnsupportedOperationException("relu: not implemented yet");
    }
    static NDArray clamp(NDArray x, double min, double max) {
        throw new UnsupportedOperationException("clamp: not implemented yet");
    }
}
