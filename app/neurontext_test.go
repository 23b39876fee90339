package app

import (
	"math"
	"testing"

	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// A unit that is high on the span and low elsewhere ranks first, with its
// mean inside minus its mean outside; a unit that is constant scores 0.
func TestRankUnits(t *testing.T) {
	rows := [][]protocol.Num{ // (T=4, units=3)
		{0.5, 0.1, -0.2},
		{0.5, 0.9, 0.3},
		{0.5, 0.8, 0.1},
		{0.5, 0.0, -0.6},
	}
	got := rankUnits(rows, [2]int{1, 2})
	if len(got) != 3 || got[0].Unit != 1 || math.Abs(got[0].Score-(0.85-0.05)) > 1e-9 {
		t.Fatalf("ranking %+v, want unit 1 first with 0.80", got)
	}
	if got[1].Unit != 2 || math.Abs(got[1].Score-(0.2-(-0.4))) > 1e-9 || got[2].Unit != 0 || got[2].Score != 0 {
		t.Errorf("ranking %+v", got)
	}
	if rankUnits(rows, [2]int{-1, -1}) != nil {
		t.Error("no span, yet a ranking")
	}
}
