#!/usr/bin/python3
"""Times PyTorch on the configurations of rnn/bench_test.go (BenchmarkStep).

The anchor for the Go core's speed: the notebook's Net (Embedding -> nn.RNN /
nn.LSTM / nn.GRU, batch_first -> Linear), nn.CrossEntropyLoss, optim.Adam
(lr 1e-3), one thread. Each step is the notebook's loop body:
zero_grad, forward, loss, backward, step (plus loss.item(), as the Go
trainer returns the loss of every step).

    /usr/bin/python3 bench/pytorch_bench.py            # a table
    /usr/bin/python3 bench/pytorch_bench.py -json      # one JSON object per line

Run with Debian's python3-torch (PyTorch 1.13): /usr/bin/python3.
"""
import argparse
import json
import os
import statistics
import time

import torch
import torch.nn as nn
import torch.optim as optim

HERE = os.path.dirname(os.path.abspath(__file__))
CLASSROOM = os.path.join(HERE, "..", "rnn", "testdata", "classroom.txt")
NOTEBOOK_SENTENCE = "We are going to watch Avengers End Game"

# name, corpus (classroom text by characters, else the notebook sentence by
# words), E, H, layers, T (window), B: the same table as benchConfigs in
# rnn/bench_test.go.
CONFIGS = [
    ("notebook", False, 5, 20, 1, 0, 0),
    ("classroom", True, 32, 128, 1, 64, 16),
    ("large", True, 32, 256, 2, 64, 32),
]
CELLS = {"RNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU}


class Net(nn.Module):
    """The notebook's Net, with the cell kind and layer count as parameters."""

    def __init__(self, cell, vocab_size, input_size, hidden_size, layers):
        super().__init__()
        self.embedding_layer = nn.Embedding(vocab_size, input_size)
        self.rnn_layer = CELLS[cell](input_size, hidden_size, num_layers=layers, batch_first=True)
        self.linear = nn.Linear(hidden_size, vocab_size)

    def forward(self, x):
        output, _ = self.rnn_layer(self.embedding_layer(x))
        output = self.linear(output)
        return output.view(-1, output.size(2))


def vocabulary(tokens):
    """<unk> = 0, then tokens in order of first appearance (rnn.NewVocab)."""
    ids = {"<unk>": 0}
    for tok in tokens:
        ids.setdefault(tok, len(ids))
    return ids


def batch(corpus, t, b):
    """The first batch rnn.NewDataset builds: (inputs, targets, V, T, B)."""
    if not corpus:  # sentence mode: inputs ids[:-1], targets ids[1:]
        tokens = NOTEBOOK_SENTENCE.split()
        ids = vocabulary(tokens)
        seq = [ids[w] for w in tokens]
        return torch.tensor([seq[:-1]]), torch.tensor([seq[1:]]), len(ids), len(seq) - 1, 1
    with open(CLASSROOM, encoding="utf-8") as f:
        tokens = list(f.read().replace("\r", ""))
    ids = vocabulary(tokens)
    seq = [ids[c] for c in tokens]
    windows = (len(seq) - 1) // t
    starts = [(j % windows) * t for j in range(b)]
    x = torch.tensor([seq[s:s + t] for s in starts])
    y = torch.tensor([seq[s + 1:s + t + 1] for s in starts])
    return x, y, len(ids), t, b


def time_config(name, corpus, e, h, layers, t, b, cell, seconds):
    """Median time of one training step, over about `seconds` of steps (at least 3)."""
    x, y, v, t, b = batch(corpus, t, b)
    torch.manual_seed(70)
    model = Net(cell, v, e, h, layers)
    loss_function = nn.CrossEntropyLoss()
    optimizer = optim.Adam(params=model.parameters(), lr=1e-3)
    target = y.view(-1)

    def step():
        start = time.perf_counter()
        optimizer.zero_grad()
        output = model(x)
        loss = loss_function(output, target)
        loss.backward()
        optimizer.step()
        loss.item()
        return time.perf_counter() - start

    first = min(step(), step())  # warm-up, and the size of the run
    steps = max(3, min(2000, int(seconds / first)))
    for _ in range(steps // 10):
        step()
    times = [step() for _ in range(steps)]
    ms = statistics.median(times) * 1e3
    return {
        "config": name, "cell": cell, "V": v, "E": e, "H": h, "layers": layers, "T": t, "B": b,
        "steps": steps, "ms_per_step": ms, "min_ms": min(times) * 1e3, "max_ms": max(times) * 1e3,
        "tokens_per_s": t * b / (ms / 1e3),
        "torch": torch.__version__, "threads": torch.get_num_threads(),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-json", action="store_true", help="one JSON object per configuration")
    ap.add_argument("-configs", default="notebook,classroom,large", help="comma-separated configuration names")
    ap.add_argument("-cells", default="RNN,LSTM,GRU", help="comma-separated cell kinds")
    ap.add_argument("-seconds", type=float, default=2.0, help="timing budget per configuration")
    args = ap.parse_args()
    torch.set_num_threads(1)
    wanted = args.configs.split(",")
    for name, corpus, e, h, layers, t, b in CONFIGS:
        if name not in wanted:
            continue
        for cell in args.cells.split(","):
            r = time_config(name, corpus, e, h, layers, t, b, cell, args.seconds)
            if args.json:
                print(json.dumps(r), flush=True)
            else:
                print(f"{name:9s} {cell:4s} {r['ms_per_step']:10.3f} ms/step {r['tokens_per_s']:10.0f} tokens/s "
                      f"(median of {r['steps']}, V={r['V']} T={r['T']} B={r['B']})", flush=True)


if __name__ == "__main__":
    main()
