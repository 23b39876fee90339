package main

import (
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// config is one benchmark configuration (the notebook's 151 steps, the
// classroom run, the large model), trained with Adam(lr=1e-3) and
// cross-entropy by every framework on the same batches.
type config struct {
	Name          string
	Corpus        bool // the classroom paragraph by characters, else the notebook's sentence
	Embed, Hidden int
	Layers        int
	Window, Batch int // corpus mode: T and B

	timing timing
}

// timing says how long to measure one cell of a configuration; the large
// configuration gets fewer repeats to keep a whole run near ten minutes.
type timing struct {
	Mode       string  `json:"mode"`       // "notebook": fresh models, `Steps` steps each; "throughput": one model
	Steps      int     `json:"steps"`      // notebook: steps per model
	Repeats    int     `json:"repeats"`    // at most this many samples
	MinRepeats int     `json:"minRepeats"` // at least this many, budget or not
	RepeatMs   float64 `json:"repeatMs"`   // throughput: a sample lasts about this long
	BudgetMs   float64 `json:"budgetMs"`   // throughput: stop sampling after this
	SlowMs     float64 `json:"slowMs"`     // throughput: a warm-up step slower than this is the only sample
}

var configs = []config{
	{Name: "notebook", Embed: 5, Hidden: 20, Layers: 1,
		timing: timing{Mode: "notebook", Steps: 151, Repeats: 7, MinRepeats: 7}},
	{Name: "classroom", Corpus: true, Embed: 32, Hidden: 128, Layers: 1, Window: 64, Batch: 16,
		timing: timing{Mode: "throughput", Repeats: 5, MinRepeats: 3, RepeatMs: 1000, BudgetMs: 6000, SlowMs: 10000}},
	{Name: "large", Corpus: true, Embed: 32, Hidden: 256, Layers: 2, Window: 64, Batch: 32,
		timing: timing{Mode: "throughput", Repeats: 3, MinRepeats: 2, RepeatMs: 1000, BudgetMs: 6000, SlowMs: 12000}},
}

var cells = []rnn.CellKind{rnn.RNNTanh, rnn.LSTM, rnn.GRU}

const (
	notebookSentence = "We are going to watch Avengers End Game"
	classroomFile    = "rnn/testdata/classroom.txt" // relative to the repository root
	learningRate     = 1e-3
)

// spec is what a benchmark page gets for one configuration and cell: the
// model's sizes, the batches our trainer cuts from the text (so every
// framework trains on the same ids), and for our own page the settings
// query the playground's worker reads.
type spec struct {
	Config  string  `json:"config"`
	Cell    string  `json:"cell"` // RNN, LSTM or GRU
	V       int     `json:"V"`
	E       int     `json:"E"`
	H       int     `json:"H"`
	L       int     `json:"L"`
	T       int     `json:"T"`
	B       int     `json:"B"`
	LR      float64 `json:"lr"`
	Batches []batch `json:"batches"`
	Query   string  `json:"query"` // settings as in the playground's URL, without steps
	timing
}

type batch struct {
	Inputs  []int `json:"inputs"`  // (B, T)
	Targets []int `json:"targets"` // (B, T)
}

// Tokens is how many tokens one step trains on.
func (s spec) Tokens() int { return s.T * s.B }

// rnnConfig is the core's configuration of c for cell.
func (c config) rnnConfig(cell rnn.CellKind) rnn.Config {
	cfg := rnn.DefaultConfig()
	cfg.Cell = cell
	cfg.Embed, cfg.Hidden, cfg.Layers = c.Embed, c.Hidden, c.Layers
	cfg.LR = learningRate
	if c.Corpus {
		cfg.Tokenizer = rnn.CharTokens
		cfg.Window, cfg.Batch = c.Window, c.Batch
	}
	return cfg
}

// text is the training text of c, read from the repository.
func (c config) text(root string) (string, error) {
	if !c.Corpus {
		return notebookSentence, nil
	}
	b, err := os.ReadFile(root + "/" + classroomFile)
	if err != nil {
		return "", fmt.Errorf("the classroom text: %w (run from the repository root or pass -root)", err)
	}
	return string(b), nil
}

// newSpec builds the spec of c for cell from the same dataset our trainer
// builds. The anchors have no padding mask, so a batch with padding is refused.
func newSpec(c config, cell rnn.CellKind, text string) (spec, error) {
	cfg := c.rnnConfig(cell)
	data, err := rnn.NewDataset(text, cfg)
	if err != nil {
		return spec{}, fmt.Errorf("%s: %w", c.Name, err)
	}
	s := spec{
		Config: c.Name, Cell: cell.String(),
		V: data.Vocab.Size(), E: c.Embed, H: c.Hidden, L: c.Layers, LR: cfg.LR,
		Query:  settingsQuery(text, cfg),
		timing: c.timing,
	}
	for _, b := range data.Batches {
		for _, t := range b.Targets {
			if t == rnn.Ignore {
				return spec{}, fmt.Errorf("%s: a batch has padding, which the anchors cannot mask", c.Name)
			}
		}
		s.T, s.B = b.T, b.B
		s.Batches = append(s.Batches, batch{Inputs: b.Inputs, Targets: b.Targets})
	}
	return s, nil
}

// settingsQuery encodes cfg as the playground's URL does
// (app/protocol/settings.go), leaving out steps, which the benchmark page
// sets per run. The run plays at full speed: the page's normal pace spreads
// a short run over a few seconds so that a student can watch it, which is
// not what is timed here.
func settingsQuery(text string, cfg rnn.Config) string {
	kv := [][2]string{
		{"text", text},
		{"tok", cfg.Tokenizer.String()},
		{"cell", strings.ToLower(cfg.Cell.String())},
		{"layers", strconv.Itoa(cfg.Layers)},
		{"embed", strconv.Itoa(cfg.Embed)},
		{"hidden", strconv.Itoa(cfg.Hidden)},
		{"opt", cfg.Optimizer.String()},
		{"lr", strconv.FormatFloat(cfg.LR, 'g', -1, 64)},
		{"clip", "0"},
		{"seed", strconv.FormatUint(cfg.Seed, 10)},
		{"window", strconv.Itoa(cfg.Window)},
		{"batch", strconv.Itoa(cfg.Batch)},
		{"pace", protocol.PaceFull.String()},
	}
	parts := make([]string, len(kv))
	for i, p := range kv {
		parts[i] = p[0] + "=" + url.QueryEscape(p[1])
	}
	return strings.Join(parts, "&")
}

// stepFLOPs counts the multiply-adds of the matrix products of one training
// step, two FLOPs each, as rnn's BenchmarkStep does: every product of the
// forward pass appears three times (forward, and the gradient of each operand).
func stepFLOPs(s spec, gates int) float64 {
	per := s.H * s.V // output layer, per token
	in := s.E
	for range s.L {
		g := gates * s.H
		per += in*g + s.H*g
		in = s.H
	}
	return 6 * float64(s.Tokens()) * float64(per)
}
