package app

import (
	"fmt"
	"math"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// softmaxCanvas draws a large softmax table on a canvas: one square per
// (time step, token), the prediction outlined, the target dotted, the
// labels along the edges. Hovering reads a cell's probability; the text
// alternative is the view's "As text" list.
type softmaxCanvas struct {
	app.Compo

	Trace   *protocol.TraceData
	P       [][]float64 // (T, len(Cols)) the probabilities drawn
	Palette string

	hover string
	cells cellImage
}

// Layout of the canvas, in CSS pixels.
const (
	smCell   = 16.0
	smLabelW = 70.0 // row labels
	smHeadH  = 40.0 // column labels
)

func (c *softmaxCanvas) OnMount(ctx app.Context)  { ctx.Defer(func(app.Context) { c.draw() }) }
func (c *softmaxCanvas) OnUpdate(ctx app.Context) { ctx.Defer(func(app.Context) { c.draw() }) }

func (c *softmaxCanvas) size() (w, h float64) {
	cols := 0
	if len(c.P) > 0 {
		cols = len(c.P[0])
	}
	return smLabelW + smCell*float64(cols), smHeadH + smCell*float64(len(c.P))
}

func (c *softmaxCanvas) draw() {
	canvas := app.Window().GetElementByID("softmax-canvas")
	if !canvas.Truthy() {
		return
	}
	d := c.Trace
	w, h := c.size()
	// At the screen's pixels, up to 2 a CSS pixel: a phone's labels are
	// blurred at 1, and its canvas would be 9 times the memory at 3.
	dpr := math.Min(math.Max(app.Window().Get("devicePixelRatio").Float(), 1), 2)
	canvas.Set("width", math.Round(w*dpr)) // clears the canvas and its context's state
	canvas.Set("height", math.Round(h*dpr))
	g := canvas.Call("getContext", "2d")
	g.Call("setTransform", dpr, 0, 0, dpr, 0, 0) // drawn in CSS pixels
	c.drawSquares(g)
	g.Set("font", "11px ui-monospace, monospace")
	g.Set("fillStyle", "#5c6370")
	g.Set("textAlign", "right")
	g.Set("textBaseline", "middle")
	for t := range c.P {
		g.Call("fillText", fmt.Sprintf("%d %s", d.Offset+t, showToken(d.Tokens[t])), smLabelW-4, smHeadH+smCell*(float64(t)+0.5))
	}
	g.Set("textAlign", "left")
	cos, sin := math.Cos(-1.2), math.Sin(-1.2)
	for j, name := range d.Names { // rotated, standing on the column's centre
		g.Call("setTransform", dpr*cos, dpr*sin, -dpr*sin, dpr*cos, dpr*(smLabelW+smCell*(float64(j)+0.5)), dpr*(smHeadH-4))
		g.Call("fillText", showToken(name), 0, 0)
	}
	g.Call("setTransform", dpr, 0, 0, dpr, 0, 0)
	c.drawMarks(g)
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
	g.Call("drawImage", c.cells.upload(), smLabelW, smHeadH, gw, gh)
	for j := 0; j <= cols; j++ { // 1 px at each edge, 2 between squares
		x := smLabelW + smCell*float64(j)
		g.Call("clearRect", max(x-1, smLabelW), smHeadH, min(x+1, smLabelW+gw)-max(x-1, smLabelW), gh)
	}
	for t := 0; t <= rows; t++ {
		y := smHeadH + smCell*float64(t)
		g.Call("clearRect", smLabelW, max(y-1, smHeadH), gw, min(y+1, smHeadH+gh)-max(y-1, smHeadH))
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
			x, y := smLabelW+smCell*float64(j), smHeadH+smCell*float64(t)
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
	w, h := c.size()
	return app.Div().Class("sm-scroll").TabIndex(0).Attr("role", "region").Aria("label", T("Softmax table")).Body(
		app.P().Class("hm-hover").Attr("aria-live", "off").Text(c.hover),
		app.Canvas().ID("softmax-canvas").Class("sm-canvas").
			Style("width", fmt.Sprintf("%gpx", w)).Style("height", fmt.Sprintf("%gpx", h)).
			Attr("role", "img").Attr("aria-label", T("Probability of each next token (columns) after each input token (rows).")).
			DataSet("rows", len(c.P)).
			OnMouseMove(func(ctx app.Context, e app.Event) {
				t := int((e.Get("offsetY").Float() - smHeadH) / smCell)
				j := int((e.Get("offsetX").Float() - smLabelW) / smCell)
				if e.Get("offsetY").Float() >= smHeadH && e.Get("offsetX").Float() >= smLabelW &&
					t < len(c.P) && j < len(c.Trace.Names) {
					c.hover = fmt.Sprintf("%s → %s: %.4f", showToken(c.Trace.Tokens[t]), showToken(c.Trace.Names[j]), c.P[t][j])
				}
			}),
	)
}
