package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// trainControls are Play, Pause, Step and Reset with the step counter.
type trainControls struct {
	app.Compo

	State       string
	Step, Steps int
	StepsPerSec float64
	Workers     int // training the run: 1 + helper workers (0 before the trainer says)
	Trainer     trainerCommander
}

func (c *trainControls) Render() app.UI {
	running := c.State == stateRunning
	canTrain := c.State == statePaused
	button := func(cmd, label, title string, enabled bool) app.UI {
		// The scope (cmd) is part of the handler's identity: go-app compares
		// closures by code pointer, so without it the Play button turned
		// Pause would keep Play's handler.
		return app.Button().ID(cmd).Class("btn", "btn-"+cmd).Title(T(title)).
			Disabled(!enabled).Text(T(label)).
			OnClick(func(ctx app.Context, e app.Event) { c.Trainer.command(ctx, cmd) }, app.EventScope(cmd))
	}
	play := button("play", "▶ Train", "Train until the last step", canTrain)
	if running {
		play = button("pause", "❚❚ Pause", "Stop after the current step", true)
	}
	return app.Div().Class("controls").Body(
		play,
		button("step", "Step", "Take one training step", canTrain),
		button("reset", "↺ Reset", "Start again from the initial weights", c.State != ""),
		app.Div().Class("counter").Body(
			app.Span().Text(T("step ")),
			app.Strong().ID("step-count").Text(c.Step),
			app.Span().Text(fmt.Sprintf(" / %d", c.Steps)),
			app.Span().Class("rate").ID("steps-per-sec").Text(formatRate(c.StepsPerSec)),
			app.Span().Class("rate-unit").Text(T(" steps/s")),
			app.If(c.Workers > 0, func() app.UI {
				label := fmt.Sprintf(T(" · %d workers"), c.Workers)
				if c.Workers == 1 {
					label = T(" · 1 worker")
				}
				return app.Span().Class("workers").ID("workers").
					Title(T("Web Workers training this run, each on a share of every batch")).Text(label)
			}),
		),
		app.Span().ID("run-state").Class("state", "state-"+c.State).Text(T(stateLabel(c.State))),
	)
}

// trainerCommander runs play, pause, step and reset (the playground does).
type trainerCommander interface {
	command(ctx app.Context, cmd string)
}

// stateLabel says what the trainer is doing.
func stateLabel(s string) string {
	switch s {
	case "":
		return "starting the trainer…"
	case statePaused:
		return "paused"
	case stateRunning:
		return "training"
	case stateDone:
		return "done"
	case stateDiverged:
		return "stopped: the loss diverged"
	case stateError:
		return "cannot train these settings"
	}
	return s
}
