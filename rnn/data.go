package rnn

import (
	"strings"
)

// Ignore marks a target position the loss skips (PyTorch's ignore_index):
// the padding after a shorter line.
const Ignore = -1

// Batch is B sequences of T steps, batch_first as in PyTorch.
type Batch struct {
	T, B    int
	Inputs  []int // (B, T) token ids; padding is Unk
	Targets []int // (B, T) next-token ids; padding is Ignore
}

// Dataset is the text as the trainer sees it: its vocabulary and the batches
// it cycles through.
type Dataset struct {
	Tokenizer Tokenizer
	Vocab     *Vocab
	Lines     [][]int // sentence mode: each line's ids
	Batches   []Batch
}

// Text size limits: beyond them a browser tab would stall building the data.
const (
	MaxTextBytes = 4 << 20
	MaxVocab     = 100_000
)

// ErrNoText is returned for text with no tokens to learn from.
var ErrNoText = NewProblem(CodeNoText)

// NewDataset tokenizes text and builds batches. Sentence mode (cfg.Window = 0)
// is the notebook's construct_data applied to every non-empty line: inputs
// ids[:-1], targets ids[1:], all lines in one batch, padded. Corpus mode cuts
// the whole token stream into windows of cfg.Window inputs and groups
// cfg.Batch windows per batch.
func NewDataset(text string, cfg Config) (*Dataset, error) {
	if len(text) > MaxTextBytes {
		return nil, NewProblem(CodeTextTooLong, len(text), MaxTextBytes>>20)
	}
	var lines [][]string
	var all []string
	for _, line := range strings.Split(text, "\n") {
		toks := Tokenize(strings.TrimRight(line, "\r"), cfg.Tokenizer)
		if cfg.Tokenizer == CharTokens && cfg.Window > 0 && len(all) > 0 {
			all = append(all, "\n") // corpus mode keeps line breaks as characters
		}
		all = append(all, toks...)
		if len(toks) > 0 {
			lines = append(lines, toks)
		}
	}
	if len(all) == 0 || len(lines) == 0 {
		return nil, ErrNoText
	}
	vocab := NewVocab(all)
	if vocab.Size() > MaxVocab {
		return nil, NewProblem(CodeTooManyTokens, vocab.Size()-1, MaxVocab-1)
	}
	d := &Dataset{Tokenizer: cfg.Tokenizer, Vocab: vocab}
	if cfg.Window == 0 {
		return d, d.sentenceBatch(lines)
	}
	return d, d.corpusBatches(vocab.Encode(all), cfg.Window, cfg.Batch)
}

func (d *Dataset) sentenceBatch(lines [][]string) error {
	t := 0
	for _, toks := range lines {
		if len(toks) >= 2 {
			d.Lines = append(d.Lines, d.Vocab.Encode(toks))
			t = max(t, len(toks)-1)
		}
	}
	if t == 0 {
		return NewProblem(CodeSingleTokens)
	}
	b := len(d.Lines)
	batch := Batch{T: t, B: b, Inputs: make([]int, b*t), Targets: make([]int, b*t)}
	for i, ids := range d.Lines {
		for j := 0; j < t; j++ {
			in, tg := Unk, Ignore
			if j+1 < len(ids) {
				in, tg = ids[j], ids[j+1]
			}
			batch.Inputs[i*t+j], batch.Targets[i*t+j] = in, tg
		}
	}
	d.Batches = []Batch{batch}
	return nil
}

func (d *Dataset) corpusBatches(ids []int, t, b int) error {
	windows := (len(ids) - 1) / t
	if windows == 0 {
		return NewProblem(CodeShortForWindow, len(ids), t, t+1)
	}
	nb := (windows + b - 1) / b
	for k := 0; k < nb; k++ {
		batch := Batch{T: t, B: b, Inputs: make([]int, b*t), Targets: make([]int, b*t)}
		for j := 0; j < b; j++ {
			start := ((k*b + j) % windows) * t
			for s := 0; s < t; s++ {
				batch.Inputs[j*t+s] = ids[start+s]
				batch.Targets[j*t+s] = ids[start+s+1]
			}
		}
		d.Batches = append(d.Batches, batch)
	}
	return nil
}

// recode maps the dataset's batches onto another vocabulary.
func (d *Dataset) recode(v *Vocab) *Dataset {
	out := &Dataset{Tokenizer: d.Tokenizer, Vocab: v}
	remap := make([]int, d.Vocab.Size())
	for id, tok := range d.Vocab.Tokens() {
		remap[id] = v.ID(tok)
	}
	for _, b := range d.Batches {
		nb := Batch{T: b.T, B: b.B, Inputs: make([]int, len(b.Inputs)), Targets: make([]int, len(b.Targets))}
		for i, id := range b.Inputs {
			nb.Inputs[i] = remap[id]
		}
		for i, id := range b.Targets {
			if id == Ignore {
				nb.Targets[i] = Ignore
			} else {
				nb.Targets[i] = remap[id]
			}
		}
		out.Batches = append(out.Batches, nb)
	}
	for _, line := range d.Lines {
		nl := make([]int, len(line))
		for j, id := range line {
			nl[j] = remap[id]
		}
		out.Lines = append(out.Lines, nl)
	}
	return out
}
