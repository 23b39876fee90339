package rnn

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// shardData is a text and how it is batched, for the sharding tests.
type shardData struct {
	name          string
	text          string
	tok           Tokenizer
	window, batch int // 0, 0: sentence mode, one padded batch of all lines
}

var shardDatasets = []shardData{
	// Several batches (the replicas must pick batch step % len), B = 5 so
	// that 2 and 3 shares have unequal rows.
	{"corpus", strings.Repeat("the quick brown fox jumps over the lazy dog. ", 6), CharTokens, 6, 5},
	// Five lines of 2 to 9 words, padded to T = 8: shares count 1 to 8
	// targets per row, so a share's mean is not the batch's.
	{"padded lines", "We are going to watch Avengers End Game today\nWe are home\nGo home\n" +
		"the end game is near\nwatch this", WordTokens, 0, 0},
}

// shardTrainer builds a trainer on d; edit adjusts the default config.
func shardTrainer(t testing.TB, d shardData, cell CellKind, layers int) *Trainer {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Cell, cfg.Layers, cfg.Tokenizer = cell, layers, d.tok
	cfg.Window, cfg.Batch = d.window, d.batch
	cfg.Embed, cfg.Hidden, cfg.LR, cfg.Steps = 4, 9, 0.01, 1000
	tr, err := NewTrainer(d.text, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// localShards starts n shares' goroutines for tr and closes them when the test ends.
func localShards(t testing.TB, tr *Trainer, n int) []ShardWorker {
	t.Helper()
	ws, err := LocalShards(tr, n)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { closeShards(ws) })
	return ws
}

func closeShards(ws []ShardWorker) {
	for _, w := range ws {
		w.(io.Closer).Close()
	}
}

// setWeights copies src's weights into dst's.
func setWeights(dst, src *Trainer) {
	for k, p := range dst.Params() {
		copy(p.W, src.Params()[k].W)
	}
}

// relDiff is ‖a − b‖∞ / ‖a‖∞ (0 when both are zero; +Inf when only b is not).
func relDiff(a, b []float64) float64 {
	var d, n float64
	for i := range a {
		d, n = max(d, math.Abs(a[i]-b[i])), max(n, math.Abs(a[i]))
	}
	if d == 0 {
		return 0
	}
	return d / n
}

// compareSteps runs want (alone) and got (sharded) side by side at the same
// weights for steps steps and demands the same loss and gradient within
// 1e-12 relative, and the same predictions and log.
func compareSteps(t *testing.T, want, got *Trainer, steps int) {
	t.Helper()
	const tol = 1e-12
	for s := 0; s < steps; s++ {
		setWeights(got, want)
		lw, err := want.Step()
		if err != nil {
			t.Fatal(err)
		}
		lg, err := got.Step()
		if err != nil {
			t.Fatalf("step %d sharded: %v", s+1, err)
		}
		if d := math.Abs(lg-lw) / lw; !(d <= tol) {
			t.Errorf("step %d: loss %.17g sharded, %.17g alone (relative %.2g)", s+1, lg, lw, d)
		}
		for k, p := range want.Params() {
			if d := relDiff(p.G, got.Params()[k].G); !(d <= tol) {
				t.Errorf("step %d: %s gradient differs by %.2g relative", s+1, p.Name, d)
			}
		}
		if a, b := strings.Join(want.LogLines(lw), "\n"), strings.Join(got.LogLines(lw), "\n"); a != b {
			t.Errorf("step %d: log\n%s\nsharded\n%s", s+1, a, b)
		}
		if a, b := fmt.Sprint(want.Wrong()), fmt.Sprint(got.Wrong()); a != b {
			t.Errorf("step %d: wrong %s, sharded %s", s+1, a, b)
		}
	}
}

// The sum of the shares' gradients is the gradient of the batch's mean
// loss: every cell, 1–2 layers, windows and padded lines, shares of
// unequal rows, and more workers than rows.
func TestShardedGradientMatchesUnsharded(t *testing.T) {
	for _, d := range shardDatasets {
		for _, cell := range []CellKind{RNNTanh, RNNReLU, LSTM, GRU} {
			for _, layers := range []int{1, 2} {
				for _, n := range []int{2, 3, 7} {
					t.Run(fmt.Sprintf("%s/%v/L=%d/n=%d", d.name, cell, layers, n), func(t *testing.T) {
						want := shardTrainer(t, d, cell, layers)
						got := shardTrainer(t, d, cell, layers)
						got.UseShards(localShards(t, got, n))
						B := got.Batch().B
						if got.Shards() != min(n, B) {
							t.Fatalf("Shards() = %d for %d workers and %d rows", got.Shards(), n, B)
						}
						compareSteps(t, want, got, len(want.Data.Batches)+2)
					})
				}
			}
		}
	}
}

// The loss's shares: each share's ∂loss/∂logits rows are the whole
// batch's, bit for bit, and the shares' sums over the whole count give the
// mean.
func TestCrossEntropySharesAddUp(t *testing.T) {
	const v, rows, T = 7, 5, 4
	rng := rand.New(rand.NewPCG(1, 2))
	logits := make([]float64, rows*T*v)
	for i := range logits {
		logits[i] = 4 * rng.NormFloat64()
	}
	targets := make([]int, rows*T)
	pad := [rows]int{0, 2, 1, T, 3} // row 3 is all padding: with 5 shares, one counts nothing
	for i := range targets {
		targets[i] = rng.IntN(v)
		if i%T >= T-pad[i/T] {
			targets[i] = Ignore
		}
	}
	dWhole, predWhole := make([]float64, len(logits)), make([]int, len(targets))
	mean := crossEntropy(dWhole, logits, targets, predWhole, v)
	for _, n := range []int{1, 2, 3, 5} {
		d, pred := make([]float64, len(logits)), make([]int, len(targets))
		var sum float64
		for i := range n {
			lo, hi := shareRows(rows, i, n)
			a, b := lo*T, hi*T
			sum += crossEntropySum(d[a*v:b*v], logits[a*v:b*v], targets[a:b], pred[a:b], v, counted(targets))
		}
		if got := sum / float64(counted(targets)); math.Abs(got-mean) > 1e-15*mean {
			t.Errorf("n=%d: shares give the mean %.17g, the whole batch %.17g", n, got, mean)
		}
		if fmt.Sprint(d) != fmt.Sprint(dWhole) || fmt.Sprint(pred) != fmt.Sprint(predWhole) {
			t.Errorf("n=%d: the shares' ∂loss/∂logits or argmax differ from the whole batch's", n)
		}
	}
}

// jitteryShard delays Start by a random few hundred microseconds, so that
// the shares finish in a different order from step to step.
type jitteryShard struct {
	ShardWorker
	rng *rand.Rand
}

func (j jitteryShard) Start(step int, w []float64) {
	time.Sleep(time.Duration(j.rng.IntN(300)) * time.Microsecond)
	j.ShardWorker.Start(step, w)
}

// messageShard is a ShardWorker as the browser has it: a Replica built
// from the text, configuration and vocabulary alone, sent a copy of the
// weights.
type messageShard struct {
	r       *Replica
	step    int
	weights []float64
}

func (m *messageShard) Start(step int, w []float64) {
	m.step, m.weights = step, append(m.weights[:0], w...)
}

func (m *messageShard) Wait() (ShardResult, error) { return m.r.Gradient(m.step, m.weights) }

// replicaShards builds shares 1..n-1 of tr's run as the browser does, from
// the text; vocab as NewReplica takes it.
func replicaShards(t testing.TB, text string, tr *Trainer, vocab []string, n int) []ShardWorker {
	t.Helper()
	var ws []ShardWorker
	for share := 1; share < n; share++ {
		r, err := NewReplica(text, tr.Config, vocab, share, n)
		if err != nil {
			t.Fatal(err)
		}
		if r.NumWeights() != len(tr.FlatWeights(nil)) {
			t.Fatalf("replica has %d weights, the trainer %d", r.NumWeights(), len(tr.FlatWeights(nil)))
		}
		ws = append(ws, &messageShard{r: r})
	}
	return ws
}

// A run with n shares is reproducible bit for bit, whatever order the
// shares finish in, and the same whether the shares are goroutines or
// replicas built from the text as a browser's workers build them.
func TestShardedRunsAreReproducible(t *testing.T) {
	for _, d := range shardDatasets {
		for _, cell := range []CellKind{LSTM, GRU} {
			t.Run(d.name+"/"+cell.String(), func(t *testing.T) {
				const n, steps = 3, 40
				runs := make([][]float64, 3)
				weights := make([][]float64, 3)
				for k := range runs {
					tr := shardTrainer(t, d, cell, 2)
					tr.Config.Clip = 0.5 // clipping and the optimiser act on the summed gradient
					var ws []ShardWorker
					switch k {
					case 0, 1:
						for i, w := range localShards(t, tr, n) {
							ws = append(ws, jitteryShard{w, rand.New(rand.NewPCG(uint64(k), uint64(i)))})
						}
					case 2:
						ws = replicaShards(t, d.text, tr, nil, n)
					}
					tr.UseShards(ws)
					for range steps {
						loss, err := tr.Step()
						if err != nil {
							t.Fatal(err)
						}
						runs[k] = append(runs[k], loss)
					}
					weights[k] = tr.FlatWeights(nil)
				}
				for k := 1; k < len(runs); k++ {
					if fmt.Sprint(runs[k]) != fmt.Sprint(runs[0]) || fmt.Sprint(weights[k]) != fmt.Sprint(weights[0]) {
						t.Errorf("run %d differs from run 0:\n%v\n%v", k, runs[k], runs[0])
					}
				}
			})
		}
	}
}

// A whole sharded run follows the unsharded one: clipping, Adam and SGD
// with momentum and weight decay see the same gradient up to rounding.
func TestShardedRunFollowsUnsharded(t *testing.T) {
	d := shardDatasets[0]
	for _, opt := range []OptimizerKind{Adam, SGD} {
		t.Run(opt.String(), func(t *testing.T) {
			const clip = 0.1
			var losses [2][]float64
			clipped := 0 // steps whose gradient was clipped
			for k, n := range []int{1, 3} {
				tr := shardTrainer(t, d, LSTM, 1)
				tr.Config.Clip = clip
				if opt == SGD {
					cfg := tr.Config
					cfg.Optimizer, cfg.LR, cfg.Momentum, cfg.WeightDecay = SGD, 0.5, 0.9, 1e-3
					tr = newTrainer(tr.LM, tr.Data, cfg)
				}
				tr.UseShards(localShards(t, tr, n))
				for range 30 {
					loss, err := tr.Step()
					if err != nil {
						t.Fatal(err)
					}
					losses[k] = append(losses[k], loss)
					if math.Abs(gradNorm(tr.Params())-clip) < 1e-5*clip { // clip·total/(total+1e-6)
						clipped++
					}
				}
			}
			if clipped == 0 {
				t.Fatal("no step was clipped: the test does not test clipping")
			}
			for s := range losses[0] {
				if d := math.Abs(losses[1][s]-losses[0][s]) / losses[0][s]; !(d <= 1e-9) {
					t.Errorf("step %d: loss %.17g with 3 shares, %.17g alone", s+1, losses[1][s], losses[0][s])
				}
			}
			if losses[0][29] > 0.9*losses[0][0] {
				t.Errorf("the loss did not fall: %v → %v", losses[0][0], losses[0][29])
			}
		})
	}
}

// After UseShards(nil) a step is the unsharded one again, bit for bit.
func TestUseShardsNilTrainsAlone(t *testing.T) {
	d := shardDatasets[0]
	tr := shardTrainer(t, d, GRU, 1)
	tr.UseShards(localShards(t, tr, 3))
	for range 3 {
		if _, err := tr.Step(); err != nil {
			t.Fatal(err)
		}
	}
	tr.UseShards(nil)
	if tr.Shards() != 1 {
		t.Fatalf("Shards() = %d after UseShards(nil)", tr.Shards())
	}
	alone := shardTrainer(t, d, GRU, 1)
	alone.steps = tr.steps // the same batch
	setWeights(alone, tr)
	a, _ := alone.Step()
	b, _ := tr.Step()
	if a != b {
		t.Errorf("loss %.17g after UseShards(nil), %.17g alone", b, a)
	}
	for k, p := range alone.Params() {
		if fmt.Sprint(p.G) != fmt.Sprint(tr.Params()[k].G) {
			t.Errorf("%s: the gradient differs", p.Name)
		}
	}
}

// A sharded run that diverges stops as an unsharded one does: a
// DivergedError and the last finite weights.
func TestShardedDivergenceKeepsLastFiniteWeights(t *testing.T) {
	tr := shardTrainer(t, shardDatasets[0], RNNReLU, 1)
	cfg := tr.Config
	cfg.Optimizer, cfg.LR = SGD, 100
	tr = newTrainer(tr.LM, tr.Data, cfg)
	tr.UseShards(localShards(t, tr, 3))
	var err error
	for !tr.Done() {
		if _, err = tr.Step(); err != nil {
			break
		}
	}
	var div *DivergedError
	if !errors.As(err, &div) {
		t.Fatalf("lr 100 with ReLU on 3 shares: err = %v, want a DivergedError", err)
	}
	for _, p := range tr.Params() {
		if !finite(p.W) {
			t.Fatalf("%s is not finite after divergence", p.Name)
		}
	}
}

// The teaching views and prediction between sharded steps use the whole
// batch on the trainer's model; the log of the last step survives them.
func TestShardedLogSurvivesTraceAndPredict(t *testing.T) {
	d := shardDatasets[1]
	want, got := shardTrainer(t, d, LSTM, 2), shardTrainer(t, d, LSTM, 2)
	got.UseShards(localShards(t, got, 3))
	compareSteps(t, want, got, 1)
	before := strings.Join(got.LogLines(1), "\n")
	setWeights(got, want) // equal after the update up to rounding; Trace shows every digit
	if a, b := fmt.Sprint(want.Trace(2)), fmt.Sprint(got.Trace(2)); a != b {
		t.Errorf("Trace after a sharded step differs from the unsharded one")
	}
	got.Predict("We are", 3)
	if after := strings.Join(got.LogLines(1), "\n"); after != before {
		t.Errorf("log changed from\n%s\nto\n%s", before, after)
	}
	compareSteps(t, want, got, 2) // and training goes on
}

// faultyShard wraps a working share and spoils its answer while fault is set.
type faultyShard struct {
	ShardWorker
	fault func(ShardResult) (ShardResult, error)
}

var errWorkerLost = errors.New("the worker stopped answering")

func (f *faultyShard) Wait() (ShardResult, error) {
	res, err := f.ShardWorker.Wait()
	if f.fault == nil || err != nil {
		return res, err
	}
	return f.fault(res)
}

// A share that fails or answers in the wrong shape makes Step return an
// error that says which share and why, not a DivergedError, and leaves the
// weights, the step count and the other workers as they were: once the
// fault is gone, the run goes on exactly as one that never had it.
func TestShardFailureLeavesWeights(t *testing.T) {
	faults := []struct {
		name  string
		fault func(ShardResult) (ShardResult, error)
		want  string
	}{
		{"error", func(ShardResult) (ShardResult, error) { return ShardResult{}, errWorkerLost }, "stopped answering"},
		{"short gradient", func(r ShardResult) (ShardResult, error) { r.Grad = r.Grad[1:]; return r, nil }, "gradient has"},
		{"short predictions", func(r ShardResult) (ShardResult, error) { r.Pred = r.Pred[1:]; return r, nil }, "predictions for"},
		{"foreign prediction", func(r ShardResult) (ShardResult, error) {
			r.Pred = append([]int{-3}, r.Pred[1:]...)
			return r, nil
		}, "outside the vocabulary"},
	}
	d := shardDatasets[0]
	for _, f := range faults {
		t.Run(f.name, func(t *testing.T) {
			const n = 4
			ref := shardTrainer(t, d, LSTM, 1)
			ref.UseShards(localShards(t, ref, n))
			tr := shardTrainer(t, d, LSTM, 1)
			ws := localShards(t, tr, n)
			faulty := &faultyShard{ShardWorker: ws[1]}
			tr.UseShards([]ShardWorker{ws[0], faulty, ws[2]})
			for range 2 {
				ref.Step()
				tr.Step()
			}
			before, logged := tr.FlatWeights(nil), strings.Join(tr.LogLines(1), "\n")
			faulty.fault = f.fault
			loss, err := tr.Step()
			var div *DivergedError
			if err == nil || errors.As(err, &div) || !strings.Contains(err.Error(), "share 2 of 4") || !strings.Contains(err.Error(), f.want) {
				t.Fatalf("Step with a faulty share: loss %v, err %v", loss, err)
			}
			if f.name == "error" && !errors.Is(err, errWorkerLost) {
				t.Errorf("the worker's error is not wrapped: %v", err)
			}
			if fmt.Sprint(tr.FlatWeights(nil)) != fmt.Sprint(before) || tr.StepsDone() != 2 {
				t.Fatalf("a failed step changed the weights or the step count (%d)", tr.StepsDone())
			}
			if after := strings.Join(tr.LogLines(1), "\n"); after != logged {
				t.Errorf("a failed step changed the log from\n%s\nto\n%s", logged, after)
			}
			faulty.fault = nil
			for s := 3; s <= 5; s++ {
				want, _ := ref.Step()
				got, err := tr.Step()
				if err != nil || got != want {
					t.Fatalf("step %d after the fault: loss %.17g, %v; without the fault %.17g", s, got, err, want)
				}
			}
		})
	}
}

// BenchmarkStepSharded times a classroom step alone and on 2 shares
// (goroutines): the native speed-up on 2 cores.
func BenchmarkStepSharded(b *testing.B) {
	bc := benchConfigs[1] // classroom
	for _, cell := range benchCells {
		for _, n := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/%v/n=%d", bc.name, cell, n), func(b *testing.B) {
				tr := bc.trainer(b, cell)
				tr.UseShards(localShards(b, tr, n))
				timeSteps(b, tr)
			})
		}
	}
}
