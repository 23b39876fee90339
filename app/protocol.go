package app

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

// Command is a message from the page to the worker.
type Command struct {
	Cmd string `json:"cmd"` // reset | play | pause | step | ask | generate | replica

	Run   int    `json:"run,omitempty"`   // reset: the new run's number
	Query string `json:"query,omitempty"` // reset: the run's settings, encoded as in the page's URL

	Prefix      string  `json:"prefix,omitempty"`      // ask, generate: the start of a text
	Tokens      int     `json:"tokens,omitempty"`      // generate: how many tokens to add
	Temperature float64 `json:"temperature,omitempty"` // generate: 0 is greedy
	Seed        uint64  `json:"seed,omitempty"`        // generate: sampling seed

	Look *LookCommand `json:"look,omitempty"` // watch, export, import: the teaching views (worker_trace.go)

	// replica: the first message a helper worker gets from the trainer
	// worker (helper_wasm.go); Query is the run's settings, Vocab the
	// trainer's vocabulary in id order.
	Vocab []string `json:"vocab,omitempty"`
	Share int      `json:"share,omitempty"` // which share of every batch, 1..Of-1
	Of    int      `json:"of,omitempty"`    // shares in all
}

// Event is a message from the worker to the page. Kind says which fields
// are set.
type Event struct {
	Kind  string `json:"kind"` // ready | progress | answer | generated
	Run   int    `json:"run"`
	Error string `json:"error,omitempty"` // in plain words, for the student

	// ready: the vocabulary (at most maxVocabShown tokens of VocabSize) and
	// the number of trainable parameters.
	Vocab     []string `json:"vocab,omitempty"`
	VocabSize int      `json:"vocabSize,omitempty"`
	Params    int64    `json:"params,omitempty"`

	// ready, progress: the workers training the run (1 + helpers), and why
	// it went on with one worker if its helpers failed.
	Workers int    `json:"workers,omitempty"`
	Notice  string `json:"notice,omitempty"`

	// progress: the steps taken since the previous progress event.
	// Losses[i] is the loss of step FirstStep+i (1-based).
	State       string     `json:"state,omitempty"` // paused | running | done | diverged
	Step        int        `json:"step,omitempty"`
	Steps       int        `json:"steps,omitempty"`
	FirstStep   int        `json:"firstStep,omitempty"`
	Losses      []float64  `json:"losses,omitempty"`
	StepsPerSec float64    `json:"stepsPerSec,omitempty"`
	Log         []LogEntry `json:"log,omitempty"`       // new notebook log entries
	Live        *LogEntry  `json:"live,omitempty"`      // the last step's predictions
	ComputeMs   float64    `json:"computeMs,omitempty"` // ms spent training (steps and their log entries) in this run so far

	// answer: the most likely next tokens after Prefix.
	Prefix string  `json:"prefix,omitempty"`
	Top    []Guess `json:"top,omitempty"`

	// generated: the continuation of Prefix.
	Text string `json:"text,omitempty"`

	Look *LookEvent `json:"look,omitempty"` // trace, model, ready after import (worker_trace.go)
}

// LogEntry is what the notebook prints every few steps: a header such as
// "[31/151] 1.9172" and, per sequence, the first input token followed by the
// argmax predictions.
type LogEntry struct {
	Header string   `json:"header"`
	Rows   []LogRow `json:"rows"`
	More   int      `json:"more,omitempty"` // rows left out to keep the message small
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
