package app

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// timeline picks a step of the run so far: the loss curve marks it, the log
// stops at it and the open view shows the model as it was then, from the
// traces the worker keeps (app/trainer/history.go). Replay plays the
// recorded run back at the chosen pace, without training.
type timeline struct {
	app.Compo

	Step      int  // the run's step now
	At        int  // the step shown; now when negative
	Replaying bool // Replay is moving At
	Training  bool
	Scrubber  scrubber

	shown int // the slider's value, as rendered
}

// The slider's value is set again once its max is: go-app sets the two
// attributes in no fixed order, and a value above the old max was cut to
// it (the handle at two thirds of the track after a longer run came back).
func (c *timeline) OnMount(ctx app.Context)  { ctx.Defer(func(app.Context) { c.settle() }) }
func (c *timeline) OnUpdate(ctx app.Context) { ctx.Defer(func(app.Context) { c.settle() }) }

func (c *timeline) settle() {
	if el := app.Window().GetElementByID("timeline"); el.Truthy() && el.Get("valueAsNumber").Int() != c.shown {
		el.Set("value", c.shown)
	}
}

// scrubber moves the page through the run's history (the playground does).
type scrubber interface {
	showStep(ctx app.Context, step int)
	backToNow(ctx app.Context)
	replay(ctx app.Context)
}

func (c *timeline) Render() app.UI {
	at, label := c.Step, Tf("now: step %d", c.Step)
	if c.At >= 0 {
		at, label = c.At, Tf("step %d of %d", c.At, c.Step)
	}
	c.shown = at
	return app.Div().ID("timeline-box").Class("timeline").Body(
		app.Label().For("timeline").Class("timeline-label").Text(T("Timeline")),
		app.Input().Type("range").ID("timeline").Attr("min", 0).Attr("max", c.Step).Attr("step", 1).
			Value(at).Disabled(c.Step == 0).Aria("valuetext", label).
			OnInput(func(ctx app.Context, e app.Event) {
				c.Scrubber.showStep(ctx, ctx.JSSrc().Get("valueAsNumber").Int())
			}),
		app.Span().ID("timeline-at").Class("timeline-at").Attr("aria-live", "polite").Text(label),
		app.Button().ID("timeline-now").Class("btn", "btn-small").Text(T("Back to now")).
			Disabled(c.At < 0 && !c.Replaying).
			OnClick(func(ctx app.Context, e app.Event) { c.Scrubber.backToNow(ctx) }),
		app.Button().ID("replay").Class("btn", "btn-small").Text(T("▶ Replay")).
			Title(T("Play the recorded run back at the chosen pace, without training")).
			Disabled(c.Step == 0 || c.Replaying || c.Training).
			OnClick(func(ctx app.Context, e app.Event) { c.Scrubber.replay(ctx) }),
	)
}

// showStep shows the run at step (now, from the run's last step on) and
// asks the worker for the trace it kept there.
func (p *playground) showStep(ctx app.Context, step int) {
	p.replays++ // a hand on the timeline stops a replay
	p.seek(step)
}

func (p *playground) seek(step int) {
	if step >= p.run.Step {
		p.at = -1
		return
	}
	p.at = max(step, 0)
	p.trainer.send(protocol.Command{Cmd: protocol.History, Count: p.at})
}

// backToNow returns to the live run and stops a replay.
func (p *playground) backToNow(ctx app.Context) { p.toNow() }

func (p *playground) toNow() {
	p.replays++
	p.at = -1
	p.look.Past = nil
}

// replay moves the timeline from step 0 to now at the run's pace (one
// frame a step at full speed); a new run, Train or a hand on the timeline
// stops it.
func (p *playground) replay(ctx app.Context) {
	p.replays++
	id, end := p.replays, p.run.Step
	p.replayID = id
	every := p.state.Settings.Pace.Interval(p.state.Settings.Config.Steps)
	if every == 0 {
		every = 16 * time.Millisecond
	}
	var tick func(step int) func(app.Context)
	tick = func(step int) func(app.Context) {
		return func(ctx app.Context) {
			if p.replays != id {
				return
			}
			if step >= end {
				p.toNow()
				return
			}
			p.seek(step)
			ctx.After(every, tick(step+1))
		}
	}
	tick(0)(ctx)
}

// replaying reports whether a replay moves the timeline.
func (p *playground) replaying() bool { return p.replayID != 0 && p.replayID == p.replays }

// shownTrace is the trace of the step shown: the latest, or the one the
// worker kept for the step the timeline picked.
func (p *playground) shownTrace() *protocol.TraceData {
	if p.at < 0 {
		return p.look.Trace
	}
	return p.look.Past
}

// shownLive is the latest step's predictions, shown only at now.
func (p *playground) shownLive() *protocol.LogEntry {
	if p.at < 0 {
		return p.run.Live
	}
	return nil
}

// shownLog is the log up to the step the timeline shows.
func (p *playground) shownLog() []protocol.LogEntry {
	if p.at < 0 {
		return p.run.Log
	}
	n := 0
	for n < len(p.run.Log) && p.run.Log[n].Step <= p.at {
		n++
	}
	return p.run.Log[:n]
}
