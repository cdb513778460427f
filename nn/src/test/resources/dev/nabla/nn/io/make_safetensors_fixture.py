"""Independent safetensors implementation (NumPy, written by hand from the format's spec) for
Nabla's interop tests. Run from this directory: python3 make_safetensors_fixture.py

(a) Writes python_written.safetensors from PyTorch/NumPy tensors of every dtype Nabla reads (F32,
    F64, F16, BF16, I64, I32, U8, BOOL), including a scalar, empty tensors and edge values, and
    python_written.expected.txt with each tensor's exact values (floats as Java-parseable hex),
    which SafetensorsInteropTest compares element by element.
(b) Reads nabla_written.safetensors (written by Nabla's Safetensors.write, see
    SafetensorsInteropTest.NABLA_TENSORS) by hand, checks every rule of the format and of the
    reference implementation's deterministic layout, and checks the values against NumPy.
"""
import json
import struct

import numpy as np
import torch

torch.manual_seed(20261123)

# ---------------------------------------------------------------- (a) a file for Nabla to read
f16 = np.array([0.0, -0.0, 1.0, -2.5, 65504.0, 6.103515625e-05, 5.960464477539063e-08, np.inf, -np.inf, 0.333251953125],
               dtype=np.float16)
bf16 = torch.tensor([1.0, -3.140625, 1e-38, 3.3895313892515355e38, -0.0], dtype=torch.bfloat16)
tensors = {
    "conv.weight": ("F32", torch.randn(2, 1, 2, 2, dtype=torch.float32).numpy()),
    "fc.bias": ("F64", torch.randn(3, dtype=torch.float64).numpy()),
    "scalar": ("F32", np.array(3.5, dtype=np.float32)),
    "empty_f32": ("F32", np.zeros((0, 3), dtype=np.float32)),
    "empty_i64": ("I64", np.zeros((2, 0), dtype=np.int64)),
    "half": ("F16", f16),
    "brain": ("BF16", bf16.view(torch.int16).numpy().view(np.uint16)),  # bits; NumPy has no bfloat16
    "num_batches_tracked": ("I64", np.array(np.iinfo(np.int64).min, dtype=np.int64)),
    "labels": ("I64", np.array([[0, 1, -7], [2**62, np.iinfo(np.int64).max, 9]], dtype=np.int64)),
    "int32": ("I32", np.array([np.iinfo(np.int32).min, -1, 0, np.iinfo(np.int32).max], dtype=np.int32)),
    "bytes": ("U8", np.array([0, 1, 127, 128, 255], dtype=np.uint8)),
    "mask": ("BOOL", np.array([[True, False], [False, True]])),
}
LE = {"F32": "<f4", "F64": "<f8", "F16": "<f2", "BF16": "<u2", "I64": "<i8", "I32": "<i4", "U8": "u1", "BOOL": "u1"}

# Data in reverse name order and header keys in name order, so that the reader must sort by offsets.
header, chunks, offset = {"__metadata__": {"format": "pt", "written_by": "make_safetensors_fixture.py"}}, [], 0
for name in sorted(tensors, reverse=True):
    dtype, arr = tensors[name]
    raw = np.ascontiguousarray(arr).astype(LE[dtype]).tobytes()
    header[name] = {"dtype": dtype, "shape": list(arr.shape), "data_offsets": [offset, offset + len(raw)]}
    chunks.append(raw)
    offset += len(raw)
text = json.dumps(dict(sorted(header.items())), separators=(", ", ": ")).encode("utf-8")
text += b" " * (3 + (8 - len(text) % 8) % 8)  # padding that is not a multiple of 8: allowed by the spec
with open("python_written.safetensors", "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))


def java_float(x):
    x = float(x)
    if np.isnan(x):
        return "NaN"
    if np.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x.hex()


with open("python_written.expected.txt", "w") as f:
    f.write("# name nabla_dtype shape values... (floats as hex, exact); made by make_safetensors_fixture.py\n")
    for name in sorted(tensors):
        dtype, arr = tensors[name]
        if dtype == "BF16":
            values = torch.from_numpy(arr.view(np.int16)).view(torch.bfloat16).float().numpy()
        else:
            values = arr
        nabla = {"F32": "F32", "F16": "F32", "BF16": "F32", "F64": "F64"}.get(dtype, "I64")
        flat = np.asarray(values).reshape(-1)
        cells = [java_float(v) for v in flat] if nabla != "I64" else [str(int(v)) for v in flat]
        f.write(" ".join([name, nabla, "x".join(map(str, arr.shape)) or "scalar"] + cells) + "\n")

# ---------------------------------------------------------------- (b) check a file Nabla wrote
# The tensors of SafetensorsInteropTest.NABLA_TENSORS, computed here independently.
expected = {
    "layer.weight": np.array([(np.float32(i) - np.float32(2.5)) / np.float32(3) for i in range(6)], dtype=np.float32).reshape(2, 3),
    "layer.bias": np.array([0.1, -1e300, 5e-324], dtype=np.float64),
    "bn.num_batches_tracked": np.array(2**53 + 1, dtype=np.int64),
    "bn.running_mean": np.array(-0.0, dtype=np.float32),
    "empty": np.zeros((0, 4), dtype=np.float64),
    "indices": np.array([[-1, 0, 1]], dtype=np.int64),
}
expected_metadata = {"format": "pt", "nabla": "test"}
NP_DTYPE = {"F32": "<f4", "F64": "<f8", "I64": "<i8"}
ALIGNMENT_ORDER = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64"]
try:
    data = open("nabla_written.safetensors", "rb").read()
except FileNotFoundError:
    print("nabla_written.safetensors not found: run SafetensorsInteropTest first; (a) done")
    raise SystemExit(0)
(n,) = struct.unpack("<Q", data[:8])
assert n % 8 == 0, f"header length {n} is not a multiple of 8"
raw_header = data[8:8 + n]
assert raw_header.rstrip(b" ").endswith(b"}"), "header must be JSON padded with spaces"
parsed = json.loads(raw_header.decode("utf-8"), object_pairs_hook=lambda kv: (
    (_ for _ in ()).throw(AssertionError(f"duplicate key in {kv}")) if len({k for k, _ in kv}) != len(kv) else dict(kv)))
assert parsed.pop("__metadata__") == expected_metadata
assert set(parsed) == set(expected), f"names {sorted(parsed)} != {sorted(expected)}"
buffer = data[8 + n:]
position = 0
# The reference layout: tensors ordered by descending dtype alignment, then by name; contiguous.
order = sorted(parsed, key=lambda k: (-ALIGNMENT_ORDER.index(parsed[k]["dtype"]), k.encode("utf-8")))
assert list(parsed) == order, f"header order {list(parsed)} != reference order {order}"
for name in order:
    info = parsed[name]
    want = expected[name]
    begin, end = info["data_offsets"]
    assert begin == position, f"{name}: gap or overlap at {begin}, expected {position}"
    assert info["shape"] == list(want.shape), f"{name}: shape {info['shape']} != {list(want.shape)}"
    assert np.dtype(NP_DTYPE[info["dtype"]]) == want.dtype.newbyteorder("<"), f"{name}: dtype {info['dtype']} vs {want.dtype}"
    got = np.frombuffer(buffer[begin:end], dtype=NP_DTYPE[info["dtype"]]).reshape(want.shape)
    assert got.tobytes() == want.astype(NP_DTYPE[info["dtype"]]).tobytes(), f"{name}: {got} != {want}"
    position = end
assert position == len(buffer), f"tensors cover {position} of {len(buffer)} buffer bytes"
# Byte-exact: the whole file is what the reference's serialize would write.
ref_header = {"__metadata__": dict(sorted(expected_metadata.items()))}
ref_header.update({k: parsed[k] for k in order})
ref_text = json.dumps(ref_header, separators=(",", ":")).encode("utf-8")
ref_text += b" " * ((8 - len(ref_text) % 8) % 8)
assert data[:8 + n] == struct.pack("<Q", len(ref_text)) + ref_text, "header differs from the reference serialization"
print(f"nabla_written.safetensors verified: {len(order)} tensors, {len(data)} bytes")
