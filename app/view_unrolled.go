package app

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/app/yield"
)

// unrolledView draws the traced sequence as the unrolled network of every
// RNN diagram, for the model the student has just trained: one cell a time
// step, left to right, the input token under it and the prediction above,
// h (and the LSTM's cell state c, the conveyor belt) flowing from cell to
// cell, one row a layer. Inside a cell the parts of its kind are strips
// coloured by their values, with the cell view's scales, units grouped
// when there are many. Forward replays the pass left to right; Backward
// draws ‖∂ℓ_T/∂h_t‖, the gradient of the last prediction's loss, flowing
// right to left along the same cells, its width on a log scale. The
// numbers are the trainer's own trace.
type unrolledView struct {
	app.Compo

	Trace     *protocol.TraceData
	Text      *protocol.TraceData // the states over the student's text
	TextError string
	Palette   string
	Viewer    viewer

	from   int    // the first time step drawn: a window of unrolledSteps
	replay string // "forward" or "backward" while one plays
	shown  int    // the steps a replay has reached
	plays  int    // replays started, so that a stopped one's ticks stop

	strips []stripPaint // what the canvas behind the diagram paints
	w, h   int
	cells  cellImage
	sized  canvasSize // the canvas's, when it was last painted
	focus  keptFocus  // the box focused when a trace replaces the diagram

	// The neurons over the text follow the diagram one task later: drawn in
	// the same task, the two held the main thread for about 50 ms of CPU
	// with the classroom model, the text alone for about 15.
	textTrace *protocol.TraceData
	yield     func()
}

// stripPaint is one cell's strip, painted on the canvas: the squares of
// the SVG diagram would be thousands of elements for the classroom model,
// and redrawing them at every trace held the main thread for 200 ms.
type stripPaint struct {
	x, y, w float64
	colours [][3]uint8
	faded   bool
}

func (v *unrolledView) OnMount(ctx app.Context) {
	v.yield = yield.New()
	v.sized = canvasSize{} // a new canvas
	v.textTrace = v.Trace
	v.painted(ctx)
}

func (v *unrolledView) OnUpdate(ctx app.Context) {
	v.painted(ctx)
	if v.Trace != v.textTrace {
		ctx.Async(func() {
			v.yield()
			ctx.Dispatch(func(app.Context) { v.textTrace = v.Trace })
		})
	}
}

// painted paints the canvas once the render that changed the strips is
// in the page, and gives the focus back to the box that had it. Every
// change of the diagram calls it: a new trace, the window of steps, a
// replay's tick.
func (v *unrolledView) painted(ctx app.Context) {
	ctx.Defer(func(app.Context) {
		v.paint()
		v.focus.refocus()
	})
}

// paint draws the strips on the canvas. The strips of one part of a layer
// (every cell's "f", say) lie on one line, so each line is one row of the
// cell image, a pixel high and as wide as the canvas, stretched down to
// the strips' height: a drawImage call a line, not one a strip.
func (v *unrolledView) paint() {
	canvas := app.Window().GetElementByID("unrolled-strips")
	if !canvas.Truthy() || v.w == 0 || v.h == 0 {
		return
	}
	g := sizeCanvas(canvas, &v.sized, canvasSize{float64(v.w), float64(v.h), 1})
	var lines []float64 // each line's y
	row := map[float64]int{}
	for _, sp := range v.strips {
		if _, ok := row[sp.y]; !ok {
			row[sp.y] = len(lines)
			lines = append(lines, sp.y)
		}
	}
	if len(lines) == 0 {
		return
	}
	v.cells.reset(v.w, len(lines))
	for _, sp := range v.strips {
		alpha := uint8(255)
		if sp.faded {
			alpha = 38
		}
		gw := sp.w / float64(len(sp.colours))
		for j, c := range sp.colours {
			for x := max(int(sp.x+float64(j)*gw), 0); x < int(sp.x+float64(j+1)*gw) && x < v.w; x++ {
				v.cells.set(x, row[sp.y], c, alpha)
			}
		}
	}
	src := v.cells.upload()
	g.Set("imageSmoothingEnabled", false)
	for r, y := range lines {
		g.Call("drawImage", src, 0, r, v.w, 1, 0, y, v.w, stripH)
	}
}

// Layout, in SVG units.
const (
	unrolledSteps  = 16 // steps drawn at once; a slider moves the window
	unrolledGroups = 12 // at most this many unit groups a strip
	cellW, cellGap = 92.0, 30.0
	stripH, stripY = 9.0, 4.0 // a strip's height, and the space under it
	rowLabelW      = 58.0
	predRowH       = 34.0
	tokenRowH      = 30.0
	layerGap       = 34.0
	replayEvery    = 140 * time.Millisecond
)

// cellPart is one strip of a cell: a named vector over time and its colours.
type cellPart struct {
	Name      string
	V         [][]protocol.Num // (T, units)
	Diverging bool
	Scale     scale // over all of V, the same for every cell
}

// parts are the strips of layer l's cells, from the input side up to h.
func (v *unrolledView) parts(l protocol.LayerData) []cellPart {
	gate := func(name string) [][]protocol.Num {
		for _, g := range l.Gates {
			if g.Name == name {
				return g.V
			}
		}
		return nil
	}
	var ps []cellPart
	add := func(name string, rows [][]protocol.Num, diverging bool) {
		if rows != nil {
			ps = append(ps, cellPart{name, rows, diverging, scaleFor(rows, diverging)})
		}
	}
	switch v.Trace.Cell {
	case "LSTM":
		add("i", gate("i"), false)
		add("f", gate("f"), false)
		add("g", gate("g"), true)
		add("o", gate("o"), false)
		add("c", l.C, true)
	case "GRU":
		add("r", gate("r"), false)
		add("z", gate("z"), false)
		add("n", gate("n"), true)
	default: // the Elman cell: h_t = tanh(x_t·W_ihᵀ + b_ih + h_{t-1}·W_hhᵀ + b_hh)
		add("x·W_ih", l.XW, true)
		add("h·W_hh", l.HW, true)
	}
	add("h", l.H, true)
	return ps
}

func (v *unrolledView) pick(ctx app.Context, t int) { v.Viewer.openCellAt(ctx, t) }

func (v *unrolledView) Render() app.UI {
	d := v.Trace
	n := len(d.Tokens)
	v.from = min(max(v.from, 0), max(n-unrolledSteps, 0))
	to := min(v.from+unrolledSteps, n)
	layers := d.Layers
	if len(layers) == 0 || n == 0 {
		return app.P().Class("hint").Text(T("The views appear when the model is ready."))
	}
	var strips [][]cellPart
	cellH := 0.0
	for _, l := range layers {
		ps := v.parts(l)
		strips = append(strips, ps)
		cellH = max(cellH, float64(len(ps))*(stripH+stripY)+12)
	}
	w := rowLabelW + float64(to-v.from)*(cellW+cellGap)
	h := predRowH + float64(len(layers))*(cellH+layerGap) + tokenRowH
	x := func(t int) float64 { return rowLabelW + float64(t-v.from)*(cellW+cellGap) }
	top := func(k int) float64 { return predRowH + float64(len(layers)-1-k)*(cellH+layerGap) } // layer 0 at the bottom

	v.strips, v.w, v.h = v.strips[:0], int(math.Ceil(w)), int(math.Ceil(h))
	label := Tf("The network unrolled over %d time steps, %d layer(s), %s cells: steps %d to %d are drawn.",
		n, len(layers), d.Cell, d.Offset+v.from, d.Offset+to-1)
	drawn := Tf("steps %d to %d", d.Offset+v.from, d.Offset+to-1)
	var m markup
	m.open("svg", "xmlns", svgNS, "id", "unrolled", "class", "unrolled", "data-replay", v.replay, "data-shown", v.shown,
		"viewBox", fmt.Sprintf("0 0 %g %g", w, h), "style", fmt.Sprintf("width: %gpx", w), "role", "group", "aria-label", label)
	m.open("defs").
		open("marker", "id", "ur-arrow", "viewBox", "0 0 10 10", "refX", 9, "refY", 5, "markerWidth", 6, "markerHeight", 6, "orient", "auto").
		empty("path", "d", "M0,0 L10,5 L0,10 z", "class", "ur-arrowhead").close("marker").
		open("marker", "id", "ur-back", "viewBox", "0 0 10 10", "refX", 9, "refY", 5, "markerWidth", 4, "markerHeight", 4, "orient", "auto").
		empty("path", "d", "M0,0 L10,5 L0,10 z", "class", "ur-gradhead").close("marker").
		close("defs")
	// The row labels are a narrow drawing of their own, kept at the left
	// edge (sticky) while the boxes scroll sideways under it.
	var labels markup
	labels.open("svg", "xmlns", svgNS, "class", "unrolled ur-labels", "viewBox", fmt.Sprintf("0 0 %g %g", rowLabelW, h),
		"style", fmt.Sprintf("width: %gpx", rowLabelW))
	lo, hi := gradRange(layers)
	for k, l := range layers {
		y0 := top(k)
		for i, p := range strips[k] {
			labels.open("text", "class", "ur-label", "x", rowLabelW-6, "y", y0+6+float64(i)*(stripH+stripY)+stripH-1, "text-anchor", "end").
				text(p.Name).close("text")
		}
		labels.open("text", "class", "ur-layer", "x", 2, "y", y0-6).text(Tf("layer %d", k+1)).close("text")
		for t := v.from; t < to; t++ {
			v.cell(&m, k, t, l, strips[k], x(t), y0, cellH, lo, hi)
		}
	}
	for t := v.from; t < to; t++ { // tokens under, predictions above
		cx := x(t) + cellW/2
		m.open("text", "class", "ur-token", "x", cx, "y", h-10, "text-anchor", "middle").
			open("title").text(fmt.Sprintf("t=%d %s", d.Offset+t, quoteToken(d.Tokens, t))).close("title").
			text(shorten(showToken(d.Tokens[t]), 9)).close("text")
		if name, ok := predicted(d, t); ok {
			class := "ur-pred ur-wrong"
			if t < len(d.Targets) && name == d.Targets[t] {
				class = "ur-pred ur-right"
			}
			if v.replay == "forward" && t >= v.shown { // not computed yet, as its box
				class += " ur-later"
			}
			m.open("text", "class", class, "x", cx, "y", predRowH-12, "text-anchor", "middle").
				open("title").text(Tf("predicts %s, the text has %s", "“"+showToken(name)+"”", quoteToken(d.Targets, t))).close("title").
				text(shorten(showToken(name), 9)).close("text")
		}
	}
	m.close("svg")
	labels.close("svg")
	v.focus.note("ur-")
	return app.Div().Class("unrolled-view").Body(
		app.P().Class("hint").Body(
			app.Text(T("Each box is the cell at one time step, the same weights every time: the input token below, its prediction above. h runs from box to box (and c, the LSTM's cell state, along the top). Colours are the values, as in the cell view; click a box for its arithmetic.")),
			termHelp("hidden"), termHelp("gate")),
		app.Div().Class("radio-row").Body(
			app.Button().Type("button").ID("unrolled-forward").Class("btn", "btn-small").Text(T("▶ Forward pass")).
				Disabled(v.replay != "").OnClick(func(ctx app.Context, e app.Event) { v.play(ctx, "forward") }),
			app.Button().Type("button").ID("unrolled-backward").Class("btn", "btn-small").Text(T("◀ Backpropagation through time")).
				Disabled(v.replay != "").OnClick(func(ctx app.Context, e app.Event) { v.play(ctx, "backward") }),
			app.If(n > unrolledSteps, func() app.UI {
				return app.Label().Class("ur-window").Body(
					app.Text(T("Steps from ")),
					app.Input().Type("range").ID("unrolled-from").Attr("min", 0).Attr("max", n-unrolledSteps).Value(v.from).
						Aria("valuetext", drawn).
						OnInput(func(ctx app.Context, e app.Event) {
							v.from, _ = strconv.Atoi(ctx.JSSrc().Get("value").String())
							v.painted(ctx)
						}),
					app.Span().ID("unrolled-drawn").Text(drawn),
				)
			}),
		),
		app.Div().Class("ur-scroll").TabIndex(0).Attr("role", "region").Aria("label", T("Unrolled network")).
			OnClick(v.onCellClick).OnKeyDown(v.onCellKey).Body(
			app.Canvas().ID("unrolled-strips").Class("ur-strips").Attr("aria-hidden", "true").
				Style("width", fmt.Sprintf("%gpx", w)).Style("height", fmt.Sprintf("%gpx", h)),
			m.UI(),
			labels.UI(),
		),
		app.If(layers[0].Units < layers[0].Hidden, func() app.UI {
			return app.P().Class("hint").Text(Tf("The first %d of %d units are drawn.", layers[0].Units, layers[0].Hidden))
		}),
		app.P().Class("hint").Text(T("Below each h, the red arrow is ‖∂ℓ_T/∂h_t‖: how much of the last prediction's error reaches that step, wider when larger (log scale). For a plain RNN it thins out going left: the vanishing gradient.")),
		app.If(v.textTrace != nil, func() app.UI {
			return &neuronText{Trace: v.textTrace, Text: v.Text, TextError: v.TextError, Palette: v.Palette, Viewer: v.Viewer}
		}),
	)
}

// cell writes layer k's box at step t: its strips, h's arrow to the next
// step (c's too for the LSTM), the way up to the next layer, and the
// gradient reaching h_t.
func (v *unrolledView) cell(m *markup, k, t int, l protocol.LayerData, ps []cellPart, x0, y0, cellH, lo, hi float64) {
	d := v.Trace
	hidden := v.replay == "forward" && t >= v.shown
	var values []string // each strip's squares, for the tooltip
	for i, p := range ps {
		if t >= len(p.V) {
			continue
		}
		sy := y0 + 6 + float64(i)*(stripH+stripY)
		pal := blueOrange
		if !p.Diverging {
			pal = paletteNamed(v.Palette)
		}
		sp := stripPaint{x: x0 + 5, y: sy, w: cellW - 10, faded: hidden}
		var means []string
		for _, g := range unitGroups(p.V[t]) {
			sp.colours = append(sp.colours, pal.at(p.Scale.unit(g.mean)))
			means = append(means, strconv.FormatFloat(g.mean, 'f', 2, 64))
		}
		v.strips = append(v.strips, sp)
		values = append(values, p.Name+" ["+strings.Join(means, " ")+"]")
	}
	grad := math.NaN()
	if t < len(l.GradHLast) {
		grad = float64(l.GradHLast[t])
	}
	summary := v.cellSummary(k, t, l, grad)
	class := "ur-cell"
	if hidden {
		class += " ur-later"
	}
	m.open("g", "class", class, "id", fmt.Sprintf("ur-%d-%d", k, d.Offset+t), "data-t", d.Offset+t, "data-layer", k,
		"data-h", firstValues(l.H, t, 4), "tabindex", 0, "role", "button", "aria-label", summary)
	m.open("title").text(summary + "\n" + strings.Join(values, "\n")).close("title")
	m.empty("rect", "class", "ur-box", "x", x0, "y", y0, "width", cellW, "height", cellH, "rx", 6)
	hy := y0 + 6 + float64(len(ps)-1)*(stripH+stripY) + stripH/2
	if t+1 < len(d.Tokens) && t+1 < v.from+unrolledSteps {
		m.empty("line", "class", "ur-flow", "x1", x0+cellW, "x2", x0+cellW+cellGap-3, "y1", hy, "y2", hy, "marker-end", "url(#ur-arrow)")
		if d.Cell == "LSTM" {
			cy := y0 + 6 + float64(len(ps)-2)*(stripH+stripY) + stripH/2
			m.empty("line", "class", "ur-flow ur-flow-c", "x1", x0+cellW, "x2", x0+cellW+cellGap-3, "y1", cy, "y2", cy)
		}
	}
	if k+1 < len(d.Layers) {
		m.empty("line", "class", "ur-flow", "x1", x0+cellW/2, "x2", x0+cellW/2, "y1", y0, "y2", y0-layerGap+3)
	}
	if showGrad := v.replay != "backward" || t >= v.shown; !math.IsNaN(grad) && showGrad {
		gy := y0 + cellH + 8
		m.open("line", "class", "ur-grad", "data-grad", fmt.Sprintf("%g", grad),
			"x1", x0+cellW+cellGap/2, "x2", x0+8, "y1", gy, "y2", gy,
			"stroke-width", gradWidth(grad, lo, hi), "marker-end", "url(#ur-back)").
			open("title").text(fmt.Sprintf("‖∂ℓ_T/∂h_%d‖ = %.3g", d.Offset+t, grad)).close("title").
			close("line")
	}
	m.close("g")
}

// onCellClick and onCellKey open the cell view at the box clicked, or
// focused when Enter or Space is pressed.
func (v *unrolledView) onCellClick(ctx app.Context, e app.Event) {
	if t, ok := v.cellOf(e); ok {
		v.pick(ctx, t)
	}
}

func (v *unrolledView) onCellKey(ctx app.Context, e app.Event) {
	if k := e.Get("key").String(); k != "Enter" && k != " " {
		return
	}
	if t, ok := v.cellOf(e); ok {
		e.PreventDefault()
		v.pick(ctx, t)
	}
}

// cellOf is the time step of the box an event happened in.
func (v *unrolledView) cellOf(e app.Event) (int, bool) {
	g := eventTarget(e, ".ur-cell")
	if !g.Truthy() {
		return 0, false
	}
	t, err := strconv.Atoi(g.Get("dataset").Get("t").String())
	return t - v.Trace.Offset, err == nil
}

// cellSummary is a cell in words, for its tooltip and a screen reader.
func (v *unrolledView) cellSummary(k, t int, l protocol.LayerData, grad float64) string {
	d := v.Trace
	s := Tf("t=%d %s, layer %d: ‖h‖ = %.3g", d.Offset+t, quoteToken(d.Tokens, t), k+1, norm(l.H, t))
	if l.C != nil {
		s += fmt.Sprintf(", ‖c‖ = %.3g", norm(l.C, t))
	}
	if name, ok := predicted(d, t); ok && k == len(d.Layers)-1 {
		s += Tf("; predicts %s", "“"+showToken(name)+"”")
	}
	if !math.IsNaN(grad) {
		s += fmt.Sprintf("; ‖∂ℓ_T/∂h_t‖ = %.3g", grad)
	}
	return s
}

// play starts a replay: the forward pass reveals the cells left to right,
// backpropagation the gradient right to left.
func (v *unrolledView) play(ctx app.Context, kind string) {
	v.plays++
	// Over the steps drawn: a replay of the others would show nothing move.
	id, from, to := v.plays, v.from, min(v.from+unrolledSteps, len(v.Trace.Tokens))
	v.replay = kind
	step := func(i int) int { // the step a replay's i-th tick reaches
		if kind == "backward" {
			return to - 1 - i
		}
		return from + i + 1
	}
	var tick func(i int) func(app.Context)
	tick = func(i int) func(app.Context) {
		return func(ctx app.Context) {
			if v.plays != id {
				return
			}
			defer v.painted(ctx)
			if i > to-from {
				v.replay, v.shown = "", 0
				return
			}
			v.shown = step(i)
			ctx.After(replayEvery, tick(i+1))
		}
	}
	v.shown = step(-1)
	v.painted(ctx)
	ctx.After(replayEvery, tick(0))
}

// unitGroup is a run of units a strip draws as one square: their mean.
type unitGroup struct {
	first, last int
	mean        float64
}

// unitGroups are the squares of one vector: a unit each, or equal runs of
// units when there are more than unrolledGroups.
func unitGroups(x []protocol.Num) []unitGroup {
	n := len(x)
	per := max(1, (n+unrolledGroups-1)/unrolledGroups)
	var out []unitGroup
	for a := 0; a < n; a += per {
		b := min(a+per, n)
		s := 0.0
		for _, v := range x[a:b] {
			s += float64(v)
		}
		out = append(out, unitGroup{a, b - 1, s / float64(b-a)})
	}
	return out
}

// predicted is the token the model predicts after step t, when the trace
// holds the softmax.
func predicted(d *protocol.TraceData, t int) (string, bool) {
	if t >= len(d.Argmax) {
		return "", false
	}
	for j, id := range d.Cols {
		if id == d.Argmax[t] {
			return d.Names[j], true
		}
	}
	return "", false
}

// gradRange is the log10 range of the gradient norms of every layer.
func gradRange(layers []protocol.LayerData) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, l := range layers {
		for _, g := range l.GradHLast {
			if f := float64(g); f > 0 && !math.IsInf(f, 0) {
				lo, hi = math.Min(lo, math.Log10(math.Max(f, protocol.TinyGrad))), math.Max(hi, math.Log10(f))
			}
		}
	}
	if math.IsInf(lo, 1) {
		return 0, 1
	}
	return lo, math.Max(hi, lo+1)
}

// gradWidth is the arrow's width for a gradient norm: 0.5 at the smallest
// of the trace, 8 at the largest, on a log scale.
func gradWidth(g, lo, hi float64) float64 {
	if g <= 0 {
		return 0.5
	}
	f := (math.Log10(math.Max(g, protocol.TinyGrad)) - lo) / (hi - lo)
	return 0.5 + 7.5*math.Min(math.Max(f, 0), 1)
}

func norm(rows [][]protocol.Num, t int) float64 {
	if t >= len(rows) {
		return math.NaN()
	}
	s := 0.0
	for _, v := range rows[t] {
		s += float64(v) * float64(v)
	}
	return math.Sqrt(s)
}

// firstValues writes the first n values of rows[t], for a test to compare.
func firstValues(rows [][]protocol.Num, t, n int) string {
	if t >= len(rows) {
		return ""
	}
	var b strings.Builder
	for i, v := range rows[t][:min(n, len(rows[t]))] {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.FormatFloat(float64(v), 'g', -1, 64))
	}
	return b.String()
}
