package main

import (
	"strings"
	"testing"
	"time"
)

// The notebook's time table and the goals read the measured numbers only:
// the rest is the median of total − computeMs, medians per row, a build without computeMs
// is said, and the student's first run is the warm-up's at the longest delay.
func TestNotebookTimeTable(t *testing.T) {
	s := spec{Config: "notebook", Cell: "RNN", timing: timing{Mode: "notebook", Steps: 151}}
	r := &report{
		Specs:   []spec{s},
		Results: map[string]map[string]result{ours.Key: {key(s): {MsPerStep: []float64{0.1}, TotalsMs: []float64{7, 6, 9}, ComputeMs: []float64{5, 5.5, 6}}}},
		FirstRuns: map[string][]firstRun{key(s): {
			{WarmUp: false, Delay: 0, Res: result{MsPerStep: []float64{1}, TotalsMs: []float64{80}, ComputeMs: []float64{60}}},
			{WarmUp: true, Delay: 2 * time.Second, Res: result{MsPerStep: []float64{1, 1, 1}, TotalsMs: []float64{4.5, 12, 8}, ComputeMs: []float64{4, 9, 7}}},
			{WarmUp: true, Delay: 0, Res: result{Err: "the trainer did not report its computeMs"}},
		}},
		Missing: map[string]string{},
	}
	var b strings.Builder
	r.writeNotebookTime(&b)
	for _, want := range []string{
		"| RNN | first run, no warm-up, Play as soon as ready (1) | 80.0 (80.0–80.0) | 60.0 (60.0–60.0) | 20.0 |",
		"| RNN | first run, warm-up, Play 2s after ready (3) | 8.00 (4.50–12.0) | 7.00 (4.00–9.00) | 1.00 |",
		"| RNN | first run, warm-up, Play as soon as ready | – | | the trainer did not report its computeMs |",
		"| RNN | all runs (3) | 7.00 (6.00–9.00) | 5.50 (5.00–6.00) | 2.00 |",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the table lacks\n%s\nin\n%s", want, b.String())
		}
	}
	if d, ok := r.studentFirstRun(); !ok || d != 2*time.Second {
		t.Errorf("studentFirstRun = %v, %v; want 2s", d, ok)
	}
	b.Reset()
	r.writeGoals(&b)
	if want := "| notebook: the same, first run of a visit (Play 2s after ready, warm-up on) | 8.00 ms ✗ | – | – |"; !strings.Contains(b.String(), want) {
		t.Errorf("the goals lack\n%s\nin\n%s", want, b.String())
	}
}
