package rnn

import (
	"math"
	"testing"
)

func TestScheduleRoundTrip(t *testing.T) {
	s, err := ParseSchedule("61:clip=1, 31:lr=0.01,91:lr=2e-3")
	if err != nil {
		t.Fatal(err)
	}
	if got := s.String(); got != "31:lr=0.01,61:clip=1,91:lr=0.002" {
		t.Errorf("String() = %q", got)
	}
	if got := s.With(Change{Step: 31, What: "lr", Value: 0.05}).String(); got != "31:lr=0.05,61:clip=1,91:lr=0.002" {
		t.Errorf("With = %q", got)
	}
	for _, bad := range []string{"31:lr", "0:lr=1", "x:lr=1", "3:momentum=1", "3:lr=0", "3:lr=1000", "3:clip=-1", "3:lr=NaN"} {
		if _, err := ParseSchedule(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// A change takes effect at its step: the losses up to it are those of the
// run without it (a step's loss comes before its update), the next differ;
// a trainer resumed past the change uses it.
func TestScheduleChangesFromItsStep(t *testing.T) {
	run := func(sched string, steps int) (*Trainer, []float64) {
		cfg := DefaultConfig()
		cfg.Schedule, _ = ParseSchedule(sched)
		tr, err := NewTrainer("We are going to watch Avengers End Game", cfg)
		if err != nil {
			t.Fatal(err)
		}
		var losses []float64
		for range steps {
			l, err := tr.Step()
			if err != nil {
				t.Fatal(err)
			}
			losses = append(losses, l)
		}
		return tr, losses
	}
	_, plain := run("", 40)
	tr, changed := run("31:lr=0.05", 40)
	for i := range 31 {
		if math.Float64bits(plain[i]) != math.Float64bits(changed[i]) {
			t.Fatalf("step %d differs before the change", i+1)
		}
	}
	if plain[31] == changed[31] {
		t.Error("the learning rate changed nothing at step 32")
	}
	if lr, _ := tr.Config.Schedule.At(tr.Config, 35); lr != 0.05 {
		t.Errorf("At(35) lr = %v", lr)
	}
	if lr, clip := tr.Config.Schedule.At(tr.Config, 30); lr != 0.001 || clip != 0 {
		t.Errorf("At(30) = %v, %v", lr, clip)
	}
}
