#!/usr/bin/env python3
"""Writes optim_fixture.txt: PyTorch 1.13 float64 reference values for the nn module's losses,
optimizers and LR schedules, read by LossGoldenTest, OptimizerGoldenTest and ScheduleGoldenTest.
Needs Debian's python3-torch (1.13); run from this directory:

    /usr/bin/python3 make_optim_fixture.py > optim_fixture.txt

Format: one array per line, `key|dims|values`, dims and values space-separated (dims empty for a
scalar), values printed with repr() so that they round-trip exactly. Keys are the contract.

- loss.<case>.{input,target,weight,grad_out,output,grad_input,grad_target}: output = loss(input,
  target); the gradients are of L = sum(output * grad_out).
- opt.<case>.p<i>.init, opt.<case>.p<i>.grad<k>, opt.<case>.p<i>.after<k>: parameter i before any
  step, the gradient given before step k (1-based), and its value after step k.
- sched.<case>: the lr right after construction and after each of 20 step() calls (21 values).
"""
import torch
import torch.nn as nn

torch.manual_seed(20261123)
D = torch.float64
OUT = []


def emit(key, t):
    t = torch.as_tensor(t)
    dims = " ".join(str(d) for d in t.shape)
    if t.dtype == torch.int64:
        vals = " ".join(str(int(v)) for v in t.flatten().tolist())
    else:
        vals = " ".join(repr(float(v)) for v in t.flatten().tolist())
    OUT.append(f"{key}|{dims}|{vals}")


def rand(*shape, low=-2.0, high=2.0):
    return torch.rand(tuple(shape), dtype=D) * (high - low) + low


# ---------------------------------------------------------------- losses
def loss_case(name, loss, x, target, weight=None, target_requires_grad=False):
    x = x.clone().requires_grad_(True)
    if target_requires_grad:
        target = target.clone().requires_grad_(True)
    out = loss(x, target)
    grad_out = rand(*out.shape)
    (out * grad_out).sum().backward()
    emit(f"loss.{name}.input", x.detach())
    emit(f"loss.{name}.target", target.detach())
    if weight is not None:
        emit(f"loss.{name}.weight", weight)
    emit(f"loss.{name}.grad_out", grad_out)
    emit(f"loss.{name}.output", out.detach())
    emit(f"loss.{name}.grad_input", x.grad)
    if target_requires_grad:
        emit(f"loss.{name}.grad_target", target.grad)


w5 = rand(5, low=0.2, high=2.0)
t_ignore = torch.tensor([0, 2, 4, 2, 1, 3])
t_ignore_default = torch.tensor([0, -100, 4, 3, -100, 1])
loss_case("ce_plain", nn.CrossEntropyLoss(), rand(4, 5) * 2, torch.tensor([1, 0, 4, 3]))
loss_case("ce_smooth", nn.CrossEntropyLoss(label_smoothing=0.2), rand(4, 5) * 2, torch.tensor([1, 0, 4, 3]))
loss_case("ce_smooth_weighted", nn.CrossEntropyLoss(weight=w5, label_smoothing=0.15), rand(4, 5) * 2,
          torch.tensor([2, 2, 0, 4]), weight=w5)
loss_case("ce_smooth_weighted_ignore", nn.CrossEntropyLoss(weight=w5, label_smoothing=0.1, ignore_index=2),
          rand(6, 5) * 2, t_ignore, weight=w5)
loss_case("ce_smooth_ignore", nn.CrossEntropyLoss(label_smoothing=0.3), rand(6, 5) * 2, t_ignore_default)
loss_case("ce_weighted_sum", nn.CrossEntropyLoss(weight=w5, reduction="sum"), rand(4, 5) * 2,
          torch.tensor([1, 0, 4, 3]), weight=w5)
loss_case("ce_spatial_none", nn.CrossEntropyLoss(label_smoothing=0.1, reduction="none"), rand(2, 3, 4) * 2,
          torch.tensor([[0, 2, 1, 2], [1, 1, 0, -100]]))
loss_case("nll_weighted_ignore", nn.NLLLoss(weight=w5, ignore_index=2), torch.log_softmax(rand(6, 5), 1), t_ignore,
          weight=w5)
loss_case("nll_none", nn.NLLLoss(reduction="none"), torch.log_softmax(rand(4, 5), 1), torch.tensor([4, 0, 1, 1]))
loss_case("mse", nn.MSELoss(), rand(3, 4), rand(3, 4), target_requires_grad=True)
loss_case("mse_sum", nn.MSELoss(reduction="sum"), rand(3, 4), rand(3, 4), target_requires_grad=True)
x_l1 = rand(2, 5)
t_l1 = rand(2, 5)
t_l1[0, 1] = x_l1[0, 1]  # input = target: the subgradient is 0
loss_case("l1", nn.L1Loss(), x_l1, t_l1, target_requires_grad=True)
loss_case("huber", nn.HuberLoss(delta=0.7), rand(3, 5) * 2, rand(3, 5), target_requires_grad=True)
loss_case("huber_none", nn.HuberLoss(delta=1.3, reduction="none"), rand(2, 4) * 2, rand(2, 4),
          target_requires_grad=True)
x_bce = rand(3, 4) * 3
x_bce[0, 0], x_bce[1, 2] = 60.0, -60.0  # stable at extreme logits
loss_case("bce_with_logits", nn.BCEWithLogitsLoss(), x_bce, torch.rand(3, 4, dtype=D), target_requires_grad=True)
pw = rand(4, low=0.5, high=3.0)
loss_case("bce_with_logits_pos_weight", nn.BCEWithLogitsLoss(pos_weight=pw), rand(3, 4) * 3,
          torch.rand(3, 4, dtype=D), weight=pw, target_requires_grad=True)

# ---------------------------------------------------------------- optimizers
SHAPES = [(3, 4), (5,)]
INIT = [rand(*s) for s in SHAPES]
GRADS = [[rand(*s) for s in SHAPES] for _ in range(3)]
for i, p in enumerate(INIT):
    emit(f"opt.init.p{i}", p)
    for k in range(3):
        emit(f"opt.grad{k + 1}.p{i}", GRADS[k][i])

OPTIMIZERS = {
    "sgd_nesterov": lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, dampening=0, weight_decay=0.01, nesterov=True),
    "sgd_dampening": lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8, dampening=0.3),
    "adam": lambda ps: torch.optim.Adam(ps, lr=0.01, betas=(0.9, 0.99), eps=1e-8, weight_decay=0.02),
    "adam_amsgrad": lambda ps: torch.optim.Adam(ps, lr=0.02, amsgrad=True),
    "adamw": lambda ps: torch.optim.AdamW(ps, lr=0.01, weight_decay=0.1),
    "rmsprop_centered_momentum": lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.9, eps=1e-8, weight_decay=0.01,
                                                                momentum=0.5, centered=True),
    "rmsprop": lambda ps: torch.optim.RMSprop(ps, lr=0.01),
}
for name, make in OPTIMIZERS.items():
    ps = [p.clone().requires_grad_(True) for p in INIT]
    opt = make(ps)
    for k in range(3):
        for p, g in zip(ps, GRADS[k]):
            p.grad = g.clone()
        opt.step()
        for i, p in enumerate(ps):
            emit(f"opt.{name}.p{i}.after{k + 1}", p.detach())

# ---------------------------------------------------------------- schedules
SCHEDULES = {
    "step": lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5),
    "multistep": lambda o: torch.optim.lr_scheduler.MultiStepLR(o, milestones=[2, 5, 11], gamma=0.3),
    "exponential": lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9),
    "cosine": lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=8, eta_min=0.001),
    "linear": lambda o: torch.optim.lr_scheduler.LinearLR(o, start_factor=0.25, end_factor=1.0, total_iters=6),
    "onecycle": lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.5, total_steps=20, cycle_momentum=False),
    "onecycle_custom": lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.3, total_steps=20, pct_start=0.25,
                                                                     div_factor=10, final_div_factor=100,
                                                                     cycle_momentum=False),
}
for name, make in SCHEDULES.items():
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    sched = make(opt)
    lrs = [sched.get_last_lr()[0]]
    for _ in range(20):
        opt.step()
        sched.step()
        lrs.append(sched.get_last_lr()[0])
    emit(f"sched.{name}", torch.tensor(lrs, dtype=D))

print("\n".join(OUT))
