package app

import (
	"fmt"
	"math"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// softmaxCanvas draws a large softmax table on canvases: one square per
// (time step, token), the prediction outlined, the target dotted. Its
// column labels and row labels are canvases of their own that stay in view
// (sticky) while the table scrolls under them. Hovering reads a cell's
// probability; the text alternative is the view's "As text" list.
type softmaxCanvas struct {
	app.Compo

	Trace   *protocol.TraceData
	P       [][]float64 // (T, len(Cols)) the probabilities drawn
	Palette string

	hover string
	cells cellImage
}

// Layout, in CSS pixels. The labels' canvases are as deep as their longest
// label, within bounds: a label beyond smLabelMax is cut.
const (
	smCell     = 16.0
	smFont     = "11px " + canvasMono
	smLabelMin = 24.0
	smLabelMax = 120.0
	smLabelPad = 8.0
	smTokenMax = 16 // runes of a token in a label
)

// canvasMono is the page's monospace font (web/style.css, --mono): a
// canvas does not read CSS variables.
const canvasMono = `ui-monospace, "SF Mono", Menlo, Consolas, "Noto Sans Mono CJK KR", monospace`

func (c *softmaxCanvas) OnMount(ctx app.Context)  { ctx.Defer(func(app.Context) { c.draw() }) }
func (c *softmaxCanvas) OnUpdate(ctx app.Context) { ctx.Defer(func(app.Context) { c.draw() }) }

// size is the squares' area.
func (c *softmaxCanvas) size() (w, h float64) {
	cols := 0
	if len(c.P) > 0 {
		cols = len(c.P[0])
	}
	return smCell * float64(cols), smCell * float64(len(c.P))
}

// labels are the rows' and the columns' labels as drawn.
func (c *softmaxCanvas) labels() (rows, cols []string) {
	d := c.Trace
	for t := range c.P {
		rows = append(rows, fmt.Sprintf("%d %s", d.Offset+t, shorten(showToken(d.Tokens[t]), smTokenMax)))
	}
	for _, name := range d.Names {
		cols = append(cols, shorten(showToken(name), smTokenMax))
	}
	return rows, cols
}

func (c *softmaxCanvas) draw() {
	doc := app.Window()
	body, head, side := doc.GetElementByID("softmax-canvas"), doc.GetElementByID("softmax-head"), doc.GetElementByID("softmax-rows")
	if !body.Truthy() || !head.Truthy() || !side.Truthy() {
		return
	}
	// At the screen's pixels, up to 2 a CSS pixel: a phone's labels are
	// blurred at 1, and its canvas would be 9 times the memory at 3.
	dpr := math.Min(math.Max(doc.Get("devicePixelRatio").Float(), 1), 2)
	w, h := c.size()
	rows, cols := c.labels()
	sideW := labelDepth(side, append(rows, T("input → next"))) // the corner's text above them
	headH := labelDepth(head, cols)

	g := sizeCanvas(body, w, h, dpr)
	c.drawSquares(g)
	c.drawMarks(g)

	g = sizeCanvas(side, sideW, h, dpr)
	g.Set("font", smFont)
	g.Set("fillStyle", "#5c6370")
	g.Set("textAlign", "right")
	g.Set("textBaseline", "middle")
	for t, label := range rows {
		g.Call("fillText", label, sideW-4, smCell*(float64(t)+0.5), sideW-4)
	}

	g = sizeCanvas(head, w, headH, dpr)
	g.Set("font", smFont)
	g.Set("fillStyle", "#5c6370")
	g.Set("textAlign", "left")
	g.Set("textBaseline", "middle")
	for j, label := range cols { // upright, read from the bottom: columns 16 px apart never overlap
		g.Call("setTransform", 0, -dpr, dpr, 0, dpr*smCell*(float64(j)+0.5), dpr*(headH-4))
		g.Call("fillText", label, 0, 0, headH-4)
	}
}

// labelDepth is the room labels need on canvas: their longest width, in
// bounds, with a margin.
func labelDepth(canvas app.Value, labels []string) float64 {
	g := canvas.Call("getContext", "2d")
	g.Set("font", smFont)
	longest := 0.0
	for _, l := range labels {
		longest = math.Max(longest, g.Call("measureText", l).Get("width").Float())
	}
	return math.Ceil(math.Min(math.Max(longest+smLabelPad, smLabelMin), smLabelMax))
}

// sizeCanvas gives canvas w × h CSS pixels at dpr device pixels each, and
// returns its context, drawing in CSS pixels. Sizing clears the canvas.
func sizeCanvas(canvas app.Value, w, h, dpr float64) app.Value {
	canvas.Get("style").Set("width", fmt.Sprintf("%gpx", w))
	canvas.Get("style").Set("height", fmt.Sprintf("%gpx", h))
	canvas.Set("width", math.Round(w*dpr))
	canvas.Set("height", math.Round(h*dpr))
	g := canvas.Call("getContext", "2d")
	g.Call("setTransform", dpr, 0, 0, dpr, 0, 0)
	return g
}

// drawSquares paints a square per probability: the cells at one pixel
// each, stretched to smCell, then the gaps between them cleared.
func (c *softmaxCanvas) drawSquares(g app.Value) {
	rows := len(c.P)
	if rows == 0 || len(c.P[0]) == 0 {
		return
	}
	cols := len(c.P[0])
	pal := paletteNamed(c.Palette)
	c.cells.reset(cols, rows)
	for t, row := range c.P {
		for j, x := range row {
			c.cells.set(j, t, pal.at(x), 255)
		}
	}
	gw, gh := smCell*float64(cols), smCell*float64(rows)
	g.Set("imageSmoothingEnabled", false)
	g.Call("drawImage", c.cells.upload(), 0, 0, gw, gh)
	for j := 0; j <= cols; j++ { // 1 px at each edge, 2 between squares
		x := smCell * float64(j)
		g.Call("clearRect", max(x-1, 0), 0, min(x+1, gw)-max(x-1, 0), gh)
	}
	for t := 0; t <= rows; t++ {
		y := smCell * float64(t)
		g.Call("clearRect", 0, max(y-1, 0), gw, min(y+1, gh)-max(y-1, 0))
	}
}

// drawMarks outlines each row's prediction and dots its target, each kind
// as one path.
func (c *softmaxCanvas) drawMarks(g app.Value) {
	d := c.Trace
	type cell struct{ x, y float64 }
	var argmax, target []cell
	for t := range c.P {
		for j, id := range d.Cols {
			x, y := smCell*float64(j), smCell*float64(t)
			if t < len(d.Argmax) && id == d.Argmax[t] {
				argmax = append(argmax, cell{x, y})
			}
			if t < len(d.Target) && id == d.Target[t] {
				target = append(target, cell{x, y})
			}
		}
	}
	// dark then light: visible on both ends of the palette
	for _, line := range []struct {
		width       float64
		colour      string
		inset, side float64
	}{{2, "#1f2328", 1, smCell - 2}, {1, "#fff", 2.5, smCell - 5}} {
		g.Set("lineWidth", line.width)
		g.Set("strokeStyle", line.colour)
		g.Call("beginPath")
		for _, p := range argmax {
			g.Call("rect", p.x+line.inset, p.y+line.inset, line.side, line.side)
		}
		g.Call("stroke")
	}
	g.Set("fillStyle", "#e34a33")
	g.Call("beginPath")
	for _, p := range target {
		g.Call("moveTo", p.x+smCell-4+2.5, p.y+4)
		g.Call("arc", p.x+smCell-4, p.y+4, 2.5, 0, 6.2832)
	}
	g.Call("fill")
}

func (c *softmaxCanvas) Render() app.UI {
	// One line, whichever it says: a readout taller than the hint moved
	// the table under the finger that tapped it.
	hover := app.P().Class("hm-hover", "sm-hover").Attr("aria-live", "off").Text(c.hover)
	if c.hover == "" {
		hover = app.P().Class("hint", "sm-hover").Text(T("Point at a square to read its probability."))
	}
	return app.Div().Body(
		hover,
		app.Div().Class("sm-scroll").TabIndex(0).Attr("role", "region").Aria("label", T("Softmax table")).Body(
			app.Div().Class("sm-grid").Attr("role", "img").
				Aria("label", T("Probability of each next token (columns) after each input token (rows).")).Body(
				app.Div().Class("sm-canvas-corner").Text(T("input → next")),
				app.Canvas().ID("softmax-head").Class("sm-canvas-head"),
				app.Canvas().ID("softmax-rows").Class("sm-canvas-rows"),
				app.Canvas().ID("softmax-canvas").Class("sm-canvas").DataSet("rows", len(c.P)).
					OnMouseMove(c.onHover),
			),
		),
	)
}

// onHover reads the probability of the square under the pointer.
func (c *softmaxCanvas) onHover(ctx app.Context, e app.Event) {
	t, j := int(e.Get("offsetY").Float()/smCell), int(e.Get("offsetX").Float()/smCell)
	if t >= 0 && j >= 0 && t < len(c.P) && j < len(c.Trace.Names) && j < len(c.P[t]) {
		c.hover = fmt.Sprintf("%s → %s: %.4f", showToken(c.Trace.Tokens[t]), showToken(c.Trace.Names[j]), c.P[t][j])
	}
}
