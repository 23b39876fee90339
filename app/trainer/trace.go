package trainer

import (
	"bytes"
	"sort"
	"time"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// Bounds on one trace event, whatever the run: the last maxTraceSteps time
// steps, the first maxTraceUnits hidden units, maxTraceCols vocabulary
// columns (their probability and the rest of the row's mass): room for
// every target of a 64-step window, which the softmax table dots.
const (
	maxTraceSteps = 128
	maxTraceUnits = 64
	maxTraceCols  = 64
	traceEvery    = 150 * time.Millisecond
)

// looker is the session's watch state.
type looker struct {
	watch     string
	row       int
	lastTrace time.Time
	cost      time.Duration // how long the last trace took
	pending   bool          // the model changed since the last trace
}

// lookCommand handles the commands of the teaching views.
func (s *session) lookCommand(c protocol.Command) []protocol.Event {
	lc := protocol.LookCommand{}
	if c.Look != nil {
		lc = *c.Look
	}
	switch c.Cmd {
	case protocol.Watch:
		s.look.watch, s.look.row = lc.Watch, lc.Row
		s.look.pending = true
		return s.traceEvents(true)
	case protocol.Export:
		return []protocol.Event{s.export(lc.Keep)}
	case protocol.Import:
		return s.importModel(c.Run, c.Query, c.Goals, lc.Model, lc.Step)
	}
	return nil
}

// traceEvents returns a trace event if a view watches and the model
// changed; unless now is set, only when traceEvery has passed.
func (s *session) traceEvents(now bool) []protocol.Event {
	if s.look.watch == protocol.WatchNone || s.tr == nil || !s.look.pending {
		return nil
	}
	t := s.now()
	if !now && t.Sub(s.look.lastTrace) < max(traceEvery, 5*s.look.cost) {
		return nil
	}
	w := s.look.watch
	var td *protocol.TraceData
	if w == protocol.WatchUnrolled {
		td = forView(traceData(s.tr, s.look.row, true, true), w)
	} else {
		td = traceData(s.tr, s.look.row, w == protocol.WatchAll || w == protocol.WatchSoftmax, w == protocol.WatchAll || w == protocol.WatchCell)
	}
	s.look.lastTrace, s.look.cost, s.look.pending = s.now(), s.now().Sub(t), false
	return []protocol.Event{{Kind: protocol.TraceKind, Run: s.run, Look: &protocol.LookEvent{Trace: td}}}
}

// traceData traces sequence row of the current batch (the first when row
// is out of range). The gradient norms are always kept; the softmax and
// the cell's insides when asked for.
func traceData(tr *rnn.Trainer, row int, softmax, cell bool) *protocol.TraceData {
	rows := tr.Batch().B
	if row < 0 || row >= rows {
		row = 0
	}
	t := tr.Trace(row)
	n := len(t.Tokens)
	off := max(0, n-maxTraceSteps)
	d := &protocol.TraceData{
		Step: tr.StepsDone(), Row: row, Rows: rows, Cell: tr.Cell.String(), Offset: off,
		Tokens: t.Tokens[off:], Targets: t.Targets[off:], Loss: protocol.Num(t.Loss),
	}
	for _, l := range t.Layers {
		ld := protocol.LayerData{Hidden: tr.H, Units: min(tr.H, maxTraceUnits),
			GradH: nums(l.GradH[off:]), GradHLast: nums(l.GradHLast[off:])}
		if cell {
			u := ld.Units
			ld.X = matrix(l.X[off:], len(l.X[0]))
			ld.H = matrix(l.H[off:], u)
			if l.C != nil {
				ld.C = matrix(l.C[off:], u)
			}
			for _, g := range l.Gates {
				ld.Gates = append(ld.Gates, protocol.GateData{Name: g.Name, V: matrix(g.V[off:], u)})
			}
			if e := l.Terms; e != nil {
				ld.XW, ld.HW = matrix(e.XW[off:], u), matrix(e.HW[off:], u)
				ld.Bih, ld.Bhh = nums(e.Bih[:u]), nums(e.Bhh[:u])
			}
		}
		d.Layers = append(d.Layers, ld)
	}
	if softmax {
		softmaxInto(d, tr.Vocab, t, off)
	}
	return d
}

// states answers States: the model's states over the student's text,
// cut as the unrolled view's trace (the first UnrolledUnits units).
func (s *session) states(text string) protocol.Event {
	e := protocol.Event{Kind: protocol.TraceKind, Run: s.run, Prefix: text, Look: &protocol.LookEvent{Text: true}}
	if s.tr == nil {
		e.Error = protocol.NoModel
		return e
	}
	toks, layers, err := s.tr.LM.States(text)
	if err != nil {
		e.Error = rnn.AsProblem(err)
		return e
	}
	u := min(s.tr.H, protocol.UnrolledUnits)
	d := &protocol.TraceData{Step: s.tr.StepsDone(), Cell: s.tr.Cell.String(), Tokens: toks}
	for _, l := range layers {
		ld := protocol.LayerData{Hidden: s.tr.H, Units: u, H: matrix(l.H, u)}
		if l.C != nil {
			ld.C = matrix(l.C, u)
		}
		for _, g := range l.Gates {
			ld.Gates = append(ld.Gates, protocol.GateData{Name: g.Name, V: matrix(g.V, u)})
		}
		d.Layers = append(d.Layers, ld)
	}
	e.Look.Trace = d
	return e
}

// softmax keeps the columns a reader needs, at most maxTraceCols, in
// vocabulary order: every target (a row without its target's column has no
// dot), every prediction, then the tokens most likely somewhere.
func softmaxInto(d *protocol.TraceData, v *rnn.Vocab, t *rnn.Trace, off int) {
	probs, logits := t.Probs[off:], t.Logits[off:]
	if len(probs) == 0 {
		return
	}
	nv := len(probs[0])
	peak := make([]float64, nv) // the highest probability of each token
	for _, row := range probs {
		for id, p := range row {
			peak[id] = max(peak[id], p)
		}
	}
	keep := map[int]bool{}
	for s := range probs {
		if len(keep) < maxTraceCols {
			keep[v.ID(d.Targets[s])] = true
		}
	}
	for s := range probs {
		if len(keep) < maxTraceCols {
			keep[t.Pred[off+s]] = true
		}
	}
	order := make([]int, nv)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return peak[order[a]] > peak[order[b]] })
	for _, id := range order {
		if len(keep) >= min(nv, maxTraceCols) {
			break
		}
		keep[id] = true
	}
	d.Vocab = nv
	for id := 0; id < nv; id++ {
		if keep[id] {
			d.Cols = append(d.Cols, id)
			d.Names = append(d.Names, v.Token(id))
		}
	}
	for s, row := range probs {
		rest := 1.0
		pr, lg := make([]protocol.Num, len(d.Cols)), make([]protocol.Num, len(d.Cols))
		for j, id := range d.Cols {
			pr[j], lg[j] = protocol.Num(row[id]), protocol.Num(logits[s][id])
			rest -= row[id]
		}
		d.Probs, d.Logits = append(d.Probs, pr), append(d.Logits, lg)
		d.Rest = append(d.Rest, protocol.Num(max(rest, 0)))
		d.Argmax = append(d.Argmax, t.Pred[off+s])
		d.Target = append(d.Target, v.ID(d.Targets[s]))
	}
}

func nums(x []float64) []protocol.Num {
	out := make([]protocol.Num, len(x))
	for i, v := range x {
		out[i] = protocol.Num(v)
	}
	return out
}

// matrix copies the first width columns of each row.
func matrix(rows [][]float64, width int) [][]protocol.Num {
	out := make([][]protocol.Num, len(rows))
	for i, r := range rows {
		out[i] = nums(r[:min(width, len(r))])
	}
	return out
}

// export writes the current model as a checkpoint.
func (s *session) export(keep bool) protocol.Event {
	e := protocol.Event{Kind: protocol.ModelKind, Run: s.run, Look: &protocol.LookEvent{Keep: keep}}
	if s.tr == nil {
		e.Error = protocol.NoModel
		return e
	}
	var buf bytes.Buffer
	if err := s.tr.LM.Save(&buf); err != nil {
		e.Error = rnn.AsProblem(err)
		return e
	}
	e.Look.Model = buf.Bytes()
	return e
}

// importModel starts run from a checkpoint: the model's cell, sizes and
// tokenizer replace those of query, the rest (text, optimiser, steps) is
// kept. A model restored at step of its run goes on from there. A file
// that cannot be read changes nothing. The run probes goals, or, without
// any, the goals of the run it replaces: the page's exercise stays.
func (s *session) importModel(run int, query string, goals []string, data []byte, step int) []protocol.Event {
	lm, err := rnn.LoadLM(data)
	if err != nil {
		return []protocol.Event{{Kind: protocol.Ready, Run: run, Error: rnn.AsProblem(err)}}
	}
	settings, _ := protocol.DecodeQuery(query)
	c := &settings.Config
	c.Cell, c.Tokenizer, c.Embed, c.Hidden, c.Layers = lm.Cell, lm.Tokenizer, lm.E, lm.H, lm.L
	tr, err := rnn.NewTrainerFrom(lm, settings.Text, settings.Config)
	if err != nil {
		return []protocol.Event{{Kind: protocol.Ready, Run: run, Error: rnn.AsProblem(err)}}
	}
	// A fresh session for run, then the loaded model in it: only its ready
	// is kept, rewritten for the loaded model.
	kept := s.goals
	events := s.reset(run, settings.Query(), nil)[:1]
	s.goals = kept
	if goals != nil {
		s.goals = probeGoals(goals)
	}
	s.tr = tr
	s.setPace(settings.Pace)
	tr.Resume(step)
	s.past = newHistory(s.now())
	s.remember(false)
	s.firstStep = tr.StepsDone() + 1
	s.state = protocol.Paused
	if tr.Done() {
		s.state = protocol.Done
	}
	ready := &events[0]
	ready.Error, ready.State = nil, s.state
	ready.VocabSize = tr.Vocab.Size()
	ready.Vocab = tr.Vocab.Tokens()[:min(tr.Vocab.Size(), maxVocabShown)]
	ready.Look = &protocol.LookEvent{Query: settings.Query()}
	ready.Look.Unknown, ready.Look.UnknownCount = unknownTokens(tr.Vocab, rnn.Tokenize(settings.Text, tr.Tokenizer))
	events = append(events, s.probe()...)
	if a, ok := s.answer(); ok {
		events = append(events, a)
	}
	s.look.pending = true
	return append(events, s.traceEvents(true)...)
}

// unknownTokens are the distinct tokens v does not know, the first
// protocol.MaxUnknownShown in order of appearance, and how many in all.
func unknownTokens(v *rnn.Vocab, tokens []string) ([]string, int) {
	var shown []string
	seen := map[string]bool{}
	for _, tok := range tokens {
		if v.ID(tok) != rnn.Unk || seen[tok] {
			continue
		}
		seen[tok] = true
		if len(shown) < protocol.MaxUnknownShown {
			shown = append(shown, tok)
		}
	}
	return shown, len(seen)
}
