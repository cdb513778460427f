#!/usr/bin/env python3
"""Writes nn_fixture.txt: outputs, gradients and running statistics of nn layers computed by
PyTorch in float64, for NnGoldenTest. Needs Debian's python3-torch (1.13); run from this directory:

    /usr/bin/python3 make_nn_fixture.py > nn_fixture.txt

Format: "case NAME", then one line per array "KEY d0,d1,... : v v v" (empty shape = scalar), then
"end". Every layer's parameters are taken from the fixture (not from either framework's init).
Each step evaluates y = layer(x) and L = sum(y * w) with a fixed random w ("upstream"), and records
y and the gradients of L. The Java test rebuilds each case by name, so names and keys are the contract.
"""
import torch
import torch.nn as nn

torch.manual_seed(20261123)
D = torch.float64


def rand(*shape, low=-2.0, high=2.0):
    return torch.rand(*shape, dtype=D) * (high - low) + low


def emit(key, t):
    t = t.detach().to(D)
    shape = ",".join(str(s) for s in t.shape)
    values = " ".join(repr(float(v)) for v in t.reshape(-1).tolist())
    print(f"{key} {shape} : {values}")


def batch_norm_case(name, layer, shape, affine=True):
    """Two training steps (records output, grads, running stats after each), then eval output."""
    print(f"case {name}")
    layer = layer.to(D)
    if affine:
        with torch.no_grad():
            layer.weight.copy_(rand(layer.num_features, low=0.5, high=1.5))
            layer.bias.copy_(rand(layer.num_features))
        emit("weight", layer.weight)
        emit("bias", layer.bias)
    layer.train()
    for step in (1, 2):
        x = (rand(*shape) * step + step).requires_grad_(True)
        upstream = rand(*shape)
        layer.zero_grad()
        y = layer(x)
        (y * upstream).sum().backward()
        emit(f"x{step}", x)
        emit(f"upstream{step}", upstream)
        emit(f"y{step}", y)
        emit(f"grad_x{step}", x.grad)
        if affine:
            emit(f"grad_weight{step}", layer.weight.grad)
            emit(f"grad_bias{step}", layer.bias.grad)
        emit(f"running_mean{step}", layer.running_mean)
        emit(f"running_var{step}", layer.running_var)
        emit(f"num_batches_tracked{step}", layer.num_batches_tracked.to(D))
    layer.eval()
    x = rand(*shape)
    emit("x_eval", x)
    emit("y_eval", layer(x))
    print("end")


def param_case(name, layer, x):
    """One forward/backward with the layer's parameters recorded."""
    print(f"case {name}")
    layer = layer.to(D)
    with torch.no_grad():
        for p in layer.parameters():
            p.copy_(rand(*p.shape))
    for key, p in layer.named_parameters():
        emit(key, p)
    x = x.requires_grad_(True)
    y = layer(x)
    upstream = rand(*y.shape)
    (y * upstream).sum().backward()
    emit("x", x)
    emit("upstream", upstream)
    emit("y", y)
    emit("grad_x", x.grad)
    for key, p in layer.named_parameters():
        emit(f"grad_{key}", p.grad)
    print("end")


batch_norm_case("batch_norm2d", nn.BatchNorm2d(3), (4, 3, 2, 3))
batch_norm_case("batch_norm2d_cumulative", nn.BatchNorm2d(2, momentum=None), (3, 2, 3, 2))
batch_norm_case("batch_norm2d_no_affine", nn.BatchNorm2d(2, eps=1e-3, momentum=0.3, affine=False), (2, 2, 2, 2), affine=False)
batch_norm_case("batch_norm1d", nn.BatchNorm1d(4), (5, 4))
batch_norm_case("batch_norm1d_3d", nn.BatchNorm1d(3, momentum=0.25), (2, 3, 4))
param_case("conv2d_groups_dilation", nn.Conv2d(4, 6, 3, stride=2, padding=2, dilation=2, groups=2), rand(2, 4, 7, 6))
param_case("conv2d_no_bias", nn.Conv2d(3, 2, 2, stride=1, padding=0, bias=False), rand(1, 3, 4, 5))
param_case("linear", nn.Linear(4, 5), rand(2, 3, 4))
param_case("layer_norm", nn.LayerNorm([3, 4]), rand(2, 3, 4))
