#!/usr/bin/python3
"""Writes notebook_logs.json: the notebook's training run in PyTorch, for
rnn/notebook_test.go.

Run from the repository root with Debian's python3-torch (PyTorch 1.13):

    /usr/bin/python3 rnn/testdata/gen_notebook_logs.py

train() below is the notebook's cell, unchanged except that the recurrent
module, the seed and the sizes are parameters and that the printed lines
and every step's loss are also collected: float32 throughout,
nn.CrossEntropyLoss, optim.Adam with its defaults (lr=1e-3), 151 steps, a
log entry every 30 steps. The script checks that the seed-70 nn.RNN run
prints the log recorded in the notebook, and stops if it does not.
"""
import contextlib
import io
import json
import os

import torch
import torch.nn as nn
import torch.optim as optim

torch.set_num_threads(1)

SENTENCE = "We are going to watch Avengers End Game"

# The notebook's output for torch.manual_seed(70), nn.RNN, E=5, H=20.
NOTEBOOK_LOG = """[01/151] 2.3034 
We Avengers watch are going watch watch Avengers

[31/151] 1.9172 
We are Avengers going are Avengers End Game

[61/151] 1.5057 
We are going going watch Avengers End Game

[91/151] 1.0342 
We are going to watch Avengers End Game

[121/151] 0.6438 
We are going to watch Avengers End Game

[151/151] 0.3932 
We are going to watch Avengers End Game

"""

CELLS = {
    "RNN": lambda e, h, l, bf: nn.RNN(e, h, num_layers=l, batch_first=bf),
    "RNN_RELU": lambda e, h, l, bf: nn.RNN(e, h, num_layers=l, nonlinearity="relu", batch_first=bf),
    "LSTM": lambda e, h, l, bf: nn.LSTM(e, h, num_layers=l, batch_first=bf),
    "GRU": lambda e, h, l, bf: nn.GRU(e, h, num_layers=l, batch_first=bf),
}

# seed, E, H, layers
RUNS = [(70, 5, 20, 1), (12345, 8, 16, 1), (1, 5, 20, 2)]


def train(seed, cell, input_size, hidden_size, num_layers):
    torch.manual_seed(seed)

    sentence = SENTENCE.split()
    vocab = {token: i for i, token in enumerate(sentence, 1)}
    vocab['<unk>'] = 0
    rev_vocab = {v: k for k, v in vocab.items()}
    decode = lambda y: [rev_vocab.get(x) for x in y]

    def construct_data(sentence, vocab):
        numericalize = lambda x: vocab.get(x) if vocab.get(x) is not None else 0
        totensor = lambda x: torch.LongTensor(x)
        idxes = [numericalize(token) for token in sentence]
        x, t = idxes[:-1], idxes[1:]
        return totensor(x).unsqueeze(0), totensor(t).unsqueeze(0)

    class Net(nn.Module):
        def __init__(self, vocab_size, input_size, hidden_size, batch_first=True):
            super(Net, self).__init__()
            self.embedding_layer = nn.Embedding(num_embeddings=vocab_size,
                                                embedding_dim=input_size)
            self.rnn_layer = CELLS[cell](input_size, hidden_size, num_layers, batch_first)
            self.linear = nn.Linear(hidden_size, vocab_size)

        def forward(self, x):
            output = self.embedding_layer(x)
            output, hidden = self.rnn_layer(output)
            output = self.linear(output)
            return output.view(-1, output.size(2))

    x, t = construct_data(sentence, vocab)
    vocab_size = len(vocab)
    model = Net(vocab_size, input_size, hidden_size, batch_first=True)
    loss_function = nn.CrossEntropyLoss()
    optimizer = optim.Adam(params=model.parameters())

    losses = []
    for step in range(151):
        optimizer.zero_grad()
        output = model(x)
        loss = loss_function(output, t.view(-1))
        loss.backward()
        optimizer.step()
        losses.append(loss.item())  # the float32 loss, exactly, as a float64
        if step % 30 == 0:
            print("[{:02d}/151] {:.4f} ".format(step+1, loss))
            pred = output.softmax(-1).argmax(-1).tolist()
            print(" ".join(['We'] + decode(pred)))
            print()
    return losses


def main():
    assert torch.get_default_dtype() == torch.float32
    runs = []
    for seed, e, h, layers in RUNS:
        for cell in CELLS:
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                losses = train(seed, cell, e, h, layers)
            printed = out.getvalue()
            if (seed, e, h, layers, cell) == (70, 5, 20, 1, "RNN") and printed != NOTEBOOK_LOG:
                raise SystemExit("this PyTorch does not print the notebook's log:\n" + printed)
            runs.append({"seed": seed, "cell": cell, "embed": e, "hidden": h, "layers": layers,
                         "printed": printed, "losses": losses})
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "notebook_logs.json")
    with open(path, "w") as f:
        json.dump({"torch_version": torch.__version__, "sentence": SENTENCE, "runs": runs}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
