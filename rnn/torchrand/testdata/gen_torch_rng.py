#!/usr/bin/python3
"""Writes torch_rng.json: what PyTorch's default CPU generator produces,
for the tests of package torchrand.

Run with Debian's python3-torch (PyTorch 1.13, AVX2 kernels):

    /usr/bin/python3 rnn/torchrand/testdata/gen_torch_rng.py

Float32 values are stored as their bit patterns (8 hex digits each, one
string per tensor); large tensors as the SHA-256 of their little-endian
bytes plus the first values, so the file stays small but every value is
still compared.
"""
import hashlib
import json
import math
import os

import torch

FULL = 100  # tensors up to this size are stored value by value
HEAD = 32


def float_bytes(t):
    return t.contiguous().view(torch.int32).numpy().astype("<u4").tobytes()


def record(t):
    raw = float_bytes(t)
    # 8 hex digits per value, big-endian within the word for readability
    vals = ["%08x" % int.from_bytes(raw[i:i + 4], "little") for i in range(0, len(raw), 4)]
    out = {"n": t.numel()}
    if t.numel() <= FULL:
        out["bits"] = "".join(vals)
    else:
        out["sha256"] = hashlib.sha256(raw).hexdigest()
        out["bits"] = "".join(vals[:HEAD])
    return out


def engine_outputs(seed, n):
    """The first n 32-bit outputs: random_(-2**63, None) on int64 draws
    random64() = (first << 32) | second for every element."""
    torch.manual_seed(seed)
    t = torch.empty(n // 2, dtype=torch.int64).random_(-2**63, None)
    words = []
    for v in t.tolist():
        v &= (1 << 64) - 1
        words += [v >> 32, v & 0xFFFFFFFF]
    raw = b"".join(w.to_bytes(4, "little") for w in words)
    return {
        "seed": str(seed),  # may exceed 2**53
        "n": n,
        "sha256": hashlib.sha256(raw).hexdigest(),
        "head": "".join("%08x" % w for w in words[:HEAD]),
        "every_997th": "".join("%08x" % w for w in words[::997]),
    }


SEEDS = [0, 1, 70, 12345, 2**32 + 70, 2**64 - 1]
SIZES = list(range(1, 34)) + [47, 48, 63, 64, 65, 100, 255, 256, 1000, 4099, 100000]
KAIMING_20 = math.sqrt(3.0) * (math.sqrt(2.0 / (1 + math.sqrt(5) ** 2)) / math.sqrt(20))
UNIFORM_RANGES = [(0.0, 1.0), (-1 / math.sqrt(20), 1 / math.sqrt(20)), (-KAIMING_20, KAIMING_20),
                  (-3.0, 7.5), (2.0, 2.0001), (-1e-3, 0.0)]
NORMAL_PARAMS = [(0.0, 1.0), (0.5, 2.0), (-1.0, 0.1)]


def fills():
    """One tensor per (seed, size, op), each from a freshly seeded generator."""
    out = []
    for seed in SEEDS[:4]:
        for n in SIZES:
            torch.manual_seed(seed)
            out.append({"seed": str(seed), "op": "normal", "a": 0.0, "b": 1.0,
                        **record(torch.empty(n).normal_(0.0, 1.0))})
            torch.manual_seed(seed)
            lo, hi = UNIFORM_RANGES[n % len(UNIFORM_RANGES)]
            out.append({"seed": str(seed), "op": "uniform", "a": lo, "b": hi,
                        **record(torch.empty(n).uniform_(lo, hi))})
    return out


def sequences():
    """Several fills from one generator: the state, and the cached second
    normal of the scalar path, carry over from one tensor to the next."""
    plans = [
        [("normal", 3), ("normal", 5), ("uniform", 7), ("normal", 1), ("normal", 20),
         ("normal", 2), ("uniform", 1), ("normal", 15), ("normal", 16), ("normal", 9)],
        [("normal", 45), ("uniform", 400), ("uniform", 800), ("uniform", 180), ("uniform", 20),
         ("uniform", 20), ("uniform", 180), ("uniform", 9)],
        [("normal", 1), ("uniform", 3), ("normal", 1), ("normal", 17), ("normal", 1),
         ("normal", 33), ("normal", 11)],
    ]
    out = []
    for seed in SEEDS:
        for plan in plans:
            torch.manual_seed(seed)
            steps = []
            for i, (op, n) in enumerate(plan):
                if op == "normal":
                    a, b = NORMAL_PARAMS[i % len(NORMAL_PARAMS)]
                    t = torch.empty(n).normal_(a, b)
                else:
                    a, b = UNIFORM_RANGES[i % len(UNIFORM_RANGES)]
                    t = torch.empty(n).uniform_(a, b)
                steps.append({"op": op, "a": a, "b": b, **record(t)})
            out.append({"seed": str(seed), "steps": steps})
    return out


def scalar_double():
    """normal_ on float64 tensors below 16 elements: the scalar Box–Muller
    path at full precision (float32 tensors round it away)."""
    out = []
    for seed in SEEDS[:4]:
        torch.manual_seed(seed)
        vals = []
        for _ in range(40):
            vals += torch.empty(15, dtype=torch.float64).normal_(0.0, 1.0).tolist()
        vals += torch.empty(7, dtype=torch.float64).normal_(0.5, 2.0).tolist()
        out.append({"seed": str(seed), "values": [v.hex() for v in vals]})
    return out


def scalar_float32():
    """Many float32 tensors below 16 elements in a row: the scalar path's
    float64 libm results rounded to float32, compared by hash."""
    out = []
    for seed in SEEDS[:4]:
        torch.manual_seed(seed)
        ts = [torch.empty(1 + i % 15).normal_(0.0, 1.0) for i in range(4000)]
        raw = b"".join(float_bytes(t) for t in ts)
        out.append({"seed": str(seed), "tensors": len(ts), "sha256": hashlib.sha256(raw).hexdigest()})
    return out


def bounds():
    out = []
    for n in [1, 2, 3, 5, 7, 8, 16, 20, 32, 50, 64, 100, 128, 256, 1000, 1024]:
        gain = torch.nn.init.calculate_gain("leaky_relu", math.sqrt(5))
        kaiming = math.sqrt(3.0) * (gain / math.sqrt(n))
        out.append({"fan_in": n, "kaiming": kaiming.hex(), "bias": (1 / math.sqrt(n)).hex(),
                    "recurrent": (1.0 / math.sqrt(n)).hex()})
    return out


def main():
    data = {
        "torch_version": torch.__version__,
        "engine": [engine_outputs(s, 10000) for s in SEEDS],
        "fills": fills(),
        "sequences": sequences(),
        "scalar_double": scalar_double(),
        "scalar_float32": scalar_float32(),
        "bounds": bounds(),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch_rng.json")
    with open(path, "w") as f:
        json.dump(data, f, indent=0, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
