package app

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// gradientView is the notebook's long-term dependency lesson made
// visible: ‖∂ℓ_T/∂h_t‖, how much of the last prediction's error reaches
// each earlier time step, on a log scale. For a plain RNN it falls by
// orders of magnitude within a few steps (the vanishing gradient); LSTM
// and GRU keep it alive further back.
type gradientView struct {
	app.Compo

	Trace *protocol.TraceData
}

// series is one curve of a log-scale chart.
type series struct {
	Name   string
	Class  string // CSS class: colour and dash pattern
	Values []float64
}

func floats(x []protocol.Num) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = float64(v)
	}
	return out
}

func (v *gradientView) Render() app.UI {
	d := v.Trace
	var ss []series
	var alts []string
	for k, l := range d.Layers {
		g := floats(l.GradHLast)
		name := Tf("layer %d", k+1)
		ss = append(ss, series{Name: name, Class: fmt.Sprintf("series-%d", k), Values: g})
		alts = append(alts, gradientSentence(name, g))
	}
	return app.Div().Class("gradient-view").Body(
		app.P().Class("hint").Body(
			app.Text(T("How much of the last prediction's error flows back to each time step: ‖∂ℓ_T/∂h_t‖, on a log scale. A line that drops fast means the early tokens barely learn from the last one.")),
			termHelp("gradient")),
		logChart("gradient-chart", T("‖∂ℓ_T/∂h_t‖ by time step"), ss, d.Tokens, d.Offset),
		app.P().Class("hint chart-read").Text(T("Across: the input token at each time step, the last on the right. Up: the size of the gradient; each grid line is 10× the one below it.")),
		app.Ul().ID("gradient-text").Class("text-alt-list").Body(app.Range(alts).Slice(func(i int) app.UI {
			return app.Li().Text(alts[i])
		})),
	)
}

// gradientSentence says what a layer's curve shows, in words: how far the
// gradient falls from the last step to the first, or that it grows (an
// exploding gradient), not "-106 decades smaller".
func gradientSentence(name string, g []float64) string {
	d := protocol.Falloff(g)
	switch {
	case len(g) < 2:
		return Tf("%s: ‖∂ℓ_T/∂h_t‖ is %.3g at the only step.", name, last(g))
	case d >= 0.05:
		return Tf("%s: ‖∂ℓ_T/∂h_t‖ is %.3g at the last step and %.3g at the first: %.1f decades (×10 each) smaller going back, a vanishing gradient.",
			name, last(g), first(g), d)
	case d <= -0.05:
		return Tf("%s: ‖∂ℓ_T/∂h_t‖ is %.3g at the last step and %.3g at the first: it grows %.1f decades (×10 each) going back, an exploding gradient.",
			name, last(g), first(g), -d)
	}
	return Tf("%s: ‖∂ℓ_T/∂h_t‖ is %.3g at the last step and %.3g at the first: about the same size at every step.", name, last(g), first(g))
}

func first(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	return x[0]
}

func last(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	return x[len(x)-1]
}

// logChart draws series over time steps on a log10 y axis (SVG; the
// namespace is set on every element). Each polyline carries its falloff
// in data-decades, the number a reader (and the browser test) compares.
func logChart(id, title string, ss []series, tokens []string, offset int) app.UI {
	const w, h, left, right, top, bottom = 600.0, 230.0, tickMargin, 12.0, 10.0, 36.0
	pw, ph := w-left-right, h-top-bottom
	lo, hi := math.Inf(1), math.Inf(-1)
	n := 0
	for _, s := range ss {
		n = max(n, len(s.Values))
		for _, x := range s.Values {
			if x > 0 && !math.IsInf(x, 0) {
				lo, hi = math.Min(lo, math.Max(x, protocol.TinyGrad)), math.Max(hi, x)
			}
		}
	}
	if math.IsInf(lo, 1) {
		lo, hi = 1e-3, 1
	}
	lo, hi = math.Floor(math.Log10(lo)), math.Ceil(math.Log10(hi))
	if hi <= lo {
		hi = lo + 1
	}
	x := func(t int) float64 {
		if n <= 1 {
			return left
		}
		return left + pw*float64(t)/float64(n-1)
	}
	y := func(v float64) float64 {
		return top + ph*(hi-math.Log10(math.Max(v, math.Pow(10, lo))))/(hi-lo)
	}
	var grid []app.UI
	stepDecades := math.Max(1, math.Ceil((hi-lo)/6))
	for e := hi; e >= lo; e -= stepDecades {
		yy := y(math.Pow(10, e))
		grid = append(grid,
			svg("line").Class("grid").Attr("x1", left).Attr("x2", w-right).Attr("y1", yy).Attr("y2", yy),
			svg("text").Class("tick").Attr("x", left-6).Attr("y", yy+4).Attr("text-anchor", "end").Text(tickLabel(math.Pow(10, e))),
		)
	}
	// Every labelled step shows its token, cut to the room between labels
	// (the whole token and its step in the label's tooltip).
	labelEvery := max(1, (n+11)/12)
	room := pw
	if n > 1 {
		room = pw * float64(labelEvery) / float64(n-1)
	}
	fit := max(3, int(room/tickCharW)-1)
	for t := 0; t < n; t += labelEvery {
		label, full := strconv.Itoa(offset+t), Tf("step %d", offset+t)
		if t < len(tokens) {
			label = shorten(showToken(tokens[t]), fit)
			full = fmt.Sprintf("t=%d %s", offset+t, quoteToken(tokens, t))
		}
		grid = append(grid, svg("text").Class("tick", "time-tick").Attr("x", x(t)).Attr("y", h-12).
			Attr("text-anchor", "middle").DataSet("t", offset+t).Body(svg("title").Text(full), app.Text(label)))
	}
	// The legend goes in the top corner the curves leave free: left when
	// they rise to the right (gradients), right when they fall (losses).
	legendX := w - right - 120
	var rise float64
	for _, s := range ss {
		if len(s.Values) > 1 {
			rise += math.Log10(math.Max(last(s.Values), protocol.TinyGrad)) - math.Log10(math.Max(first(s.Values), protocol.TinyGrad))
		}
	}
	if rise > 0 {
		legendX = left + 12
	}
	var lines []app.UI
	var legend []app.UI
	for i, s := range ss {
		var pts strings.Builder
		for t, v := range s.Values {
			if t > 0 {
				pts.WriteByte(' ')
			}
			fmt.Fprintf(&pts, "%.1f,%.1f", x(t), y(v))
		}
		lines = append(lines, svg("polyline").Class("series", s.Class).Attr("points", pts.String()).
			DataSet("name", s.Name).DataSet("decades", strconv.FormatFloat(protocol.Falloff(s.Values), 'f', 3, 64)).
			Body(svg("title").Text(fmt.Sprintf("%s: %.1f decades", s.Name, protocol.Falloff(s.Values)))))
		ly := top + 14*float64(i+1)
		legend = append(legend,
			svg("line").Class("series", s.Class).Attr("x1", legendX).Attr("x2", legendX+24).Attr("y1", ly-4).Attr("y2", ly-4),
			svg("text").Class("tick").Attr("x", legendX+30).Attr("y", ly).Text(s.Name),
		)
	}
	return svg("svg").ID(id).Class("log-chart").Attr("viewBox", fmt.Sprintf("0 0 %g %g", w, h)).
		Attr("role", "img").Attr("aria-label", title).Body(
		svg("title").Text(title),
		svg("g").Body(grid...),
		svg("g").Body(lines...),
		svg("g").Body(legend...),
	)
}
