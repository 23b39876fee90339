package app

import (
	"encoding/json"
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// runList is the earlier runs this browser kept (pastruns.go): each can be
// drawn over the current curve, labelled with what changed from it to the
// run now, and its settings restored with one click. The curves shown can be
// downloaded as CSV and the chart as SVG.
type runList struct {
	app.Compo

	Runs    []pastRun
	Shown   map[string]bool // by run ID
	Current protocol.Settings
	Lister  runLister
}

// runLister acts on the earlier runs (the playground does).
type runLister interface {
	showRun(ctx app.Context, id string, shown bool)
	restoreRun(ctx app.Context, id string)
	downloadCurves(ctx app.Context)
	downloadChart(ctx app.Context)
}

func (l *runList) Render() app.UI {
	return app.Details().ID("runs").Class("runs").Body(
		app.Summary().Text(Tf("Earlier runs (%d)", len(l.Runs))),
		app.If(len(l.Runs) == 0, func() app.UI {
			return app.P().Class("hint").Text(T("A run is kept here when it ends or is reset, to draw over the next one."))
		}),
		app.Ul().Class("run-list").Body(app.Range(l.Runs).Slice(func(i int) app.UI {
			r := l.Runs[i]
			id := fmt.Sprintf("overlay-%d", i)
			label := Tf("%s · loss %.4f after %d steps", runDiff(r.settings(), l.Current), r.lastLoss(), r.Steps)
			return app.Li().Class("run-item").Body(
				app.Input().Type("checkbox").ID(id).Checked(l.Shown[r.ID]).
					OnChange(func(ctx app.Context, e app.Event) {
						l.Lister.showRun(ctx, r.ID, ctx.JSSrc().Get("checked").Bool())
					}, app.EventScope(r.ID)),
				app.Label().For(id).Body(
					app.Span().Class("swatch", fmt.Sprintf("overlay-%d", i%maxPastRuns)),
					app.Text(" "+label),
				),
				app.Button().ID(fmt.Sprintf("restore-run-%d", i)).Class("btn", "btn-small").Text(T("Use these settings")).
					OnClick(func(ctx app.Context, e app.Event) { l.Lister.restoreRun(ctx, r.ID) }, app.EventScope(r.ID)),
			)
		})),
		app.Div().Class("run-downloads").Body(
			app.Button().ID("curves-csv").Class("btn", "btn-small").Text(T("Download the curves (CSV)")).
				OnClick(func(ctx app.Context, e app.Event) { l.Lister.downloadCurves(ctx) }),
			app.Button().ID("chart-svg").Class("btn", "btn-small").Text(T("Download the chart (SVG)")).
				OnClick(func(ctx app.Context, e app.Event) { l.Lister.downloadChart(ctx) }),
		),
	)
}

// pastRuns reads the runs kept in the browser's storage.
func pastRuns() []pastRun {
	raw, ok := storageGet(pastRunsKey)
	if !ok {
		return nil
	}
	var list []pastRun
	if json.Unmarshal([]byte(raw), &list) != nil {
		return nil
	}
	return list
}

// keepRun adds the current run to the earlier runs, in the page and in
// the browser's storage.
func (p *playground) keepRun() {
	if p.run.Step == 0 || len(p.run.Losses) == 0 {
		return
	}
	p.past = rememberRun(p.past, newPastRun(p.runID, p.runSettings, p.run))
	b, _ := json.Marshal(p.past)
	storageSet(pastRunsKey, string(b)) // a full storage keeps the page's list only
}

func (p *playground) showRun(ctx app.Context, id string, shown bool) {
	if p.shownRuns == nil {
		p.shownRuns = map[string]bool{}
	}
	p.shownRuns[id] = shown
}

// restoreRun opens the settings of an earlier run: a new run from the
// seed, the run now kept in the list.
func (p *playground) restoreRun(ctx app.Context, id string) {
	for _, r := range p.past {
		if r.ID == id {
			s := r.settings()
			s.Pace = p.state.Settings.Pace // how fast to show it is the page's
			p.state = newRunState(s)
			p.linkNote = showInAddressBar(p.link())
			p.reset()
			return
		}
	}
}

// earlierRuns are the runs kept, but the one on the chart now.
func (p *playground) earlierRuns() []pastRun {
	var out []pastRun
	for _, r := range p.past {
		if r.ID != p.runID {
			out = append(out, r)
		}
	}
	return out
}

// overlays are the earlier runs drawn over the current curve.
func (p *playground) overlays() []curve {
	var out []curve
	for i, r := range p.earlierRuns() {
		if p.shownRuns[r.ID] {
			out = append(out, curve{Label: runDiff(r.settings(), p.state.Settings), Every: r.Every, Losses: r.Losses, Slot: i % maxPastRuns})
		}
	}
	return out
}

// downloadCurves offers the current curve and those drawn over it as CSV.
func (p *playground) downloadCurves(ctx app.Context) {
	curves := append([]curve{{Label: T("this run"), Every: 1, Losses: p.run.Losses}}, p.overlays()...)
	download("rnn-playground-losses.csv", []byte(curvesCSV(curves)))
}

// downloadChart offers the loss chart as a standalone SVG: the page's
// styles of its lines and labels are written into the copy.
func (p *playground) downloadChart(ctx app.Context) {
	doc := app.Window().Get("document")
	chart := doc.Call("getElementById", "loss-chart")
	if !chart.Truthy() {
		return
	}
	clone := chart.Call("cloneNode", true)
	src, dst := chart.Call("querySelectorAll", "*"), clone.Call("querySelectorAll", "*")
	for i := 0; i < src.Length(); i++ {
		st := app.Window().Call("getComputedStyle", src.Index(i))
		for _, prop := range []string{"fill", "stroke", "stroke-width", "stroke-dasharray", "font-size", "font-family", "opacity"} {
			dst.Index(i).Get("style").Call("setProperty", prop, st.Call("getPropertyValue", prop))
		}
	}
	clone.Call("setAttribute", "xmlns", svgNS)
	clone.Get("style").Call("setProperty", "background", "#fff")
	svgText := app.Window().Get("XMLSerializer").New().Call("serializeToString", clone).String()
	download("rnn-playground-loss.svg", []byte(svgText))
}
