package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// trainControls are Play, Pause, Step and Reset with the step counter.
type trainControls struct {
	app.Compo

	State       protocol.State
	Step, Steps int
	StepsPerSec float64
	Workers     int    // training the run: 1 + helper workers (0 before the trainer says)
	Blocked     string // why Train cannot start, or ""
	Trainer     trainerCommander
}

func (c *trainControls) Render() app.UI {
	running := c.State == protocol.Running
	canTrain := c.State == protocol.Paused && c.Blocked == ""
	button := func(cmd protocol.Cmd, label, title string, enabled bool) app.UI {
		// The scope (cmd) is part of the handler's identity: go-app compares
		// closures by code pointer, so without it the Play button turned
		// Pause would keep Play's handler.
		return app.Button().ID(string(cmd)).Class("btn", "btn-"+string(cmd)).Title(T(title)).
			Disabled(!enabled).Text(T(label)).
			OnClick(func(ctx app.Context, e app.Event) { c.Trainer.command(ctx, cmd) }, app.EventScope(string(cmd)))
	}
	play := button(protocol.Play, "▶ Train", "Train until the last step", canTrain)
	if running {
		play = button(protocol.Pause, "❚❚ Pause", "Stop after the current step", true)
	}
	return app.Div().Class("controls").Body(
		play,
		button(protocol.StepOnce, "Step", "Take one training step", canTrain),
		app.Button().ID("step10").Class("btn", "btn-step").Title(T("Take ten training steps at the chosen pace")).
			Disabled(!canTrain).Text(T("Step ×10")).
			OnClick(func(ctx app.Context, e app.Event) { c.Trainer.steps(ctx, 10) }),
		button(protocol.Reset, "↺ Reset", "Start again from the initial weights", c.State != protocol.NotReady && c.State != loadingModel),
		app.Div().Class("counter").Body(
			app.Span().Text(T("step ")),
			app.Strong().ID("step-count").Text(c.Step),
			app.Span().Text(fmt.Sprintf(" / %d", c.Steps)),
			app.Span().Class("rate").ID("steps-per-sec").Text(formatRate(c.StepsPerSec)),
			app.Span().Class("rate-unit").Text(T(" steps/s")),
			app.If(c.Workers > 0, func() app.UI {
				label := Tf(" · %d workers", c.Workers)
				if c.Workers == 1 {
					label = T(" · 1 worker")
				}
				return app.Span().Class("workers").ID("workers").
					Title(T("Web Workers training this run, each on a share of every batch")).Text(label)
			}).Else(func() app.UI {
				// Its room, kept until the trainer says: the line does not wrap later and push the card down.
				return app.Span().Class("workers", "workers-unknown").Aria("hidden", true).Text(T(" · 1 worker"))
			}),
		),
		app.If(c.Blocked == "", func() app.UI {
			return app.Span().ID("run-state").Class("state", "state-"+string(c.State)).Text(T(stateLabel(c.State)))
		}).Else(func() app.UI {
			return app.Span().ID("run-state").Class("state", "state-blocked").Text(T("blocked"))
		}),
		app.If(c.Blocked != "", func() app.UI {
			return app.P().ID("train-blocked").Class("run-error").Attr("role", "alert").Body(
				app.Text(T("Train waits: ")), app.Text(c.Blocked),
			)
		}),
	)
}

// trainerCommander runs play, pause, step and reset (the playground does).
type trainerCommander interface {
	command(ctx app.Context, cmd protocol.Cmd)
	steps(ctx app.Context, n int) // n steps at the run's pace
}

// loadingModel is the page's state while the worker reads a kept or
// imported model: the run shown is not yet the one that would train.
const loadingModel protocol.State = "loading"

// stateLabel says what the trainer is doing.
func stateLabel(s protocol.State) string {
	switch s {
	case protocol.NotReady:
		return "starting the trainer…"
	case loadingModel:
		return "loading the model…"
	case protocol.Paused:
		return "paused"
	case protocol.Running:
		return "training"
	case protocol.Done:
		return "done"
	case protocol.Diverged:
		return "stopped: the loss diverged"
	case protocol.Refused:
		return "cannot train these settings"
	}
	return string(s)
}
