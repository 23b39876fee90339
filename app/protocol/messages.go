// Package protocol is what crosses postMessage between the page (package
// app) and the trainer worker (package trainer): commands and events as
// typed values, the model's encoding, and the run's settings in their URL
// form. Both sides import it; it imports neither.
package protocol

import (
	"strings"

	"github.com/rnn-playground/rnn-playground/rnn"
)

// The page and the trainer worker talk by postMessage, one JSON string per
// message: the page sends Commands, the worker answers with Events. The
// worker owns the model; the page only draws what the events say.
//
//	page                               worker (same app.wasm, trainer mode)
//	{"cmd":"reset","run":2,"query":…} → builds data, vocabulary and model
//	                                  ← {"kind":"ready","run":2,"vocab":[…]}
//	{"cmd":"play"}                    → trains in slices of ~10 ms
//	                                  ← {"kind":"progress","run":2,"step":40,"losses":[…]}
//	{"cmd":"ask","prefix":"We are"}   ← {"kind":"answer","top":[{"token":"going","p":0.6}]}
//
// Every event carries the run it belongs to, so the page drops the late
// events of a run it has already reset.

// Cmd names a command.
type Cmd string

// The commands. The page sends all but Replica, which a trainer worker
// sends to the helper workers it starts.
const (
	Reset    Cmd = "reset"    // a new run of Query
	Play     Cmd = "play"     // train until paused or done
	Pause    Cmd = "pause"    // stop after the current step
	StepOnce Cmd = "step"     // Count steps (one if 0), when paused: one at once, more at the run's pace
	SetPace  Cmd = "pace"     // space the steps at Pace from now on
	History  Cmd = "history"  // the trace at step Count, from the run's history
	Schedule Cmd = "schedule" // the run's schedule is now Query (rnn.Schedule), changed while it trains
	Ask      Cmd = "ask"      // the next tokens after Prefix, now and after each change
	Generate Cmd = "generate" // continue Prefix by Tokens
	Watch    Cmd = "watch"    // trace for the teaching view Look.Watch
	States   Cmd = "states"   // the model's states over the text Prefix (a trace event with Look.Text)
	Export   Cmd = "export"   // the model as a checkpoint (Look.Keep: for the browser's storage)
	Import   Cmd = "import"   // a new run from the checkpoint Look.Model
	Replica  Cmd = "replica"  // helper workers: serve a share of every batch
	WarmUp   Cmd = "warmup"   // the page is drawn: the trainer may warm its code up (warmup.go)
)

// HaltsTraining reports whether cmd stops the run being trained, so that a
// step waiting for a helper gives up at once instead of holding it.
func (cmd Cmd) HaltsTraining() bool { return cmd == Pause || cmd == Reset || cmd == Import }

// CmdOf reads the command name at the start of a Command's JSON, without
// decoding the rest (an import carries a whole model): json.Marshal writes
// Cmd, the first field, first. It is "" for anything else.
func CmdOf(msg string) Cmd {
	const head = `{"cmd":"`
	if !strings.HasPrefix(msg, head) {
		return ""
	}
	name, _, ok := strings.Cut(msg[len(head):], `"`)
	if !ok {
		return ""
	}
	return Cmd(name)
}

// Command is a message from the page to the worker.
type Command struct {
	Cmd Cmd `json:"cmd"`

	Run   int      `json:"run,omitempty"`   // reset: the new run's number
	Query string   `json:"query,omitempty"` // reset: the run's settings, encoded as in the page's URL
	Goals []string `json:"goals,omitempty"` // reset: the exercise's goals (Goal.String), for the worker to probe

	Count int  `json:"count,omitempty"` // step: how many steps; history: which step
	Pace  Pace `json:"pace,omitempty"`  // pace: the new pace

	Prefix      string  `json:"prefix,omitempty"`      // ask, generate: the start of a text
	Tokens      int     `json:"tokens,omitempty"`      // generate: how many tokens to add
	Temperature float64 `json:"temperature,omitempty"` // generate: 0 is greedy
	Seed        uint64  `json:"seed,omitempty"`        // generate: sampling seed

	Look *LookCommand `json:"look,omitempty"` // watch, export, import: the teaching views (look.go)

	// replica: the first message a helper worker gets from the trainer
	// worker (app/trainer/helper_wasm.go); Query is the run's settings, Vocab the
	// trainer's vocabulary in id order.
	Vocab []string `json:"vocab,omitempty"`
	Share int      `json:"share,omitempty"` // which share of every batch, 1..Of-1
	Of    int      `json:"of,omitempty"`    // shares in all
}

// Kind names an event.
type Kind string

// The events.
const (
	Started   Kind = "started"   // the worker runs (before any run)
	Ready     Kind = "ready"     // a run is built, or refused (Error)
	Progress  Kind = "progress"  // steps taken, log entries, state
	Answer    Kind = "answer"    // the next tokens after Prefix
	Generated Kind = "generated" // a continuation of Prefix
	TraceKind Kind = "trace"     // a teaching view's trace (Look.Trace)
	ModelKind Kind = "model"     // a checkpoint (Look.Model)
	ProbeKind Kind = "probe"     // the exercise's goals measured on the model (Probes)
	Failed    Kind = "failed"    // the worker hit a bug or could not start
)

// State is where a run stands.
type State string

// The states, as the page shows them.
const (
	NotReady State = ""         // until the worker has built the run
	Paused   State = "paused"   // built, or paused: Play trains
	Running  State = "running"  // training
	Done     State = "done"     // every step taken
	Diverged State = "diverged" // the loss or the gradient stopped being finite
	Refused  State = "error"    // the settings did not give a trainable run
)

// Stopped reports whether a run in state s has trained and stands still:
// a model worth keeping.
func (s State) Stopped() bool { return s == Paused || s == Done || s == Diverged }

// Event is a message from the worker to the page. Kind says which fields
// are set.
type Event struct {
	Kind  Kind         `json:"kind"`
	Run   int          `json:"run"`
	Error *rnn.Problem `json:"error,omitempty"` // for the student, worded by the page

	// ready: the vocabulary (at most maxVocabShown tokens of VocabSize) and
	// the number of trainable parameters.
	Vocab     []string `json:"vocab,omitempty"`
	VocabSize int      `json:"vocabSize,omitempty"`
	Params    int64    `json:"params,omitempty"`

	// ready, progress: the workers training the run (1 + helpers), and why
	// it went on with one worker if its helpers failed.
	Workers int          `json:"workers,omitempty"`
	Notice  *rnn.Problem `json:"notice,omitempty"`

	// progress: the steps taken since the previous progress event.
	// Losses[i] is the loss of step FirstStep+i (1-based).
	State       State      `json:"state,omitempty"`
	Step        int        `json:"step,omitempty"`
	Steps       int        `json:"steps,omitempty"`
	FirstStep   int        `json:"firstStep,omitempty"`
	Losses      []float64  `json:"losses,omitempty"`
	StepsPerSec float64    `json:"stepsPerSec,omitempty"`
	Log         []LogEntry `json:"log,omitempty"`       // new notebook log entries
	Live        *LogEntry  `json:"live,omitempty"`      // the last step's predictions
	ComputeMs   float64    `json:"computeMs,omitempty"` // ms spent training (steps and their log entries) in this run so far, not waiting for its pace: the benchmark page's measure of what the messages cost

	// answer: the most likely next tokens after Prefix.
	// Unknown lists the prefix's tokens the model does not know, read as <unk>.
	Prefix  string   `json:"prefix,omitempty"`
	Top     []Guess  `json:"top,omitempty"`
	Unknown []string `json:"unknown,omitempty"`

	// generated: the continuation of Prefix.
	Text string `json:"text,omitempty"`

	Look *LookEvent `json:"look,omitempty"` // trace, model, ready after import (look.go)

	// probe: the goals of the reset command that the page cannot check
	// from the losses and the log, measured on the model at Step.
	Probes []Probe `json:"probes,omitempty"`
}

// Probe is one goal measured on the model after a step: a next-token
// goal's probability and rank, a gradient goal's decades.
type Probe struct {
	Goal    int     `json:"goal"`              // the goal's index in the reset command's Goals
	Step    int     `json:"step"`              // the steps taken when measured
	P       float64 `json:"p,omitempty"`       // next: the token's probability after the prefix
	Rank    int     `json:"rank,omitempty"`    // next: 1 for the most likely token; 0 when the vocabulary lacks it
	Decades float64 `json:"decades,omitempty"` // gradient: what ‖∂ℓ_T/∂h_t‖ loses from the last step to the first (Falloff), the most of any layer
	Value   float64 `json:"value,omitempty"`   // state: h_t[unit] of the layer, for the first sequence
	NoState bool    `json:"noState,omitempty"` // state: the sequence has no such step, or the model no such unit or layer
}

// LogEntry is what the notebook prints every few steps: a header such as
// "[31/151] 1.9172" and, per sequence, the first input token followed by the
// argmax predictions.
type LogEntry struct {
	Step   int      `json:"step"` // the step printed
	Header string   `json:"header"`
	Rows   []LogRow `json:"rows"`
	More   int      `json:"more,omitempty"`   // rows left out to keep the message small
	Sample string   `json:"sample,omitempty"` // text the model writes at this step (character and corpus runs)
}

// LogRow is one printed prediction line. Text is exactly the notebook's
// line; Tokens and Wrong give the same line token by token, Wrong[i] when
// Tokens[i] is not the target (the first token is an input, never wrong).
type LogRow struct {
	Text   string   `json:"text"`
	Tokens []string `json:"tokens"`
	Wrong  []bool   `json:"wrong"`
}

// Guess is a candidate next token and its probability.
type Guess struct {
	Token string  `json:"token"`
	P     float64 `json:"p"`
}

// NoModel is the worker's answer to a command that needs a model while the
// settings give none.
var NoModel = rnn.NewProblem(rnn.CodeNoModel)
