package trainer

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// notebookLog is what the notebook prints (seed 70, 151 steps).
var notebookLog = []string{
	"[01/151] 2.3034", "We Avengers watch are going watch watch Avengers",
	"[31/151] 1.9172", "We are Avengers going are Avengers End Game",
	"[61/151] 1.5057", "We are going going watch Avengers End Game",
	"[91/151] 1.0342", "We are going to watch Avengers End Game",
	"[121/151] 0.6438", "We are going to watch Avengers End Game",
	"[151/151] 0.3932", "We are going to watch Avengers End Game",
}

// runSession plays cmds and trains in slices until the run stops,
// returning every event, as worker_wasm.go does.
func runSession(t *testing.T, cmds ...protocol.Command) []protocol.Event {
	t.Helper()
	s := newSession()
	var events []protocol.Event
	for _, c := range cmds {
		events = append(events, s.handle(c)...)
	}
	for i := 0; s.running(); i++ {
		if i > 1_000_000 {
			t.Fatal("the session never stops")
		}
		s.train(time.Millisecond)
		events = append(events, s.flush()...)
	}
	return append(events, s.flush()...)
}

// asReceived is events as the page receives them: through JSON.
func asReceived(t *testing.T, events []protocol.Event) []protocol.Event {
	t.Helper()
	out := make([]protocol.Event, len(events))
	for i, e := range events {
		b, err := json.Marshal(e)
		if err != nil {
			t.Fatalf("%s event: %v", e.Kind, err)
		}
		if err := json.Unmarshal(b, &out[i]); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func TestSessionPrintsTheNotebookLog(t *testing.T) {
	events := runSession(t,
		protocol.Command{Cmd: protocol.Reset, Run: 1, Query: ""},
		protocol.Command{Cmd: protocol.Play},
	)
	v := protocol.NewRunView(1)
	for _, e := range events {
		v.Apply(e)
	}
	var got []string
	for _, e := range v.Log {
		got = append(got, e.Header)
		for _, r := range e.Rows {
			got = append(got, r.Text)
			if text := strings.Join(r.Tokens, " "); text != r.Text {
				t.Errorf("tokens %q do not spell the line %q", text, r.Text)
			}
		}
	}
	if strings.Join(got, "\n") != strings.Join(notebookLog, "\n") {
		t.Errorf("log\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(notebookLog, "\n"))
	}
	if v.State != protocol.Done || v.Step != 151 || len(v.Losses) != 151 {
		t.Errorf("state %q step %d losses %d, want done at 151 with 151 losses", v.State, v.Step, len(v.Losses))
	}
	// The first log row marks every wrong prediction and only those.
	first := v.Log[0].Rows[0]
	wantWrong := []bool{false, true, true, true, true, true, true, true}
	for i, w := range wantWrong {
		if first.Wrong[i] != w {
			t.Errorf("row %q: wrong[%d] = %v, want %v", first.Text, i, first.Wrong[i], w)
		}
	}
}

func TestSessionAnswersTheTrainedModel(t *testing.T) {
	events := runSession(t,
		protocol.Command{Cmd: protocol.Ask, Prefix: "We are"},
		protocol.Command{Cmd: protocol.Reset, Run: 3, Query: "steps=151"},
		protocol.Command{Cmd: protocol.Play},
	)
	var last protocol.Event
	for _, e := range events {
		if e.Kind == protocol.Answer {
			last = e
		}
	}
	if last.Run != 3 || len(last.Top) != askTopK || last.Top[0].Token != "going" {
		t.Fatalf("last answer %+v, want top token going", last)
	}
	for i := 1; i < len(last.Top); i++ {
		if last.Top[i].P > last.Top[i-1].P {
			t.Errorf("answers not sorted: %+v", last.Top)
		}
	}
}

func TestSessionStepAndPause(t *testing.T) {
	s := newSession()
	s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1})
	ev := s.handle(protocol.Command{Cmd: protocol.StepOnce})
	if len(ev) == 0 || ev[0].Step != 1 || len(ev[0].Losses) != 1 || ev[0].State != protocol.Paused {
		t.Fatalf("step gave %+v", ev)
	}
	s.handle(protocol.Command{Cmd: protocol.Play})
	s.train(0)
	s.handle(protocol.Command{Cmd: protocol.Pause})
	before := s.tr.StepsDone()
	if s.running() {
		t.Fatal("still running after pause")
	}
	s.handle(protocol.Command{Cmd: protocol.StepOnce})
	if s.tr.StepsDone() != before+1 {
		t.Errorf("step after pause: %d steps, want %d", s.tr.StepsDone(), before+1)
	}
}

func TestSessionExplainsBadRuns(t *testing.T) {
	huge := protocol.DefaultSettings()
	huge.Text = strings.Repeat("the quick brown fox ", 500)
	huge.Config.Tokenizer, huge.Config.Hidden, huge.Config.Layers = rnn.CharTokens, 2048, 8
	huge.Config.Window, huge.Config.Batch = 1024, 8
	tests := []struct{ query, want string }{
		{"text=Hello", "single token"},
		{huge.Query(), "more than"},
	}
	for _, tt := range tests {
		s := newSession()
		ev := s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: tt.query})
		if len(ev) != 1 || ev[0].Kind != protocol.Ready || !strings.Contains(ev[0].Error.Error(), tt.want) {
			t.Errorf("%s: events %+v, want a ready error containing %q", tt.query, ev, tt.want)
		}
		if s.handle(protocol.Command{Cmd: protocol.Play}); s.running() {
			t.Errorf("%s: plays without a model", tt.query)
		}
		if g := s.handle(protocol.Command{Cmd: protocol.Generate, Prefix: "x", Tokens: 3}); g[0].Error == nil {
			t.Errorf("%s: generates without a model", tt.query)
		}
	}
}

func TestSessionStopsOnDivergence(t *testing.T) {
	events := runSession(t,
		protocol.Command{Cmd: protocol.Reset, Run: 1, Query: "cell=rnn_relu&opt=sgd&lr=100&steps=500"},
		protocol.Command{Cmd: protocol.Ask, Prefix: "We"},
		protocol.Command{Cmd: protocol.Play},
	)
	v := protocol.NewRunView(1)
	for _, e := range events {
		v.Apply(e)
	}
	if v.State != protocol.Diverged || !strings.Contains(v.Error.Error(), "diverged") {
		t.Fatalf("state %q error %q, want diverged", v.State, v.Error)
	}
	if len(v.Answer.Top) == 0 {
		t.Errorf("the last good weights do not predict: %+v", v.Answer)
	}
}

func TestRunViewDropsOtherRuns(t *testing.T) {
	v := protocol.NewRunView(2)
	if v.Apply(protocol.Event{Kind: protocol.Progress, Run: 1, Step: 5, FirstStep: 1, Losses: []float64{1}}) {
		t.Error("accepted an event of an older run")
	}
	v.Apply(protocol.Event{Kind: protocol.Progress, Run: 2, Step: 2, FirstStep: 1, Losses: []float64{3, 2}})
	v.Apply(protocol.Event{Kind: protocol.Progress, Run: 2, Step: 2, FirstStep: 1, Losses: []float64{3, 2}}) // repeated
	v.Apply(protocol.Event{Kind: protocol.Progress, Run: 2, Step: 3, FirstStep: 3, Losses: []float64{1}})
	if len(v.Losses) != 3 || v.Losses[2] != 1 || v.Step != 3 {
		t.Errorf("losses %v step %d, want [3 2 1] at step 3", v.Losses, v.Step)
	}
}

// Asking the model between steps runs it on other inputs; the predictions
// of the last step must still be reported (and not read from the ask).
func TestSessionAskBetweenSteps(t *testing.T) {
	s := newSession()
	s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: "window=4&batch=2&tok=char"})
	s.handle(protocol.Command{Cmd: protocol.Play})
	for _, prefix := range []string{"W", "We a", "We are going"} {
		s.train(time.Millisecond)
		s.handle(protocol.Command{Cmd: protocol.Ask, Prefix: prefix})
		s.handle(protocol.Command{Cmd: protocol.Pause})
		ev := s.flush()
		if len(ev) == 0 || ev[0].Live == nil || len(ev[0].Live.Rows) != 2 || len(ev[0].Live.Rows[0].Tokens) != 5 {
			t.Fatalf("after asking %q: %+v", prefix, ev)
		}
		s.handle(protocol.Command{Cmd: protocol.Play})
	}
}

// A character run's log carries what the model writes at each logged
// step, the same every time; the notebook's sentence run prints only the
// notebook's lines.
func TestLogSamples(t *testing.T) {
	samples := func(query string) []string {
		v := protocol.NewRunView(1)
		for _, e := range runSession(t, protocol.Command{Cmd: protocol.Reset, Run: 1, Query: query}, protocol.Command{Cmd: protocol.Play}) {
			v.Apply(e)
		}
		var out []string
		for _, e := range v.Log {
			out = append(out, e.Sample)
		}
		return out
	}
	q := "tok=char&text=hello world, hello there&steps=60&lr=0.01&pace=full"
	got := samples(q)
	if len(got) != 6 || got[0] == "" || got[5] == got[0] || !strings.HasPrefix(got[5], "h") {
		t.Fatalf("samples %q", got)
	}
	if again := samples(q); strings.Join(again, "|") != strings.Join(got, "|") {
		t.Errorf("samples differ between runs:\n%q\n%q", got, again)
	}
	for _, s := range samples("pace=full") {
		if s != "" {
			t.Errorf("the notebook's run printed a sample %q", s)
		}
	}
	t.Logf("first %q, last %q", got[0], got[5])
}
