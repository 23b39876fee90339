package app

import (
	"fmt"
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

// Axis labels fit the margin: at most tickChars characters for any value a
// loss or a gradient takes, 1.83e+25 included.
func TestTickLabelsFitTheMargin(t *testing.T) {
	for _, tt := range []struct {
		x    float64
		want string
	}{
		{0, "0"}, {2.1972, "2.2"}, {0.393, "0.393"}, {0.0123, "0.0123"}, {999, "999"},
		{1000, "1e3"}, {1.83e25, "1.8e25"}, {0.004, "4e-3"}, {1e-30, "1e-30"}, {2.5e-7, "2.5e-7"},
	} {
		if got := tickLabel(tt.x); got != tt.want {
			t.Errorf("tickLabel(%g) = %q, want %q", tt.x, got, tt.want)
		}
	}
	for e := -99.0; e <= 99; e += 0.37 {
		if s := tickLabel(1.2345 * math.Pow(10, e)); len(s) > tickChars {
			t.Errorf("tickLabel(1.2345e%.2f) = %q: %d characters", e, s, len(s))
		}
	}
	if got := shorten("Avengers", 5); got != "Aven…" {
		t.Errorf("shorten = %q", got)
	}
}

// A gradient that grows going back is said to grow, not to be "-106
// decades smaller".
func TestGradientSentence(t *testing.T) {
	grow := gradientSentence("layer 1", []float64{1e20, 1e10, 1e-3})
	fall := gradientSentence("layer 1", []float64{1e-9, 1e-5, 0.5})
	if !strings.Contains(grow, "grows 23.0 decades") || strings.Contains(grow, "smaller") {
		t.Errorf("growing: %q", grow)
	}
	if !strings.Contains(fall, "8.7 decades") || !strings.Contains(fall, "smaller") {
		t.Errorf("falling: %q", fall)
	}
}

func TestAxisGrowsWithALongRun(t *testing.T) {
	for _, c := range []struct{ run, drawn, want int }{
		{151, 0, 151}, {151, 10, 151}, {151, 151, 151}, // the notebook's run: the whole run at once
		{1000, 3, 1000}, {1500, 0, 1000}, {1500, 499, 1000}, {1500, 501, 1500},
		{100_000, 0, 1000}, {100_000, 300, 1000}, {100_000, 600, 2000},
		{100_000, 1100, 5000}, {100_000, 2600, 10_000}, {100_000, 9000, 20_000},
		{100_000, 30_000, 100_000}, {100_000, 100_000, 100_000},
	} {
		got := axisSteps(c.run, c.drawn)
		if got != c.want {
			t.Errorf("axisSteps(%d, %d) = %d, want %d", c.run, c.drawn, got, c.want)
		}
		if got < min(c.drawn, c.run) {
			t.Errorf("axisSteps(%d, %d) = %d cuts the curve", c.run, c.drawn, got)
		}
	}
}

// The axes are labelled at round values, as a student reads a ruler.
func TestTicksAreRound(t *testing.T) {
	for _, tt := range []struct {
		lo, hi float64
		log    bool
		want   []float64
	}{
		{0.393, 2.3, false, []float64{2, 1.5, 1, 0.5}},         // the notebook's run
		{0.0012, 0.0197, false, []float64{0.015, 0.01, 0.005}}, // near the end of a run
		{1, 100, true, []float64{100, 10, 1}},
		{0.02, 3.7, true, []float64{1, 0.1}},
		{0.393, 2.3, true, []float64{2, 1, 0.5}},                  // the notebook's run on the log scale
		{0.3930, 0.3932, false, []float64{0.3932, 0.3931, 0.393}}, // written alike: the ends and the middle
	} {
		p := plot{YMin: tt.lo, YMax: tt.hi, Log: tt.log, W: 100, H: 100, Steps: 10}
		got := p.ticks()
		if len(got) != len(tt.want) {
			t.Errorf("[%g, %g] log %v: ticks %v, want %v", tt.lo, tt.hi, tt.log, got, tt.want)
			continue
		}
		for i := range got {
			if math.Abs(got[i]-tt.want[i]) > 1e-9*math.Abs(tt.want[i]) {
				t.Errorf("[%g, %g] log %v: ticks %v, want %v", tt.lo, tt.hi, tt.log, got, tt.want)
				break
			}
		}
	}
	for _, tt := range []struct {
		steps int
		want  []int
	}{{151, []int{50, 100}}, {1000, []int{200, 400, 600, 800}}, {40, []int{10, 20, 30}}, {3, []int{2}}} {
		p := plot{Steps: tt.steps}
		if got := p.stepTicks(); fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%d steps: step ticks %v, want %v", tt.steps, got, tt.want)
		}
	}
}
