#!/usr/bin/env python3
"""Writes the Fashion-MNIST subset bundled with Nabla: the first 10,000 training and the first 2,000
test examples, as gzipped IDX files, cut from the full set of Debian's dataset-fashion-mnist package
(/usr/share/datasets/fashion-mnist, MIT license: see LICENSE next to the output files), into
nn/src/main/resources/dev/nabla/nn/data/fashion-mnist-subset/. Run from any directory:

    /usr/bin/python3 nn/scripts/make_fashion_mnist_subset.py [SOURCE_DIR]

The output is byte-for-byte reproducible (gzip header mtime 0, no file name). It also prints the
SHA-256 of every decompressed full IDX file (the constants of dev.nabla.nn.data.Download) and the
class counts of the subset (stated in FashionMnist's Javadoc). Uses only the Python standard library.
"""
import gzip
import hashlib
import struct
import sys
from collections import Counter
from pathlib import Path

SOURCE = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist")
OUT = Path(__file__).resolve().parent.parent / "src/main/resources/dev/nabla/nn/data/fashion-mnist-subset"
SUBSETS = {"train": 10_000, "t10k": 2_000}


def read_idx(path):
    data = gzip.decompress(path.read_bytes())
    print(f"{path.name}: sha256 of decompressed = {hashlib.sha256(data).hexdigest()}")
    magic = struct.unpack(">I", data[:4])[0]
    rank = magic & 0xFF
    dims = struct.unpack(f">{rank}I", data[4:4 + 4 * rank])
    return dims, data[4 + 4 * rank:]


def write_idx(path, magic, dims, body):
    header = struct.pack(f">I{len(dims)}I", magic, *dims)
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(header + body)


for split, n in SUBSETS.items():
    (count, rows, cols), pixels = read_idx(SOURCE / f"{split}-images-idx3-ubyte.gz")
    (label_count,), labels = read_idx(SOURCE / f"{split}-labels-idx1-ubyte.gz")
    assert count == label_count and n <= count
    write_idx(OUT / f"{split}-images-idx3-ubyte.gz", 0x803, (n, rows, cols), pixels[:n * rows * cols])
    write_idx(OUT / f"{split}-labels-idx1-ubyte.gz", 0x801, (n,), labels[:n])
    counts = Counter(labels[:n])
    print(f"{split} subset: {n} examples, per class 0..9: {[counts[c] for c in range(10)]}")
    print(f"{split} first 10 labels: {list(labels[:10])}")
