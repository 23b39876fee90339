package app

import "github.com/rnn-playground/rnn-playground/app/protocol"

// origin is where the run's weights come from: the seed (the notebook's
// numbers), the model this browser kept at the end of a visit, or a model
// file. A kept model comes with its history, so the page can show how it
// got there.
type origin struct {
	Kind   originKind
	Name   string              // fromFile: the file's name
	Step   int                 // fromKept: the step the model had reached
	Losses []float64           // fromKept: its loss curve, Losses[i] of step i+1
	Log    []protocol.LogEntry // fromKept: its log
	Live   *protocol.LogEntry  // fromKept: its last step's predictions
	Saved  string              // fromKept: when it was kept (RFC 3339)
	Run    string              // fromKept: the run's ID (runlist.go)

	// The text's tokens the model does not know (at most
	// protocol.MaxUnknownShown of UnknownCount), and what the student
	// chose to do about them.
	Unknown      []string
	UnknownCount int
	Choice       unknownChoice
}

type originKind int

const (
	fromSeed originKind = iota
	fromKept
	fromFile
)

// unknownChoice is what the student does with a model that does not know
// some of the text's tokens.
type unknownChoice int

const (
	undecided   unknownChoice = iota
	trainAnyway               // train on the text: its unknown tokens are read as <unk>
	askOnly                   // keep the model for Ask only: no training
)

// restored reports whether the weights come from somewhere else than the
// seed.
func (o origin) restored() bool { return o.Kind != fromSeed }

// trainBlock says why Train waits for the student, or is "", in the
// page's language.
func (o origin) trainBlock() string {
	switch {
	case o.UnknownCount > 0 && o.Choice == undecided:
		return T("The model does not know some tokens of the text: choose what to do above.")
	case o.Choice == askOnly:
		return T("This model is kept for Ask only. Start over from the seed to train.")
	}
	return ""
}
