#!/usr/bin/python3
"""Writes torch_init.json: the notebook Net's initial state_dict after
torch.manual_seed(seed), for rnn/init_torch_test.go.

Run from the repository root with Debian's python3-torch (PyTorch 1.13):

    /usr/bin/python3 rnn/testdata/gen_torch_init.py

The Net is the notebook's (Embedding → nn.RNN/LSTM/GRU → Linear), built in
float32, the default dtype, exactly as the notebook builds it; only the
recurrent module varies (tanh and relu RNN, LSTM, GRU, 1 and 2 layers).
Every parameter is stored as the SHA-256 of its float32 values
(little-endian) with its first values as bit patterns, so every value is
compared and the file stays small.
"""
import hashlib
import json
import os

import torch
import torch.nn as nn

HEAD = 8

CELLS = {
    "RNN": lambda e, h, l: nn.RNN(e, h, num_layers=l, batch_first=True),
    "RNN_RELU": lambda e, h, l: nn.RNN(e, h, num_layers=l, nonlinearity="relu", batch_first=True),
    "LSTM": lambda e, h, l: nn.LSTM(e, h, num_layers=l, batch_first=True),
    "GRU": lambda e, h, l: nn.GRU(e, h, num_layers=l, batch_first=True),
}

# seed, V, E, H. The notebook's is (70, 9, 5, 20). V·E = 15 < 16 sends the
# embedding through normal_'s scalar path; 9·8 = 72 through the vectorised
# one with a partial last block of 16.
SIZES = [(70, 9, 5, 20), (12345, 9, 8, 16), (1, 3, 5, 20), (0, 30, 3, 7), (2**32 + 70, 9, 5, 20)]


class Net(nn.Module):
    """The notebook's Net.__init__, with the recurrent module chosen by name."""

    def __init__(self, vocab_size, input_size, hidden_size, cell, num_layers, batch_first=True):
        super(Net, self).__init__()
        self.embedding_layer = nn.Embedding(num_embeddings=vocab_size,
                                            embedding_dim=input_size)
        self.rnn_layer = CELLS[cell](input_size, hidden_size, num_layers)
        self.linear = nn.Linear(hidden_size, vocab_size)


def param_record(name, t):
    t = t.detach().contiguous()
    raw = t.view(torch.int32).numpy().astype("<u4").tobytes()
    head = ["%08x" % int.from_bytes(raw[i:i + 4], "little") for i in range(0, min(len(raw), 4 * HEAD), 4)]
    return {"name": name, "shape": list(t.shape), "sha256": hashlib.sha256(raw).hexdigest(), "head": "".join(head)}


def main():
    assert torch.get_default_dtype() == torch.float32
    cases = []
    for seed, v, e, h in SIZES:
        for cell, make in CELLS.items():
            for layers in (1, 2):
                torch.manual_seed(seed)
                net = Net(v, e, h, cell, layers)
                params = [param_record(k, t) for k, t in net.state_dict().items()]
                cases.append({"seed": str(seed), "cell": cell, "layers": layers,
                              "vocab": v, "embed": e, "hidden": h, "params": params})
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch_init.json")
    with open(path, "w") as f:
        json.dump({"torch_version": torch.__version__, "cases": cases}, f, indent=0, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
