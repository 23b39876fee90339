package app

import (
	"fmt"
	"math"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// softmaxCanvas draws a large softmax table on a canvas: one square per
// (time step, token), the prediction outlined, the target dotted. Its
// column and row labels are text beside it that stays in view (sticky)
// while the squares scroll under it. Hovering reads a cell's probability;
// the text alternative is the view's "As text" list.
type softmaxCanvas struct {
	app.Compo

	Trace   *protocol.TraceData
	P       [][]float64 // (T, len(Cols)) the probabilities drawn
	Palette string

	hover string
	cells cellImage
	sized canvasSize // the canvas's, when it was last drawn
}

// smCell is a square's side, and the labels' line, in CSS pixels.
const smCell = 16.0

// OnMount draws the new canvas in a task after the mount's: a canvas's
// first drawing allocates its pixels, 10–30 ms for the classroom run's
// (headless Chromium, no GPU), which made one long task with the view's
// mount.
func (c *softmaxCanvas) OnMount(ctx app.Context) {
	c.sized = canvasSize{}
	ctx.Async(func() {
		time.Sleep(time.Millisecond) // the browser's turn: nothing else of Go runs
		ctx.Dispatch(func(app.Context) { c.draw() })
	})
}

func (c *softmaxCanvas) OnUpdate(ctx app.Context) { ctx.Defer(func(app.Context) { c.draw() }) }

// size is the squares' area.
func (c *softmaxCanvas) size() (w, h float64) {
	cols := 0
	if len(c.P) > 0 {
		cols = len(c.P[0])
	}
	return smCell * float64(cols), smCell * float64(len(c.P))
}

func (c *softmaxCanvas) draw() {
	canvas := app.Window().GetElementByID("softmax-canvas")
	if !canvas.Truthy() {
		return
	}
	// At the screen's pixels, up to 2 a CSS pixel: a phone's canvas would
	// be 9 times the memory at 3.
	dpr := math.Min(math.Max(app.Window().Get("devicePixelRatio").Float(), 1), 2)
	w, h := c.size()
	g := sizeCanvas(canvas, &c.sized, canvasSize{w, h, dpr})
	c.drawSquares(g)
	c.drawMarks(g)
}

// labels are the columns' labels and the rows', as markup: text the
// browser lays out, a token shortened to 16 characters.
func (c *softmaxCanvas) labels() (cols, rows app.UI) {
	d := c.Trace
	var m markup
	m.open("div", "id", "softmax-head", "class", "sm-head", "aria-hidden", "true")
	for _, name := range d.Names {
		m.open("span", "title", name).text(shorten(showToken(name), 16)).close("span")
	}
	m.close("div")
	cols = m.UI()
	m = markup{}
	m.open("div", "id", "softmax-rows", "class", "sm-rows", "aria-hidden", "true")
	for t := range c.P {
		m.open("div").text(fmt.Sprintf("%d %s", d.Offset+t, shorten(showToken(d.Tokens[t]), 16))).close("div")
	}
	m.close("div")
	return cols, m.UI()
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
	cols, rows := c.labels()
	return app.Div().Body(
		hover,
		app.Div().Class("sm-scroll").TabIndex(0).Attr("role", "region").Aria("label", T("Softmax table")).Body(
			app.Div().Class("sm-grid").Attr("role", "img").
				Aria("label", T("Probability of each next token (columns) after each input token (rows).")).Body(
				app.Div().Class("sm-canvas-corner").Text(T("input → next")),
				cols,
				rows,
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
