package app

import (
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rnn-playground/rnn-playground/rnn"
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
	Marker int       // the step the timeline shows, marked; 0: none

	Overlays []curve      // earlier runs drawn under the current curve (runlist.go)
	Changes  rnn.Schedule // marked at their steps (changecontrol.go)

	logScale bool
}

// Drawing area and margins, in SVG units; the SVG scales to its box.
const (
	chartW, chartH           = 600.0, 220.0
	chartLeft, chartBottom   = tickMargin, 24.0
	chartTop, chartRightSide = 10.0, 12.0
)

func (c *lossChart) Render() app.UI {
	pw, ph := chartW-chartLeft-chartRightSide, chartH-chartTop-chartBottom
	all, steps, drawn := c.Losses, c.Steps, len(c.Losses)
	for _, o := range c.Overlays {
		all, steps = append(all[:len(all):len(all)], o.Losses...), max(steps, o.steps())
		drawn = max(drawn, o.steps())
	}
	p := newPlot(all, steps, c.logScale, pw, ph)
	p.Steps = max(axisSteps(steps, drawn), len(c.Losses), 1) // all holds several curves' losses
	scale := "linear"
	if c.logScale {
		scale = "log"
	}
	alt := T("No training steps yet.")
	if n := len(c.Losses); n > 0 {
		alt = Tf("Loss over %d steps, from %.4f to %.4f.", n, c.Losses[0], c.Losses[n-1])
	}

	stepTicks := p.stepTicks()
	var ticks []app.UI
	for _, v := range p.ticks() {
		y := chartTop + p.Y(v)
		ticks = append(ticks,
			svg("line").Attr("x1", chartLeft).Attr("x2", chartW-chartRightSide).
				Attr("y1", y).Attr("y2", y).Class("grid"),
			svg("text").Attr("x", chartLeft-6).Attr("y", y+4).Attr("text-anchor", "end").
				Class("tick").Text(tickLabel(v)),
		)
	}

	return app.Div().Class("chart").Body(
		app.Div().Class("chart-head").Body(
			app.Span().Class("chart-title").Body(app.Text(T("Loss")), termHelp("loss")),
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
				app.Range(stepTicks).Slice(func(i int) app.UI {
					return svg("text").Attr("x", chartLeft+p.X(stepTicks[i])).Attr("y", chartH-6).Attr("text-anchor", "middle").
						Class("tick", "step-tick").Text(strconv.Itoa(stepTicks[i]))
				}),
				svg("text").Attr("x", chartW-chartRightSide).Attr("y", chartH-6).
					Attr("text-anchor", "end").Class("tick").Text(Tf("step %d", p.Steps)),
				svg("g").Attr("transform", fmt.Sprintf("translate(%g %g)", chartLeft, chartTop)).Body(
					app.Range(c.Overlays).Slice(func(i int) app.UI {
						o := c.Overlays[i]
						return svg("polyline").Class("overlay", fmt.Sprintf("overlay-%d", o.Slot)).
							DataSet("label", o.Label).DataSet("points", len(o.Losses)).
							Attr("points", p.curvePoints(o)).Body(svg("title").Text(o.Label))
					}),
					app.Range(c.Changes).Slice(func(i int) app.UI {
						ch := c.Changes[i]
						if ch.Step > p.Steps {
							return nil
						}
						x := p.X(ch.Step)
						return svg("g").Class("change-mark").DataSet("step", ch.Step).Body(
							svg("line").Attr("x1", x).Attr("x2", x).Attr("y1", 0).Attr("y2", ph),
							svg("text").Attr("x", x+3).Attr("y", 10+12*float64(i%3)).Class("tick").Text(changeNote(ch)),
						)
					}),
					svg("polyline").ID("loss-line").Class("loss-line").
						Attr("points", p.points(c.Losses)),
					app.If(c.Marker >= 1 && c.Marker <= len(c.Losses), func() app.UI {
						x, y := p.X(c.Marker), p.Y(c.Losses[c.Marker-1])
						return svg("g").ID("loss-marker").DataSet("step", c.Marker).
							DataSet("loss", fmt.Sprintf("%.4f", c.Losses[c.Marker-1])).Body(
							svg("line").Class("marker-line").Attr("x1", x).Attr("x2", x).Attr("y1", 0).Attr("y2", ph),
							svg("circle").Class("marker-dot").Attr("cx", x).Attr("cy", y).Attr("r", 4),
						)
					}),
				),
			),
		app.P().Class("hint chart-read").Text(T("Each point is one step's loss: the cross-entropy of the batch's next-token predictions (natural log). Lower is better; guessing evenly among V tokens scores ln V.")),
	)
}
