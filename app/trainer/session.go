package trainer

import (
	"errors"
	"math"
	"time"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// Limits that keep each message small whatever the run.
const (
	maxVocabShown = 500 // tokens listed in a ready event
	maxLogRows    = 4   // sequences printed per log entry
	askTopK       = 5   // next-token candidates in an answer
)

// sliceBudget is how long the worker trains before it reads its messages
// (Pause, Reset, Ask) and reports progress; reportEvery spaces the progress
// events so the page is not flooded by tiny models.
const (
	sliceBudget = 10 * time.Millisecond
	reportEvery = 30 * time.Millisecond
)

// session is the trainer worker's state: one run at a time, driven by
// Commands, reporting by Events. It is plain Go (no JavaScript), so the
// worker's behaviour is tested natively; worker_wasm.go only moves
// messages and yields to the browser between slices.
type session struct {
	run   int
	tr    *rnn.Trainer
	state protocol.State
	look  looker  // what the teaching views watch (trace.go)
	every int     // log every this many steps, like the notebook's `step % 30`
	pacer pacer   // when the next step is due (pace.go)
	past  history // traces of earlier steps, for the timeline (history.go)

	prefix string // the page's "ask the model" prefix, answered after each change

	goals []protocol.Goal // the exercise's goals the model is probed for (probe.go); nil: none

	// Data-parallel training (workers.go): helpers starts the run's helper
	// workers (nil: always alone), cores is the machine's, want the run's
	// setting, workers the number it uses now, sharedBy the trainer the
	// helpers serve.
	helpers  helperPool
	cores    int
	query    string
	want     int
	workers  int
	sharedBy *rnn.Trainer
	notice   *rnn.Problem // why the run went on with one worker, once it did

	// Progress not yet reported.
	firstStep int
	losses    []float64
	log       []protocol.LogEntry
	live      *protocol.LogEntry // the predictions of the last step
	err       *rnn.Problem
	dirty     bool

	// Speed: steps per second over the last second or so of training.
	now       func() time.Time
	rateStart time.Time
	rateStep  int
	rate      float64

	compute time.Duration // time inside train over the run so far (benchmarks)

	pageDrawn bool // the page has drawn itself: the warm-up may start (warmup.go)
}

func newSession() *session { return &session{state: protocol.Refused, now: time.Now} }

// running reports whether the worker should keep training.
func (s *session) running() bool { return s.state == protocol.Running }

// handle applies one command and returns the events that answer it at once.
func (s *session) handle(c protocol.Command) []protocol.Event {
	switch c.Cmd {
	case protocol.Reset:
		return s.reset(c.Run, c.Query, c.Goals)
	case protocol.Play:
		s.play(0)
	case protocol.Pause:
		if s.state == protocol.Running {
			s.state = protocol.Paused
			s.rateStart = time.Time{} // single steps say nothing about speed
			s.dirty = true
		}
	case protocol.StepOnce:
		if s.state == protocol.Paused && c.Count > 1 {
			s.play(s.tr.StepsDone() + c.Count)
		} else if s.state == protocol.Paused {
			s.train(0)
			return s.flush()
		}
	case protocol.SetPace:
		s.setPace(c.Pace)
	case protocol.Schedule:
		if sched, err := rnn.ParseSchedule(c.Query); err == nil && s.tr != nil {
			s.tr.Config.Schedule = sched // from the next step on
		}
	case protocol.History:
		if s.tr != nil {
			return []protocol.Event{s.pastTrace(c.Count)}
		}
	case protocol.States:
		return []protocol.Event{s.states(c.Prefix)}
	case protocol.Ask:
		s.prefix = c.Prefix
		if a, ok := s.answer(); ok {
			return []protocol.Event{a}
		}
	case protocol.Generate:
		return []protocol.Event{s.generate(c)}
	case protocol.Watch, protocol.Export, protocol.Import:
		return s.lookCommand(c)
	case protocol.WarmUp:
		s.pageDrawn = true
	}
	return nil
}

// play trains until the run is done or paused, or, with stopAt > 0, until
// step stopAt is done.
func (s *session) play(stopAt int) {
	if s.state != protocol.Paused {
		return
	}
	s.state = protocol.Running
	s.rateStart, s.rateStep = s.now(), s.tr.StepsDone()
	s.pacer.stopAt = stopAt
	s.pacer.set(s.now(), s.tr.StepsDone())
	s.dirty = true
}

// reset builds a new run from the settings query, with an exercise's goals.
func (s *session) reset(run int, query string, goals []string) []protocol.Event {
	settings, _ := protocol.DecodeQuery(query) // the page reports the link's problems itself
	if s.helpers != nil {
		s.helpers.stop() // the old run's
	}
	*s = session{run: run, prefix: s.prefix, now: s.now, state: protocol.Paused, look: s.look,
		helpers: s.helpers, cores: s.cores, query: query, want: settings.Workers, workers: 1, goals: probeGoals(goals)}
	s.look.pending = true
	s.every = max(1, settings.Config.Steps/5)
	tr, err := rnn.NewTrainer(settings.Text, settings.Config)
	if err != nil {
		s.state = protocol.Refused
		return []protocol.Event{{Kind: protocol.Ready, Run: run, Error: rnn.AsProblem(err)}}
	}
	s.tr = tr
	s.firstStep = 1
	s.setPace(settings.Pace)
	s.past = newHistory(s.now())
	s.remember(false)
	s.share()
	ready := readyEvent(run, tr)
	ready.State, ready.Workers, ready.Notice = s.state, s.workers, s.notice
	events := append([]protocol.Event{ready}, s.probe()...) // the untrained model, step 0
	if a, ok := s.answer(); ok {
		events = append(events, a)
	}
	return events
}

// readyEvent tells the page the new run's vocabulary, steps and number of
// trainable parameters.
func readyEvent(run int, tr *rnn.Trainer) protocol.Event {
	e := protocol.Event{Kind: protocol.Ready, Run: run, VocabSize: tr.Vocab.Size(), Steps: tr.Config.Steps,
		Vocab: tr.Vocab.Tokens()[:min(tr.Vocab.Size(), maxVocabShown)]}
	for _, p := range tr.Params() {
		e.Params += int64(len(p.W))
	}
	return e
}

// train runs steps until budget has passed (at least one step), the run is
// done, or the loss diverges; at a pace, one step, for the page to show.
// Everything read from the step's forward pass (log entries, the live
// predictions) is read here, right after the step.
func (s *session) train(budget time.Duration) {
	start := s.now()
	defer func() { s.compute += s.now().Sub(start) }()
	if s.sharedBy != s.tr { // a new model (an import): helpers for it
		s.share()
	}
	for {
		loss, err := s.tr.Step()
		if errors.Is(err, errHalted) {
			return // a command waits (helper_wasm.go): the step is taken again
		}
		if err != nil {
			var d *rnn.DivergedError
			if !errors.As(err, &d) && s.workers > 1 {
				s.goAlone(err)
				continue // the step that failed, again, alone
			}
			s.err = rnn.AsProblem(err)
			s.state = protocol.Diverged
			s.dirty = true
			return
		}
		s.losses = append(s.losses, loss)
		s.dirty = true
		step := s.tr.StepsDone()
		logged := rnn.ShouldLog(step, s.tr.Config.Steps, s.every)
		if logged {
			e := s.entry(loss)
			e.Sample = s.sample(e)
			s.log = append(s.log, e)
		}
		if s.tr.Done() {
			s.state = protocol.Done
		} else if s.state == protocol.Running && step == s.pacer.stopAt {
			s.state, s.pacer.stopAt = protocol.Paused, 0
			s.rateStart = time.Time{}
		}
		stop := s.state != protocol.Running || s.pacer.interval > 0 || s.now().Sub(start) >= budget
		if stop {
			// Read the predictions now: a later Predict (ask, generate)
			// or trace runs the model on other inputs and overwrites them.
			live := s.entry(loss)
			s.live = &live
		}
		s.remember(logged)
		if stop {
			return
		}
	}
}

// flush returns what changed since the last flush: a progress event, then
// the answer to the current prefix by the updated model.
func (s *session) flush() []protocol.Event {
	if !s.dirty || s.tr == nil {
		return nil
	}
	step := s.tr.StepsDone()
	if t := s.now(); !s.rateStart.IsZero() {
		if dt := t.Sub(s.rateStart).Seconds(); dt > 0 && step > s.rateStep {
			s.rate = float64(step-s.rateStep) / dt
			if dt >= 1 { // slide the window
				s.rateStart, s.rateStep = t, step
			}
		}
	}
	e := protocol.Event{
		Kind: protocol.Progress, Run: s.run, State: s.state, Error: s.err,
		Step: step, Steps: s.tr.Config.Steps, FirstStep: s.firstStep,
		Losses: s.losses, StepsPerSec: s.rate, Log: s.log, Workers: s.workers, Notice: s.notice,
		ComputeMs: float64(s.compute) / float64(time.Millisecond),
	}
	e.Live = s.live
	s.firstStep, s.losses, s.log, s.dirty = step+1, nil, nil, false
	events := append([]protocol.Event{e}, s.probe()...)
	s.look.pending = true
	events = append(events, s.traceEvents(!s.running())...)
	if a, ok := s.answer(); ok {
		events = append(events, a)
	}
	return events
}

// sample is what the model writes at a logged step, from the first token
// of the log's first line, as char-rnn's samples at successive iterations
// show a text getting better: for character runs and corpus runs; the
// notebook's sentence runs keep the notebook's printout. Sampled at
// temperature 0.8 with the step as seed, so a run's samples are the same
// every time.
func (s *session) sample(e protocol.LogEntry) string {
	c := s.tr.Config
	if c.Tokenizer != rnn.CharTokens && c.Window == 0 || len(e.Rows) == 0 || len(e.Rows[0].Tokens) == 0 {
		return ""
	}
	n := 12
	if c.Tokenizer == rnn.CharTokens {
		n = 60
	}
	prefix := e.Rows[0].Tokens[0]
	toks, err := s.tr.Generate(prefix, n, 0.8, uint64(e.Step))
	if err != nil {
		return ""
	}
	return rnn.Join(append([]string{prefix}, toks...), c.Tokenizer)
}

// entry is the notebook's printout of the last step.
func (s *session) entry(loss float64) protocol.LogEntry {
	lines := s.tr.LogLines(loss)
	pred, wrong := s.tr.Predicted(), s.tr.Wrong()
	b := s.tr.Batch()
	e := protocol.LogEntry{Step: s.tr.StepsDone(), Header: lines[0]}
	for r := range pred {
		if r == maxLogRows {
			e.More = len(pred) - r
			break
		}
		row := protocol.LogRow{
			Text:   lines[1+r],
			Tokens: append([]string{s.tr.Vocab.Token(b.Inputs[r*b.T])}, pred[r]...),
			Wrong:  append([]bool{false}, wrong[r]...),
		}
		e.Rows = append(e.Rows, row)
	}
	return e
}

// answer predicts the tokens that follow the current prefix.
func (s *session) answer() (protocol.Event, bool) {
	if s.tr == nil || s.prefix == "" {
		return protocol.Event{}, false
	}
	a := protocol.Event{Kind: protocol.Answer, Run: s.run, Prefix: s.prefix}
	a.Unknown, _ = unknownTokens(s.tr.Vocab, rnn.Tokenize(s.prefix, s.tr.Tokenizer))
	top, err := s.tr.Predict(s.prefix, askTopK)
	if err != nil {
		a.Error = rnn.AsProblem(err)
	}
	for _, g := range top {
		if !math.IsNaN(g.P) {
			a.Top = append(a.Top, protocol.Guess{Token: g.Token, P: g.P})
		}
	}
	return a, true
}

// generate continues a prefix with the current model.
func (s *session) generate(c protocol.Command) protocol.Event {
	g := protocol.Event{Kind: protocol.Generated, Run: s.run, Prefix: c.Prefix}
	if s.tr == nil {
		g.Error = protocol.NoModel
		return g
	}
	toks, err := s.tr.Generate(c.Prefix, c.Tokens, c.Temperature, c.Seed)
	if err != nil {
		g.Error = rnn.AsProblem(err)
		return g
	}
	g.Prefix = rnn.Join(rnn.Tokenize(c.Prefix, s.tr.Tokenizer), s.tr.Tokenizer)
	g.Text = rnn.Join(toks, s.tr.Tokenizer)
	return g
}
