package app

import (
	"fmt"
	"slices"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// lookState is what the page knows for the teaching views: the latest
// trace of the current run, merged from the worker's events.
type lookState struct {
	Trace       *protocol.TraceData
	Past        *protocol.TraceData // the trace the timeline asked for (timeline.go)
	Text        *protocol.TraceData // the states over the student's own text (neurontext.go)
	TextError   string              // why that text has none
	ModelMsg    string              // what happened to the last model file
	ModelDetail string              // and the technical cause of a refusal, for those who ask

	download     bool   // an export was asked for by the reader
	importRun    int    // the run an import will start, 0 when none is pending
	importing    origin // where the pending import's model comes from
	keptStep     int    // the step of the model last kept in storage
	keepTurn     func() // the browser's turn before a model is kept (modelfile.go)
	restoreTried bool   // the kept model was looked for once, at start
	row          int    // the sequence of the batch the views trace
}

// newRun forgets the old run's trace; what the page learnt about model
// files and storage stays.
func (l *lookState) newRun() { l.Trace, l.Past, l.Text, l.TextError, l.keptStep = nil, nil, nil, "", 0 }

// apply takes the trace events of run.
func (l *lookState) apply(run int, e protocol.Event) {
	switch {
	case e.Run != run || e.Kind != protocol.TraceKind || e.Look == nil:
	case e.Look.Past:
		l.Past = e.Look.Trace
	case e.Look.Text:
		l.Text, l.TextError = e.Look.Trace, Tp(e.Error)
	case e.Look.Trace != nil:
		l.Trace = e.Look.Trace
	}
}

// viewer opens a view: the page, which keeps it in the link.
type viewer interface {
	setView(ctx app.Context, view string)
	setRow(ctx app.Context, row int)
	openCellAt(ctx app.Context, t int)      // the cell view, at time step t of the trace
	traceText(ctx app.Context, text string) // the states over a text the student types
}

// traceText asks the worker for the model's states over text.
func (p *playground) traceText(ctx app.Context, text string) {
	p.trainer.send(protocol.Command{Cmd: protocol.States, Prefix: text})
}

// openCellAt opens the cell view with step t selected (the unrolled view's
// boxes lead there), the focus on its tab: the box that had it is gone
// with the unrolled view.
func (p *playground) openCellAt(ctx app.Context, t int) {
	p.cellStep = t
	p.setView(ctx, "cell")
	p.mounted.Defer(func(app.Context) {
		if tab := app.Window().GetElementByID("tab-cell"); tab.Truthy() {
			tab.Call("focus")
		}
	})
}

// setView opens view, writes it into the link and asks the worker for
// what it draws.
func (p *playground) setView(ctx app.Context, view string) {
	p.class.View = view
	p.linkNote = showInAddressBar(p.link())
	p.watch()
	if p.at >= 0 { // the step shown, with what the new view draws
		p.seek(p.at)
	}
}

// watchFor is what view needs from the worker's traces: the compare view
// has workers of its own.
func watchFor(view string) string {
	switch view {
	case "cell":
		return protocol.WatchCell
	case "gradient":
		return protocol.WatchGradient
	case "compare":
		return protocol.WatchNone
	case "unrolled":
		return protocol.WatchUnrolled
	}
	return protocol.WatchSoftmax
}

// setRow traces another sequence of the batch.
func (p *playground) setRow(ctx app.Context, row int) {
	p.look.row = row
	p.watch()
}

// watch tells the worker which traces the open views need.
func (p *playground) watch() {
	w := watchFor(p.class.View)
	if p.class.Hidden("look") {
		w = protocol.WatchNone
	}
	p.trainer.send(protocol.Command{Cmd: protocol.Watch, Look: &protocol.LookCommand{Watch: w, Row: p.look.row}})
}

// traceHas reports whether the trace d holds what view draws (the worker sends
// only what the open view needs).
func traceHas(d *protocol.TraceData, view string) bool {
	switch {
	case d == nil:
		return false
	case view == "softmax":
		return d.Probs != nil || len(d.Tokens) == 0
	case view == "cell":
		return len(d.Layers) > 0 && (d.Layers[0].H != nil && d.Layers[0].X != nil || len(d.Tokens) == 0) // not the unrolled view's cut trace
	case view == "unrolled":
		return len(d.Layers) > 0 && (d.Layers[0].H != nil && d.Argmax != nil || len(d.Tokens) == 0)
	}
	return true
}

// lookPanel is the "Look inside" card: a tab per teaching view.
type lookPanel struct {
	app.Compo

	Trace     *protocol.TraceData
	Past      bool   // Trace is from the run's history: the timeline shows an earlier step
	View      string // one of views
	Settings  protocol.Settings
	Classroom Classroom
	Viewer    viewer
	CellStep  int                 // the cell view's first selected step
	Text      *protocol.TraceData // the states over the student's text, and why not
	TextError string

	palette string
}

// traceNote says which weights the views show.
func (p *lookPanel) traceNote() string {
	if p.Past {
		return Tf("Traced at step %d, under the weights of that step: sequence", p.Trace.Step)
	}
	return Tf("Traced at step %d, under the current weights: sequence", p.Trace.Step)
}

// viewTitle is each view's tab label.
func viewTitle(view string) string {
	switch view {
	case "cell":
		return T("Inside the cell")
	case "gradient":
		return T("Vanishing gradient")
	case "unrolled":
		return T("Unrolled")
	case "compare":
		return T("Compare RNN · LSTM · GRU")
	}
	return T("Softmax table")
}

func (p *lookPanel) Render() app.UI {
	view := p.View
	if !slices.Contains(views, view) {
		view = views[0]
	}
	var tabs []app.UI
	for _, v := range views {
		v := v
		if v == "compare" && p.Classroom.Hidden("compare") {
			continue
		}
		tabs = append(tabs, app.Button().Type("button").ID("tab-"+v).Class("tab").
			Attr("role", "tab").Attr("aria-selected", v == view).Attr("aria-controls", "view-panel").
			Text(viewTitle(v)).
			OnClick(func(ctx app.Context, e app.Event) { p.Viewer.setView(ctx, v) }))
	}
	var body app.UI
	switch {
	case view == "compare":
		body = &compareView{Settings: p.Settings}
	case p.Past && p.Trace == nil:
		body = app.P().Class("hint").ID("no-past").Text(T("No trace of this step was kept: the model came from a file or this browser at a later step."))
	case !traceHas(p.Trace, view):
		body = app.P().Class("hint").Text(T("The views appear when the model is ready."))
	case view == "cell":
		body = &cellView{Trace: p.Trace, Palette: p.palette, Start: p.CellStep}
	case view == "unrolled":
		body = &unrolledView{Trace: p.Trace, Text: p.Text, TextError: p.TextError, Palette: p.palette, Viewer: p.Viewer}
	case view == "gradient":
		body = &gradientView{Trace: p.Trace}
	default:
		body = &softmaxView{Trace: p.Trace, Palette: p.palette}
	}
	var note app.UI
	if traceHas(p.Trace, view) && view != "compare" {
		note = app.P().Class("hint").ID("trace-note").DataSet("step", p.Trace.Step).DataSet("row", p.Trace.Row).Body(
			app.Text(p.traceNote()+" "),
			app.Input().Type("number").ID("trace-row").Class("short").Attr("min", 1).Attr("max", p.Trace.Rows).
				Attr("aria-label", T("Sequence of the batch")).Value(p.Trace.Row+1).
				Disabled(p.Trace.Rows <= 1).
				OnChange(func(ctx app.Context, e app.Event) {
					var n int
					fmt.Sscan(ctx.JSSrc().Get("value").String(), &n)
					if n >= 1 && n <= p.Trace.Rows {
						p.Viewer.setRow(ctx, n-1)
					}
				}),
			app.Text(" "+Tf("of %d in the batch.", p.Trace.Rows)),
		)
	}
	return app.Div().Class("look").Body(
		app.Div().Class("tabs").Attr("role", "tablist").Body(tabs...),
		&mountPause{}, // the page's start: the view in a task of its own (steps.go)
		app.Div().Class("palette-pick").Body(
			app.Label().For("palette").Text(T("Colours")),
			app.Select().ID("palette").OnChange(func(ctx app.Context, e app.Event) {
				p.palette = ctx.JSSrc().Get("value").String()
			}).Body(app.Range(sequentialPalettes).Slice(func(i int) app.UI {
				name := sequentialPalettes[i].name
				return app.Option().Value(name).Selected(name == paletteNamed(p.palette).name).Text(name)
			})),
		),
		app.Div().ID("view-panel").Attr("role", "tabpanel").DataSet("view", view).Body(note, body),
	)
}
