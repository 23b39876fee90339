package app

import (
	"errors"
	"testing"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// The clipping lesson does what it says: without clipping the loss
// diverges, with clip=1 it does not.
func TestDivergeLesson(t *testing.T) {
	var l lesson
	for _, x := range lessons {
		if x.ID == "diverge" {
			l = x
		}
	}
	s, _ := protocol.DecodeQuery(l.Query)
	run := func(c rnn.Config) error {
		tr, err := rnn.NewTrainer(s.Text, c)
		if err != nil {
			t.Fatal(err)
		}
		for !tr.Done() {
			if _, err := tr.Step(); err != nil {
				return err
			}
		}
		return nil
	}
	var d *rnn.DivergedError
	if err := run(s.Config); !errors.As(err, &d) {
		t.Errorf("the lesson's run does not diverge: %v", err)
	}
	clipped := s.Config
	clipped.Clip = 1
	if err := run(clipped); err != nil {
		t.Errorf("with clip=1 it still fails: %v", err)
	}
}
