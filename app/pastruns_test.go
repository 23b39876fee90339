package app

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/app/protocol"
)

func TestPastRunThinsLongCurves(t *testing.T) {
	v := protocol.NewRunView(1)
	for i := range 2500 {
		v.Losses = append(v.Losses, 3-float64(i)/1000)
	}
	r := newPastRun("a", protocol.DefaultSettings(), v)
	if r.Every != 3 || len(r.Losses) != 834 || r.Losses[1] != 2.997 || r.Steps != 2500 {
		t.Errorf("every %d, %d losses, second %v, steps %d", r.Every, len(r.Losses), r.Losses[1], r.Steps)
	}
	short := newPastRun("b", protocol.DefaultSettings(), protocol.RunView{Losses: []float64{2.30341234567}})
	if short.Every != 1 || short.Losses[0] != 2.30341 {
		t.Errorf("short run: every %d, %v", short.Every, short.Losses)
	}
}

func TestRememberRun(t *testing.T) {
	var list []pastRun
	for i := range 7 {
		list = rememberRun(list, pastRun{ID: fmt.Sprint(i), Steps: 1})
	}
	list = rememberRun(list, pastRun{ID: "4", Steps: 2})
	list = rememberRun(list, pastRun{ID: "empty"})
	var ids []string
	for _, r := range list {
		ids = append(ids, r.ID)
	}
	if got := strings.Join(ids, " "); got != "4 6 5 3 2" || list[0].Steps != 2 {
		t.Errorf("runs %q, want the newest first, one copy of each, %d at most", got, maxPastRuns)
	}
}

func TestRunDiff(t *testing.T) {
	a := protocol.DefaultSettings()
	b := a
	if got := runDiff(a, b); got != "the same settings" {
		t.Errorf("same: %q", got)
	}
	b.Set("lr", "0.01")
	b.Set("cell", "lstm")
	b.Set("text", "another sentence")
	b.Set("pace", "slow") // not the run's
	if got := runDiff(a, b); got != "cell rnn → lstm, lr 0.001 → 0.01, another text" {
		t.Errorf("diff %q", got)
	}
}

func TestCurvesCSV(t *testing.T) {
	got := curvesCSV([]curve{
		{Label: "now", Every: 1, Losses: []float64{2.5, 2.25, 2}},
		{Label: `lr 0.001 → 0.01, "big"`, Every: 2, Losses: []float64{3, 1, 0.5}},
	})
	want := "step,now,\"lr 0.001 → 0.01, \"\"big\"\"\"\n1,2.5,3\n2,2.25,\n3,2,1\n5,,0.5\n"
	if got != want {
		t.Errorf("CSV\n%s\nwant\n%s", got, want)
	}
}
