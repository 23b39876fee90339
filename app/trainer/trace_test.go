package trainer

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// traces returns the trace events among events, decoded from JSON as the
// page receives them.
func traces(t *testing.T, events []protocol.Event) []*protocol.TraceData {
	t.Helper()
	var out []*protocol.TraceData
	for _, e := range asReceived(t, events) {
		if e.Kind == protocol.TraceKind {
			out = append(out, e.Look.Trace)
		}
	}
	return out
}

func TestWatchSendsTracesOfEveryCell(t *testing.T) {
	for _, q := range []string{
		"cell=rnn", "cell=lstm", "cell=gru&layers=2", "cell=rnn_relu&tok=char",
		"tok=char&cell=lstm&text=" + strings.Repeat("abcdefghij", 30) + "&window=150&batch=1",
	} {
		t.Run(q, func(t *testing.T) {
			s := newSession()
			s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: q + "&steps=20"})
			events := s.handle(protocol.Command{Cmd: protocol.Watch, Look: &protocol.LookCommand{Watch: protocol.WatchAll}})
			s.handle(protocol.Command{Cmd: protocol.Play})
			for s.running() {
				s.train(0)
				events = append(events, s.flush()...)
			}
			tds := traces(t, events)
			if len(tds) < 2 {
				t.Fatalf("%d traces, want one on watch and one at the end", len(tds))
			}
			td := tds[len(tds)-1]
			if td.Step != 20 {
				t.Errorf("last trace at step %d, want 20", td.Step)
			}
			n := len(td.Tokens)
			if n == 0 || n > maxTraceSteps || len(td.Probs) != n || len(td.Rest) != n {
				t.Fatalf("T = %d, %d prob rows, %d rest", n, len(td.Probs), len(td.Rest))
			}
			for s, row := range td.Probs {
				sum := float64(td.Rest[s])
				for _, p := range row {
					sum += float64(p)
				}
				if math.Abs(sum-1) > 1e-3 {
					t.Errorf("step %d: probabilities sum to %g", s, sum)
				}
			}
			cfg, _ := protocol.DecodeQuery(q)
			want := map[string]int{"RNN": 0, "RNN_RELU": 0, "LSTM": 4, "GRU": 3}[td.Cell]
			if len(td.Layers) != cfg.Config.Layers {
				t.Fatalf("%d layers, want %d", len(td.Layers), cfg.Config.Layers)
			}
			for k, l := range td.Layers {
				if len(l.Gates) != want || len(l.H) != n || len(l.GradHLast) != n {
					t.Errorf("layer %d: %d gates, %d H rows, %d gradient norms", k, len(l.Gates), len(l.H), len(l.GradHLast))
				}
				if (td.Cell == "LSTM") != (l.C != nil) {
					t.Errorf("layer %d: cell state present = %v for %s", k, l.C != nil, td.Cell)
				}
				if want == 0 && len(l.XW) != n {
					t.Errorf("layer %d: %d Elman terms, want %d", k, len(l.XW), n)
				}
			}
		})
	}
}

// The Elman terms rebuild the hidden state: h_t = tanh(xW + b_ih + hW + b_hh).
func TestElmanTermsRebuildTheHiddenState(t *testing.T) {
	s := newSession()
	s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: "steps=5"})
	s.handle(protocol.Command{Cmd: protocol.StepOnce})
	tds := traces(t, s.handle(protocol.Command{Cmd: protocol.Watch, Look: &protocol.LookCommand{Watch: protocol.WatchAll}}))
	if len(tds) != 1 {
		t.Fatalf("%d traces on watch, want 1", len(tds))
	}
	l := tds[0].Layers[0]
	for ts := range l.H {
		for j := range l.H[ts] {
			h := math.Tanh(float64(l.XW[ts][j] + l.Bih[j] + l.HW[ts][j] + l.Bhh[j]))
			if math.Abs(h-float64(l.H[ts][j])) > 1e-3 {
				t.Fatalf("t=%d unit %d: tanh of the terms = %g, h = %g", ts, j, h, float64(l.H[ts][j]))
			}
		}
	}
}

func TestWatchGradientSendsOnlyNorms(t *testing.T) {
	s := newSession()
	s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: "cell=lstm"})
	tds := traces(t, s.handle(protocol.Command{Cmd: protocol.Watch, Look: &protocol.LookCommand{Watch: protocol.WatchGradient}}))
	if len(tds) != 1 {
		t.Fatalf("%d traces, want 1", len(tds))
	}
	l := tds[0].Layers[0]
	if len(l.GradHLast) != 7 || l.H != nil || l.Gates != nil || tds[0].Probs != nil {
		t.Errorf("gradient-only trace has %d norms, H %v, gates %v, probs %v", len(l.GradHLast), l.H != nil, l.Gates != nil, tds[0].Probs != nil)
	}
	if s.handle(protocol.Command{Cmd: protocol.Watch}) != nil {
		t.Error("unwatching sent a trace")
	}
}

// An exported model imported into a new run answers as the old one did.
func TestExportImportRoundTrip(t *testing.T) {
	s := newSession()
	s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: "cell=gru&steps=40"})
	s.handle(protocol.Command{Cmd: protocol.Play})
	for s.running() {
		s.train(0)
	}
	s.flush()
	before := s.handle(protocol.Command{Cmd: protocol.Ask, Prefix: "We are going"})
	exp := s.handle(protocol.Command{Cmd: protocol.Export})
	if len(exp) != 1 || exp[0].Error != nil || len(exp[0].Look.Model) == 0 {
		t.Fatalf("export: %+v", exp)
	}

	fresh := newSession()
	fresh.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: "cell=rnn&hidden=7"})
	fresh.handle(protocol.Command{Cmd: protocol.Ask, Prefix: "We are going"})
	events := fresh.handle(protocol.Command{Cmd: protocol.Import, Run: 2, Query: "cell=rnn&hidden=7", Look: &protocol.LookCommand{Model: exp[0].Look.Model}})
	if len(events) < 2 || events[0].Kind != protocol.Ready || events[0].Error != nil {
		t.Fatalf("import: %+v", events)
	}
	got, _ := protocol.DecodeQuery(events[0].Look.Query)
	if got.Config.Cell.String() != "GRU" || got.Config.Hidden != 20 {
		t.Errorf("imported settings %q: want the model's cell GRU and hidden 20", events[0].Look.Query)
	}
	after := events[1]
	if after.Kind != protocol.Answer || len(after.Top) != len(before[0].Top) {
		t.Fatalf("answer after import: %+v", after)
	}
	for i := range after.Top {
		if after.Top[i].Token != before[0].Top[i].Token || math.Abs(after.Top[i].P-before[0].Top[i].P) > 1e-5 {
			t.Errorf("guess %d: %+v after import, %+v before", i, after.Top[i], before[0].Top[i])
		}
	}
}

func TestImportRefusesBadFiles(t *testing.T) {
	s := newSession()
	s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: ""})
	for name, data := range map[string][]byte{"empty": nil, "text": []byte("hello, not a model")} {
		events := s.handle(protocol.Command{Cmd: protocol.Import, Run: 2, Look: &protocol.LookCommand{Model: data}})
		if len(events) != 1 || events[0].Error == nil {
			t.Errorf("%s: %+v, want one ready event with an error", name, events)
		}
	}
	if s.run != 1 || s.tr == nil {
		t.Error("a refused file changed the current run")
	}
}

// A model written by PyTorch (rnn/testdata, from gen_checkpoint.py) loads.
func TestImportPyTorchFile(t *testing.T) {
	data, err := os.ReadFile("../rnn/testdata/pytorch_notebook.safetensors")
	if err != nil {
		t.Skip("fixture missing:", err)
	}
	s := newSession()
	events := s.handle(protocol.Command{Cmd: protocol.Import, Run: 1, Look: &protocol.LookCommand{Model: data}})
	if len(events) == 0 || events[0].Error != nil {
		t.Fatalf("import: %+v", events)
	}
	if s.tr == nil || s.tr.Vocab.Size() != 9 {
		t.Errorf("the notebook's model has 9 tokens")
	}
}

func TestNumJSON(t *testing.T) {
	b, _ := json.Marshal([]protocol.Num{0.123456789, 1e-27, protocol.Num(math.NaN()), protocol.Num(math.Inf(1)), 2})
	if string(b) != "[0.12346,1e-27,null,null,2]" {
		t.Errorf("got %s", b)
	}
}

// Large hidden sizes are cut to maxTraceUnits everywhere, the Elman terms
// included, so the step arithmetic lines up unit by unit.
func TestTraceCutsUnits(t *testing.T) {
	s := newSession()
	s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: "hidden=100"})
	tds := traces(t, s.handle(protocol.Command{Cmd: protocol.Watch, Look: &protocol.LookCommand{Watch: protocol.WatchAll}}))
	l := tds[0].Layers[0]
	if l.Hidden != 100 || l.Units != maxTraceUnits || len(l.H[0]) != maxTraceUnits ||
		len(l.XW[0]) != maxTraceUnits || len(l.Bih) != maxTraceUnits {
		t.Errorf("hidden %d, units %d, H %d, XW %d, b_ih %d", l.Hidden, l.Units, len(l.H[0]), len(l.XW[0]), len(l.Bih))
	}
}

func TestWatchRow(t *testing.T) {
	s := newSession()
	s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: "text=a b c\nd e f g\nh i"})
	for row, want := range map[int]string{0: "a b", 1: "d e f", 2: "h", 7: "a b"} {
		tds := traces(t, s.handle(protocol.Command{Cmd: protocol.Watch, Look: &protocol.LookCommand{Watch: protocol.WatchAll, Row: row}}))
		if got := strings.Join(tds[0].Tokens, " "); got != want || tds[0].Rows != 3 {
			t.Errorf("row %d: tokens %q of %d rows, want %q of 3", row, got, tds[0].Rows, want)
		}
	}
}

// A model imported over a text it does not know lists the text's unknown
// tokens, once each in order, and an answer lists the prefix's.
func TestImportListsUnknownTokens(t *testing.T) {
	s := newSession()
	s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: "steps=2"})
	exp := s.handle(protocol.Command{Cmd: protocol.Export})
	query := "steps=2&text=" + url.QueryEscape("We are going to see Iron Man and see Thor")
	events := s.handle(protocol.Command{Cmd: protocol.Import, Run: 2, Query: query, Look: &protocol.LookCommand{Model: exp[0].Look.Model}})
	if events[0].Error != nil {
		t.Fatal(events[0].Error)
	}
	if got, want := events[0].Look.Unknown, []string{"see", "Iron", "Man", "and", "Thor"}; !slices.Equal(got, want) || events[0].Look.UnknownCount != 5 {
		t.Errorf("unknown %q (%d), want %q (5)", got, events[0].Look.UnknownCount, want)
	}
	a := s.handle(protocol.Command{Cmd: protocol.Ask, Prefix: "We see Thor"})
	if len(a) != 1 || !slices.Equal(a[0].Unknown, []string{"see", "Thor"}) {
		t.Errorf("answer %+v, want see and Thor unknown", a)
	}
	a = s.handle(protocol.Command{Cmd: protocol.Ask, Prefix: "We are"})
	if len(a) != 1 || a[0].Unknown != nil {
		t.Errorf("answer %+v, want no unknown token", a)
	}
	many := make([]string, 3*protocol.MaxUnknownShown)
	for i := range many {
		many[i] = fmt.Sprint("w", i%(2*protocol.MaxUnknownShown))
	}
	shown, n := unknownTokens(s.tr.Vocab, many)
	if len(shown) != protocol.MaxUnknownShown || n != 2*protocol.MaxUnknownShown || shown[0] != "w0" {
		t.Errorf("%d shown of %d, first %q", len(shown), n, shown[0])
	}
}

// A model restored at a step of its run goes on from the next one, with
// the batch that step takes; one restored at the last step is done.
func TestImportResumesAtItsStep(t *testing.T) {
	s := newSession()
	s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: "steps=10"})
	for range 4 {
		s.handle(protocol.Command{Cmd: protocol.Play})
		s.train(0)
		s.handle(protocol.Command{Cmd: protocol.Pause})
	}
	s.flush()
	model := s.handle(protocol.Command{Cmd: protocol.Export})[0].Look.Model
	for _, c := range []struct {
		step  int
		state protocol.State
	}{{4, protocol.Paused}, {10, protocol.Done}, {0, protocol.Paused}} {
		events := s.handle(protocol.Command{Cmd: protocol.Import, Run: 2, Query: "steps=10", Look: &protocol.LookCommand{Model: model, Step: c.step}})
		if events[0].State != c.state || s.tr.StepsDone() != c.step {
			t.Fatalf("restored at %d: state %q, step %d", c.step, events[0].State, s.tr.StepsDone())
		}
		if c.state == protocol.Done {
			continue
		}
		e := s.handle(protocol.Command{Cmd: protocol.StepOnce})
		if len(e) == 0 || e[0].Step != c.step+1 || e[0].FirstStep != c.step+1 {
			t.Fatalf("the step after %d: %+v", c.step, e)
		}
	}
}

// The unrolled view's trace keeps the predictions and the first
// UnrolledUnits units of every state and gate, as the whole trace has them.
func TestUnrolledTraceIsCut(t *testing.T) {
	cfg := rnn.DefaultConfig()
	cfg.Cell, cfg.Hidden, cfg.Layers = rnn.LSTM, 40, 2
	tr, err := rnn.NewTrainer("We are going to watch Avengers End Game", cfg)
	if err != nil {
		t.Fatal(err)
	}
	full := traceData(tr, 0, true, true)
	d := forView(full, protocol.WatchUnrolled)
	if d.Probs != nil || d.Logits != nil || len(d.Argmax) != len(d.Tokens) || len(d.Names) == 0 {
		t.Errorf("predictions: %d argmax for %d tokens, probs kept %v", len(d.Argmax), len(d.Tokens), d.Probs != nil)
	}
	for k, l := range d.Layers {
		f := full.Layers[k]
		if l.Units != protocol.UnrolledUnits || l.Hidden != 40 || l.X != nil || len(l.Gates) != 4 {
			t.Fatalf("layer %d: units %d of %d, inputs kept %v, %d gates", k, l.Units, l.Hidden, l.X != nil, len(l.Gates))
		}
		for s := range l.H {
			if !slices.Equal(l.H[s], f.H[s][:protocol.UnrolledUnits]) || !slices.Equal(l.C[s], f.C[s][:protocol.UnrolledUnits]) ||
				!slices.Equal(l.Gates[1].V[s], f.Gates[1].V[s][:protocol.UnrolledUnits]) {
				t.Fatalf("layer %d step %d: the cut values differ from the whole trace's", k, s)
			}
		}
		if !slices.Equal(l.GradHLast, f.GradHLast) {
			t.Errorf("layer %d: the gradient norms changed", k)
		}
	}
}

// States answers with the model's states over the student's text, as the
// unrolled view's trace has them, and explains an empty text.
func TestStatesOverTheStudentsText(t *testing.T) {
	s := newSession()
	s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: "cell=lstm&hidden=30"})
	ev := s.handle(protocol.Command{Cmd: protocol.States, Prefix: "We are going"})
	if len(ev) != 1 || ev[0].Look == nil || !ev[0].Look.Text || ev[0].Look.Trace == nil {
		t.Fatalf("events %+v", ev)
	}
	d := ev[0].Look.Trace
	_, want, err := s.tr.LM.States("We are going")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(d.Tokens, " ") != "We are going" || len(d.Layers) != 1 || d.Layers[0].Units != protocol.UnrolledUnits {
		t.Fatalf("trace %+v", d)
	}
	for s, row := range d.Layers[0].C {
		for u, v := range row {
			if math.Abs(float64(v)-want[0].C[s][u]) > 1e-4*math.Max(1e-3, math.Abs(want[0].C[s][u])) {
				t.Fatalf("c[%d][%d] = %v, the model's %v", s, u, v, want[0].C[s][u])
			}
		}
	}
	if ev := s.handle(protocol.Command{Cmd: protocol.States, Prefix: " "}); ev[0].Error == nil || ev[0].Error.Code != rnn.CodeNoPrefix {
		t.Errorf("an empty text: %+v", ev[0].Error)
	}
}

// The softmax's columns hold every target first: a word run whose window
// has more distinct next words than the old 24 columns dots every row.
func TestSoftmaxKeepsEveryTarget(t *testing.T) {
	var words []string
	for i := range 90 {
		words = append(words, fmt.Sprintf("w%02d", i))
	}
	cfg := rnn.DefaultConfig()
	cfg.Window, cfg.Batch = 60, 1
	tr, err := rnn.NewTrainer(strings.Join(words, " "), cfg)
	if err != nil {
		t.Fatal(err)
	}
	d := traceData(tr, 0, true, false)
	if d.Vocab != tr.Vocab.Size() || len(d.Cols) != maxTraceCols || len(d.Cols) >= d.Vocab {
		t.Fatalf("%d columns of a vocabulary of %d (trace says %d); want %d of more", len(d.Cols), tr.Vocab.Size(), d.Vocab, maxTraceCols)
	}
	for s, id := range d.Target {
		if !slices.Contains(d.Cols, id) {
			t.Errorf("step %d: target %q is not a column", s, d.Targets[s])
		}
	}
	if !slices.IsSorted(d.Cols) {
		t.Errorf("columns %v not in vocabulary order", d.Cols)
	}
}
