package rnn

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

// The parity tests compare the core with what PyTorch 1.13 computes for the
// notebook's Net in float64, from fixtures written by testdata/gen_pytorch.py
// (run it with /usr/bin/python3; CI only reads testdata/parity.json.gz).
// There are 32 cases: RNN, RNN_RELU, LSTM and GRU with 1 and 2 layers on four
// texts (the notebook sentence by words and by characters, padded lines of
// words, padded lines of Hangul characters).

// A value matches when |got − want| ≤ parityRelTol·|want| + parityAbsTol.
// The absolute floor is for values near 0, where a relative error means
// nothing (a gradient that is a sum of terms of size ~1 which cancel to
// ~1e-17 carries rounding error of that size). Measured on these fixtures,
// everything also matches with 1e-12 relative and 1e-18 absolute: the
// margin is a thousandfold. Initial weights (TestParityInitTorch) match
// exactly.
const (
	parityRelTol = 1e-9
	parityAbsTol = 1e-15
)

type parityFixture struct {
	Torch string
	Cases []parityCase
}

// parityCase is one model on one text; see gen_pytorch.py for every field.
type parityCase struct {
	Name, Text, Tokenizer, Cell string
	Layers, Embed, Hidden       int
	Seed                        uint64
	Vocab                       []string
	B, T                        int
	Inputs, Targets             []int // (B, T)
	Params                      []parityParam
	Logits                      []float64 // (B·T, V)
	Loss                        float64
	GradNorm                    float64 `json:"grad_norm"`
	Runs                        []parityRun
}

type parityParam struct {
	Name  string
	Shape []int
	W     []float64 // initial value
	Grad  []float64 // gradient of the loss at W
}

// parityRun is three optimiser steps from the initial parameters.
type parityRun struct {
	Optimizer   string
	LR          float64
	Momentum    float64
	WeightDecay float64 `json:"weight_decay"`
	Clip        float64
	Losses      []float64            // loss of each step, before its update
	GradNorms   []float64            `json:"grad_norms"` // total gradient norm of each step, before clipping
	Params      map[string][]float64 // after the last step
}

var loadParity = sync.OnceValues(func() (*parityFixture, error) {
	f, err := os.Open("testdata/parity.json.gz")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	var fx parityFixture
	if err := json.NewDecoder(z).Decode(&fx); err != nil {
		return nil, fmt.Errorf("testdata/parity.json.gz: %v", err)
	}
	for _, c := range fx.Cases {
		if err := c.check(); err != nil {
			return nil, fmt.Errorf("testdata/parity.json.gz: case %s: %v", c.Name, err)
		}
	}
	return &fx, nil
})

// check rejects a fixture whose arrays do not fit its sizes, so that a
// truncated fixture fails instead of testing nothing.
func (c *parityCase) check() error {
	bt, v := c.B*c.T, len(c.Vocab)
	if bt == 0 || len(c.Inputs) != bt || len(c.Targets) != bt || len(c.Logits) != bt*v {
		return fmt.Errorf("B=%d T=%d V=%d but %d inputs, %d targets, %d logits", c.B, c.T, v, len(c.Inputs), len(c.Targets), len(c.Logits))
	}
	if len(c.Params) < 7 {
		return fmt.Errorf("%d parameters", len(c.Params))
	}
	for _, p := range c.Params {
		if n := len(p.W); n == 0 || len(p.Grad) != n {
			return fmt.Errorf("%s: %d values, %d gradients", p.Name, n, len(p.Grad))
		}
	}
	if len(c.Runs) < 2 {
		return fmt.Errorf("%d optimiser runs", len(c.Runs))
	}
	for _, r := range c.Runs {
		if len(r.Losses) == 0 || len(r.GradNorms) != len(r.Losses) || len(r.Params) != len(c.Params) {
			return fmt.Errorf("%s run: %d losses, %d norms, %d parameters", r.Optimizer, len(r.Losses), len(r.GradNorms), len(r.Params))
		}
	}
	return nil
}

func parityCases(t *testing.T) []parityCase {
	t.Helper()
	fx, err := loadParity()
	if err != nil {
		t.Fatal(err)
	}
	return fx.Cases
}

// config is the case's model and text options.
func (c *parityCase) config(t *testing.T) Config {
	t.Helper()
	cfg := DefaultConfig()
	var err1, err2 error
	cfg.Cell, err1 = ParseCell(c.Cell)
	cfg.Tokenizer, err2 = ParseTokenizer(c.Tokenizer)
	if err1 != nil || err2 != nil {
		t.Fatalf("%v %v", err1, err2)
	}
	cfg.Layers, cfg.Embed, cfg.Hidden, cfg.Seed = c.Layers, c.Embed, c.Hidden, c.Seed
	return cfg
}

// model builds the case's model with PyTorch's initial parameters, after
// checking that it has exactly PyTorch's parameters, in state_dict order.
func (c *parityCase) model(t *testing.T) *Model {
	t.Helper()
	cfg := c.config(t)
	m := NewModel(cfg.Cell, len(c.Vocab), c.Embed, c.Hidden, c.Layers)
	var names, want []string
	for _, p := range m.Params() {
		names = append(names, p.Name)
	}
	for _, p := range c.Params {
		want = append(want, p.Name)
		got := m.Param(p.Name)
		if got == nil {
			continue
		}
		if !slices.Equal(got.Shape, p.Shape) {
			t.Fatalf("%s: shape %v, PyTorch has %v", p.Name, got.Shape, p.Shape)
		}
		copy(got.W, p.W)
	}
	if !slices.Equal(names, want) {
		t.Fatalf("parameters %q, PyTorch's state_dict has %q", names, want)
	}
	return m
}

// matchPyTorch reports the elements of got that differ from want by more
// than parityRelTol·|want| + parityAbsTol (the first few, and how many).
func matchPyTorch(t *testing.T, what string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d values, want %d", what, len(got), len(want))
		return
	}
	bad := 0
	for i := range want {
		if d := math.Abs(got[i] - want[i]); !(d <= parityRelTol*math.Abs(want[i])+parityAbsTol) {
			if bad < 3 {
				t.Errorf("%s[%d] = %.17g, PyTorch %.17g (differs by %.3g)", what, i, got[i], want[i], d)
			}
			bad++
		}
	}
	if bad > 3 {
		t.Errorf("%s: %d of %d values differ", what, bad, len(want))
	}
}

// The fixtures must match PyTorch on every cell with 1 and 2 layers, word
// and character text, padded batches, Hangul, Adam and SGD with momentum,
// clipping and weight decay. A regenerated fixture that drops one
// fails here.
func TestParityCoverage(t *testing.T) {
	have := map[string]bool{}
	for _, c := range parityCases(t) {
		have[fmt.Sprintf("%s/%d", c.Cell, c.Layers)] = true
		have[c.Tokenizer] = true
		if slices.Contains(c.Targets, Ignore) && c.B > 1 {
			have["padded "+c.Tokenizer] = true
		}
		if strings.ContainsRune(c.Text, '한') {
			have["hangul"] = true
		}
		for _, r := range c.Runs {
			have[r.Optimizer] = true
			if r.Optimizer == "sgd" && r.Momentum > 0 {
				have["sgd momentum"] = true
			}
			if r.Clip > 0 {
				have[r.Optimizer+" clip"] = true
			}
			if r.WeightDecay > 0 {
				have[r.Optimizer+" weight decay"] = true
			}
		}
	}
	for _, want := range []string{
		"RNN/1", "RNN/2", "RNN_RELU/1", "RNN_RELU/2", "LSTM/1", "LSTM/2", "GRU/1", "GRU/2",
		"word", "char", "padded word", "padded char", "hangul",
		"adam", "sgd", "sgd momentum", "sgd clip", "adam clip", "adam weight decay", "sgd weight decay",
	} {
		if !have[want] {
			t.Errorf("no fixture case covers %s", want)
		}
	}
}

// The data is built as the fixture's script builds it: vocabulary in
// order of first appearance after <unk>, inputs ids[:-1] padded with <unk>,
// targets ids[1:] padded with Ignore.
func TestParityData(t *testing.T) {
	for _, c := range parityCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			d, err := NewDataset(c.Text, c.config(t))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(d.Vocab.Tokens(), c.Vocab) {
				t.Errorf("vocabulary %q, want %q", d.Vocab.Tokens(), c.Vocab)
			}
			checkParityBatch(t, d.Batches, &c)
		})
	}
}

func checkParityBatch(t *testing.T, batches []Batch, c *parityCase) {
	t.Helper()
	if len(batches) != 1 {
		t.Fatalf("%d batches, want 1 (sentence mode)", len(batches))
	}
	b := batches[0]
	if b.B != c.B || b.T != c.T || !slices.Equal(b.Inputs, c.Inputs) || !slices.Equal(b.Targets, c.Targets) {
		t.Fatalf("batch (B=%d, T=%d) inputs %v targets %v;\nwant (B=%d, T=%d) inputs %v targets %v",
			b.B, b.T, b.Inputs, b.Targets, c.B, c.T, c.Inputs, c.Targets)
	}
}

// Forward, Loss and Backward give PyTorch's logits, loss and gradients.
func TestParityForwardBackward(t *testing.T) {
	for _, c := range parityCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			m := c.model(t)
			m.ZeroGrad()
			matchPyTorch(t, "logits", m.Forward(c.Inputs, c.T, c.B), c.Logits)
			matchPyTorch(t, "loss", []float64{m.Loss(c.Targets)}, []float64{c.Loss})
			m.Backward()
			for _, p := range c.Params {
				matchPyTorch(t, p.Name+".grad", m.Param(p.Name).G, p.Grad)
			}
			matchPyTorch(t, "gradient norm", []float64{gradNorm(m.Params())}, []float64{c.GradNorm})
		})
	}
}

// Three Trainer steps (Adam, Adam with weight decay, SGD with momentum, with
// and without clipping) from PyTorch's initial weights give PyTorch's losses
// and weights. The model goes in through the public path a loaded
// checkpoint takes: NewTrainerFrom.
func TestParityTraining(t *testing.T) {
	for _, c := range parityCases(t) {
		for _, run := range c.Runs {
			name := fmt.Sprintf("%s/%s/wd=%g/clip=%g", c.Name, run.Optimizer, run.WeightDecay, run.Clip)
			t.Run(name, func(t *testing.T) {
				tr := c.trainer(t, run)
				checkParityBatch(t, tr.Data.Batches, &c)
				for k, want := range run.Losses {
					loss, err := tr.Step()
					if err != nil {
						t.Fatalf("step %d: %v", k+1, err)
					}
					matchPyTorch(t, fmt.Sprintf("step %d loss", k+1), []float64{loss}, []float64{want})
					if k == 0 {
						checkParityPredicted(t, tr, &c)
					}
					// After the step each Param.G holds the gradient the
					// update used: clipped to norm clip·n/(n+1e-6) when
					// the step's norm n exceeds clip, as clip_grad_norm_.
					n := run.GradNorms[k]
					if run.Clip > 0 {
						if n <= run.Clip {
							t.Fatalf("step %d: fixture norm %g does not exceed clip %g: clipping is not tested", k+1, n, run.Clip)
						}
						n *= run.Clip / (n + 1e-6)
					}
					matchPyTorch(t, fmt.Sprintf("step %d gradient norm", k+1), []float64{gradNorm(tr.Params())}, []float64{n})
				}
				for _, p := range tr.Params() {
					matchPyTorch(t, p.Name, p.W, run.Params[p.Name])
				}
			})
		}
	}
}

// checkParityPredicted compares the trainer's decoded predictions, what the
// notebook prints, with the argmax of PyTorch's logits
// (output.softmax(-1).argmax(-1)), padding dropped.
func checkParityPredicted(t *testing.T, tr *Trainer, c *parityCase) {
	t.Helper()
	v := len(c.Vocab)
	want := make([][]string, c.B)
	for r := range want {
		for s := 0; s < c.T && c.Targets[r*c.T+s] != Ignore; s++ {
			row := c.Logits[(r*c.T+s)*v : (r*c.T+s+1)*v]
			want[r] = append(want[r], c.Vocab[argmax(row)])
		}
	}
	if got := tr.Predicted(); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("predicted %q, PyTorch's argmax %q", got, want)
	}
}

func (c *parityCase) trainer(t *testing.T, run parityRun) *Trainer {
	t.Helper()
	cfg := c.config(t)
	var err error
	if cfg.Optimizer, err = ParseOptimizer(run.Optimizer); err != nil {
		t.Fatal(err)
	}
	cfg.LR, cfg.Momentum, cfg.WeightDecay, cfg.Clip = run.LR, run.Momentum, run.WeightDecay, run.Clip
	cfg.Steps = len(run.Losses)
	vocab, err := VocabFromTokens(c.Vocab)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := NewTrainerFrom(&LM{Model: c.model(t), Vocab: vocab, Tokenizer: cfg.Tokenizer}, c.Text, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// InitTorch draws exactly the float32 values torch.manual_seed(seed) and
// the notebook's Net constructor draw.
func TestParityInitTorch(t *testing.T) {
	for _, c := range parityCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			cfg := c.config(t)
			m := NewModel(cfg.Cell, len(c.Vocab), c.Embed, c.Hidden, c.Layers)
			m.InitTorch(c.Seed)
			for _, p := range c.Params {
				got := m.Param(p.Name)
				if got == nil || len(got.W) != len(p.W) {
					t.Fatalf("no parameter %s of shape %v", p.Name, p.Shape)
				}
				for i := range p.W {
					if got.W[i] != p.W[i] {
						t.Errorf("%s[%d] = %.9g, PyTorch %.9g", p.Name, i, got.W[i], p.W[i])
						break
					}
				}
			}
		})
	}
}
