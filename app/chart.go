package app

import (
	"math"
	"strconv"
	"strings"
)

// maxChartPoints bounds the vertices of the loss curve: beyond it steps are
// grouped into buckets and each bucket draws its lowest and highest loss,
// so spikes stay visible however long the run.
const maxChartPoints = 1200

// plot maps losses to the drawing area of a chart w×h (SVG units, y down).
// The x axis spans the whole run (steps), so the curve grows to the right;
// the y axis spans the losses seen, linearly or in log10.
type plot struct {
	W, H       float64
	Steps      int
	Log        bool
	YMin, YMax float64 // the loss range drawn (not logged)
}

// newPlot fits the y axis to losses. Non-positive losses cannot be drawn on
// a log axis; they are clamped to a tiny value.
func newPlot(losses []float64, steps int, logScale bool, w, h float64) plot {
	p := plot{W: w, H: h, Steps: max(steps, len(losses), 1), Log: logScale, YMin: math.Inf(1), YMax: math.Inf(-1)}
	for _, l := range losses {
		p.YMin, p.YMax = math.Min(p.YMin, l), math.Max(p.YMax, l)
	}
	if len(losses) == 0 {
		p.YMin, p.YMax = 0, 1
	}
	if logScale {
		p.YMin, p.YMax = math.Max(p.YMin, 1e-6), math.Max(p.YMax, 1e-6)
	}
	if p.YMax == p.YMin { // a flat line sits in the middle
		p.YMin, p.YMax = p.YMin*0.9-1e-9, p.YMax*1.1+1e-9
	}
	return p
}

// X is the abscissa of 1-based step.
func (p plot) X(step int) float64 {
	if p.Steps <= 1 {
		return 0
	}
	return p.W * float64(step-1) / float64(p.Steps-1)
}

// Y is the ordinate of loss.
func (p plot) Y(loss float64) float64 {
	lo, hi, v := p.YMin, p.YMax, loss
	if p.Log {
		lo, hi, v = math.Log10(lo), math.Log10(hi), math.Log10(math.Max(v, 1e-6))
	}
	return p.H * (hi - v) / (hi - lo)
}

// points is the SVG polyline of the losses: one vertex per step, or per
// bucket extreme when the run has more than maxChartPoints steps.
func (p plot) points(losses []float64) string {
	var b strings.Builder
	vertex := func(step int, loss float64) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.FormatFloat(p.X(step), 'f', 1, 64))
		b.WriteByte(',')
		b.WriteString(strconv.FormatFloat(p.Y(loss), 'f', 1, 64))
	}
	if len(losses) <= maxChartPoints {
		for i, l := range losses {
			vertex(i+1, l)
		}
		return b.String()
	}
	per := (len(losses) + maxChartPoints/2 - 1) / (maxChartPoints / 2) // steps per bucket
	for start := 0; start < len(losses); start += per {
		end := min(start+per, len(losses))
		lo, hi := start, start
		for i := start; i < end; i++ {
			if losses[i] < losses[lo] {
				lo = i
			}
			if losses[i] > losses[hi] {
				hi = i
			}
		}
		first, second := min(lo, hi), max(lo, hi)
		vertex(first+1, losses[first])
		if second != first {
			vertex(second+1, losses[second])
		}
	}
	return b.String()
}

// A run longer than minAxisSteps is not drawn over its whole length from the
// start: its first few hundred steps would be a vertical line at the left.
// The x axis ends at a round step (1, 2 or 5 × 10ⁿ) at least twice as far as
// the curves drawn, and grows in those jumps until it spans the run.
const minAxisSteps = 1000

// axisSteps is the last step of the x axis for a run of run steps of which
// the curves reach step drawn.
func axisSteps(run, drawn int) int {
	return min(max(minAxisSteps, int(roundStep(2*float64(drawn)))), run)
}

// curvePoints is the SVG polyline of an earlier run's curve (at most
// maxPastPoints losses, so one vertex each).
func (p plot) curvePoints(c curve) string {
	var b strings.Builder
	for i, l := range c.Losses {
		if i > 0 {
			b.WriteByte(' ')
		}
		step := i*max(c.Every, 1) + 1
		b.WriteString(strconv.FormatFloat(p.X(step), 'f', 1, 64))
		b.WriteByte(',')
		b.WriteString(strconv.FormatFloat(p.Y(l), 'f', 1, 64))
	}
	return b.String()
}

// ticks are the loss values labelled on the y axis, from the top: round
// values inside the range drawn (1, 2 or 5 × 10ⁿ apart; on a log axis
// powers of ten, or 1, 2 and 5 times them), or, where fewer than two fit,
// the ends and the middle.
func (p plot) ticks() []float64 {
	var ts []float64
	if p.Log {
		// Powers of ten; within a decade or two, 1, 2 and 5 times them.
		for _, ms := range [][]float64{{1}, {5, 2, 1}} {
			ts = ts[:0]
			for e := math.Floor(math.Log10(p.YMax)); e >= math.Floor(math.Log10(p.YMin)); e-- {
				for _, m := range ms {
					if v := m * math.Pow(10, e); v <= p.YMax && v >= p.YMin {
						ts = append(ts, v)
					}
				}
			}
			if len(ts) >= 2 {
				break
			}
		}
	} else {
		step := roundStep((p.YMax - p.YMin) / 4)
		for k := math.Floor(p.YMax / step); k*step >= p.YMin; k-- {
			ts = append(ts, k*step)
		}
	}
	if len(ts) >= 2 && len(ts) <= 8 && distinctLabels(ts) {
		return ts
	}
	mid := (p.YMin + p.YMax) / 2
	if p.Log {
		mid = math.Sqrt(p.YMin * p.YMax)
	}
	return []float64{p.YMax, mid, p.YMin}
}

// distinctLabels reports whether no two ticks are written alike.
func distinctLabels(ts []float64) bool {
	for i := 1; i < len(ts); i++ {
		if tickLabel(ts[i]) == tickLabel(ts[i-1]) {
			return false
		}
	}
	return true
}

// stepTicks are the steps labelled along the x axis between its ends:
// round steps, none too near an end for its label.
func (p plot) stepTicks() []int {
	var ts []int
	step := max(int(roundStep(float64(p.Steps)/5)), 1)
	for s := step; s < p.Steps; s += step {
		if s > 1 && 8*s >= p.Steps && 8*s <= 7*p.Steps {
			ts = append(ts, s)
		}
	}
	return ts
}

// roundStep is the round value (1, 2 or 5 × 10ⁿ) nearest above x > 0.
func roundStep(x float64) float64 {
	if !(x > 0) || math.IsInf(x, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= x*(1-1e-9) {
			return m * p
		}
	}
	return 10 * p
}

// tickLabel writes an axis value in at most 6 characters: 3 significant
// digits from 0.01 to 999, else 2 (1 beside a long exponent) in a short
// exponent form (1.8e25, 3e-7, 4e-10), so that no label is wider than the
// chart's margin (tickChars).
func tickLabel(x float64) string {
	if a := math.Abs(x); x == 0 || a >= 0.01 && a < 999.5 {
		return strconv.FormatFloat(x, 'g', 3, 64)
	}
	short := func(digits int) string {
		mant, exp, _ := strings.Cut(strconv.FormatFloat(x, 'e', digits, 64), "e")
		e, _ := strconv.Atoi(exp)
		return strings.TrimSuffix(mant, ".0") + "e" + strconv.Itoa(e)
	}
	if s := short(1); len(s) <= tickChars {
		return s
	}
	return short(0) // 1e-11: a long exponent leaves room for one digit
}

// The charts' tick labels are at most tickChars characters of a monospace
// font of at most tickFontMax SVG units (web/style.css: larger on a phone,
// where the chart is drawn at half its size); a character is 0.6 em wide.
const (
	tickChars   = 6
	tickFontMax = 18.0
	tickCharW   = 0.6 * tickFontMax
	tickMargin  = tickChars*tickCharW + 8 // room left of the y axis
)

// shorten cuts s to at most n characters, ending in "…" when cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n || n < 2 {
		return s
	}
	return string(r[:n-1]) + "…"
}
