#!/usr/bin/python3
"""Writes math_fixtures.csv: exact values of Nabla's element-wise math functions.

Each row is `function,x,value`: x is a double (dense grids and a copy of each listed point are
rounded to float32 first, so F32 kernels can be checked too) written so that Java's Double.parseDouble gives
back exactly the same double (Python's repr), and value is f(x) for that exact binary x, computed
with mpmath at 50 significant digits and printed to 20 significant digits. Values too large for
a double (exp(1e4)) and points outside a domain are left out; values that underflow a double are
kept (their double is 0).

Run with: /usr/bin/python3 make_fixtures.py > math_fixtures.csv   (needs python3-mpmath)
"""
import struct

import mpmath
from mpmath import mp, mpf

mp.dps = 50

FUNCTIONS = {
    "erf": mpmath.erf,
    "erfc": mpmath.erfc,
    "exp": mpmath.exp,
    "expm1": mpmath.expm1,
    "log": mpmath.log,
    "log1p": mpmath.log1p,
    "tanh": mpmath.tanh,
    "sigmoid": lambda t: 1 / (1 + mpmath.exp(-t)),
    "softplus": lambda t: mpmath.log1p(mpmath.exp(t)),
}

# the spread asked for: tiny, small, moderate, the erf/erfc tail and beyond
SPREAD = [1e-300, 1e-30, 1e-8, 0.5, 1.0, 3.0, 10.0, 26.0, 27.0, 40.0, 1e4]
# the boundaries of erf/erfc's pieces and the edges of exp's and the tails' ranges
EXTRA = [2.0 ** -28, 2.0 ** -56, 0.25, 0.84375, 1.25, 1 / 0.35, 6.0, 27.2, 27.3, 28.0,
         2.5, 5.0, 15.0, 20.0, 88.0, 100.0, 700.0, 709.0, 0.1, 1e-4, 1e-15]


def to_float32(v):
    """The nearest float32 (as a Python float), so that F32 kernels can be checked at the same x."""
    return struct.unpack("f", struct.pack("f", v))[0] if abs(v) < 3.4e38 else v


def dense(lo, hi, count):
    """count points from lo to hi, each rounded to a float32 (exactly a double too)."""
    return [to_float32(lo + (hi - lo) * i / (count - 1)) for i in range(count)]


SPECIAL = SPREAD + EXTRA + [to_float32(v) for v in SPREAD + EXTRA]
POINTS = {name: sorted({s * v for v in SPECIAL for s in (1, -1)} | {0.0}) for name in FUNCTIONS}
POINTS["erf"] += dense(-6.5, 6.5, 521)
POINTS["erfc"] += dense(-6.5, 27.5, 681)
POINTS["tanh"] += dense(-20, 20, 201)
POINTS["sigmoid"] += dense(-40, 40, 201)
POINTS["softplus"] += dense(-40, 40, 201)
POINTS["log"] += [10.0 ** e for e in range(-300, 301, 7)]
POINTS["log1p"] += dense(-0.99, 3, 100)
POINTS["expm1"] += dense(-2, 2, 101)
POINTS["exp"] += dense(-740, 709, 300)


def main():
    print("function,x,value")
    for name, f in FUNCTIONS.items():
        for x in sorted(set(POINTS[name])):
            try:
                v = f(mpf(x))
            except (ValueError, ZeroDivisionError):
                continue
            if isinstance(v, mpmath.mpc) or not mpmath.isfinite(v) or abs(v) > mpf("1.7976931348623157e308"):
                continue
            print(f"{name},{x!r},{mpmath.nstr(v, 20, min_fixed=1, max_fixed=0)}")


if __name__ == "__main__":
    main()
