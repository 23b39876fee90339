package trainer

import (
	"math"
	"testing"
	"time"

	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// clock is a session's time, moved by the test.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// pacedRun plays the run of query as worker_wasm.go does, waiting out
// each step's pace on a test clock: the losses, how many slices trained,
// and how long the run took on that clock.
func pacedRun(t *testing.T, query string, cmds ...protocol.Command) (losses []float64, slices int, took time.Duration) {
	t.Helper()
	c := &clock{t: time.Unix(1e9, 0)}
	start := c.t
	s := newSession()
	s.now = c.now
	v := protocol.NewRunView(1)
	for _, cmd := range append([]protocol.Command{{Cmd: protocol.Reset, Run: 1, Query: query}, {Cmd: protocol.Play}}, cmds...) {
		for _, e := range s.handle(cmd) {
			v.Apply(e)
		}
	}
	for s.running() {
		if slices > 1_000_000 {
			t.Fatal("the session never stops")
		}
		c.t = c.t.Add(s.wait())
		if s.wait() != 0 {
			t.Fatalf("still %v to wait after waiting", s.wait())
		}
		s.train(sliceBudget)
		slices++
		for _, e := range s.flush() {
			v.Apply(e)
		}
	}
	return v.Losses, slices, c.t.Sub(start)
}

// The notebook's run at its default pace plays out over about four
// seconds, one step a frame, with the numbers of full speed bit for bit.
func TestPaceSpacesTheStepsOnly(t *testing.T) {
	full, fullSlices, _ := pacedRun(t, "pace=full")
	for _, c := range []struct {
		query      string
		minT, maxT time.Duration
	}{
		{"pace=normal", 3 * time.Second, 6 * time.Second},
		{"", 3 * time.Second, 6 * time.Second},
		{"pace=slow", 150 * time.Second / protocol.SlowStepsPerSec, 151 * time.Second / protocol.SlowStepsPerSec},
	} {
		losses, slices, took := pacedRun(t, c.query)
		if len(losses) != 151 || len(full) != 151 {
			t.Fatalf("%s: %d losses, full speed %d", c.query, len(losses), len(full))
		}
		for i := range losses {
			if math.Float64bits(losses[i]) != math.Float64bits(full[i]) {
				t.Fatalf("%s: step %d loss %v, full speed %v", c.query, i+1, losses[i], full[i])
			}
		}
		if slices != 151 {
			t.Errorf("%s: %d slices, want one a step", c.query, slices)
		}
		if took < c.minT || took > c.maxT {
			t.Errorf("%s: the run took %v, want %v to %v", c.query, took, c.minT, c.maxT)
		}
	}
	if fullSlices > 10 {
		t.Errorf("full speed took %d slices of a frozen clock, want the run in one", fullSlices)
	}
}

// Step ×10 plays ten steps at the run's pace and pauses; a pace set while
// the run trains applies from the next step.
func TestStepCountAndPaceChange(t *testing.T) {
	c := &clock{t: time.Unix(1e9, 0)}
	s := newSession()
	s.now = c.now
	s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: "pace=slow"})
	s.handle(protocol.Command{Cmd: protocol.StepOnce, Count: 10})
	for i := 0; s.running(); i++ {
		if i > 100 {
			t.Fatal("Step ×10 never pauses")
		}
		c.t = c.t.Add(s.wait())
		s.train(sliceBudget)
	}
	if s.state != protocol.Paused || s.tr.StepsDone() != 10 {
		t.Fatalf("state %q at step %d, want paused at 10", s.state, s.tr.StepsDone())
	}
	s.handle(protocol.Command{Cmd: protocol.Play})
	s.train(sliceBudget)
	if w := s.wait(); w != time.Second/protocol.SlowStepsPerSec {
		t.Errorf("slow: wait %v after a step", w)
	}
	s.handle(protocol.Command{Cmd: protocol.SetPace, Pace: protocol.PaceFull})
	if w := s.wait(); w != 0 {
		t.Errorf("full speed: wait %v", w)
	}
	s.handle(protocol.Command{Cmd: protocol.Pause})
	if s.running() || s.wait() != 0 {
		t.Errorf("paused: running %v, wait %v", s.running(), s.wait())
	}
}

// A run that falls behind its pace (a slow step, a tab in the background)
// goes on from where it is, not in a burst to catch up.
func TestPaceDoesNotCatchUp(t *testing.T) {
	c := &clock{t: time.Unix(1e9, 0)}
	s := newSession()
	s.now = c.now
	s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: "pace=slow"})
	s.handle(protocol.Command{Cmd: protocol.Play})
	s.train(sliceBudget)
	c.t = c.t.Add(10 * time.Second)
	if w := s.wait(); w != 0 {
		t.Fatalf("behind: wait %v", w)
	}
	s.train(sliceBudget)
	if w := s.wait(); w != time.Second/protocol.SlowStepsPerSec {
		t.Errorf("after catching up one step: wait %v, want a whole interval", w)
	}
}

// A progress event's computeMs is the time spent training in the run so
// far, not the time its pace waited: what the benchmark page subtracts to
// see what the messages cost.
func TestComputeMsCountsTrainingOnly(t *testing.T) {
	c := &clock{t: time.Unix(1e9, 0)}
	s := newSession()
	s.now = func() time.Time { c.t = c.t.Add(time.Millisecond); return c.t } // every reading costs 1 ms
	s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: "steps=20"})
	s.handle(protocol.Command{Cmd: protocol.Play})
	var last protocol.Event
	var waited time.Duration
	for s.running() {
		w := s.wait()
		c.t, waited = c.t.Add(w), waited+w
		before := c.t
		s.train(sliceBudget)
		trained := c.t.Sub(before)
		for _, e := range s.flush() {
			if e.Kind == protocol.Progress {
				last = e
			}
		}
		if trained <= 0 {
			t.Fatal("a slice took no time on the clock")
		}
	}
	if waited < time.Second {
		t.Fatalf("the paced run waited %v, want most of its four seconds", waited)
	}
	if last.State != protocol.Done || last.ComputeMs <= 0 || last.ComputeMs >= float64(waited/time.Millisecond) {
		t.Errorf("done event: state %v, computeMs %v after waiting %v: want the training's share only", last.State, last.ComputeMs, waited)
	}
}

// worker.js?warmup=N sets the warm-up's steps per cell kind (the benchmark
// measures what it buys); anything else keeps the default.
func TestWarmUpStepsFromTheWorkersQuery(t *testing.T) {
	for _, tt := range []struct {
		query string
		want  int
	}{
		{"", warmUpSteps},
		{"?warmup=0", 0},
		{"?warmup=12", 12},
		{"warmup=12", 12},
		{"?warmup=-1", warmUpSteps},
		{"?warmup=many", warmUpSteps},
		{"?warmup=1000000", 10 * warmUpSteps},
	} {
		if got := warmUpStepsIn(tt.query); got != tt.want {
			t.Errorf("warmUpStepsIn(%q) = %d, want %d", tt.query, got, tt.want)
		}
	}
}
