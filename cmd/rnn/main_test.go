package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
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
	} {
		if _, err := runCLI(t, args...); err == nil {
			t.Errorf("rnn %q: no error", args)
		}
	}
}
