"""What PyTorch predicts for the checkpoints of rnn/testdata: the top 5 next
tokens after a prefix, for TestImportPyTorchModel to compare with the page.

Run from the repository root with PyTorch: /usr/bin/python3 e2e/testdata/gen_pytorch_guesses.py
"""
import importlib.util
import json

import torch

spec = importlib.util.spec_from_file_location("gen_checkpoint", "rnn/testdata/gen_checkpoint.py")
gc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gc)

CASES = [
    ("pytorch_notebook.safetensors", "We are"),
    ("pytorch_lstm.safetensors", "the cat"),
    ("pytorch_gru2.safetensors", "안녕"),
]

out = []
for name, prefix in CASES:
    net, vocab, tokenizer = gc.load_net("rnn/testdata/" + name)
    tokens = gc.tokenize(prefix, tokenizer)
    x = torch.LongTensor([[vocab.index(t) if t in vocab else 0 for t in tokens]])
    with torch.no_grad():
        probs = net(x)[-1].double().softmax(-1)
    top = probs.topk(min(5, len(vocab)))
    out.append({"file": name, "prefix": prefix,
                "top": [{"token": vocab[i], "p": p} for p, i in zip(top.values.tolist(), top.indices.tolist())]})

with open("e2e/testdata/pytorch_guesses.json", "w") as f:
    json.dump(out, f, ensure_ascii=False, indent=1)
print(json.dumps(out, ensure_ascii=False))
