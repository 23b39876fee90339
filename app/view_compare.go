package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// compareView trains RNN, LSTM and GRU side by side on the same text with
// the same seed and sizes, one Web Worker each (the browser spreads them
// over the cores it has), and overlays their loss curves and their
// vanishing-gradient curves.
type compareView struct {
	app.Compo

	Settings protocol.Settings

	runs    []*compareRun
	started bool
}

// compareCells are the cells compared, in legend order.
var compareCells = []rnn.CellKind{rnn.RNNTanh, rnn.LSTM, rnn.GRU}

// compareRun is one cell's worker and what it reported.
type compareRun struct {
	cell    rnn.CellKind
	client  *trainerClient
	view    protocol.RunView
	grad    []float64 // ‖∂ℓ_T/∂h_t‖ of the top layer, latest trace
	tokens  []string
	offset  int
	traceAt int // the step of that trace
}

// compareSettings is s with the cell replaced: everything else, seed
// included, stays the same, so only the cell differs between the runs.
func compareSettings(s protocol.Settings, cell rnn.CellKind) protocol.Settings {
	s.Config.Cell = cell
	s.Autoplay = false
	s.Workers = 1 // three runs side by side already use the cores
	return s
}

func (c *compareView) OnDismount() { c.stop() }

func (c *compareView) stop() {
	for _, r := range c.runs {
		r.client.stop()
	}
	c.runs, c.started = nil, false
}

// start (re)starts the three workers on the current settings.
func (c *compareView) start(ctx app.Context) {
	c.stop()
	c.started = true
	for _, cell := range compareCells {
		r := &compareRun{cell: cell, view: protocol.NewRunView(1)}
		r.client = startTrainer(ctx, func(ctx app.Context, events []protocol.Event) {
			for _, e := range events {
				r.receive(e)
			}
		})
		r.client.send(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: compareSettings(c.Settings, cell).Query()})
		r.client.send(protocol.Command{Cmd: protocol.Watch, Look: &protocol.LookCommand{Watch: protocol.WatchGradient}})
		r.client.send(protocol.Command{Cmd: protocol.Play})
		c.runs = append(c.runs, r)
	}
}

func (r *compareRun) receive(e protocol.Event) {
	if e.Kind == protocol.Failed {
		r.view.Error = e.Error
		return
	}
	if e.Kind == protocol.TraceKind && e.Run == r.view.Run && e.Look != nil && e.Look.Trace != nil {
		d := e.Look.Trace
		if n := len(d.Layers); n > 0 {
			r.grad = floats(d.Layers[n-1].GradHLast)
		}
		r.tokens, r.offset, r.traceAt = d.Tokens, d.Offset, d.Step
		return
	}
	r.view.Apply(e)
}

func (c *compareView) Render() app.UI {
	button := T("Train all three")
	if c.started {
		button = T("Start again")
	}
	var losses, grads []series
	var status []app.UI
	var tokens []string
	offset := 0
	done := len(c.runs) > 0
	for _, r := range c.runs {
		name := r.cell.String()
		class := "series-" + name
		losses = append(losses, series{Name: name, Class: class, Values: r.view.Losses})
		if r.grad != nil {
			grads = append(grads, series{Name: name, Class: class, Values: r.grad})
			tokens, offset = r.tokens, r.offset
		}
		line := Tf("%s: step %d of %d", name, r.view.Step, max(r.view.Steps, c.Settings.Config.Steps))
		if l, ok := r.view.LastLoss(); ok {
			line += Tf(", loss %.4f", l)
		}
		if d := protocol.Falloff(r.grad); r.grad != nil && d >= 0 {
			line += Tf(", the gradient falls %.1f decades from the last step to the first", d)
		} else if r.grad != nil {
			line += Tf(", the gradient grows %.1f decades from the last step to the first", -d)
		}
		if r.view.Error != nil {
			line += " — " + Tp(r.view.Error)
		}
		done = done && (r.view.State == protocol.Done || r.view.State == protocol.Diverged || r.view.State == protocol.Refused)
		status = append(status, app.Li().Class("compare-"+name).DataSet("state", r.view.State).
			DataSet("step", r.view.Step).DataSet("trace-step", r.traceAt).Text(line))
	}
	return app.Div().Class("compare-view").DataSet("done", done).Body(
		app.P().Class("hint").Text(T("The same text, seed and sizes, trained three times: only the cell differs. Each run has its own worker.")),
		app.Button().Type("button").ID("compare-start").Class("btn").Text(button).
			OnClick(func(ctx app.Context, e app.Event) { c.start(ctx) }),
		app.Ul().ID("compare-status").Class("text-alt-list").Body(status...),
		app.If(len(c.runs) > 0, func() app.UI {
			return app.Div().Class("compare-charts").Body(
				app.H3().Text(T("Loss")),
				logChart("compare-loss", T("Loss of each cell by step (log scale)"), losses, nil, 1),
				app.H3().Text(T("‖∂ℓ_T/∂h_t‖ by time step")),
				logChart("compare-gradient", T("‖∂ℓ_T/∂h_t‖ of each cell by time step"), grads, tokens, offset),
			)
		}),
	)
}
