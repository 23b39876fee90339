package protocol

import "github.com/rnn-playground/rnn-playground/rnn"

// RunView is what the page knows of the current run, assembled from the
// worker's events. It is plain data, merged by Apply and tested natively.
type RunView struct {
	Run   int
	State State        // NotReady until the worker has built the run
	Error *rnn.Problem // why the run cannot start or stopped

	Vocab     []string
	VocabSize int
	Params    int64

	Step, Steps int
	Losses      []float64 // Losses[i] is the loss of step i+1
	StepsPerSec float64
	Workers     int          // workers training the run (1 + helpers)
	Notice      *rnn.Problem // why the run went on with one worker
	Log         []LogEntry
	Live        *LogEntry

	Answer    Event // the latest answer to the ask prefix
	Generated Event // the latest continuation

	Probes []Probe // the exercise's goals measured, in the order of the steps
}

// NewRunView starts an empty view of run.
func NewRunView(run int) RunView { return RunView{Run: run} }

// Apply merges an event into the view and reports whether it belonged to
// this run (late events of an older run are dropped).
func (v *RunView) Apply(e Event) bool {
	if e.Run != v.Run {
		return false
	}
	switch e.Kind {
	case "ready":
		v.Error = e.Error
		v.State = e.State
		if e.Error != nil {
			v.State = Refused
		}
		v.Vocab, v.VocabSize, v.Params, v.Steps = e.Vocab, e.VocabSize, e.Params, e.Steps
		v.Workers, v.Notice = e.Workers, e.Notice
	case "progress":
		v.State, v.Error = e.State, e.Error
		v.Step, v.Steps, v.StepsPerSec = e.Step, e.Steps, e.StepsPerSec
		v.Workers, v.Notice = e.Workers, e.Notice
		// Losses arrive in order; a gap (a lost message) is never filled in
		// with invented values, and a repeat is not counted twice.
		if e.FirstStep == len(v.Losses)+1 {
			v.Losses = append(v.Losses, e.Losses...)
		}
		v.Log = append(v.Log, e.Log...)
		if e.Live != nil {
			v.Live = e.Live
		}
	case "answer":
		v.Answer = e
	case "generated":
		v.Generated = e
	case ProbeKind:
		v.Probes = append(v.Probes, e.Probes...)
	default:
		return false
	}
	return true
}

// LastLoss is the loss of the last step, ok false before any.
func (v *RunView) LastLoss() (float64, bool) {
	if len(v.Losses) == 0 {
		return 0, false
	}
	return v.Losses[len(v.Losses)-1], true
}
