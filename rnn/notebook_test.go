package rnn_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/rnn"
)

// notebookLogs is testdata/notebook_logs.json, written by
// gen_notebook_logs.py: the notebook's training cell run by PyTorch 1.13.
type notebookLogs struct {
	TorchVersion string `json:"torch_version"`
	Sentence     string `json:"sentence"`
	Runs         []struct {
		Seed                  uint64
		Cell                  string
		Embed, Hidden, Layers int
		Printed               string    // the cell's stdout
		Losses                []float64 // loss.item() of every step: float32 values
	} `json:"runs"`
}

// lossRelTol bounds |loss − PyTorch's| / PyTorch's at every step. Both runs
// start from the same float32 weights (InitTorch is bit-exact), but PyTorch
// then computes in float32 and we in float64, so the losses part by float32
// rounding that Adam's normalised updates carry along. Measured when this
// test was written, the worst over all runs below is 1.6e-6; the tolerance
// leaves a factor of 6. The printed four decimals are compared exactly.
const lossRelTol = 1e-5

// partsAfter lists the runs that leave PyTorch's path at a kink, and the
// last step they are compared at. With torch.manual_seed(70), nn.RNN
// (nonlinearity='relu'), E=5, H=20, the pre-activation of hidden unit 10 at
// the last time step of step 97's forward pass is +2.4e-7 (2⁻²²) in
// PyTorch's float32 and −1.3e-7 in our float64: within rounding of 0, on
// either side of the ReLU. The gradients of step 97 differ, the loss of
// step 98 is off by 2e-5, and from then on the runs drift apart (PyTorch
// prints [121/151] 0.6999, we 0.6998). No arithmetic short of PyTorch's own
// float32 summation order decides the side of a value that close to 0 as
// PyTorch does, so such runs are compared up to the kink only. (Found by
// recomputing every pre-activation of the run in PyTorch and here.)
var partsAfter = map[string]int{
	"seed=70/RNN_RELU/E=5,H=20,L=1": 97,
}

// TestNotebookLog runs the notebook's training cell — Net, CrossEntropyLoss,
// Adam with its defaults, 151 steps, a log entry every 30 — with
// rnn.NewTrainer for every cell and several seeds and sizes, and demands
// the same printed log as PyTorch, line for line: for the notebook's own
// configuration (seed 70, nn.RNN, E=5, H=20) that is the notebook's
// recorded output, [01/151] 2.3034 … [151/151] 0.3932, which Debian's
// PyTorch 1.13 reproduces (gen_notebook_logs.py checks it).
func TestNotebookLog(t *testing.T) {
	raw, err := os.ReadFile("testdata/notebook_logs.json")
	if err != nil {
		t.Fatal(err)
	}
	var fx notebookLogs
	if err := json.Unmarshal(raw, &fx); err != nil {
		t.Fatal(err)
	}
	if len(fx.Runs) == 0 {
		t.Fatal("no runs in notebook_logs.json")
	}
	worst := 0.0
	for _, run := range fx.Runs {
		name := fmt.Sprintf("seed=%d/%s/E=%d,H=%d,L=%d", run.Seed, run.Cell, run.Embed, run.Hidden, run.Layers)
		t.Run(name, func(t *testing.T) {
			cell, err := rnn.ParseCell(run.Cell)
			if err != nil {
				t.Fatal(err)
			}
			cfg := rnn.DefaultConfig()
			cfg.Cell, cfg.Seed = cell, run.Seed
			cfg.Embed, cfg.Hidden, cfg.Layers = run.Embed, run.Hidden, run.Layers
			cfg.Steps = len(run.Losses)
			tr, err := rnn.NewTrainer(fx.Sentence, cfg)
			if err != nil {
				t.Fatal(err)
			}
			last := cfg.Steps
			if k, ok := partsAfter[name]; ok {
				last = k
			}
			var printed []string
			entries := 0 // log entries up to the last compared step
			for step := 1; step <= last; step++ {
				loss, err := tr.Step()
				if err != nil {
					t.Fatalf("step %d: %v", step, err)
				}
				want := run.Losses[step-1]
				rel := math.Abs(loss-want) / want
				worst = max(worst, rel)
				if !(rel <= lossRelTol) {
					t.Errorf("step %d: loss %.17g, PyTorch %.17g (relative difference %.2g)", step, loss, want, rel)
				}
				if rnn.ShouldLog(step, cfg.Steps, 30) {
					printed = append(printed, tr.LogLines(loss)...)
					entries++
				}
			}
			want := printedLines(run.Printed)
			if last < cfg.Steps && len(printed) <= len(want) {
				want = want[:len(printed)] // the entries up to the kink
			}
			if entries == 0 || strings.Join(printed, "\n") != strings.Join(want, "\n") {
				t.Errorf("printed\n%s\nPyTorch printed\n%s", strings.Join(printed, "\n"), strings.Join(want, "\n"))
			}
		})
	}
	t.Logf("worst relative loss difference from PyTorch: %.2g", worst)
}

// printedLines are the notebook's printed lines without its formatting
// extras: the trailing space of "[01/151] 2.3034 " and the empty line
// after every entry.
func printedLines(out string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if l = strings.TrimRight(l, " "); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}
