#!/usr/bin/env python3
"""Writes training_fixture.txt: the default recipe of `nabla train` (issue #5) run by PyTorch 1.13 from
Nabla's own starting point, for TrainingParityTest. Needs Debian's python3-torch (1.13) and NumPy;
run from this directory:

    /usr/bin/python3 make_training_fixture.py > training_fixture.txt

The starting point is reproduced here, independently, from Nabla's seed: Nabla's generator (SplitMix64,
dev.nabla.tensor.Rng), its streams (models/Trainer: root = Rng(seed), init = root.split(), data seed =
root.split().nextLong(); nn/data/DataLoader: epoch k's order is a Fisher-Yates permutation from the
k-th split of Rng(data seed), split once more), and PyTorch's default init as Nabla draws it
(nn/Init: weight U(-b, b), b = sqrt(3) * gain(leaky_relu, sqrt 5) / sqrt(fan_in); bias U(-1/sqrt(fan_in),
+1/sqrt(fan_in)); layers in the order of models/Models.cnn). The test checks that this reproduction still
matches Nabla's own weights and order before it compares anything else.

The recipe, as PyTorch code: the default CNN, inputs x / 255 then (x - 0.2860) / 0.3530 in float32,
CrossEntropyLoss (mean), SGD(lr 0.05, momentum 0.9), batches of 128 in the permuted order with the last,
smaller batch kept (as DataLoader(drop_last=False)), then evaluation in eval mode in batches of 500.
The fixture case trains EPOCHS epochs on the first N_TRAIN bundled training images (three batches of 128
and one of 96 per epoch, like the last batch of a full epoch; a new order every epoch) and evaluates on
the first N_TEST bundled test images after every epoch.

The run is done twice: in float64 (the reference the test compares with) and in float32 (how far
PyTorch's own float32 arithmetic is from it; the script prints that to stderr and the test's
tolerance is chosen from it).

Format: one array per line, `key|dims|values` (as nn's optim_fixture.txt), dims empty for a scalar.
- meta.*: seed, n_train, n_test, batch_size, lr, momentum.
- init.<name>.sum: the float64 sum of each reproduced initial tensor (Nabla must have the same).
- loss.f64 / loss.f32: the loss of every step (of the batch before that step's update).
- epochs.f64 / epochs.f32: per epoch, train loss (mean per example over the epoch's steps), train
  accuracy, test loss (mean per example), test accuracy.
- epoch1.<name> and final.<name>: each state_dict entry of the float64 run after the first and after
  the last epoch, in full if it has at most 4096 values; larger ones as <prefix>.<name>.sample (every
  s-th flat value, s = numel // 2048) and <prefix>.<name>.rowsum (sums over all dims but the first).
- f32dev.<key>: for each of those keys, max |float32 run - float64 run| over its values.

The same code runs the one-off experiment of the parity study (not a fixture): one full epoch from
Nabla's seed on the full set, e.g.

    python3 make_training_fixture.py --experiment --seed 0 --data /usr/share/datasets/fashion-mnist
"""
import argparse
import gzip
import json
import math
import struct
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn

HERE = Path(__file__).resolve().parent
BUNDLED = HERE / "../../../../../nn/src/main/resources/dev/nabla/nn/data/fashion-mnist-subset"
SEED, N_TRAIN, N_TEST, EPOCHS = 7, 480, 500, 5
BATCH, LR, MOMENTUM, TEST_BATCH = 128, 0.05, 0.9, 500
MEAN, STD = 0.2860, 0.3530
M64 = (1 << 64) - 1


# ---------------------------------------------------------------- Nabla's generator (dev.nabla.tensor.Rng)
def mix64(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


def mix_gamma(z):
    z = ((z ^ (z >> 33)) * 0xFF51AFD7ED558CCD) & M64
    z = ((z ^ (z >> 33)) * 0xC4CEB9FE1A85EC53) & M64
    z = (z ^ (z >> 33)) | 1
    return z ^ 0xAAAAAAAAAAAAAAAA if bin(z ^ (z >> 1)).count("1") < 24 else z


def mix64_np(z):
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


class Rng:
    """SplitMix64 exactly as Nabla's Rng: values are unsigned here, signed in Java (same bits)."""

    def __init__(self, seed, gamma=None):
        if gamma is None:
            seed, gamma = mix64(seed & M64), 0x9E3779B97F4A7C15
        self.seed, self.gamma = seed, gamma

    def _next_seed(self):
        self.seed = (self.seed + self.gamma) & M64
        return self.seed

    def split(self):
        s = mix64(self._next_seed())
        return Rng(s, mix_gamma(self._next_seed()))

    def next_long(self):
        return mix64(self._next_seed())

    def next_long_signed(self):
        v = self.next_long()
        return v - (1 << 64) if v >> 63 else v

    def next_below(self, bound):
        """Rng.nextLong(bound): 63 random bits, rejecting the top incomplete interval."""
        m = bound - 1
        r = self.next_long() >> 1
        if bound & m == 0:
            return r & m
        u = r
        while True:
            r = u % bound
            if u - r + m < (1 << 63):  # Java: u - r + m < 0 only on signed overflow
                return r
            u = self.next_long() >> 1

    def uniform_f32(self, n, low, high):
        """Rng.uniform(shape, F32, low, high): low + (high - low) * nextDouble(), rounded to float."""
        seeds = (np.uint64(self.seed) + np.uint64(self.gamma) * np.arange(1, n + 1, dtype=np.uint64))
        self.seed = (self.seed + self.gamma * n) & M64
        u = (mix64_np(seeds) >> np.uint64(11)).astype(np.float64) * 2.0 ** -53
        return (low + (high - low) * u).astype(np.float32)

    def permutation(self, n):
        p = list(range(n))
        for i in range(n - 1, 0, -1):
            j = self.next_below(i + 1)
            p[i], p[j] = p[j], p[i]
        return np.array(p, dtype=np.int64)


# ---------------------------------------------------------------- Nabla's starting point, reproduced
LAYERS = [("0", (32, 1, 3, 3)), ("4", (64, 32, 3, 3)), ("9", (128, 3136)), ("11", (10, 128))]  # Models.cnn order


def nabla_init(seed):
    """The default CNN's initial state_dict as Nabla's Trainer(seed) draws it (float32 arrays)."""
    init = Rng(seed).split()
    state = {}
    for name, shape in LAYERS:
        fan_in = int(np.prod(shape[1:]))
        a = math.sqrt(5)
        b = math.sqrt(3) * (math.sqrt(2 / (1 + a * a)) / math.sqrt(fan_in))  # Init.kaimingUniform
        # PyTorch's own numbers for its reset_parameters (kaiming_uniform_(a=sqrt 5), bias 1/sqrt(fan_in))
        torch_fan_in = nn.init._calculate_fan_in_and_fan_out(torch.empty(shape))[0]
        torch_b = math.sqrt(3) * nn.init.calculate_gain("leaky_relu", a) / math.sqrt(torch_fan_in)
        assert torch_fan_in == fan_in and abs(b - torch_b) <= 1e-15 * b, (name, b, torch_b)
        state[f"{name}.weight"] = init.uniform_f32(int(np.prod(shape)), -b, b).reshape(shape)
        bb = 1 / math.sqrt(fan_in)  # Init.defaultBias
        state[f"{name}.bias"] = init.uniform_f32(shape[0], -bb, bb)
    for bn, c in (("1", 32), ("5", 64)):
        state.update({f"{bn}.weight": np.ones(c, np.float32), f"{bn}.bias": np.zeros(c, np.float32),
                      f"{bn}.running_mean": np.zeros(c, np.float32), f"{bn}.running_var": np.ones(c, np.float32),
                      f"{bn}.num_batches_tracked": np.array(0, np.int64)})
    return state


def nabla_order(seed, n, epoch=1):
    """The example order of epoch `epoch` (1-based) of Trainer(seed) over n training examples."""
    root = Rng(seed)
    root.split()
    data_seed = root.split().next_long_signed()
    loader_root = Rng(data_seed)
    epoch_rng = loader_root.split()
    for _ in range(epoch - 1):
        epoch_rng = loader_root.split()
    return epoch_rng.split().permutation(n)


# ---------------------------------------------------------------- data, model, recipe
def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, n = struct.unpack(">II", data[:8])
    dims = [n] + ([] if magic == 0x801 else list(struct.unpack(">II", data[8:16])))
    return np.frombuffer(data, np.uint8, offset=8 + 4 * (len(dims) - 1)).reshape(dims)


def load_split(directory, prefix, limit=None):
    x = read_idx(Path(directory) / f"{prefix}-images-idx3-ubyte.gz")[:limit]
    y = read_idx(Path(directory) / f"{prefix}-labels-idx1-ubyte.gz")[:limit]
    x = x.astype(np.float32) / np.float32(255)  # Idx.toImages, torchvision's ToTensor
    x = (x - np.float32(MEAN)) / np.float32(STD)  # DataLoader.normalize, torchvision's Normalize
    return torch.from_numpy(x[:, None]), torch.from_numpy(y.astype(np.int64))


def make_model(state, dtype):
    model = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Linear(3136, 128), nn.ReLU(), nn.Linear(128, 10))
    model.load_state_dict({k: torch.from_numpy(np.array(v)) for k, v in state.items()}, strict=True)
    return model.to(dtype)


def sgd(model):
    return torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM)


def train_epoch(model, opt, x, y, order):
    """One epoch of the recipe; returns the per-step losses, the mean train loss and train accuracy."""
    loss_fn = nn.CrossEntropyLoss()
    dtype = next(model.parameters()).dtype
    model.train()
    losses, loss_sum, correct = [], 0.0, 0
    for start in range(0, len(order), BATCH):
        idx = torch.from_numpy(order[start:start + BATCH])
        xb, yb = x[idx].to(dtype), y[idx]
        logits = model(xb)
        loss = loss_fn(logits, yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
        loss_sum += loss.item() * len(idx)
        correct += (logits.argmax(1) == yb).sum().item()
    return losses, loss_sum / len(order), correct / len(order)


@torch.no_grad()
def evaluate(model, x, y):
    """Test loss (mean per example), accuracy, and the smallest top-2 logit gap, in eval mode."""
    model.eval()
    dtype = next(model.parameters()).dtype
    loss_sum, correct, margin = 0.0, 0, math.inf
    for start in range(0, len(y), TEST_BATCH):
        logits = model(x[start:start + TEST_BATCH].to(dtype))
        yb = y[start:start + TEST_BATCH]
        loss_sum += nn.functional.cross_entropy(logits, yb).item() * len(yb)
        correct += (logits.argmax(1) == yb).sum().item()
        top2 = logits.topk(2, dim=1).values
        margin = min(margin, (top2[:, 0] - top2[:, 1]).min().item())
    model.train()
    return loss_sum / len(y), correct / len(y), margin


# ---------------------------------------------------------------- fixture
OUT = []


def emit(key, t):
    t = np.asarray(t)
    dims = " ".join(str(d) for d in t.shape)
    if t.dtype.kind == "i":
        vals = " ".join(str(int(v)) for v in t.reshape(-1))
    else:
        vals = " ".join(repr(float(v)) for v in t.reshape(-1).astype(np.float64))
    OUT.append(f"{key}|{dims}|{vals}")


def emit_state(prefix, state64, state32):
    """state64 in full (or sampled, for tensors of more than 4096 values), and its distance to state32."""
    for name, value in state64.items():
        v, v32 = value.numpy(), state32[name].double().numpy()
        if v.dtype == np.int64 or v.size <= 4096:
            parts = {"": lambda t: t}
        else:
            step = v.size // 2048
            parts = {".sample": lambda t: t.reshape(-1)[::step], ".rowsum": lambda t: t.reshape(t.shape[0], -1).sum(1)}
        for suffix, part in parts.items():
            emit(f"{prefix}.{name}{suffix}", part(v))
            if v.dtype != np.int64:
                emit(f"f32dev.{prefix}.{name}{suffix}", np.abs(part(v32) - part(v)).max())


def fixture():
    torch.set_num_threads(1)  # the float32 run's bits (f32dev.*) must not depend on the machine
    torch.use_deterministic_algorithms(True)
    state = nabla_init(SEED)
    x, y = load_split(BUNDLED, "train", N_TRAIN)
    tx, ty = load_split(BUNDLED, "t10k", N_TEST)
    for key, value in (("seed", SEED), ("n_train", N_TRAIN), ("n_test", N_TEST), ("batch_size", BATCH),
                       ("epochs", EPOCHS)):
        emit(f"meta.{key}", np.array(value, np.int64))
    emit("meta.lr", LR)
    emit("meta.momentum", MOMENTUM)
    for name, value in state.items():
        if value.dtype == np.float32:
            emit(f"init.{name}.sum", value.astype(np.float64).sum())
    runs = {}
    for label, dtype in (("f64", torch.float64), ("f32", torch.float32)):
        model = make_model(state, dtype)
        opt = sgd(model)
        losses, epochs = [], []
        for epoch in range(1, EPOCHS + 1):
            step_losses, train_loss, train_acc = train_epoch(model, opt, x, y, nabla_order(SEED, N_TRAIN, epoch))
            losses += step_losses
            epochs.append((train_loss, train_acc) + evaluate(model, tx, ty))
            if epoch == 1:
                after_first = {k: v.clone() for k, v in model.state_dict().items()}
        runs[label] = (losses, epochs, after_first, model.state_dict())
    (losses64, epochs64, first64, last64), (losses32, epochs32, first32, last32) = runs["f64"], runs["f32"]
    emit("loss.f64", losses64)
    emit("loss.f32", losses32)
    emit("epochs.f64", np.array(epochs64)[:, :4])
    emit("epochs.f32", np.array(epochs32)[:, :4])
    emit_state("epoch1", first64, first32)
    emit_state("final", last64, last32)
    print("\n".join(OUT))
    rel = [abs(a - b) / abs(b) for a, b in zip(losses32, losses64)]
    print("PyTorch float32 vs float64, relative difference of the step losses: " + " ".join(f"{r:.1e}" for r in rel),
          file=sys.stderr)
    for e, (a, b) in enumerate(zip(epochs64, epochs32)):
        print(f"epoch {e + 1} (train loss, train acc, test loss, test acc, smallest top-2 test logit gap): f64 {a}"
              f" f32 {b}", file=sys.stderr)


# ---------------------------------------------------------------- the one-off experiment
def experiment(seed, data, dtype, threads, steps_out):
    torch.set_num_threads(threads)
    x, y = load_split(data, "train")
    tx, ty = load_split(data, "t10k")
    state = nabla_init(seed)
    order = nabla_order(seed, len(y))
    model = make_model(state, dtype)
    start = time.time()
    losses, train_loss, train_acc = train_epoch(model, sgd(model), x, y, order)
    test_loss, test_acc, _ = evaluate(model, tx, ty)
    result = {"seed": seed, "dtype": str(dtype), "train_loss": train_loss, "train_accuracy": train_acc,
              "test_loss": test_loss, "test_accuracy": test_acc, "seconds": time.time() - start,
              "order_head": order[:8].tolist()}
    if steps_out:
        Path(steps_out).write_text("\n".join(repr(v) for v in losses) + "\n")
    print(json.dumps(result))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--experiment", action="store_true", help="one full epoch from Nabla's seed instead of the fixture")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--float64", action="store_true")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--steps-out", help="file for the per-step losses of the experiment")
    args = parser.parse_args()
    if args.experiment:
        experiment(args.seed, args.data, torch.float64 if args.float64 else torch.float32, args.threads, args.steps_out)
    else:
        fixture()
