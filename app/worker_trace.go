package app

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"math"
	"sort"
	"strconv"
	"time"

	"github.com/rnn-playground/rnn-playground/rnn"
)

// The teaching views' side of the worker protocol. A Command or Event
// carries it in its Look field:
//
//	{"cmd":"watch","look":{"watch":"softmax","row":0}}
//	                                         ← a "trace" event now, then now and then while training
//	{"cmd":"export"}                         ← {"kind":"model","look":{"model":"<base64 safetensors>"}}
//	{"cmd":"import","run":3,"query":…,"look":{"model":…}}
//	                                         ← {"kind":"ready",…,"look":{"query":…}} (the model's settings)
//
// A trace is one forward and backward pass, as dear as a training step, so
// the worker sends one at most every traceEvery (and never more often than
// every five times the time it took), only while a view watches, and with
// only what that view draws.

// What a watcher wants to see: each view gets only what it draws, so a
// large model's trace stays cheap to send, decode and render.
const (
	watchNone     = ""
	watchAll      = "all"      // everything
	watchSoftmax  = "softmax"  // the softmax table: probabilities and logits
	watchCell     = "cell"     // inside the cell: inputs, states, gates, step terms
	watchGradient = "gradient" // only the gradient norms (also compare mode's workers)
)

// Bounds on one trace event, whatever the run: the last maxTraceSteps time
// steps, the first maxTraceUnits hidden units, the maxTraceCols most likely
// vocabulary columns (their probability and the rest of the row's mass).
const (
	maxTraceSteps = 128
	maxTraceUnits = 64
	maxTraceCols  = 24
	traceEvery    = 150 * time.Millisecond
)

// LookCommand is the Look field of a watch, export or import command.
type LookCommand struct {
	Watch string `json:"watch,omitempty"` // watch: watchNone, watchAll, watchSoftmax, watchCell, watchGradient
	Row   int    `json:"row,omitempty"`   // watch: which sequence of the batch to trace
	Model []byte `json:"model,omitempty"` // import: a safetensors checkpoint
	Keep  bool   `json:"keep,omitempty"`  // export: for the browser's storage, not a download
}

// LookEvent is the Look field of a trace, model or ready event.
type LookEvent struct {
	Trace *TraceData `json:"trace,omitempty"`
	Model []byte     `json:"model,omitempty"` // model: the checkpoint
	Keep  bool       `json:"keep,omitempty"`  // model: answers an export with Keep
	Query string     `json:"query,omitempty"` // ready after import: the model's settings
}

// TraceData is rnn.Trace cut to what the views draw, with numbers rounded
// to 5 significant digits to keep the message small.
type TraceData struct {
	Step   int    `json:"step"` // training steps taken when traced
	Row    int    `json:"row"`  // the sequence traced, of Rows in the batch
	Rows   int    `json:"rows"`
	Cell   string `json:"cell"` // rnn.CellKind.String()
	Offset int    `json:"offset,omitempty"`
	// Offset is the time step of Tokens[0]: long rows keep only their
	// last maxTraceSteps steps.
	Tokens  []string `json:"tokens"`
	Targets []string `json:"targets"`
	Loss    num      `json:"loss"`

	// Softmax, over the columns Cols (vocabulary ids, most likely first);
	// Rest[t] is the probability of all other tokens at step t, so that
	// sum(Probs[t]) + Rest[t] = 1 (softmax over the last axis).
	Cols   []int    `json:"cols,omitempty"`
	Names  []string `json:"names,omitempty"` // token of each column
	Argmax []int    `json:"argmax,omitempty"`
	Target []int    `json:"target,omitempty"` // vocabulary id of each target
	Logits [][]num  `json:"logits,omitempty"` // (T, len(Cols))
	Probs  [][]num  `json:"probs,omitempty"`  // (T, len(Cols))
	Rest   []num    `json:"rest,omitempty"`   // (T)

	Layers []LayerData `json:"layers"`
}

// LayerData is one layer of the trace. H, C and the gates keep the first
// Units hidden units of Hidden; X is the layer's whole input.
type LayerData struct {
	Hidden int        `json:"hidden"`
	Units  int        `json:"units"`
	X      [][]num    `json:"x,omitempty"`
	H      [][]num    `json:"h,omitempty"`
	C      [][]num    `json:"c,omitempty"`
	Gates  []GateData `json:"gates,omitempty"`
	// For the Elman cell, the terms of each step's sum (the first Units):
	// h_t = tanh(XW[t] + Bih + HW[t] + Bhh), XW[t] = x_t·W_ihᵀ, HW[t] = h_{t-1}·W_hhᵀ.
	XW  [][]num `json:"xw,omitempty"`
	HW  [][]num `json:"hw,omitempty"`
	Bih []num   `json:"bih,omitempty"`
	Bhh []num   `json:"bhh,omitempty"`

	GradH     []num `json:"gradH"`     // ‖∂L/∂h_t‖
	GradHLast []num `json:"gradHLast"` // ‖∂ℓ_T/∂h_t‖
}

// GateData is one gate's activations, (T, Units).
type GateData struct {
	Name string  `json:"name"`
	V    [][]num `json:"v"`
}

// num is a float64 that travels as JSON with 5 significant digits, and as
// null when it is not finite (JSON has no NaN).
type num float64

func (x num) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', 5, 64), nil
}

// looker is the session's watch state.
type looker struct {
	watch     string
	row       int
	lastTrace time.Time
	cost      time.Duration // how long the last trace took
	pending   bool          // the model changed since the last trace
}

// lookCommand handles the commands of the teaching views.
func (s *session) lookCommand(c Command) []Event {
	lc := LookCommand{}
	if c.Look != nil {
		lc = *c.Look
	}
	switch c.Cmd {
	case "watch":
		s.look.watch, s.look.row = lc.Watch, lc.Row
		s.look.pending = true
		return s.traceEvents(true)
	case "export":
		return []Event{s.export(lc.Keep)}
	case "import":
		return s.importModel(c.Run, c.Query, lc.Model)
	}
	return nil
}

// traceEvents returns a trace event if a view watches and the model
// changed; unless now is set, only when traceEvery has passed.
func (s *session) traceEvents(now bool) []Event {
	if s.look.watch == watchNone || s.tr == nil || !s.look.pending {
		return nil
	}
	t := s.now()
	if !now && t.Sub(s.look.lastTrace) < max(traceEvery, 5*s.look.cost) {
		return nil
	}
	w := s.look.watch
	td := traceData(s.tr, s.look.row, w == watchAll || w == watchSoftmax, w == watchAll || w == watchCell)
	s.look.lastTrace, s.look.cost, s.look.pending = s.now(), s.now().Sub(t), false
	return []Event{{Kind: "trace", Run: s.run, Look: &LookEvent{Trace: td}}}
}

// traceData traces sequence row of the current batch (the first when row
// is out of range). The gradient norms are always kept; the softmax and
// the cell's insides when asked for.
func traceData(tr *rnn.Trainer, row int, softmax, cell bool) *TraceData {
	rows := tr.Batch().B
	if row < 0 || row >= rows {
		row = 0
	}
	t := tr.Trace(row)
	n := len(t.Tokens)
	off := max(0, n-maxTraceSteps)
	d := &TraceData{
		Step: tr.StepsDone(), Row: row, Rows: rows, Cell: tr.Cell.String(), Offset: off,
		Tokens: t.Tokens[off:], Targets: t.Targets[off:], Loss: num(t.Loss),
	}
	for k, l := range t.Layers {
		ld := LayerData{Hidden: tr.H, Units: min(tr.H, maxTraceUnits),
			GradH: nums(l.GradH[off:]), GradHLast: nums(l.GradHLast[off:])}
		if cell {
			u := ld.Units
			ld.X = matrix(l.X[off:], len(l.X[0]))
			ld.H = matrix(l.H[off:], u)
			if l.C != nil {
				ld.C = matrix(l.C[off:], u)
			}
			for _, g := range l.Gates {
				ld.Gates = append(ld.Gates, GateData{g.Name, matrix(g.V[off:], u)})
			}
			if tr.Cell == rnn.RNNTanh || tr.Cell == rnn.RNNReLU {
				ld.elmanTerms(tr.Model, k, l, off, u)
			}
		}
		d.Layers = append(d.Layers, ld)
	}
	if softmax {
		d.softmax(tr.Vocab, t, off)
	}
	return d
}

// elmanTerms computes the two products of each step of layer k from its
// weights, x_t·W_ihᵀ and h_{t-1}·W_hhᵀ (h_{-1} = 0), for the first units
// hidden units.
func (ld *LayerData) elmanTerms(m *rnn.Model, k int, l rnn.LayerTrace, off, units int) {
	wih := m.Param(fmt.Sprintf("rnn_layer.weight_ih_l%d", k))
	whh := m.Param(fmt.Sprintf("rnn_layer.weight_hh_l%d", k))
	bih := m.Param(fmt.Sprintf("rnn_layer.bias_ih_l%d", k))
	bhh := m.Param(fmt.Sprintf("rnn_layer.bias_hh_l%d", k))
	if wih == nil || whh == nil || bih == nil || bhh == nil {
		return
	}
	h, in := whh.Shape[0], wih.Shape[1]
	for t := off; t < len(l.X); t++ {
		xw, hw := make([]num, units), make([]num, units)
		for j := 0; j < units; j++ {
			var a, b float64
			for i := 0; i < in; i++ {
				a += l.X[t][i] * wih.W[j*in+i]
			}
			if t > 0 {
				for i := 0; i < h; i++ {
					b += l.H[t-1][i] * whh.W[j*h+i]
				}
			}
			xw[j], hw[j] = num(a), num(b)
		}
		ld.XW, ld.HW = append(ld.XW, xw), append(ld.HW, hw)
	}
	ld.Bih, ld.Bhh = nums(bih.W[:units]), nums(bhh.W[:units])
}

// softmax keeps the columns a reader needs: the tokens most likely at any
// step and every target, at most maxTraceCols, in vocabulary order.
func (d *TraceData) softmax(v *rnn.Vocab, t *rnn.Trace, off int) {
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
	// Every row's prediction and target first, then the tokens that are
	// likely somewhere.
	keep := map[int]bool{}
	for s, row := range probs {
		for _, id := range []int{argmaxOf(row), v.ID(d.Targets[s])} {
			if len(keep) < maxTraceCols {
				keep[id] = true
			}
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
	for id := 0; id < nv; id++ {
		if keep[id] {
			d.Cols = append(d.Cols, id)
			d.Names = append(d.Names, v.Token(id))
		}
	}
	for s, row := range probs {
		rest := 1.0
		pr, lg := make([]num, len(d.Cols)), make([]num, len(d.Cols))
		for j, id := range d.Cols {
			pr[j], lg[j] = num(row[id]), num(logits[s][id])
			rest -= row[id]
		}
		d.Probs, d.Logits = append(d.Probs, pr), append(d.Logits, lg)
		d.Rest = append(d.Rest, num(max(rest, 0)))
		d.Argmax = append(d.Argmax, argmaxOf(row))
		d.Target = append(d.Target, v.ID(d.Targets[s]))
	}
}

// argmaxOf is the index of the largest value, the first of ties (as
// PyTorch's argmax).
func argmaxOf(row []float64) int {
	best := 0
	for i, p := range row {
		if p > row[best] {
			best = i
		}
	}
	return best
}

func nums(x []float64) []num {
	out := make([]num, len(x))
	for i, v := range x {
		out[i] = num(v)
	}
	return out
}

// matrix copies the first width columns of each row.
func matrix(rows [][]float64, width int) [][]num {
	out := make([][]num, len(rows))
	for i, r := range rows {
		out[i] = nums(r[:min(width, len(r))])
	}
	return out
}

// export writes the current model as a checkpoint.
func (s *session) export(keep bool) Event {
	e := Event{Kind: "model", Run: s.run, Look: &LookEvent{Keep: keep}}
	if s.tr == nil {
		e.Error = "There is no model yet: fix the settings above first."
		return e
	}
	var buf bytes.Buffer
	if err := s.tr.LM.Save(&buf); err != nil {
		e.Error = sentence(err.Error())
		return e
	}
	e.Look.Model = buf.Bytes()
	return e
}

// importModel starts run from a checkpoint: the model's cell, sizes and
// tokenizer replace those of query, the rest (text, optimiser, steps) is
// kept. A file that cannot be read changes nothing.
func (s *session) importModel(run int, query string, data []byte) []Event {
	lm, err := rnn.LoadLM(data)
	if err != nil {
		return []Event{{Kind: "ready", Run: run, Error: sentence(err.Error())}}
	}
	settings, _ := DecodeQuery(query)
	c := &settings.Config
	c.Cell, c.Tokenizer, c.Embed, c.Hidden, c.Layers = lm.Cell, lm.Tokenizer, lm.E, lm.H, lm.L
	tr, err := rnn.NewTrainerFrom(lm, settings.Text, settings.Config)
	if err != nil {
		return []Event{{Kind: "ready", Run: run, Error: sentence(err.Error())}}
	}
	events := s.reset(run, settings.Query()) // a fresh session for run, then the loaded model in it
	s.tr = tr
	ready := &events[0]
	ready.Error, ready.State = "", statePaused
	s.state = statePaused
	ready.VocabSize = tr.Vocab.Size()
	ready.Vocab = tr.Vocab.Tokens()[:min(tr.Vocab.Size(), maxVocabShown)]
	ready.Look = &LookEvent{Query: settings.Query()}
	if a, ok := s.answer(); ok {
		events = append(events[:1], a)
	}
	s.look.pending = true
	return append(events, s.traceEvents(true)...)
}

// encodeModel and decodeModel keep a checkpoint as text (browser storage).
func encodeModel(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func decodeModel(s string) ([]byte, error) { return base64.StdEncoding.DecodeString(s) }
