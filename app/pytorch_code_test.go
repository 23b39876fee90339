package app

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// The generated program, run by PyTorch, prints the log the playground
// prints for the same settings. Needs /usr/bin/python3 with torch; skipped
// without it.
func TestPyTorchCodeReproducesTheRun(t *testing.T) {
	if exec.Command("/usr/bin/python3", "-c", "import torch").Run() != nil {
		t.Skip("PyTorch is not installed for /usr/bin/python3")
	}
	for _, q := range []string{
		"",
		"cell=lstm&tok=char&hidden=8&embed=4&steps=20&text=hello world, hello",
		"cell=gru&text=a b c\na b d e\nb c&steps=30&lr=0.01&layers=2",
		"cell=rnn_relu&opt=sgd&lr=0.5&clip=1&steps=20",
		"tok=char&window=5&batch=2&steps=12&text=abcabcabdabcabe\nxyz&cell=lstm",
		"text=\"quoted\" \\ back\\slash\ttab&steps=10",
		"tok=char&text=ab\r\nab\r\nba&steps=10",
		"schedule=31:lr=0.01,61:clip=0.5,91:lr=0.002",                         // changed while it trained
		"cell=lstm&opt=sgd&lr=0.5&clip=1&steps=20&schedule=5:lr=0.1,9:clip=0", // clipping turned off
	} {
		t.Run(q, func(t *testing.T) {
			s, msgs := protocol.DecodeQuery(q)
			if len(msgs) > 0 {
				t.Fatal(msgs)
			}
			cmd := exec.Command("/usr/bin/python3", "-")
			cmd.Stdin = strings.NewReader("import torch\ntorch.set_num_threads(1)\n" + PyTorchCode(s))
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("python: %v\n%s\n%s", err, out, PyTorchCode(s))
			}
			var got []string
			for _, l := range strings.Split(string(out), "\n") {
				if l = strings.TrimRight(l, " "); l != "" {
					got = append(got, l)
				}
			}
			want := notebookLog(t, s)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("PyTorch prints\n%s\nthe playground\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// notebookLog is the log the trainer prints for s: the notebook's lines,
// every Steps/5 steps and at the last, as the trainer's session logs them.
func notebookLog(t *testing.T, s protocol.Settings) []string {
	t.Helper()
	tr, err := rnn.NewTrainer(s.Text, s.Config)
	if err != nil {
		t.Fatal(err)
	}
	every := max(1, s.Config.Steps/5)
	var log []string
	for !tr.Done() {
		loss, err := tr.Step()
		if err != nil {
			t.Fatal(err)
		}
		if rnn.ShouldLog(tr.StepsDone(), s.Config.Steps, every) {
			log = append(log, tr.LogLines(loss)...)
		}
	}
	return log
}

func TestPyString(t *testing.T) {
	for in, want := range map[string]string{
		"We are":       `"We are"`,
		"a\"b\\c":      `"a\"b\\c"`,
		"line\nnext\t": `"line\nnext\t"`,
		"나는 😀":         `"나는 😀"`,
		"\x00\x7f":     `"\x00\x7f"`,
	} {
		if got := pyString(in); got != want {
			t.Errorf("pyString(%q) = %s, want %s", in, got, want)
		}
	}
	for in, want := range map[float64]string{1e-3: "0.001", 5: "5.0", 1e-7: "1e-07", 0: "0.0"} {
		if got := pyFloat(in); got != want {
			t.Errorf("pyFloat(%g) = %s, want %s", in, got, want)
		}
	}
}
