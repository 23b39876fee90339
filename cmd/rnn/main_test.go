package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/rnn"
)

// The notebook's printout with torch.manual_seed(70), as recorded in the
// notebook (cell In[3]).
const notebookLog = `[01/151] 2.3034
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

`

func runCLI(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(args, &out, &errOut)
	return out.String(), err
}

func TestTrainPrintsTheNotebookLog(t *testing.T) {
	out, err := runCLI(t, "train", "-text", "We are going to watch Avengers End Game")
	if err != nil {
		t.Fatal(err)
	}
	if out != notebookLog {
		t.Errorf("rnn train printed\n%s\nwant the notebook's\n%s", out, notebookLog)
	}
}

// Train, save, then eval, predict and continue training from the file.
func TestSaveEvalPredictLoad(t *testing.T) {
	file := filepath.Join(t.TempDir(), "m.safetensors")
	if _, err := runCLI(t, "train", "-cell", "gru", "-lr", "0.01", "-steps", "200", "-save", file); err != nil {
		t.Fatal(err)
	}
	out, err := runCLI(t, "eval", "-load", file, "-json")
	if err != nil {
		t.Fatal(err)
	}
	var ev evalResult
	if err := json.Unmarshal([]byte(out), &ev); err != nil {
		t.Fatal(err)
	}
	if ev.Shape != [2]int{7, 9} || len(ev.Logits) != 7 || len(ev.Logits[0]) != 9 || ev.Loss > 0.1 {
		t.Errorf("eval: shape %v, %d rows, loss %v", ev.Shape, len(ev.Logits), ev.Loss)
	}
	out, err = runCLI(t, "predict", "-load", file, "-prefix", "We are", "-k", "3", "-generate", "6")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "going ") || lines[3] != "We are going to watch Avengers End Game" {
		t.Errorf("predict printed %q", out)
	}
	out, err = runCLI(t, "train", "-load", file, "-steps", "3", "-every", "1", "-json")
	if err != nil {
		t.Fatal(err)
	}
	var first logEntry
	if err := json.Unmarshal([]byte(strings.Split(out, "\n")[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first.Step != 1 || first.Loss > 0.1 {
		t.Errorf("training on from the file starts at loss %v (step %d), want the trained model's", first.Loss, first.Step)
	}
}

func TestBadInvocations(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"fly"},
		{"train", "-cell", "transformer"},
		{"train", "-hidden", "1000000000"},
		{"train", "-text", "   "},
		{"train", "-lr", "1000", "-opt", "sgd", "-cell", "rnn_relu"},
		{"eval"},
		{"predict", "-load", "/nonexistent/file"},
		{"train", "-workers", "0"},
	} {
		if _, err := runCLI(t, args...); err == nil {
			t.Errorf("rnn %q: no error", args)
		}
	}
}

// More workers than the notebook's one sequence: one share, the notebook's log.
func TestTrainWorkersBeyondTheBatch(t *testing.T) {
	out, err := runCLI(t, "train", "-workers", "4")
	if err != nil {
		t.Fatal(err)
	}
	if out != notebookLog {
		t.Errorf("rnn train -workers 4 printed\n%s\nwant the notebook's\n%s", out, notebookLog)
	}
}

// replicaShard is a share as a browser's Web Worker computes it: a Replica
// built from the text and configuration, sent a copy of the weights.
type replicaShard struct {
	r       *rnn.Replica
	step    int
	weights []float64
}

func (s *replicaShard) Start(step int, w []float64) {
	s.step, s.weights = step, append(s.weights[:0], w...)
}

func (s *replicaShard) Wait() (rnn.ShardResult, error) { return s.r.Gradient(s.step, s.weights) }

// rnn train -workers N prints the losses of a trainer whose shares are
// replicas, as the browser's workers are: bit for bit, and within rounding
// of one worker's.
func TestTrainWorkersGivesTheBrowsersNumbers(t *testing.T) {
	const text = "the quick brown fox jumps over the lazy dog.\nWe are going to watch Avengers End Game"
	args := []string{"train", "-text", text, "-tok", "char", "-window", "8", "-batch", "5",
		"-cell", "lstm", "-hidden", "16", "-lr", "0.01", "-steps", "20", "-every", "1", "-json"}
	losses := func(workers string) []float64 {
		out, err := runCLI(t, append(args, "-workers", workers)...)
		if err != nil {
			t.Fatal(err)
		}
		var ls []float64
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var e logEntry
			if err := json.Unmarshal([]byte(line), &e); err != nil {
				t.Fatal(err)
			}
			ls = append(ls, e.Loss)
		}
		return ls
	}
	alone, three := losses("1"), losses("3")
	if fmt.Sprint(alone) == fmt.Sprint(three) {
		t.Error("-workers 3 printed the losses of one worker to the last bit: were the shares used?")
	}

	cfg := rnn.DefaultConfig()
	cfg.Tokenizer, cfg.Window, cfg.Batch, cfg.Cell = rnn.CharTokens, 8, 5, rnn.LSTM
	cfg.Hidden, cfg.LR, cfg.Steps = 16, 0.01, 20
	tr, err := rnn.NewTrainer(text, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var shards []rnn.ShardWorker
	for share := 1; share < 3; share++ {
		r, err := rnn.NewReplica(text, cfg, nil, share, 3)
		if err != nil {
			t.Fatal(err)
		}
		shards = append(shards, &replicaShard{r: r})
	}
	tr.UseShards(shards)
	for s := range cfg.Steps {
		loss, err := tr.Step()
		if err != nil {
			t.Fatal(err)
		}
		if loss != three[s] {
			t.Errorf("step %d: -workers 3 printed loss %.17g, 3 replicas give %.17g", s+1, three[s], loss)
		}
		if d := math.Abs(three[s]-alone[s]) / alone[s]; d > 1e-9 {
			t.Errorf("step %d: -workers 3 loss %.17g, -workers 1 %.17g", s+1, three[s], alone[s])
		}
	}
}
