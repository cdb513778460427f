#!/usr/bin/env python3
"""Writes autograd_fixture.txt: forward values and gradients of a few dozen ops, computed by PyTorch
in float64, for GoldenValuesTest. Needs Debian's python3-torch (1.13); run from this directory:

    /usr/bin/python3 make_autograd_fixture.py > autograd_fixture.txt

Each case evaluates y = op(inputs) and L = sum(y * weight) with a fixed random weight, and records
y and dL/d(input) for every input. Inputs are drawn from a seeded generator and kept away from the
op's kinks. The Java test rebuilds each case by name, so names and input order are the contract.
"""
import torch
import torch.nn.functional as F

torch.manual_seed(20261123)
D = torch.float64


def rand(*shape, low=-2.0, high=2.0):
    return (torch.rand(*shape, dtype=D) * (high - low) + low)


def away_from_zero(*shape):
    x = rand(*shape)
    return torch.where(x.abs() < 0.1, torch.sign(x) * 0.1 + x, x)


def positive(*shape):
    return rand(*shape, low=0.2, high=2.0)


CASES = [
    ("add_broadcast", lambda a, b: a + b, [rand(2, 3), rand(3)]),
    ("sub_broadcast", lambda a, b: a - b, [rand(2, 1), rand(1, 4)]),
    ("mul_broadcast", lambda a, b: a * b, [rand(2, 3, 4), rand(3, 1)]),
    ("div", lambda a, b: a / b, [rand(3, 4), positive(3, 4)]),
    ("pow", lambda a, b: a ** b, [positive(5), rand(5)]),
    ("maximum", torch.maximum, [rand(4, 3), rand(4, 3)]),
    ("exp", torch.exp, [rand(2, 5)]),
    ("expm1", torch.expm1, [rand(7) * 1e-3]),
    ("log", torch.log, [positive(6)]),
    ("log1p", torch.log1p, [rand(6, low=-0.9)]),
    ("sqrt", torch.sqrt, [positive(6)]),
    ("rsqrt", torch.rsqrt, [positive(6)]),
    ("tanh", torch.tanh, [rand(3, 3) * 3]),
    ("sigmoid", torch.sigmoid, [rand(3, 3) * 5]),
    ("softplus", F.softplus, [rand(8) * 10]),
    ("erf", torch.erf, [rand(8)]),
    ("erfc", torch.erfc, [rand(8) * 3]),
    ("abs", torch.abs, [away_from_zero(6)]),
    ("relu", torch.relu, [away_from_zero(6)]),
    ("clamp", lambda x: torch.clamp(x, -0.5, 0.5), [away_from_zero(8)]),
    ("sin_cos", lambda x: torch.sin(x) * torch.cos(x), [rand(5)]),
    ("sum_dims", lambda x: x.sum(dim=(0, 2), keepdim=True), [rand(2, 3, 4)]),
    ("mean_dim", lambda x: x.mean(dim=1), [rand(3, 5)]),
    ("var_unbiased", lambda x: x.var(dim=1, unbiased=True), [rand(3, 5)]),
    ("var_biased", lambda x: x.var(dim=0, unbiased=False), [rand(4, 2)]),
    ("amax_dim", lambda x: x.amax(dim=1), [rand(3, 5)]),
    ("logsumexp", lambda x: torch.logsumexp(x * 30, dim=1), [rand(3, 4)]),
    ("softmax", lambda x: torch.softmax(x, dim=-1), [rand(3, 4) * 3]),
    ("log_softmax", lambda x: torch.log_softmax(x, dim=0), [rand(3, 4) * 3]),
    ("matmul_2d", torch.matmul, [rand(3, 4), rand(4, 2)]),
    ("matmul_batched_broadcast", torch.matmul, [rand(2, 1, 3, 4), rand(3, 4, 2)]),
    ("matmul_vec_mat", torch.matmul, [rand(4), rand(4, 3)]),
    ("permute_reshape", lambda x: x.permute(2, 0, 1).reshape(4, 6) ** 2, [rand(2, 3, 4)]),
    ("slice_step", lambda x: x[:, 1:6:2] ** 2, [rand(3, 7)]),
    ("cat", lambda a, b: torch.cat([a, b * b], dim=1), [rand(2, 3), rand(2, 2)]),
    ("gather", lambda x: torch.gather(x, 1, torch.tensor([[0, 0, 2], [1, 2, 1]])) ** 2, [rand(2, 3)]),
    ("index_select", lambda x: torch.index_select(x, 0, torch.tensor([2, 0, 2])) ** 2, [rand(3, 4)]),
    ("where", lambda a, b: torch.where(a > b, a.sin(), b.cos()), [rand(3, 4), rand(3, 4)]),
    ("conv2d_stride_pad", lambda x, w, b: F.conv2d(x, w, b, stride=2, padding=1),
     [rand(2, 3, 7, 6), rand(4, 3, 3, 3), rand(4)]),
    ("conv2d_groups_dilation", lambda x, w, b: F.conv2d(x, w, b, stride=1, padding=2, dilation=2, groups=2),
     [rand(1, 4, 6, 6), rand(6, 2, 3, 3), rand(6)]),
    ("max_pool2d", lambda x: F.max_pool2d(x, 3, stride=2, padding=1), [rand(2, 2, 7, 7)]),
    ("avg_pool2d", lambda x: F.avg_pool2d(x, 3, stride=2, padding=1), [rand(2, 2, 7, 7)]),
]


def fmt(t):
    shape = ",".join(str(s) for s in t.shape)
    values = " ".join(repr(float(v)) for v in t.reshape(-1).tolist())
    return f"{shape} : {values}"


def main():
    for name, fn, inputs in CASES:
        xs = [x.clone().requires_grad_(True) for x in inputs]
        y = fn(*xs)
        weight = rand(*y.shape)
        (y * weight).sum().backward()
        print(f"case {name}")
        for i, x in enumerate(xs):
            print(f"input {i} {fmt(x.detach())}")
        print(f"weight {fmt(weight)}")
        print(f"output {fmt(y.detach())}")
        for i, x in enumerate(xs):
            print(f"grad {i} {fmt(x.grad)}")
        print("end")


if __name__ == "__main__":
    main()
