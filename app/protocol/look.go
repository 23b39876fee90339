package protocol

import (
	"encoding/base64"
	"math"
	"strconv"
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
	WatchNone     = ""
	WatchAll      = "all"      // everything
	WatchSoftmax  = "softmax"  // the softmax table: probabilities and logits
	WatchCell     = "cell"     // inside the cell: inputs, states, gates, step terms
	WatchGradient = "gradient" // only the gradient norms (also compare mode's workers)
	WatchUnrolled = "unrolled" // the unrolled network: states and gates of the first UnrolledUnits units, the predictions
)

// UnrolledUnits is how many hidden units the unrolled view draws (in at
// most a dozen squares a strip): a classroom trace of 64 units cost the
// page's main thread too much to decode and draw at every step.
const UnrolledUnits = 24

// LookCommand is the Look field of a watch, export or import command.
type LookCommand struct {
	Watch string `json:"watch,omitempty"` // watch: WatchNone, WatchAll, WatchSoftmax, WatchCell, WatchGradient, WatchUnrolled
	Row   int    `json:"row,omitempty"`   // watch: which sequence of the batch to trace
	Model []byte `json:"model,omitempty"` // import: a safetensors checkpoint
	Keep  bool   `json:"keep,omitempty"`  // export: for the browser's storage, not a download
	Step  int    `json:"step,omitempty"`  // import: the step of its run the model had reached
}

// LookEvent is the Look field of a trace, model or ready event.
type LookEvent struct {
	Trace *TraceData `json:"trace,omitempty"`
	Past  bool       `json:"past,omitempty"`  // trace: answers History, from the run's history (nil Trace: none kept)
	Text  bool       `json:"text,omitempty"`  // trace: answers States, the states over the student's text
	Model []byte     `json:"model,omitempty"` // model: the checkpoint
	Keep  bool       `json:"keep,omitempty"`  // model: answers an export with Keep
	Query string     `json:"query,omitempty"` // ready after import: the model's settings
	// ready after import: the text's tokens the model does not know (the
	// first MaxUnknownShown, in order of appearance) and how many in all.
	Unknown      []string `json:"unknown,omitempty"`
	UnknownCount int      `json:"unknownCount,omitempty"`
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
	Loss    Num      `json:"loss"`

	// Softmax, over the columns Cols (vocabulary ids, in vocabulary order);
	// Rest[t] is the probability of all other tokens at step t, so that
	// sum(Probs[t]) + Rest[t] = 1 (softmax over the last axis).
	Cols   []int    `json:"cols,omitempty"`
	Names  []string `json:"names,omitempty"` // token of each column
	Vocab  int      `json:"vocab,omitempty"` // the vocabulary's size, of which Cols
	Argmax []int    `json:"argmax,omitempty"`
	Target []int    `json:"target,omitempty"` // vocabulary id of each target
	Logits [][]Num  `json:"logits,omitempty"` // (T, len(Cols))
	Probs  [][]Num  `json:"probs,omitempty"`  // (T, len(Cols))
	Rest   []Num    `json:"rest,omitempty"`   // (T)

	Layers []LayerData `json:"layers"`
}

// LayerData is one layer of the trace. H, C and the gates keep the first
// Units hidden units of Hidden; X is the layer's whole input.
type LayerData struct {
	Hidden int        `json:"hidden"`
	Units  int        `json:"units"`
	X      [][]Num    `json:"x,omitempty"`
	H      [][]Num    `json:"h,omitempty"`
	C      [][]Num    `json:"c,omitempty"`
	Gates  []GateData `json:"gates,omitempty"`
	// For the Elman cell, the terms of each step's sum (the first Units):
	// h_t = tanh(XW[t] + Bih + HW[t] + Bhh), XW[t] = x_t·W_ihᵀ, HW[t] = h_{t-1}·W_hhᵀ.
	XW  [][]Num `json:"xw,omitempty"`
	HW  [][]Num `json:"hw,omitempty"`
	Bih []Num   `json:"bih,omitempty"`
	Bhh []Num   `json:"bhh,omitempty"`

	GradH     []Num `json:"gradH"`     // ‖∂L/∂h_t‖
	GradHLast []Num `json:"gradHLast"` // ‖∂ℓ_T/∂h_t‖
}

// GateData is one gate's activations, (T, Units).
type GateData struct {
	Name string  `json:"name"`
	V    [][]Num `json:"v"`
}

// MaxUnknownShown bounds the unknown tokens an event lists.
const MaxUnknownShown = 20

// Num is a float64 that travels as JSON with 5 significant digits, and as
// null when it is not finite (JSON has no NaN).
type Num float64

func (x Num) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', 5, 64), nil
}

// EncodeModel and DecodeModel keep a checkpoint as text (browser storage).
func EncodeModel(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func DecodeModel(s string) ([]byte, error) { return base64.StdEncoding.DecodeString(s) }
