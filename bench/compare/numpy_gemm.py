#!/usr/bin/env python3
"""Times NumPy's float32 matmul (OpenBLAS or whatever BLAS NumPy links) on the shapes of
MatmulBenchmark, for comparison. Not part of the build.

Usage: python3 bench/compare/numpy_gemm.py [threads ...]     (default: 1 2)

Each thread count runs in a fresh interpreter with OPENBLAS_NUM_THREADS / OMP_NUM_THREADS /
MKL_NUM_THREADS set before NumPy is imported (BLAS reads them once, at load). Reports the best of
several timed repetitions after a warm-up, in ms and GFLOP/s = 2·M·N·K / time.
"""
import os
import subprocess
import sys
import time

SHAPES = [(256, 256, 256), (512, 512, 512), (1023, 1023, 1023), (1024, 1024, 1024), (1025, 1025, 1025),
          (128, 128, 3136), (128, 10, 128)]


def measure():
    import numpy as np
    rng = np.random.default_rng(1)
    for m, n, k in SHAPES:
        a = rng.uniform(-1, 1, (m, k)).astype(np.float32)
        b = rng.uniform(-1, 1, (k, n)).astype(np.float32)
        flops = 2.0 * m * n * k
        reps = max(3, int(2e9 / flops))
        a @ b  # warm-up
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            for _ in range(reps):
                a @ b
            best = min(best, (time.perf_counter() - start) / reps)
        print(f"numpy {np.__version__} threads={os.environ['OPENBLAS_NUM_THREADS']} "
              f"{m}x{n}x{k}: {best * 1e3:.3f} ms, {flops / best / 1e9:.1f} GFLOP/s", flush=True)


if __name__ == "__main__":
    if os.environ.get("NUMPY_GEMM_CHILD"):
        measure()
    else:
        for threads in (sys.argv[1:] or ["1", "2"]):
            env = dict(os.environ, NUMPY_GEMM_CHILD="1", OPENBLAS_NUM_THREADS=threads,
                       OMP_NUM_THREADS=threads, MKL_NUM_THREADS=threads)
            subprocess.run([sys.executable, __file__], env=env, check=True)
