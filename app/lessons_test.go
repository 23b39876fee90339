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

// Every lesson is an exercise: its link opens without a problem, in either
// language, with the lesson's words and every goal.
func TestLessonsAreExercises(t *testing.T) {
	defer func(l string) { uiLang = l }(uiLang)
	for _, lang := range []string{English, Korean} {
		uiLang = lang
		for _, l := range lessons {
			q := lessonLink(l)
			if _, probs := protocol.DecodeQuery(q); len(probs) != 0 {
				t.Errorf("%s (%s): the link has problems %v", l.ID, lang, probs)
			}
			e, probs := protocol.DecodeExercise(q)
			if len(probs) != 0 || e.Title != T(l.Title) || e.Question != T(l.Question) || len(e.Goals) != len(l.Goals) || len(e.Goals) == 0 {
				t.Errorf("%s (%s): exercise %+v, problems %v", l.ID, lang, e, probs)
			}
		}
	}
}

// lossGoalMet trains the lesson's run with edit applied and checks its
// loss goals as the page does, from the losses.
func lossGoalMet(t *testing.T, id string, edit func(c *rnn.Config)) bool {
	t.Helper()
	for _, l := range lessons {
		if l.ID != id {
			continue
		}
		s, _ := protocol.DecodeQuery(l.Query)
		edit(&s.Config)
		tr, err := rnn.NewTrainer(s.Text, s.Config)
		if err != nil {
			t.Fatal(err)
		}
		v := protocol.RunView{State: protocol.Running}
		for !tr.Done() {
			loss, err := tr.Step()
			if err != nil {
				v.State = protocol.Diverged
				break
			}
			v.Losses = append(v.Losses, loss)
		}
		met := true
		for i, q := range l.Goals {
			g, _ := protocol.ParseGoal(q)
			met = met && g.Check(i, s, &v).Met
		}
		return met
	}
	t.Fatalf("no lesson %s", id)
	return false
}

// The learning-rate lessons ask what they can: the link's own settings
// fail the goal, the answer the lesson leads to meets it.
func TestLearningRateLessonsHaveAnAnswer(t *testing.T) {
	for _, c := range []struct {
		lesson string
		edit   func(c *rnn.Config)
		want   bool
	}{
		{"lr", func(c *rnn.Config) {}, false},
		{"lr", func(c *rnn.Config) { c.LR = 0.003 }, false},
		{"lr", func(c *rnn.Config) { c.LR = 0.01 }, true},
		{"diverge", func(c *rnn.Config) {}, false},
		{"diverge", func(c *rnn.Config) { c.Clip = 1 }, true},
	} {
		if got := lossGoalMet(t, c.lesson, c.edit); got != c.want {
			t.Errorf("%s: goals met %v, want %v", c.lesson, got, c.want)
		}
	}
}
