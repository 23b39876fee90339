package trainer

import (
	"encoding/json"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// The notebook's run keeps every step, and the history's trace at step 31
// is the one a trainer stopped at step 31 gives.
func TestHistoryOfTheNotebookRun(t *testing.T) {
	s := newSession()
	c := &clock{t: time.Unix(1e9, 0)} // frozen: tracing costs nothing
	s.now = c.now
	s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: "pace=full"})
	s.handle(protocol.Command{Cmd: protocol.Watch, Look: &protocol.LookCommand{Watch: protocol.WatchAll}})
	s.handle(protocol.Command{Cmd: protocol.Play})
	for s.running() {
		s.train(sliceBudget)
	}
	if len(s.past.steps) != 152 || s.past.steps[0] != 0 || s.past.steps[151] != 151 {
		t.Fatalf("history keeps %d steps (%v…), want 0 to 151", len(s.past.steps), s.past.steps[:min(5, len(s.past.steps))])
	}
	t.Logf("the notebook's history: %d traces, %.0f KB counted", len(s.past.steps), float64(s.past.bytes)/1024)
	tr, err := rnn.NewTrainer(protocol.NotebookText, rnn.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	for range 31 {
		if _, err := tr.Step(); err != nil {
			t.Fatal(err)
		}
	}
	want, _ := json.Marshal(traceData(tr, 0, true, true))
	ev := s.handle(protocol.Command{Cmd: protocol.History, Count: 31})
	if len(ev) != 1 || ev[0].Look == nil || !ev[0].Look.Past || ev[0].Look.Trace == nil {
		t.Fatalf("history answer %+v", ev)
	}
	if got, _ := json.Marshal(ev[0].Look.Trace); string(got) != string(want) {
		t.Errorf("the history's step 31 differs from a trainer's at step 31:\n%.300s\nwant\n%.300s", got, want)
	}
	s.handle(protocol.Command{Cmd: protocol.Watch, Look: &protocol.LookCommand{Watch: protocol.WatchGradient}})
	ev = s.handle(protocol.Command{Cmd: protocol.History, Count: 31})
	if d := ev[0].Look.Trace; d.Step != 31 || d.Probs != nil || d.Layers[0].H != nil || d.Layers[0].GradH == nil {
		t.Errorf("the gradient view gets more or less than its norms")
	}
}

// A 10,000-step classroom run (characters, LSTM, E=32, H=128, T=64, B=16)
// keeps at most maxHistory traces and maxHistoryBytes, evenly spaced, with
// every logged step, and answers any step with the nearest kept before it.
func TestHistoryIsBounded(t *testing.T) {
	text, err := os.ReadFile("../../rnn/testdata/classroom.txt")
	if err != nil {
		t.Fatal(err)
	}
	cfg := rnn.DefaultConfig()
	cfg.Tokenizer, cfg.Cell, cfg.Embed, cfg.Hidden, cfg.Window, cfg.Batch, cfg.LR, cfg.Steps =
		rnn.CharTokens, rnn.LSTM, 32, 128, 64, 16, 0.01, 10_000
	tr, err := rnn.NewTrainer(string(text), cfg)
	if err != nil {
		t.Fatal(err)
	}
	d := traceData(tr, 0, true, true) // a copy of one trace stands for each
	js, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	heap := func() uint64 {
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	before := heap()
	h := newHistory(time.Time{})
	every := cfg.Steps / 5
	peak := 0
	for step := 0; step <= cfg.Steps; step++ {
		logged := step > 0 && rnn.ShouldLog(step, cfg.Steps, every)
		if !h.wants(step, logged) {
			continue
		}
		c := new(protocol.TraceData)
		if err := json.Unmarshal(js, c); err != nil {
			t.Fatal(err)
		}
		h.add(step, logged, c)
		peak = max(peak, h.bytes)
		if len(h.steps) > maxHistory || h.bytes > maxHistoryBytes {
			t.Fatalf("step %d: %d traces, %d bytes", step, len(h.steps), h.bytes)
		}
	}
	for step := 0; step <= cfg.Steps; step++ {
		if rnn.ShouldLog(step, cfg.Steps, every) && h.traces[step] == nil {
			t.Errorf("logged step %d not kept", step)
		}
	}
	gaps := map[int]int{}
	for i := 1; i < len(h.steps); i++ {
		if !h.logged[h.steps[i]] && !h.logged[h.steps[i-1]] && h.steps[i-1] > 1 {
			gaps[h.steps[i]-h.steps[i-1]]++
		}
	}
	if len(gaps) != 1 || gaps[h.stride] == 0 {
		t.Errorf("the kept steps are not evenly spaced: gaps %v, stride %d", gaps, h.stride)
	}
	for _, k := range []int{0, 1, 2, 4999, 10_000} {
		got := h.at(k)
		i := len(h.steps) - 1
		for h.steps[i] > k {
			i--
		}
		if got != h.traces[h.steps[i]] {
			t.Errorf("at(%d) is not the trace of step %d", k, h.steps[i])
		}
	}
	inUse := heap() - before
	t.Logf("10,000 classroom steps: %d traces kept, one every %d steps; counted %.1f MB (peak %.1f MB), Go heap %.1f MB; one trace %.0f KB counted, %.0f KB as JSON",
		len(h.steps), h.stride, float64(h.bytes)/(1<<20), float64(peak)/(1<<20), float64(inUse)/(1<<20),
		float64(traceBytes(d))/1024, float64(len(js))/1024)
	if inUse > 2*maxHistoryBytes {
		t.Errorf("the history holds %d bytes of heap, over twice its bound", inUse)
	}
	runtime.KeepAlive(h)
}

// At full speed tracing takes about an eighth of the run's time: the first
// and the logged steps always, the others as the time allows.
func TestHistoryCostIsBounded(t *testing.T) {
	// A clock that moves a millisecond each time it is read: each step
	// and each trace takes some.
	c := &clock{t: time.Unix(1e9, 0)}
	s := newSession()
	s.now = func() time.Time { c.t = c.t.Add(time.Millisecond); return c.t }
	s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: "pace=full"})
	start := c.t
	s.handle(protocol.Command{Cmd: protocol.Play})
	for s.running() {
		s.train(0)
	}
	n := len(s.past.steps)
	if took := c.t.Sub(start); s.past.cost > took/8+maxTraceCredit+2*time.Millisecond || n == 152 {
		t.Errorf("tracing took %v of a %v run, %d steps kept", s.past.cost, took, n)
	}
	for _, k := range []int{0, 1, 31, 61, 91, 121, 151} {
		if s.past.traces[k] == nil {
			t.Errorf("step %d not kept (kept %v)", k, s.past.steps)
		}
	}
	t.Logf("%d of 152 steps kept", n)
}
