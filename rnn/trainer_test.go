package rnn

import (
	"errors"
	"math"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func nan() float64 { return math.NaN() }
func inf() float64 { return math.Inf(1) }

const notebook = "We are going to watch Avengers End Game"

// The notebook's run, for each cell: the loss falls and the model ends
// predicting the sentence.
func TestTrainsTheNotebookSentence(t *testing.T) {
	for _, cell := range []CellKind{RNNTanh, RNNReLU, LSTM, GRU} {
		cfg := DefaultConfig()
		cfg.Cell = cell
		cfg.Steps = 400
		cfg.LR = 0.01
		tr, err := NewTrainer(notebook, cfg)
		if err != nil {
			t.Fatal(err)
		}
		first, last := 0.0, 0.0
		for !tr.Done() {
			loss, err := tr.Step()
			if err != nil {
				t.Fatal(err)
			}
			if tr.StepsDone() == 1 {
				first = loss
			}
			last = loss
		}
		got := strings.Join(tr.Predicted()[0], " ")
		if got != "are going to watch Avengers End Game" || last > first/10 {
			t.Errorf("%v: loss %.4f → %.4f, predicted %q", cell, first, last, got)
		}
	}
}

// One training step allocates nothing, for every cell and optimiser,
// alone and on 2 or 3 shares (goroutines, see LocalShards).
func TestStepAllocatesNothing(t *testing.T) {
	for _, cell := range []CellKind{RNNTanh, LSTM, GRU} {
		for _, opt := range []OptimizerKind{Adam, SGD} {
			for _, shares := range []int{1, 2, 3} {
				cfg := DefaultConfig()
				cfg.Cell, cfg.Optimizer, cfg.Momentum, cfg.Clip, cfg.Layers = cell, opt, 0.9, 1, 2
				// Products large enough to pack B (see packs), so that
				// concurrent shares contend for the kernels' scratch.
				cfg.Tokenizer, cfg.Window, cfg.Batch, cfg.Hidden = CharTokens, 8, 6, 32
				cfg.Steps = 1000
				tr, err := NewTrainer(strings.Repeat("hello world. ", 10), cfg)
				if err != nil {
					t.Fatal(err)
				}
				tr.UseShards(localShards(t, tr, shares))
				step := func() {
					if _, err := tr.Step(); err != nil {
						t.Fatal(err)
					}
				}
				if n := testing.AllocsPerRun(20, step); n != 0 {
					t.Errorf("%v/%v/%d shares: %v allocations per step", cell, opt, shares, n)
				}
				// AllocsPerRun runs on one P (GOMAXPROCS=1): the shares'
				// goroutines then take turns and never meet in a shared
				// buffer. Count again with them running side by side. The
				// runtime then allocates a few sudogs for receives that
				// block as goroutines move between Ps (measured: up to 7
				// in 100 steps, none per step); a buffer allocated per step
				// or per contended product gives 1 or more per step.
				if n := mallocsPerRun(100, step); n >= 0.1 {
					t.Errorf("%v/%v/%d shares in parallel: %v allocations per step", cell, opt, shares, n)
				}
			}
		}
	}
}

// mallocsPerRun is testing.AllocsPerRun without its GOMAXPROCS=1: the
// average number of heap allocations of f, after 10 calls to warm up.
func mallocsPerRun(runs int, f func()) float64 {
	for range 10 {
		f()
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		f()
	}
	runtime.ReadMemStats(&after)
	return float64(after.Mallocs-before.Mallocs) / float64(runs)
}

// A learning rate that blows the weights up stops at the first bad step,
// says what to try, and leaves finite weights that still predict.
func TestDivergenceKeepsLastFiniteWeights(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Optimizer, cfg.LR, cfg.Steps = SGD, 100, 1000
	cfg.Cell = RNNReLU
	tr, err := NewTrainer(notebook, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var div *DivergedError
	for !tr.Done() {
		if _, err = tr.Step(); err != nil {
			break
		}
	}
	if !errors.As(err, &div) {
		t.Fatalf("lr 100 with ReLU: err = %v, want a DivergedError", err)
	}
	if !strings.Contains(err.Error(), "learning rate") || !strings.Contains(err.Error(), "clipping") {
		t.Errorf("message does not say what to try: %q", err)
	}
	for _, p := range tr.Params() {
		if !finite(p.W) {
			t.Fatalf("%s is not finite after divergence", p.Name)
		}
	}
	if _, err := tr.Predict("We are", 3); err != nil {
		t.Errorf("Predict after divergence: %v", err)
	}
}

// Clipping caps the global gradient norm as clip_grad_norm_ does.
func TestClipGradNorm(t *testing.T) {
	p := &Param{W: make([]float64, 2), G: []float64{3, 4}}
	q := &Param{W: make([]float64, 1), G: []float64{12}}
	ps := []*Param{p, q}
	n := gradNorm(ps)
	if n != 13 {
		t.Fatalf("norm %v, want 13", n)
	}
	clipGradNorm(ps, 1, n)
	if got := gradNorm(ps); math.Abs(got-1) > 1e-6 {
		t.Errorf("after clipping to 1: norm %v", got)
	}
	clipGradNorm(ps, 5, 1) // below the limit: unchanged
	if got := gradNorm(ps); math.Abs(got-1) > 1e-6 {
		t.Errorf("clipping below the limit changed the norm to %v", got)
	}
}

func TestPredictAndGenerate(t *testing.T) {
	cfg := DefaultConfig()
	cfg.LR, cfg.Steps = 0.01, 300
	tr, err := NewTrainer(notebook, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for !tr.Done() {
		tr.Step()
	}
	top, err := tr.Predict("We are", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(top) != 5 || top[0].Token != "going" || top[0].P < top[1].P {
		t.Errorf("Predict(We are) = %+v", top)
	}
	sum := 0.0
	for _, p := range tr.NextProbs([]int{1, 2}) {
		sum += p
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Errorf("probabilities sum to %v", sum)
	}
	got, err := tr.Generate("We", 7, 0, 1)
	if err != nil || strings.Join(got, " ") != "are going to watch Avengers End Game" {
		t.Errorf("greedy generation = %q, %v", got, err)
	}
	a, _ := tr.Generate("We", 20, 1.5, 7)
	b, _ := tr.Generate("We", 20, 1.5, 7)
	if strings.Join(a, " ") != strings.Join(b, " ") {
		t.Error("sampling with the same seed differs")
	}
	if _, err := tr.Predict("   ", 5); err == nil {
		t.Error("empty prefix accepted")
	}
}

func TestTraceShapes(t *testing.T) {
	for _, cell := range []CellKind{RNNTanh, LSTM, GRU} {
		cfg := DefaultConfig()
		cfg.Cell, cfg.Layers = cell, 2
		tr, err := NewTrainer(notebook+"\nWe are going home", cfg)
		if err != nil {
			t.Fatal(err)
		}
		tr.Step()
		before := strings.Join(tr.Predicted()[0], " ")
		tc := tr.Trace(1)
		if len(tc.Tokens) != 3 || tc.Tokens[0] != "We" || tc.Targets[2] != "home" {
			t.Fatalf("%v: trace tokens %q targets %q", cell, tc.Tokens, tc.Targets)
		}
		for _, row := range tc.Probs {
			s := 0.0
			for _, p := range row {
				s += p
			}
			if math.Abs(s-1) > 1e-12 {
				t.Errorf("softmax row sums to %v", s)
			}
		}
		wantGates := map[CellKind]int{RNNTanh: 0, LSTM: 4, GRU: 3}[cell]
		for k, l := range tc.Layers {
			in := map[int]int{0: cfg.Embed, 1: cfg.Hidden}[k]
			if len(l.X) != 3 || len(l.X[0]) != in {
				t.Errorf("%v: layer %d input trace is %d×%d", cell, k, len(l.X), len(l.X[0]))
			}
			if len(l.H) != 3 || len(l.H[0]) != 20 || len(l.Gates) != wantGates || len(l.GradH) != 3 || len(l.GradHLast) != 3 {
				t.Errorf("%v: layer trace shapes wrong", cell)
			}
			if (cell == LSTM) != (l.C != nil) {
				t.Errorf("%v: cell state present = %v", cell, l.C != nil)
			}
			// ∂ℓ_T/∂h_t at the last step is the output gradient alone: nonzero.
			if l.GradHLast[2] == 0 {
				t.Errorf("%v: ‖∂ℓ_T/∂h_T‖ = 0", cell)
			}
		}
		if after := strings.Join(tr.Predicted()[0], " "); after != before {
			t.Errorf("Trace changed the logged prediction: %q → %q", before, after)
		}
	}
}

// The Elman terms add up to the hidden state the layer computed, and each
// step's prediction is the argmax of its logits: the views recompute neither.
func TestTraceCarriesTermsAndPredictions(t *testing.T) {
	for _, cell := range []CellKind{RNNTanh, RNNReLU, LSTM} {
		cfg := DefaultConfig()
		cfg.Cell, cfg.Layers = cell, 2
		tr, err := NewTrainer(notebook, cfg)
		if err != nil {
			t.Fatal(err)
		}
		for range 20 {
			tr.Step()
		}
		tc := tr.Trace(0)
		for s, l := range tc.Logits {
			if tc.Pred[s] != argmax(l) {
				t.Errorf("%v: step %d predicts %d, argmax is %d", cell, s, tc.Pred[s], argmax(l))
			}
		}
		for k, l := range tc.Layers {
			if (cell == LSTM) != (l.Terms == nil) {
				t.Fatalf("%v: layer %d has terms = %v", cell, k, l.Terms != nil)
			}
			if l.Terms == nil {
				continue
			}
			e := l.Terms
			for s := range l.H {
				for j := range l.H[s] {
					a := e.XW[s][j] + e.Bih[j] + e.HW[s][j] + e.Bhh[j]
					h := math.Tanh(a)
					if cell == RNNReLU {
						h = max(a, 0)
					}
					if math.Abs(h-l.H[s][j]) > 1e-12 {
						t.Errorf("%v: layer %d step %d unit %d: terms give %v, the layer %v", cell, k, s, j, h, l.H[s][j])
					}
				}
				if s == 0 && slices.ContainsFunc(e.HW[0], func(v float64) bool { return v != 0 }) {
					t.Errorf("%v: h_{-1}·W_hhᵀ is not zero: %v", cell, e.HW[0])
				}
			}
		}
	}
}

// Asking the model between steps must not disturb what the last step logs:
// prediction reuses the model's buffers with other shapes.
func TestLogSurvivesPredictGenerateTrace(t *testing.T) {
	tr, err := NewTrainer(notebook+"\nWe are home", DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	tr.Step()
	before := tr.LogLines(1)
	tr.Trace(1)
	tr.Generate("We", 5, 0, 1)
	tr.Predict("We", 5) // last: it leaves the model's buffers shaped (1, 1)
	if after := tr.LogLines(1); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Errorf("log changed from %q to %q", before, after)
	}
}

// finite reports whether every value is neither NaN nor ±Inf.
func finite(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// sumSquares is the plain sum of squares where it is exact, and finds a
// NaN, an infinity or an overflow wherever it is: in each of its four sums
// and in the tail past the last group of four.
func TestSumSquares(t *testing.T) {
	for n := range 11 {
		x := make([]float64, n)
		want := 0.0
		for i := range x {
			x[i] = float64(i) - 3.5
			want += x[i] * x[i]
		}
		if got := sumSquares(x); got != want {
			t.Fatalf("n=%d: Σx² = %v, want %v", n, got, want)
		}
		for i := range n {
			for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), -1e155} {
				y := slices.Clone(x)
				y[i] = bad
				if s := sumSquares(y); !math.IsNaN(s) && !math.IsInf(s, 0) {
					t.Errorf("n=%d: %v at %d not found: Σx² = %v", n, bad, i, s)
				}
			}
		}
	}
}

// Step's gradient check (checkGradient) finds a NaN, an infinity or a
// norm whose square overflows, with clipping and without, and lets a large
// finite one through.
func TestGradientCheck(t *testing.T) {
	for _, clip := range []float64{0, 1} {
		cfg := DefaultConfig()
		cfg.Clip = clip
		tr, err := NewTrainer(notebook, cfg)
		if err != nil {
			t.Fatal(err)
		}
		params := tr.Params()
		for _, bad := range []float64{math.NaN(), math.Inf(-1), 1e155} {
			for _, p := range params {
				for i := range p.G {
					p.G[i] = 1e150
				}
			}
			if !tr.checkGradient(params) {
				t.Fatalf("clip %v: a finite gradient reported as not finite", clip)
			}
			last := params[len(params)-1]
			last.G[len(last.G)-1] = bad
			if tr.checkGradient(params) {
				t.Errorf("clip %v: %v in %s not found", clip, bad, last.Name)
			}
		}
	}
}

// States over the text of a batch's row gives that row's trace, and
// leaves what the last step logs alone.
func TestStatesMatchTheTrace(t *testing.T) {
	for _, cell := range []CellKind{RNNTanh, LSTM, GRU} {
		cfg := DefaultConfig()
		cfg.Cell, cfg.Layers = cell, 2
		tr, err := NewTrainer(notebook, cfg)
		if err != nil {
			t.Fatal(err)
		}
		for range 10 {
			tr.Step()
		}
		before := strings.Join(tr.Predicted()[0], " ")
		want := tr.Trace(0)
		toks, layers, err := tr.LM.States("We are going to watch Avengers End")
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(toks, " ") != strings.Join(want.Tokens, " ") {
			t.Fatalf("%v: tokens %q, the trace's %q", cell, toks, want.Tokens)
		}
		for k := range layers {
			if !reflect.DeepEqual(layers[k].H, want.Layers[k].H) || !reflect.DeepEqual(layers[k].C, want.Layers[k].C) ||
				!reflect.DeepEqual(layers[k].Gates, want.Layers[k].Gates) {
				t.Errorf("%v layer %d: the states differ from the trace's", cell, k)
			}
		}
		if after := strings.Join(tr.Predicted()[0], " "); after != before {
			t.Errorf("%v: States changed the logged prediction: %q → %q", cell, before, after)
		}
		if _, _, err := tr.LM.States("  "); err != ErrNoPrefix {
			t.Errorf("an empty text: %v", err)
		}
	}
}
