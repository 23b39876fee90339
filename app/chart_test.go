package app

import (
	"math"
	"strings"
	"testing"
)

func TestPlotPoints(t *testing.T) {
	losses := []float64{2, 1.5, 1, 0.5}
	p := newPlot(losses, 4, false, 300, 100)
	if got, want := p.points(losses), "0.0,0.0 100.0,33.3 200.0,66.7 300.0,100.0"; got != want {
		t.Errorf("points = %q, want %q", got, want)
	}
	// The x axis spans the whole run, so early steps sit on the left.
	p = newPlot(losses[:2], 4, false, 300, 100)
	if got, want := p.points(losses[:2]), "0.0,0.0 100.0,100.0"; got != want {
		t.Errorf("partial run points = %q, want %q", got, want)
	}
}

func TestPlotLogScale(t *testing.T) {
	losses := []float64{100, 10, 1}
	p := newPlot(losses, 3, true, 200, 100)
	if got, want := p.points(losses), "0.0,0.0 100.0,50.0 200.0,100.0"; got != want {
		t.Errorf("log points = %q, want %q", got, want)
	}
	if got := p.ticks()[1]; math.Abs(got-10) > 1e-9 {
		t.Errorf("log mid tick = %g, want 10", got)
	}
}

func TestPlotReducesLongRuns(t *testing.T) {
	losses := make([]float64, 100_000)
	for i := range losses {
		losses[i] = 1 / float64(i+1)
	}
	losses[54_321] = 50 // a spike must survive the reduction
	p := newPlot(losses, len(losses), false, 600, 200)
	pts := strings.Fields(p.points(losses))
	if len(pts) > maxChartPoints || len(pts) < maxChartPoints/2 {
		t.Errorf("%d vertices, want between %d and %d", len(pts), maxChartPoints/2, maxChartPoints)
	}
	if !strings.Contains(p.points(losses), ",0.0") {
		t.Errorf("the spike (the maximum) is not drawn")
	}
}

func TestPlotDegenerate(t *testing.T) {
	for _, losses := range [][]float64{nil, {1}, {2, 2, 2}, {0, 0}} {
		for _, log := range []bool{false, true} {
			p := newPlot(losses, 10, log, 100, 100)
			for _, f := range strings.FieldsFunc(p.points(losses), func(r rune) bool { return r == ' ' || r == ',' }) {
				if strings.Contains(f, "NaN") || strings.Contains(f, "Inf") {
					t.Errorf("losses %v log %v: vertex %q", losses, log, f)
				}
			}
		}
	}
}
