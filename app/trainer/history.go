package trainer

import (
	"slices"
	"time"

	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// Bounds on a run's history, whatever its length: at most maxHistory
// traces and maxHistoryBytes of their numbers.
const (
	maxHistory      = 256
	maxHistoryBytes = 24 << 20
)

// history keeps traces of the run at a bounded set of its steps, for the
// page's timeline: the first step, every logged step, and evenly spaced
// steps between, whose spacing doubles each time a bound is reached.
type history struct {
	stride int   // keep the steps that are multiples of stride
	steps  []int // the steps kept, in order
	traces map[int]*protocol.TraceData
	logged map[int]bool
	bytes  int

	// Tracing's time: an eighth of the time that passes is credited, up
	// to maxTraceCredit, and each trace spends what it took.
	credit time.Duration
	last   time.Time
	cost   time.Duration // all the time spent tracing
}

// maxTraceCredit bounds the tracing time saved up while the run waits (for
// a pace, for a helper), so that the steps after a wait do not all trace.
const maxTraceCredit = 50 * time.Millisecond

func newHistory(began time.Time) history {
	return history{stride: 1, traces: map[int]*protocol.TraceData{}, logged: map[int]bool{}, last: began}
}

// wants reports whether step is one to keep.
func (h *history) wants(step int, logged bool) bool {
	return step == 1 || logged || step%h.stride == 0
}

// add keeps d, the trace at step, then thins the history to its bounds.
func (h *history) add(step int, logged bool, d *protocol.TraceData) {
	if _, ok := h.traces[step]; ok || !h.wants(step, logged) {
		return
	}
	h.steps = append(h.steps, step)
	h.traces[step], h.logged[step] = d, logged
	h.bytes += traceBytes(d)
	for len(h.steps) > maxHistory || h.bytes > maxHistoryBytes {
		if !h.thin() {
			break
		}
	}
}

// thin doubles the stride and drops the steps it no longer keeps; false
// if none could be dropped.
func (h *history) thin() bool {
	h.stride *= 2
	kept := h.steps[:0]
	for _, s := range h.steps {
		if h.wants(s, h.logged[s]) {
			kept = append(kept, s)
			continue
		}
		h.bytes -= traceBytes(h.traces[s])
		delete(h.traces, s)
		delete(h.logged, s)
	}
	dropped := len(kept) < len(h.steps)
	h.steps = kept
	return dropped || h.stride < 1<<30 // only logged steps left: a wider stride may still free none
}

// at is the trace at the last kept step at or before step, or nil.
func (h *history) at(step int) *protocol.TraceData {
	i, found := slices.BinarySearch(h.steps, step)
	if !found {
		i--
	}
	if i < 0 {
		return nil
	}
	return h.traces[h.steps[i]]
}

// traceBytes is about what d holds: 8 bytes a number, and its strings.
func traceBytes(d *protocol.TraceData) int {
	n := 0
	rows := func(m [][]protocol.Num) {
		for _, r := range m {
			n += len(r)
		}
	}
	rows(d.Logits)
	rows(d.Probs)
	n += len(d.Rest) + len(d.Cols) + len(d.Argmax) + len(d.Target)
	for _, l := range d.Layers {
		rows(l.X)
		rows(l.H)
		rows(l.C)
		rows(l.XW)
		rows(l.HW)
		for _, g := range l.Gates {
			rows(g.V)
		}
		n += len(l.Bih) + len(l.Bhh) + len(l.GradH) + len(l.GradHLast)
	}
	b := 8 * n
	for _, s := range [][]string{d.Tokens, d.Targets, d.Names} {
		for _, t := range s {
			b += 16 + len(t)
		}
	}
	return b
}

// unrolled cuts a copy of a whole trace to what the unrolled view draws:
// the predictions without the probabilities, and the states, gates and
// Elman terms of the first UnrolledUnits units without the inputs.
func unrolled(c *protocol.TraceData) *protocol.TraceData {
	c.Logits, c.Probs, c.Rest = nil, nil, nil
	layers := make([]protocol.LayerData, len(c.Layers))
	for i, l := range c.Layers {
		u := min(l.Units, protocol.UnrolledUnits)
		cut := func(rows [][]protocol.Num) [][]protocol.Num {
			if rows == nil {
				return nil
			}
			out := make([][]protocol.Num, len(rows))
			for t, r := range rows {
				out[t] = r[:min(u, len(r))]
			}
			return out
		}
		n := protocol.LayerData{Hidden: l.Hidden, Units: u, H: cut(l.H), C: cut(l.C), XW: cut(l.XW), HW: cut(l.HW),
			GradH: l.GradH, GradHLast: l.GradHLast}
		if l.Bih != nil {
			n.Bih, n.Bhh = l.Bih[:min(u, len(l.Bih))], l.Bhh[:min(u, len(l.Bhh))]
		}
		for _, g := range l.Gates {
			n.Gates = append(n.Gates, protocol.GateData{Name: g.Name, V: cut(g.V)})
		}
		layers[i] = n
	}
	c.Layers = layers
	return c
}

// forView is d with only what the view watch draws.
func forView(d *protocol.TraceData, watch string) *protocol.TraceData {
	if d == nil || watch == protocol.WatchAll {
		return d
	}
	c := *d
	if watch == protocol.WatchUnrolled {
		return unrolled(&c)
	}
	if watch != protocol.WatchSoftmax {
		c.Cols, c.Names, c.Argmax, c.Target, c.Logits, c.Probs, c.Rest = nil, nil, nil, nil, nil, nil, nil
	}
	if watch != protocol.WatchCell {
		c.Layers = make([]protocol.LayerData, len(d.Layers))
		for i, l := range d.Layers {
			c.Layers[i] = protocol.LayerData{Hidden: l.Hidden, Units: l.Units, GradH: l.GradH, GradHLast: l.GradHLast}
		}
	}
	return &c
}

// remember keeps the trace of the step just taken (or of the model as it
// starts), if the history wants it. Tracing costs about a step, so beyond
// the first and the logged steps it takes about an eighth of the time:
// at a pace, every step; at full speed, about one in eight early in a run.
func (s *session) remember(logged bool) {
	step := s.tr.StepsDone()
	if !s.past.wants(step, logged) {
		return
	}
	h := &s.past
	t := s.now()
	h.credit, h.last = min(h.credit+t.Sub(h.last)/8, maxTraceCredit), t
	if !logged && step > 1 && h.credit < 0 {
		return
	}
	d := traceData(s.tr, s.look.row, true, true)
	took := s.now().Sub(t)
	h.credit, h.cost = h.credit-took, h.cost+took
	h.add(step, logged, d)
}

// pastTrace answers the timeline: the trace at step, or the nearest kept
// before it, with what the open view draws.
func (s *session) pastTrace(step int) protocol.Event {
	return protocol.Event{Kind: protocol.TraceKind, Run: s.run,
		Look: &protocol.LookEvent{Trace: forView(s.past.at(step), s.look.watch), Past: true}}
}
