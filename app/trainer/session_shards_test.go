package trainer

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// fakeHelpers is a helperPool of replicas computed in the caller's
// goroutine: the same rnn.Replica the browser's helpers run, built from the
// same command. failAt makes every helper's Wait fail from that step on
// (0: never); refuse makes start fail.
type fakeHelpers struct {
	failAt  int
	haltAt  int // the 1-based step whose first Wait answers errHalted
	refuse  error
	started [][]string // the vocabulary each start got
	live    int        // helpers started and not stopped
	stops   int
}

func (p *fakeHelpers) start(query string, vocab []string, of int) ([]rnn.ShardWorker, error) {
	if p.refuse != nil {
		return nil, p.refuse
	}
	p.started = append(p.started, vocab)
	settings, _ := protocol.DecodeQuery(query)
	var workers []rnn.ShardWorker
	for share := 1; share < of; share++ {
		r, err := rnn.NewReplica(settings.Text, settings.Config, vocab, share, of)
		if err != nil {
			return nil, err
		}
		workers = append(workers, &fakeHelper{r: r, pool: p})
	}
	p.live += len(workers)
	return workers, nil
}

func (p *fakeHelpers) stop() { p.live, p.stops = 0, p.stops+1 }

type fakeHelper struct {
	r    *rnn.Replica
	pool *fakeHelpers
	step int
	res  rnn.ShardResult
	err  error
}

func (h *fakeHelper) Start(step int, weights []float64) {
	h.step = step
	h.res, h.err = h.r.Gradient(step, weights)
}

func (h *fakeHelper) Wait() (rnn.ShardResult, error) {
	if h.pool.haltAt > 0 && h.step+1 == h.pool.haltAt {
		h.pool.haltAt = 0
		return rnn.ShardResult{}, errHalted
	}
	if h.pool.failAt > 0 && h.step+1 >= h.pool.failAt {
		return rnn.ShardResult{}, errors.New("the helper was killed")
	}
	return h.res, h.err
}

// classroomQuery is a small classroom-like run: characters, windows, a
// batch of 4 rows.
const classroomQuery = "text=We+are+going+to+watch+Avengers+End+Game.+We+are+going+home.&tok=char" +
	"&cell=lstm&embed=8&hidden=16&window=8&batch=4&steps=12&lr=0.01"

// helperSession is a session with a helper pool on a machine of cores.
func helperSession(pool helperPool, cores int) *session {
	s := newSession()
	s.helpers, s.cores = pool, cores
	return s
}

// trainAll trains s to the end and returns its run as the page sees it.
func trainAll(t *testing.T, s *session, run int) protocol.RunView {
	t.Helper()
	v := protocol.NewRunView(run)
	for _, e := range s.handle(protocol.Command{Cmd: protocol.Play}) {
		v.Apply(e)
	}
	for i := 0; s.running(); i++ {
		if i > 100_000 {
			t.Fatal("the session never stops")
		}
		s.train(time.Millisecond)
		for _, e := range s.flush() {
			v.Apply(e)
		}
	}
	for _, e := range s.flush() {
		v.Apply(e)
	}
	return v
}

// referenceLosses trains query with rnn's own goroutine shards: n workers
// for the first `sharded` steps (all of them when negative), then alone.
func referenceLosses(t *testing.T, query string, n, sharded int) []float64 {
	losses, _ := reference(t, query, n, sharded)
	return losses
}

func reference(t *testing.T, query string, n, sharded int) ([]float64, *rnn.Trainer) {
	t.Helper()
	settings, _ := protocol.DecodeQuery(query)
	tr, err := rnn.NewTrainer(settings.Text, settings.Config)
	if err != nil {
		t.Fatal(err)
	}
	workers, err := rnn.LocalShards(tr, n)
	if err != nil {
		t.Fatal(err)
	}
	tr.UseShards(workers)
	var losses []float64
	for !tr.Done() {
		if len(losses) == sharded {
			tr.UseShards(nil)
		}
		loss, err := tr.Step()
		if err != nil {
			t.Fatal(err)
		}
		losses = append(losses, loss)
	}
	return losses, tr
}

func sameLosses(t *testing.T, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d losses, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("step %d: loss %.17g, want %.17g", i+1, got[i], want[i])
		}
	}
}

func TestWorkersFor(t *testing.T) {
	for _, c := range []struct{ setting, cores, rows, want int }{
		{protocol.AutoWorkers, 2, 16, 2},
		{protocol.AutoWorkers, 8, 16, 4}, // auto stops at autoMaxWorkers
		{protocol.AutoWorkers, 0, 16, 1}, // the browser does not say
		{protocol.AutoWorkers, 8, 1, 1},  // the notebook: one row
		{3, 2, 16, 3},                    // an explicit count ignores the cores
		{8, 1, 5, 5},                     // never more than the rows
		{1, 8, 16, 1},
	} {
		if got := workersFor(c.setting, c.cores, c.rows); got != c.want {
			t.Errorf("workersFor(%d, cores %d, rows %d) = %d, want %d", c.setting, c.cores, c.rows, got, c.want)
		}
	}
}

// The session with helpers gives, step for step, the losses of rnn's
// sharded trainer for the same number of workers: what the e2e test
// checks against `rnn train -workers N` in Chromium.
func TestSessionTrainsOnHelpers(t *testing.T) {
	for _, c := range []struct {
		query   string
		cores   int
		workers int
	}{
		{classroomQuery + "&workers=2", 8, 2},
		{classroomQuery + "&workers=3", 1, 3},
		{classroomQuery, 2, 2},                // auto on two cores
		{classroomQuery + "&workers=8", 8, 4}, // four rows
	} {
		pool := &fakeHelpers{}
		s := helperSession(pool, c.cores)
		ready := s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: c.query})
		if ready[0].Workers != c.workers || pool.live != c.workers-1 {
			t.Fatalf("%s: ready says %d workers, %d helpers live; want %d", c.query, ready[0].Workers, pool.live, c.workers)
		}
		v := trainAll(t, s, 1)
		if v.Workers != c.workers || v.Notice != nil {
			t.Errorf("%s: the page shows %d workers, notice %q; want %d", c.query, v.Workers, v.Notice, c.workers)
		}
		losses, ref := reference(t, c.query, c.workers, -1)
		sameLosses(t, v.Losses, losses)
		// The helpers' rows are predicted too, as rnn's shards predict them.
		if got, want := s.tr.Predicted(), ref.Predicted(); len(got) != 4 || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: last predictions %q, want %q", c.query, got, want)
		}
	}
}

// One worker, or a batch of one row, never starts a helper.
func TestSessionAloneStartsNoHelpers(t *testing.T) {
	for _, query := range []string{classroomQuery + "&workers=1", "", "steps=20&workers=4"} {
		pool := &fakeHelpers{}
		s := helperSession(pool, 8)
		ready := s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: query})
		v := trainAll(t, s, 1)
		if ready[0].Workers != 1 || v.Workers != 1 || len(pool.started) != 0 {
			t.Errorf("%q: %d/%d workers, %d starts; want 1 worker and none started", query, ready[0].Workers, v.Workers, len(pool.started))
		}
	}
}

// A helper that fails mid-run: the session stops the helpers, says so,
// redoes the failed step alone and trains on. The losses are those of the
// sharded run up to the failure and of the lone trainer after it.
func TestSessionGoesOnAloneWhenAHelperFails(t *testing.T) {
	const failAt = 5
	pool := &fakeHelpers{failAt: failAt}
	s := helperSession(pool, 2)
	s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: classroomQuery + "&workers=2"})
	v := trainAll(t, s, 1)
	if v.State != protocol.Done || v.Workers != 1 || !strings.Contains(v.Notice.Error(), "the helper was killed") {
		t.Fatalf("state %q, %d workers, notice %q; want done on 1 worker with the helper's error", v.State, v.Workers, v.Notice)
	}
	if pool.live != 0 {
		t.Errorf("%d helpers still live after the failure", pool.live)
	}
	sameLosses(t, v.Losses, referenceLosses(t, classroomQuery, 2, failAt-1))
}

// Pause arrives while the step waits for a helper (helper_wasm.go answers
// errHalted): the session stops at once without giving the helpers up,
// and after Play it takes the dropped step again, with them: the losses
// are those of a sharded run without the pause.
func TestSessionPausedWhileAHelperComputes(t *testing.T) {
	const haltAt = 5
	pool := &fakeHelpers{haltAt: haltAt}
	s := helperSession(pool, 2)
	s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: classroomQuery + "&workers=2&pace=full"})
	s.handle(protocol.Command{Cmd: protocol.Play})
	s.train(time.Hour) // would train to the end, but for the halted step
	if got := s.tr.StepsDone(); got != haltAt-1 || !s.running() {
		t.Fatalf("after the halted step: step %d, running %v; want step %d, still running", got, s.running(), haltAt-1)
	}
	s.handle(protocol.Command{Cmd: protocol.Pause})
	v := trainAll(t, s, 1)
	if v.State != protocol.Done || v.Workers != 2 || v.Notice != nil || pool.live != 1 {
		t.Fatalf("state %q, %d workers, notice %q, %d helpers live; want done on 2 workers, the helper kept",
			v.State, v.Workers, v.Notice, pool.live)
	}
	sameLosses(t, v.Losses[haltAt-1:], referenceLosses(t, classroomQuery, 2, -1)[haltAt-1:])
}

func TestOfferLatest(t *testing.T) {
	ch := make(chan int, 1)
	offerLatest(ch, 1)
	offerLatest(ch, 2)
	offerLatest(ch, 3)
	if got := <-ch; got != 3 || len(ch) != 0 {
		t.Errorf("after 1, 2 and 3: %d with %d left, want 3 and none", got, len(ch))
	}
	offerLatest(ch, 4)
	if got := <-ch; got != 4 {
		t.Errorf("after a take: %d, want 4", got)
	}
}

// Helpers that cannot start: the run trains alone from its first step.
func TestSessionGoesOnAloneWhenHelpersCannotStart(t *testing.T) {
	pool := &fakeHelpers{refuse: errors.New("no Worker in this browser")}
	s := helperSession(pool, 4)
	ready := s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: classroomQuery})
	if ready[0].Workers != 1 || !strings.Contains(ready[0].Notice.Error(), "no Worker") {
		t.Fatalf("ready %+v, want 1 worker and the reason", ready[0])
	}
	v := trainAll(t, s, 1)
	sameLosses(t, v.Losses, referenceLosses(t, classroomQuery, 1, -1))
}

// Every reset stops the old run's helpers before it starts the new ones;
// a failure is forgotten with its run.
func TestResetReplacesHelpers(t *testing.T) {
	pool := &fakeHelpers{failAt: 1}
	s := helperSession(pool, 4)
	s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: classroomQuery + "&workers=3"})
	s.handle(protocol.Command{Cmd: protocol.StepOnce})
	if s.workers != 1 || pool.live != 0 {
		t.Fatalf("after the failure: %d workers, %d helpers live", s.workers, pool.live)
	}
	pool.failAt = 0
	ready := s.handle(protocol.Command{Cmd: protocol.Reset, Run: 2, Query: classroomQuery + "&workers=3"})
	if ready[0].Workers != 3 || ready[0].Notice != nil || pool.live != 2 {
		t.Errorf("after reset: ready %+v, %d helpers live; want 3 workers, 2 helpers", ready[0], pool.live)
	}
	stops := pool.stops
	s.handle(protocol.Command{Cmd: protocol.Reset, Run: 3, Query: ""}) // the notebook: alone
	if pool.live != 0 || pool.stops != stops+1 {
		t.Errorf("a reset to a one-row run left %d helpers live", pool.live)
	}
}

// An imported model brings its own vocabulary: its helpers get it.
func TestImportedModelGetsItsHelpers(t *testing.T) {
	donor := newSession()
	donor.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: classroomQuery + "&steps=3"})
	donor.handle(protocol.Command{Cmd: protocol.StepOnce})
	model := donor.export(false).Look.Model

	pool := &fakeHelpers{}
	s := helperSession(pool, 2)
	// The text of the run has fewer characters than the model knows.
	query := strings.Replace(classroomQuery, "text=We+are+going+to+watch+Avengers+End+Game.+We+are+going+home.",
		"text=We+are+going+home.+We+are+going+home.+We+are+home.", 1)
	s.handle(protocol.Command{Cmd: protocol.Import, Run: 2, Query: query, Look: &protocol.LookCommand{Model: model}})
	v := trainAll(t, s, 2)
	if v.Workers != 2 || v.Notice != nil || len(v.Losses) != 12 {
		t.Fatalf("%d workers, notice %q, %d losses; want 2 workers and 12 steps", v.Workers, v.Notice, len(v.Losses))
	}
	last := pool.started[len(pool.started)-1]
	if strings.Join(last, "") != strings.Join(s.tr.Vocab.Tokens(), "") || len(last) != donor.tr.Vocab.Size() {
		t.Errorf("the helpers got vocabulary %q, want the model's %q", last, donor.tr.Vocab.Tokens())
	}
}
