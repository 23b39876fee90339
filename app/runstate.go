package app

// runView is what the page knows of the current run, assembled from the
// worker's events. It is plain data, merged by apply and tested natively.
type runView struct {
	Run   int
	State string // "" until the worker is ready, then as in the session
	Error string // why the run cannot start or stopped

	Vocab     []string
	VocabSize int
	Params    int64

	Step, Steps int
	Losses      []float64 // Losses[i] is the loss of step i+1
	StepsPerSec float64
	Workers     int    // workers training the run (1 + helpers)
	Notice      string // why the run went on with one worker
	Log         []LogEntry
	Live        *LogEntry

	Answer    Event // the latest answer to the ask prefix
	Generated Event // the latest continuation
}

// newRunView starts an empty view of run.
func newRunView(run int) runView { return runView{Run: run} }

// apply merges an event into the view and reports whether it belonged to
// this run (late events of an older run are dropped).
func (v *runView) apply(e Event) bool {
	if e.Run != v.Run {
		return false
	}
	switch e.Kind {
	case "ready":
		v.Error = e.Error
		v.State = e.State
		if e.Error != "" {
			v.State = stateError
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
	default:
		return false
	}
	return true
}

// lastLoss is the loss of the last step, ok false before any.
func (v *runView) lastLoss() (float64, bool) {
	if len(v.Losses) == 0 {
		return 0, false
	}
	return v.Losses[len(v.Losses)-1], true
}
