#!/usr/bin/python3
"""PyTorch interop fixtures for rnn/checkpoint_test.go.

Run from the repository root with Debian's python3-torch (PyTorch 1.13):

    /usr/bin/python3 rnn/testdata/gen_checkpoint.py
        trains the notebook's Net (RNN, LSTM, 2-layer GRU) a few steps, saves each as
        rnn/testdata/pytorch_<name>.safetensors and the logits it gives for its training
        input as pytorch_<name>_expect.safetensors (tensors "inputs" (B, T) and "logits"
        (B·T, V) in float64, "logits_f32" from the float32 model; metadata "text").

    /usr/bin/python3 rnn/testdata/gen_checkpoint.py check FILE PREFIX [K]
        loads a checkpoint (for instance one written by `go run ./cmd/rnn train -save FILE`)
        into the notebook's Net and prints the top-K next tokens after PREFIX.

It also reruns the notebook's In[3] with the generalised Net (it must end at the notebook's
loss, 0.3932) and saves that model the way docs/pytorch.md says, as pytorch_notebook.safetensors.

The python `safetensors` package is not needed: the format is written and read with
struct, json and torch. The blocks between "# --- doc" and "# --- end" are the snippets
of docs/pytorch.md, verbatim but for their indentation (TestPyTorchDocSnippets checks).
"""
import copy
import os
import shutil
import sys
import tempfile

# --- doc: net
import json
import struct

import torch
import torch.nn as nn


class Net(nn.Module):
    """The notebook's Net, with rnn_layer any of nn.RNN, nn.LSTM, nn.GRU."""

    def __init__(self, vocab_size, input_size, hidden_size, cell="RNN", num_layers=1, batch_first=True):
        super(Net, self).__init__()
        self.embedding_layer = nn.Embedding(num_embeddings=vocab_size, embedding_dim=input_size)
        if cell in ("RNN", "RNN_RELU"):
            self.rnn_layer = nn.RNN(input_size, hidden_size, num_layers, batch_first=batch_first,
                                    nonlinearity="relu" if cell == "RNN_RELU" else "tanh")
        else:  # "LSTM" or "GRU"
            self.rnn_layer = getattr(nn, cell)(input_size, hidden_size, num_layers, batch_first=batch_first)
        self.linear = nn.Linear(hidden_size, vocab_size)

    def forward(self, x):
        output = self.embedding_layer(x)         # (B, T) > (B, T, E)
        output, hidden = self.rnn_layer(output)  # (B, T, E) > (B, T, H)
        output = self.linear(output)             # (B, T, H) > (B, T, V)
        return output.view(-1, output.size(2))   # (B*T, V)
# --- end


# --- doc: save
def save_net(path, net, vocab, tokenizer="word"):
    """Writes net.state_dict() and its vocabulary (the tokens in id order, "<unk>" first)
    as a safetensors file that RNN Playground loads."""
    tensors = {name: t.detach().contiguous() for name, t in net.state_dict().items()}
    header, offset = {}, 0
    for name, t in tensors.items():
        size = t.numel() * t.element_size()
        header[name] = {"dtype": {torch.float32: "F32", torch.float64: "F64"}[t.dtype],
                        "shape": list(t.shape), "data_offsets": [offset, offset + size]}
        offset += size
    mode = net.rnn_layer.mode  # RNN_TANH, RNN_RELU, LSTM or GRU
    header["__metadata__"] = {"vocab": json.dumps(vocab, ensure_ascii=False), "tokenizer": tokenizer,
                              "cell": "RNN" if mode == "RNN_TANH" else mode}
    head = json.dumps(header, ensure_ascii=False).encode("utf-8")
    head += b" " * (-len(head) % 8)  # pad with spaces: the data starts 8-byte aligned
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(head)))  # header length, little-endian uint64
        f.write(head)
        for t in tensors.values():
            f.write(t.numpy().tobytes())  # row-major, little-endian (x86 and ARM)
# --- end


# --- doc: load
def load_net(path):
    """Reads a safetensors checkpoint (RNN Playground's or save_net's) into a new Net.
    Returns (net, vocab, tokenizer)."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    meta = header.pop("__metadata__", {})
    buf = data[8 + n:]
    state = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        dtype = {"F32": torch.float32, "F64": torch.float64}[info["dtype"]]
        state[name] = torch.frombuffer(bytearray(buf[begin:end]), dtype=dtype).reshape(info["shape"])
    V, E = state["embedding_layer.weight"].shape
    G_H, H = state["rnn_layer.weight_hh_l0"].shape
    cell = meta.get("cell", {1: "RNN", 3: "GRU", 4: "LSTM"}[G_H // H])
    layers = sum(name.startswith("rnn_layer.weight_ih_l") for name in state)
    net = Net(V, E, H, cell=cell, num_layers=layers)
    net.load_state_dict(state)  # refuses missing or extra tensors; F64 is copied into the float32 Net
    return net, json.loads(meta["vocab"]), meta.get("tokenizer", "word")
# --- end


def tokenize(line, tokenizer):
    return line.split() if tokenizer == "word" else list(line)


def make_vocab(text, tokenizer):
    """<unk> = 0, then the tokens numbered from 1 in order of first appearance (rnn.NewVocab)."""
    tokens = [t for line in text.split("\n") for t in tokenize(line, tokenizer)]
    return ["<unk>"] + [t for t in dict.fromkeys(tokens) if t != "<unk>"]


def make_batch(text, tokenizer, vocab):
    """The notebook's construct_data for every line of two or more tokens, padded:
    inputs with <unk> (0), targets with -1 (ignored by the loss)."""
    ids = {t: i for i, t in enumerate(vocab)}
    lines = [[ids.get(t, 0) for t in tokenize(line, tokenizer)] for line in text.split("\n")]
    lines = [line for line in lines if len(line) >= 2]
    T = max(len(line) for line in lines) - 1
    x = [line[:-1] + [0] * (T - len(line) + 1) for line in lines]
    t = [line[1:] + [-1] * (T - len(line) + 1) for line in lines]
    return torch.LongTensor(x), torch.LongTensor(t)


def write_tensors(path, tensors, metadata):
    """A safetensors file of float64 tensors, for the expected values."""
    header, offset, blobs = {"__metadata__": metadata}, 0, []
    for name, t in tensors.items():
        blob = t.detach().double().contiguous().numpy().tobytes()
        header[name] = {"dtype": "F64", "shape": list(t.shape), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    head = json.dumps(header, ensure_ascii=False).encode("utf-8")
    head += b" " * (-len(head) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(head)) + head + b"".join(blobs))


FIXTURES = [
    # name, text, tokenizer, cell, layers, E, H, seed, steps, lr, float64
    ("rnn", "We are going to watch Avengers End Game", "word", "RNN", 1, 5, 20, 70, 30, 1e-3, False),
    ("lstm", "the cat sat on the mat\nthe dog sat on the log\na bird sang", "word", "LSTM", 1, 6, 8, 1, 20, 1e-2, False),
    ("gru2", "안녕하세요 RNN 😀\nhello 세계", "char", "GRU", 2, 4, 6, 2, 10, 1e-2, True),
]


def write_fixtures(outdir):
    for name, text, tokenizer, cell, layers, E, H, seed, steps, lr, f64 in FIXTURES:
        torch.manual_seed(seed)
        vocab = make_vocab(text, tokenizer)
        x, t = make_batch(text, tokenizer, vocab)
        net = Net(len(vocab), E, H, cell=cell, num_layers=layers)
        if f64:
            net = net.double()
        optimizer = torch.optim.Adam(net.parameters(), lr=lr)
        loss_function = nn.CrossEntropyLoss(ignore_index=-1)
        for step in range(steps):
            optimizer.zero_grad()
            loss = loss_function(net(x), t.view(-1))
            loss.backward()
            optimizer.step()
        path = f"{outdir}/pytorch_{name}.safetensors"
        save_net(path, net, vocab, tokenizer)
        with torch.no_grad():
            logits = copy.deepcopy(net).double()(x)  # the saved weights, exactly, in float64
            logits_f32 = copy.deepcopy(net).float()(x)
        write_tensors(f"{outdir}/pytorch_{name}_expect.safetensors",
                      {"inputs": x, "logits": logits, "logits_f32": logits_f32}, {"text": text})
        # The saved file reads back to the same Net.
        again, vocab2, tokenizer2 = load_net(path)
        assert vocab2 == vocab and tokenizer2 == tokenizer
        with torch.no_grad():
            assert torch.equal(again(x), logits_f32)
        print(f"{path}: {cell} layers={layers} V={len(vocab)} E={E} H={H} loss after {steps} steps {loss.item():.4f}")


def predict(path, prefix, k=5):
    """Prints the top-k next tokens after prefix under the checkpoint at path."""
    # --- doc: predict
    net, vocab, tokenizer = load_net(path)
    tokens = prefix.split() if tokenizer == "word" else list(prefix)
    x = torch.LongTensor([[vocab.index(t) if t in vocab else 0 for t in tokens]])  # (1, T); unknown → <unk>
    with torch.no_grad():
        probs = net(x)[-1].softmax(-1)  # (V,): the token after the prefix
    top = probs.topk(min(k, len(vocab)))
    for p, i in zip(top.values.tolist(), top.indices.tolist()):
        print(f"{vocab[i]:16} {p:.4f}")
    # --- end


def notebook(outdir, fixture):
    """The notebook's In[3] with the generalised Net, then the doc's lines that save its model."""
    cwd = os.getcwd()
    os.chdir(outdir)
    torch.manual_seed(70)
    sentence = "We are going to watch Avengers End Game".split()
    vocab = {token: i for i, token in enumerate(sentence, 1)}
    vocab['<unk>'] = 0
    x = torch.LongTensor([[vocab[w] for w in sentence[:-1]]])
    t = torch.LongTensor([[vocab[w] for w in sentence[1:]]])
    model = Net(len(vocab), 5, 20, batch_first=True)
    loss_function = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(params=model.parameters())
    for step in range(151):
        optimizer.zero_grad()
        output = model(x)
        loss = loss_function(output, t.view(-1))
        loss.backward()
        optimizer.step()
    # The generalised Net is the notebook's: same initial weights, same run.
    assert f"{loss:.4f}" == "0.3932", loss
    # --- doc: notebook
    tokens = sorted(vocab, key=vocab.get)  # {token: id} → tokens in id order: ["<unk>", "We", "are", ...]
    save_net("notebook.safetensors", model, tokens, "word")
    # --- end
    again, vocab2, _ = load_net("notebook.safetensors")
    with torch.no_grad():
        assert vocab2 == tokens and torch.equal(again(x), model(x))
    print(f"the notebook's run: loss {loss:.4f} at step 151, saved and loaded back")
    predict("notebook.safetensors", "We are going")
    os.chdir(cwd)
    shutil.copyfile(os.path.join(outdir, "notebook.safetensors"), fixture)


if __name__ == "__main__":
    torch.set_num_threads(1)
    if len(sys.argv) >= 4 and sys.argv[1] == "check":
        predict(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 5)
    else:
        write_fixtures("rnn/testdata")
        with tempfile.TemporaryDirectory() as tmp:
            notebook(tmp, "rnn/testdata/pytorch_notebook.safetensors")
