#!/usr/bin/python3
"""Writes parity.json.gz: what PyTorch computes for the notebook's Net, the
fixtures rnn/parity_test.go checks the Go core against.

Run from the repository root with Debian's python3-torch (PyTorch 1.13):

    /usr/bin/python3 rnn/testdata/gen_pytorch.py

The output is deterministic (fixed seeds, one thread, no timestamps), so a
re-run must leave `git status` clean. CI does not run this script; it reads
the committed parity.json.gz.

For every text below (word, char, padded lines, Hangul characters), every
cell (RNN, RNN_RELU, LSTM, GRU) and 1 and 2 layers, a case holds:

  - the text, tokenizer and the vocabulary, inputs and targets (B, T) built
    as rnn.NewDataset builds them: <unk> = 0, the other tokens numbered from 1
    in order of first appearance over the whole text; each non-empty line is
    one sequence with inputs ids[:-1] and targets ids[1:]; shorter lines are
    padded with input 0 and target -1 (ignored by the loss);
  - the initial parameters: torch.manual_seed(seed) and the Net built in
    float32, as the notebook does, then widened to float64 (so the Go test
    can also check rnn.Model.InitTorch against them);
  - in float64: the logits (B*T, V), the mean cross-entropy loss with
    ignore_index=-1, the gradient of every parameter and its total norm;
  - runs: the parameters after 3 optimiser steps from those initial weights,
    with the loss and gradient norm before each step (the notebook's loop:
    zero_grad, forward, loss, backward, clip_grad_norm_, step).
"""

import gzip
import json
import os

import torch
import torch.nn as nn
import torch.optim as optim

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)
torch.set_default_dtype(torch.float64)

IGNORE = -1  # rnn.Ignore: padding targets

NOTEBOOK = "We are going to watch Avengers End Game"

# Several lines of different lengths: a blank line (skipped), a CRLF line
# ending, words that repeat across lines (ids stay contiguous), and a
# one-word line whose word is in the vocabulary but in no sequence.
LINES = ("We are going to watch Avengers End Game\n"
         "we are going home\r\n"
         "\n"
         "the End is near , watch out\n"
         "Bye")

# Hangul by code point, two lines of different lengths, and an emoji.
HANGUL = "나는 한국 사람\n중국어는 잘해! 🙂"

# Small sizes keep the fixtures small; the notebook's own E=5, H=20 is the
# word-level RNN with one layer.
TEXTS = [
    # name, text, tokenizer, embed, hidden
    ("word", NOTEBOOK, "word", 5, 8),
    ("char", NOTEBOOK, "char", 4, 6),
    ("lines", LINES, "word", 5, 6),
    ("hangul", HANGUL, "char", 4, 6),
]
NOTEBOOK_CASE = ("word", "RNN", 1)  # E=5, H=20 as in the notebook

CELLS = {
    "RNN": lambda e, h, l: nn.RNN(e, h, num_layers=l, batch_first=True),
    "RNN_RELU": lambda e, h, l: nn.RNN(e, h, num_layers=l, nonlinearity="relu", batch_first=True),
    "LSTM": lambda e, h, l: nn.LSTM(e, h, num_layers=l, batch_first=True),
    "GRU": lambda e, h, l: nn.GRU(e, h, num_layers=l, batch_first=True),
}

# clip_grad_norm_ must be active at every step (asserted below): with these
# small models the gradient norm is 0.2-0.76, so the clipped runs use
# max_norm 0.1, and the notebook case (norm 0.76) also has max_norm 0.5.
STEPS = 3
ADAM = {"optimizer": "adam", "lr": 0.01, "momentum": 0.0, "weight_decay": 0.0, "clip": 0.0}
SGD_CLIP = {"optimizer": "sgd", "lr": 0.1, "momentum": 0.9, "weight_decay": 0.0, "clip": 0.1}
ADAM_DECAY = {"optimizer": "adam", "lr": 0.01, "momentum": 0.0, "weight_decay": 0.1, "clip": 0.1}
SGD_DECAY = {"optimizer": "sgd", "lr": 0.1, "momentum": 0.9, "weight_decay": 0.05, "clip": 0.0}
SGD_CLIP_HALF = dict(SGD_CLIP, clip=0.5)
RUNS = {"word": [ADAM, SGD_CLIP], "char": [ADAM, SGD_CLIP],
        "lines": [ADAM, SGD_CLIP, ADAM_DECAY], "hangul": [ADAM, SGD_CLIP, SGD_DECAY],
        NOTEBOOK_CASE: [ADAM, SGD_CLIP, SGD_CLIP_HALF]}


class Net(nn.Module):
    """The notebook's Net, with the recurrent layer as a parameter."""

    def __init__(self, cell, vocab_size, input_size, hidden_size, layers):
        super().__init__()
        self.embedding_layer = nn.Embedding(num_embeddings=vocab_size, embedding_dim=input_size)
        self.rnn_layer = CELLS[cell](input_size, hidden_size, layers)
        self.linear = nn.Linear(hidden_size, vocab_size)

    def forward(self, x):
        output = self.embedding_layer(x)      # (B, T, E)
        output, _ = self.rnn_layer(output)    # (B, T, H)
        output = self.linear(output)          # (B, T, V)
        return output.view(-1, output.size(2))  # (B*T, V)


def tokenize(line, tokenizer):
    """rnn.Tokenize: str.split() words, or Unicode code points."""
    return line.split() if tokenizer == "word" else list(line)


def dataset(text, tokenizer):
    """rnn.NewDataset in sentence mode: vocabulary, inputs and targets (B, T)."""
    lines = [tokenize(line.rstrip("\r"), tokenizer) for line in text.split("\n")]
    vocab = ["<unk>"]
    ids = {"<unk>": 0}
    for toks in lines:
        for tok in toks:
            if tok not in ids:
                ids[tok] = len(vocab)
                vocab.append(tok)
    seqs = [[ids[tok] for tok in toks] for toks in lines if len(toks) >= 2]
    t = max(len(s) - 1 for s in seqs)
    inputs = [s[:-1] + [0] * (t - len(s) + 1) for s in seqs]
    targets = [s[1:] + [IGNORE] * (t - len(s) + 1) for s in seqs]
    return vocab, torch.tensor(inputs), torch.tensor(targets)


def new_net(cell, v, e, h, layers, seed):
    """Net after torch.manual_seed(seed), initialised in float32 like the
    notebook, then widened to float64."""
    torch.manual_seed(seed)
    torch.set_default_dtype(torch.float32)
    try:
        net = Net(cell, v, e, h, layers)
    finally:
        torch.set_default_dtype(torch.float64)
    return net.double()


def flat(t):
    return t.detach().reshape(-1).tolist()


def grad_norm(net):
    """The total norm clip_grad_norm_ computes (before clipping)."""
    return torch.norm(torch.stack([torch.norm(p.grad.detach(), 2.0) for p in net.parameters()]), 2.0).item()


def train(net, x, t, run):
    loss_fn = nn.CrossEntropyLoss(ignore_index=IGNORE)
    if run["optimizer"] == "adam":
        opt = optim.Adam(net.parameters(), lr=run["lr"], weight_decay=run["weight_decay"])
    else:
        opt = optim.SGD(net.parameters(), lr=run["lr"], momentum=run["momentum"],
                        weight_decay=run["weight_decay"])
    losses, norms = [], []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = loss_fn(net(x), t.view(-1))
        loss.backward()
        norms.append(grad_norm(net))
        if run["clip"] > 0:
            nn.utils.clip_grad_norm_(net.parameters(), run["clip"])
            assert norms[-1] > run["clip"], "clipping must be active at every step"
        opt.step()
        losses.append(loss.item())
    return dict(run, losses=losses, grad_norms=norms,
                params={name: flat(p) for name, p in net.named_parameters()})


def case(text_name, text, tokenizer, e, h, cell, layers, seed):
    settings = RUNS.get((text_name, cell, layers), RUNS[text_name])
    vocab, x, t = dataset(text, tokenizer)
    v = len(vocab)
    net = new_net(cell, v, e, h, layers, seed)
    init = {name: p.detach().clone() for name, p in net.named_parameters()}

    logits = net(x)
    loss = nn.CrossEntropyLoss(ignore_index=IGNORE)(logits, t.view(-1))
    loss.backward()
    params = [{"name": name, "shape": list(p.shape), "w": flat(p), "grad": flat(p.grad)}
              for name, p in net.named_parameters()]
    norm = grad_norm(net)

    runs = []
    for run in settings:
        with torch.no_grad():
            for name, p in net.named_parameters():
                p.copy_(init[name])
        runs.append(train(net, x, t, run))

    return {
        "name": f"{text_name}/{cell}/{layers}",
        "text": text, "tokenizer": tokenizer, "cell": cell,
        "layers": layers, "embed": e, "hidden": h, "seed": seed,
        "vocab": vocab, "B": x.shape[0], "T": x.shape[1],
        "inputs": flat(x), "targets": flat(t),
        "params": params, "logits": flat(logits), "loss": loss.item(), "grad_norm": norm,
        "runs": runs,
    }


def main():
    cases = []
    seed = 70  # the notebook's torch.manual_seed(70) for the first case
    for text_name, text, tokenizer, e, h in TEXTS:
        for cell in CELLS:
            for layers in (1, 2):
                hidden = 20 if (text_name, cell, layers) == NOTEBOOK_CASE else h
                cases.append(case(text_name, text, tokenizer, e, hidden, cell, layers, seed))
                seed += 1
    out = {"generator": "rnn/testdata/gen_pytorch.py", "torch": torch.__version__,
           "ignore_index": IGNORE, "cases": cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "parity.json.gz")
    data = json.dumps(out, ensure_ascii=False, separators=(",", ":")).encode()
    # mtime=0 and no file name: the same fixtures give the same bytes.
    with open(path, "wb") as f, gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=9) as z:
        z.write(data)
    print(f"{path}: {len(cases)} cases, {len(data)} bytes of JSON, {os.path.getsize(path)} gzipped")


if __name__ == "__main__":
    main()
