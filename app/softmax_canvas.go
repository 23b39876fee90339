package app

import (
	"fmt"

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
	canvas.Set("width", w)
	canvas.Set("height", h)
	g := canvas.Call("getContext", "2d")
	g.Call("clearRect", 0, 0, w, h)
	pal := paletteNamed(c.Palette)
	g.Set("font", "11px ui-monospace, monospace")
	g.Set("fillStyle", "#5c6370")
	g.Set("textAlign", "right")
	g.Set("textBaseline", "middle")
	for t := range c.P {
		g.Call("fillText", fmt.Sprintf("%d %s", d.Offset+t, showToken(d.Tokens[t])), smLabelW-4, smHeadH+smCell*(float64(t)+0.5))
	}
	g.Set("textAlign", "left")
	for j, name := range d.Names {
		g.Call("save")
		g.Call("translate", smLabelW+smCell*(float64(j)+0.5), smHeadH-4)
		g.Call("rotate", -1.2)
		g.Call("fillText", showToken(name), 0, 0)
		g.Call("restore")
	}
	for t, row := range c.P {
		for j, x := range row {
			g.Set("fillStyle", css(pal.at(x)))
			g.Call("fillRect", smLabelW+smCell*float64(j)+1, smHeadH+smCell*float64(t)+1, smCell-2, smCell-2)
		}
	}
	for t := range c.P {
		for j, id := range d.Cols {
			x, y := smLabelW+smCell*float64(j), smHeadH+smCell*float64(t)
			if t < len(d.Argmax) && id == d.Argmax[t] {
				// dark then light: visible on both ends of the palette
				g.Set("lineWidth", 2)
				g.Set("strokeStyle", "#1f2328")
				g.Call("strokeRect", x+1, y+1, smCell-2, smCell-2)
				g.Set("lineWidth", 1)
				g.Set("strokeStyle", "#fff")
				g.Call("strokeRect", x+2.5, y+2.5, smCell-5, smCell-5)
			}
			if t < len(d.Target) && id == d.Target[t] {
				g.Set("fillStyle", "#e34a33")
				g.Call("beginPath")
				g.Call("arc", x+smCell-4, y+4, 2.5, 0, 6.2832)
				g.Call("fill")
			}
		}
	}
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
