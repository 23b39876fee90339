package app

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// PyTorchCode is the notebook-style Python program that trains the run s
// describes: the same data, vocabulary, model, seed, optimiser and loop,
// printing the same log. Pasted into a notebook it reproduces the
// playground's numbers (docs/pytorch.md has the Net and the checkpoint
// snippets it shares).
func PyTorchCode(s protocol.Settings) string {
	c := s.Config
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }

	w("import torch")
	w("import torch.nn as nn")
	w("import torch.optim as optim")
	w("")
	w("torch.manual_seed(%d)", c.Seed)
	w("")
	w("text = %s", pyString(s.Text))
	tokenize := "line.split()"
	if c.Tokenizer == rnn.CharTokens {
		tokenize = `list(line.rstrip("\r"))`
	}
	if c.Window == 0 {
		w("lines = [%s for line in text.split(\"\\n\")]", tokenize)
		w("lines = [tokens for tokens in lines if tokens]")
		w("")
		w("# the vocabulary: <unk> = 0, then each token in order of first appearance")
		w("vocab = {'<unk>': 0}")
		w("for tokens in lines:")
		w("    for token in tokens:")
		w("        vocab.setdefault(token, len(vocab))")
	} else {
		w("# corpus mode: the whole text is one stream of tokens (line breaks kept with character tokens)")
		if c.Tokenizer == rnn.CharTokens {
			w("stream = list(\"\\n\".join(line.rstrip(\"\\r\") for line in text.split(\"\\n\")))")
		} else {
			w("stream = [token for line in text.split(\"\\n\") for token in line.split()]")
		}
		w("")
		w("vocab = {'<unk>': 0}")
		w("for token in stream:")
		w("    vocab.setdefault(token, len(vocab))")
	}
	w("rev_vocab = {v: k for k, v in vocab.items()}")
	w("decode = lambda y: [rev_vocab.get(x) for x in y]")
	w("")
	if c.Window == 0 {
		w("def construct_data(lines, vocab):")
		w("    \"\"\"(input, target) pairs of every line with two tokens or more, padded to the longest:")
		w("    inputs with <unk> (0), targets with -1, which the loss ignores.\"\"\"")
		w("    idxes = [[vocab[token] for token in tokens] for tokens in lines if len(tokens) >= 2]")
		w("    T = max(len(ids) for ids in idxes) - 1")
		w("    x = [ids[:-1] + [0] * (T - len(ids) + 1) for ids in idxes]")
		w("    t = [ids[1:] + [-1] * (T - len(ids) + 1) for ids in idxes]")
		w("    return torch.LongTensor(x), torch.LongTensor(t)  # (B, T) each")
		w("")
		w("x, t = construct_data(lines, vocab)")
		w("batches = [(x, t)]")
	} else {
		w("def construct_batches(stream, vocab, T=%d, B=%d):", c.Window, c.Batch)
		w("    \"\"\"Windows of T inputs (targets shifted by one), B windows per batch, wrapping around.\"\"\"")
		w("    ids = [vocab[token] for token in stream]")
		w("    windows = (len(ids) - 1) // T")
		w("    batches = []")
		w("    for k in range((windows + B - 1) // B):")
		w("        starts = [((k * B + j) %% windows) * T for j in range(B)]")
		w("        x = torch.LongTensor([ids[s:s + T] for s in starts])")
		w("        t = torch.LongTensor([ids[s + 1:s + T + 1] for s in starts])")
		w("        batches.append((x, t))")
		w("    return batches")
		w("")
		w("batches = construct_batches(stream, vocab)")
	}
	w("")
	w("class Net(nn.Module):")
	w("    def __init__(self, vocab_size, input_size, hidden_size, num_layers=1, batch_first=True):")
	w("        super(Net, self).__init__()")
	w("        self.embedding_layer = nn.Embedding(num_embeddings=vocab_size, embedding_dim=input_size)")
	switch c.Cell {
	case rnn.LSTM:
		w("        self.rnn_layer = nn.LSTM(input_size, hidden_size, num_layers, batch_first=batch_first)")
	case rnn.GRU:
		w("        self.rnn_layer = nn.GRU(input_size, hidden_size, num_layers, batch_first=batch_first)")
	case rnn.RNNReLU:
		w("        self.rnn_layer = nn.RNN(input_size, hidden_size, num_layers, batch_first=batch_first, nonlinearity=\"relu\")")
	default:
		w("        self.rnn_layer = nn.RNN(input_size, hidden_size, num_layers, batch_first=batch_first)")
	}
	w("        self.linear = nn.Linear(hidden_size, vocab_size)")
	w("")
	w("    def forward(self, x):")
	w("        output = self.embedding_layer(x)         # (B, T) > (B, T, E)")
	w("        output, hidden = self.rnn_layer(output)  # (B, T, E) > (B, T, H)")
	w("        output = self.linear(output)             # (B, T, H) > (B, T, V)")
	w("        return output.view(-1, output.size(2))   # (B*T, V)")
	w("")
	w("vocab_size = len(vocab)")
	w("input_size = %d   # E: embedding size (the RNN's input size)", c.Embed)
	w("hidden_size = %d  # H: hidden size", c.Hidden)
	w("model = Net(vocab_size, input_size, hidden_size, num_layers=%d, batch_first=True)", c.Layers)
	w("")
	w("loss_function = nn.CrossEntropyLoss(ignore_index=-1)")
	if c.Optimizer == rnn.SGD {
		w("optimizer = optim.SGD(params=model.parameters(), lr=%s, momentum=%s, weight_decay=%s)",
			pyFloat(c.LR), pyFloat(c.Momentum), pyFloat(c.WeightDecay))
	} else {
		w("optimizer = optim.Adam(params=model.parameters(), lr=%s, weight_decay=%s)", pyFloat(c.LR), pyFloat(c.WeightDecay))
	}
	clips := c.Clip > 0
	for _, ch := range c.Schedule {
		clips = clips || ch.What == "clip"
	}
	if clips && len(c.Schedule) > 0 {
		w("clip = %s  # clip_grad_norm_'s max_norm; 0 = off", pyFloat(c.Clip))
	}
	w("")
	every := max(1, c.Steps/5)
	w("for step in range(%d):", c.Steps)
	// The changes made while the run trained, from their step on.
	for _, ch := range c.Schedule {
		if ch.Step > c.Steps {
			continue
		}
		w("    if step + 1 == %d:", ch.Step)
		if ch.What == "lr" {
			w("        for group in optimizer.param_groups:")
			w("            group[\"lr\"] = %s", pyFloat(ch.Value))
		} else {
			w("        clip = %s", pyFloat(ch.Value))
		}
	}
	w("    x, t = batches[step %% len(batches)]")
	w("    optimizer.zero_grad()")
	w("    output = model(x)")
	w("    loss = loss_function(output, t.view(-1))")
	w("    loss.backward()")
	switch {
	case clips && len(c.Schedule) > 0:
		w("    if clip > 0:")
		w("        nn.utils.clip_grad_norm_(model.parameters(), clip)")
	case c.Clip > 0:
		w("    nn.utils.clip_grad_norm_(model.parameters(), %s)", pyFloat(c.Clip))
	}
	w("    optimizer.step()")
	w("    if step %% %d == 0 or step == %d:", every, c.Steps-1)
	w("        print(\"[{:02d}/%d] {:.4f} \".format(step+1, loss))", c.Steps)
	w("        pred = output.softmax(-1).argmax(-1).view(x.shape).tolist()")
	sep := `" "`
	if c.Tokenizer == rnn.CharTokens {
		sep = `""`
	}
	w("        for row, ids, targets in zip(x.tolist(), pred, t.tolist()):")
	w("            ids = [i for i, target in zip(ids, targets) if target != -1]  # padding dropped")
	w("            print(%s.join(decode(row[:1] + ids)))", sep)
	w("        print()")
	return b.String()
}

// pyString is a Python string literal of s.
func pyString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// pyFloat writes x as Python reads it back exactly.
func pyFloat(x float64) string {
	s := strconv.FormatFloat(x, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}

// pytorchPanel shows the code, ready to copy.
type pytorchPanel struct {
	app.Compo

	Settings protocol.Settings
}

func (p *pytorchPanel) Render() app.UI {
	code := PyTorchCode(p.Settings)
	return app.Details().ID("pytorch").Class("pytorch").Body(
		app.Summary().Text(T("Show as PyTorch")),
		app.P().Class("hint").Text(T("The same run in PyTorch, in the notebook's style: paste it into a notebook.")),
		app.Button().Type("button").ID("copy-pytorch").Class("btn").Text(T("Copy code")).
			OnClick(func(ctx app.Context, e app.Event) { copyText(code) }, app.EventScope(code)),
		app.Pre().ID("pytorch-code").Class("code").Body(app.Code().Text(code)),
	)
}

// copyText puts s on the clipboard, where the browser allows it.
func copyText(s string) {
	defer func() { recover() }() // no clipboard (insecure origin, old browser): nothing to do
	clip := app.Window().Get("navigator").Get("clipboard")
	if clip.Truthy() {
		clip.Call("writeText", s)
	}
}
