package app

import (
	"fmt"
	"math"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// Palettes readable by colour-blind readers: viridis and cividis
// (perceptually uniform, sequential, for values in [0, 1]) and a
// blue–white–orange diverging scale for values around 0 (hidden states,
// tanh outputs).
type palette struct {
	name  string
	stops [][3]uint8 // evenly spaced colours from low to high
}

var (
	viridis = palette{"viridis", [][3]uint8{
		{68, 1, 84}, {72, 40, 120}, {62, 74, 137}, {49, 104, 142}, {38, 130, 142},
		{31, 158, 137}, {53, 183, 121}, {109, 205, 89}, {180, 222, 44}, {253, 231, 37},
	}}
	cividis = palette{"cividis", [][3]uint8{
		{0, 34, 78}, {18, 53, 112}, {59, 73, 108}, {87, 93, 109}, {112, 113, 115},
		{138, 134, 120}, {165, 156, 116}, {195, 179, 105}, {225, 204, 85}, {254, 232, 56},
	}}
	// blueOrange is diverging: blue for -1, white for 0, orange for +1.
	blueOrange = palette{"blue-orange", [][3]uint8{
		{33, 102, 172}, {103, 169, 207}, {209, 229, 240}, {247, 247, 247},
		{253, 219, 199}, {239, 138, 98}, {178, 24, 43},
	}}
)

// sequentialPalettes are the choices offered for probabilities and gates.
var sequentialPalettes = []palette{viridis, cividis}

func paletteNamed(name string) palette {
	for _, p := range sequentialPalettes {
		if p.name == name {
			return p
		}
	}
	return viridis
}

// at is the colour of x in [0, 1] (clamped; NaN is grey).
func (p palette) at(x float64) [3]uint8 {
	if math.IsNaN(x) {
		return [3]uint8{128, 128, 128}
	}
	x = math.Min(math.Max(x, 0), 1) * float64(len(p.stops)-1)
	i := min(int(x), len(p.stops)-2)
	f := x - float64(i)
	var c [3]uint8
	for k := range c {
		a, b := float64(p.stops[i][k]), float64(p.stops[i+1][k])
		c[k] = uint8(math.Round(a + f*(b-a)))
	}
	return c
}

// css writes a colour for a style attribute.
func css(c [3]uint8) string { return fmt.Sprintf("rgb(%d,%d,%d)", c[0], c[1], c[2]) }

// inkOn is the text colour that reads on background c: black or white,
// whichever contrasts more (WCAG relative luminance). Black rather than a
// softer dark grey, so that no background in between falls under 4.5:1.
func inkOn(c [3]uint8) string {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	l := 0.2126*lin(c[0]) + 0.7152*lin(c[1]) + 0.0722*lin(c[2])
	if (l+0.05)/0.05 >= 1.05/(l+0.05) {
		return "#000"
	}
	return "#fff"
}

// scale maps a heatmap's values to [0, 1]: [0, 1] for gates and
// probabilities, [-m, m] for values around 0 with m their largest size.
type scale struct {
	lo, hi float64
}

func scaleFor(rows [][]protocol.Num, diverging bool) scale {
	if !diverging {
		return scale{0, 1}
	}
	m := 1e-9
	for _, r := range rows {
		for _, v := range r {
			if f := math.Abs(float64(v)); !math.IsNaN(f) && !math.IsInf(f, 0) {
				m = math.Max(m, f)
			}
		}
	}
	if m <= 1 { // tanh outputs: keep the fixed range so colours mean the same each step
		m = 1
	}
	return scale{-m, m}
}

func (s scale) unit(v float64) float64 { return (v - s.lo) / (s.hi - s.lo) }

// heatmapPixels paints rows (T, U) on m as an image U pixels high and T
// wide: time runs to the right, unit u is row u.
func heatmapPixels(m *cellImage, rows [][]protocol.Num, p palette, s scale) {
	w, h := len(rows), 0
	if w > 0 {
		h = len(rows[0])
	}
	m.reset(w, h)
	for t, r := range rows {
		for u := 0; u < h && u < len(r); u++ {
			m.set(t, u, p.at(s.unit(float64(r[u]))), 255)
		}
	}
}

// heatmap draws one (T, U) matrix on a canvas, one pixel per value scaled
// up by CSS. Hovering shows the value; clicking (or Enter on the focused
// map, with ←/→ to move) selects a time step.
type heatmap struct {
	app.Compo

	ID        string           // unique in the page: the canvas is found by it
	Title     string           // e.g. "h (layer 1)"
	Rows      [][]protocol.Num // (T, U)
	Tokens    []string
	Diverging bool
	Palette   string
	Selected  int // the selected time step, -1 for none
	OnPick    func(ctx app.Context, t int)

	hover string
	cells cellImage
}

func (h *heatmap) OnMount(ctx app.Context)  { ctx.Defer(func(app.Context) { h.draw() }) }
func (h *heatmap) OnUpdate(ctx app.Context) { ctx.Defer(func(app.Context) { h.draw() }) }

func (h *heatmap) palette() palette {
	if h.Diverging {
		return blueOrange
	}
	return paletteNamed(h.Palette)
}

// draw puts the pixels on the canvas.
func (h *heatmap) draw() {
	canvas := app.Window().GetElementByID(h.ID)
	if !canvas.Truthy() || len(h.Rows) == 0 {
		return
	}
	heatmapPixels(&h.cells, h.Rows, h.palette(), scaleFor(h.Rows, h.Diverging))
	if h.cells.h == 0 {
		return
	}
	canvas.Set("width", h.cells.w) // clears it
	canvas.Set("height", h.cells.h)
	canvas.Call("getContext", "2d").Call("drawImage", h.cells.upload(), 0, 0)
}

// cellAt is the (t, u) under a point of the canvas, in CSS pixels.
func (h *heatmap) cellAt(x, y, width, height float64) (t, u int, ok bool) {
	if len(h.Rows) == 0 || width <= 0 || height <= 0 || len(h.Rows[0]) == 0 {
		return 0, 0, false
	}
	t = int(x / width * float64(len(h.Rows)))
	u = int(y / height * float64(len(h.Rows[0])))
	return t, u, t >= 0 && u >= 0 && t < len(h.Rows) && u < len(h.Rows[0])
}

func (h *heatmap) Render() app.UI {
	s := scaleFor(h.Rows, h.Diverging)
	units := 0
	if len(h.Rows) > 0 {
		units = len(h.Rows[0])
	}
	alt := Tf("%s: %d time steps × %d units, colour from %.3g to %.3g.", h.Title, len(h.Rows), units, s.lo, s.hi)
	marker := app.UI(nil)
	if h.Selected >= 0 && h.Selected < len(h.Rows) {
		marker = app.Div().Class("hm-marker").
			Style("left", fmt.Sprintf("%.3f%%", 100*float64(h.Selected)/float64(len(h.Rows)))).
			Style("width", fmt.Sprintf("%.3f%%", 100/float64(len(h.Rows))))
	}
	return app.Figure().Class("heatmap").Body(
		app.FigCaption().Body(
			app.Span().Class("hm-title").Text(h.Title),
			app.Span().Class("hm-hover").Attr("aria-live", "off").Text(h.hover),
		),
		app.Div().Class("hm-box").Body(
			app.Canvas().ID(h.ID).Class("hm-canvas").
				Attr("role", "img").Attr("aria-label", alt).TabIndex(0).
				DataSet("steps", len(h.Rows)).DataSet("units", units).
				OnMouseMove(func(ctx app.Context, e app.Event) {
					t, u, ok := h.cellAt(e.Get("offsetX").Float(), e.Get("offsetY").Float(),
						ctx.JSSrc().Get("clientWidth").Float(), ctx.JSSrc().Get("clientHeight").Float())
					if ok {
						h.hover = Tf("t=%d %s · unit %d: %.4f", t, quoteToken(h.Tokens, t), u, float64(h.Rows[t][u]))
					}
				}).
				OnMouseLeave(func(ctx app.Context, e app.Event) { h.hover = "" }).
				OnClick(func(ctx app.Context, e app.Event) {
					if t, _, ok := h.cellAt(e.Get("offsetX").Float(), e.Get("offsetY").Float(),
						ctx.JSSrc().Get("clientWidth").Float(), ctx.JSSrc().Get("clientHeight").Float()); ok && h.OnPick != nil {
						h.OnPick(ctx, t)
					}
				}).
				OnKeyDown(func(ctx app.Context, e app.Event) {
					next := h.Selected
					switch e.Get("key").String() {
					case "ArrowRight":
						next++
					case "ArrowLeft":
						next--
					default:
						return
					}
					e.PreventDefault()
					if next >= 0 && next < len(h.Rows) && h.OnPick != nil {
						h.OnPick(ctx, next)
					}
				}),
			marker,
		),
		h.timeAxis(),
		colourScale(h.palette(), s),
	)
}

// timeAxis labels the map's columns with their input tokens, at most 16
// of them, each cut to its column's width by CSS.
func (h *heatmap) timeAxis() app.UI {
	n := len(h.Rows)
	if n == 0 {
		return nil
	}
	every := (n + 15) / 16
	var labels []app.UI
	for t := 0; t < n && t < len(h.Tokens); t += every {
		labels = append(labels, app.Span().Class("hm-tick").Title(fmt.Sprintf("t=%d %s", t, quoteToken(h.Tokens, t))).
			Style("left", fmt.Sprintf("%.3f%%", 100*float64(t)/float64(n))).
			Style("width", fmt.Sprintf("%.3f%%", 100*float64(every)/float64(n))).
			Text(showToken(h.Tokens[t])))
	}
	return app.Div().Class("hm-axis").Attr("aria-hidden", "true").Body(labels...)
}

// colourScale is the legend of a map: the palette from its lowest value
// to its highest, with both written (and 0 in the middle of a diverging one).
func colourScale(p palette, s scale) app.UI {
	var stops []string
	for _, c := range p.stops {
		stops = append(stops, css(c))
	}
	mid := app.UI(nil)
	if s.lo < 0 && s.hi > 0 {
		mid = app.Span().Class("hm-scale-mid").Text("0")
	}
	return app.Div().Class("hm-scale").Body(
		app.Span().Class("hm-scale-lo").Text(tickLabel(s.lo)),
		app.Span().Class("hm-scale-bar").Attr("aria-hidden", "true").
			Style("background", "linear-gradient(to right, "+strings.Join(stops, ", ")+")").Body(mid),
		app.Span().Class("hm-scale-hi").Text(tickLabel(s.hi)),
	)
}

// quoteToken is token t in quotes, for labels.
func quoteToken(tokens []string, t int) string {
	if t < 0 || t >= len(tokens) {
		return ""
	}
	return "“" + showToken(tokens[t]) + "”"
}
