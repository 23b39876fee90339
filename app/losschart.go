package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

const svgNS = "http://www.w3.org/2000/svg"

// svg makes an SVG element. Its namespace must be set on every element:
// go-app does not inherit it, and without it a child is an unknown HTML tag.
func svg(tag string) app.HTMLElem { return app.Elem(tag).XMLNS(svgNS) }

// lossChart draws the loss of every step so far over the whole run.
type lossChart struct {
	app.Compo

	Losses []float64 // Losses[i] is the loss of step i+1
	Steps  int       // the run's length, the x axis

	logScale bool
}

// Drawing area and margins, in SVG units; the SVG scales to its box.
const (
	chartW, chartH           = 600.0, 220.0
	chartLeft, chartBottom   = 56.0, 24.0
	chartTop, chartRightSide = 10.0, 12.0
)

func (c *lossChart) Render() app.UI {
	pw, ph := chartW-chartLeft-chartRightSide, chartH-chartTop-chartBottom
	p := newPlot(c.Losses, c.Steps, c.logScale, pw, ph)
	scale := "linear"
	if c.logScale {
		scale = "log"
	}
	alt := T("No training steps yet.")
	if n := len(c.Losses); n > 0 {
		alt = fmt.Sprintf(T("Loss over %d steps, from %.4f to %.4f."), n, c.Losses[0], c.Losses[n-1])
	}

	var ticks []app.UI
	for _, v := range p.ticks() {
		y := chartTop + p.Y(v)
		ticks = append(ticks,
			svg("line").Attr("x1", chartLeft).Attr("x2", chartW-chartRightSide).
				Attr("y1", y).Attr("y2", y).Class("grid"),
			svg("text").Attr("x", chartLeft-6).Attr("y", y+4).Attr("text-anchor", "end").
				Class("tick").Text(formatLoss(v)),
		)
	}

	return app.Div().Class("chart").Body(
		app.Div().Class("chart-head").Body(
			app.Span().Class("chart-title").Text(T("Loss")),
			app.Label().Class("toggle").Body(
				app.Input().Type("checkbox").ID("log-scale").Checked(c.logScale).
					OnChange(func(ctx app.Context, e app.Event) {
						c.logScale = ctx.JSSrc().Get("checked").Bool()
					}),
				app.Text(T(" log scale")),
			),
		),
		svg("svg").ID("loss-chart").
			Attr("viewBox", fmt.Sprintf("0 0 %g %g", chartW, chartH)).
			Attr("role", "img").Attr("aria-label", alt).
			DataSet("points", len(c.Losses)).DataSet("scale", scale).
			Body(
				svg("title").Text(alt),
				svg("g").Body(ticks...),
				svg("text").Attr("x", chartLeft).Attr("y", chartH-6).Class("tick").Text("1"),
				svg("text").Attr("x", chartW-chartRightSide).Attr("y", chartH-6).
					Attr("text-anchor", "end").Class("tick").Text(fmt.Sprintf(T("step %d"), p.Steps)),
				svg("g").Attr("transform", fmt.Sprintf("translate(%g %g)", chartLeft, chartTop)).Body(
					svg("polyline").ID("loss-line").Class("loss-line").
						Attr("points", p.points(c.Losses)),
				),
			),
	)
}
