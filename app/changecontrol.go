package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// changeControl changes the learning rate and the clipping while the run
// trains or is paused, from the next step on, as TensorFlow Playground
// lets one do. The change is part of the run (rnn.Schedule): the link, the
// PyTorch code and `rnn train -schedule` replay it.
type changeControl struct {
	app.Compo

	Settings protocol.Settings
	Next     int    // the step a change applies from
	Error    string // why the last change was refused
	Changer  changer

	lr, clip string     // what is typed, until applied
	shown    [2]float64 // the learning rate and clipping the fields were filled with
}

// changer applies a change of lr and clip, or forgets them all (the
// playground does).
type changer interface {
	changeNow(ctx app.Context, lr, clip string)
	settingsEditor
}

func (c *changeControl) Render() app.UI {
	lr, clip := c.Settings.Config.Schedule.At(c.Settings.Config, c.Next)
	if now := [2]float64{lr, clip}; c.lr == "" || c.clip == "" || now != c.shown {
		// What the run uses changed (a new run, a change applied): show it.
		c.lr, c.clip, c.shown = protocol.FormatFloat(lr), protocol.FormatFloat(clip), now
	}
	field := func(id, label string, value *string) app.UI {
		return app.Label().For(id).Class("change-field").Body(
			app.Text(label+" "),
			app.Input().Type("number").ID(id).Class("short").Attr("step", "any").Attr("min", 0).
				Attr("inputmode", "decimal").Value(*value).
				Aria("invalid", c.Error != "").
				OnChange(func(ctx app.Context, e app.Event) { *value = ctx.JSSrc().Get("value").String() }, app.EventScope(id)),
		)
	}
	return app.Div().ID("change").Class("change").Body(
		app.Span().Class("change-label").Text(T("While it trains:")),
		field("now-lr", T("learning rate"), &c.lr),
		field("now-clip", T("clipping"), &c.clip),
		app.Button().ID("apply-change").Class("btn", "btn-small").
			Text(Tf("Apply from step %d", c.Next)).Disabled(c.Next > c.Settings.Config.Steps).
			OnClick(func(ctx app.Context, e app.Event) {
				c.Changer.changeNow(ctx, c.lr, c.clip)
			}),
		app.If(len(c.Settings.Config.Schedule) > 0, func() app.UI {
			return app.Button().ID("clear-changes").Class("btn", "btn-small").
				Title(T("A new run from the seed, with the learning rate and clipping of the form")).
				Text(Tf("Forget the changes (%d)", len(c.Settings.Config.Schedule))).
				OnClick(func(ctx app.Context, e app.Event) { c.Changer.set(ctx, "schedule", "") })
		}),
		app.If(c.Error != "", func() app.UI {
			return app.P().ID("change-error").Class("field-error").Attr("role", "alert").Text(c.Error)
		}),
	)
}

// changeNow puts the typed learning rate and clipping into the run's
// schedule from its next step, and tells the worker.
func (p *playground) changeNow(ctx app.Context, lr, clip string) {
	next := p.run.Step + 1
	cur := p.state.Settings.Config
	curLR, curClip := cur.Schedule.At(cur, next)
	state, changed := p.state, false
	for _, kv := range []struct {
		key, raw string
		now      float64
	}{{"lr", lr, curLR}, {"clip", clip, curClip}} {
		var v float64
		if _, err := fmt.Sscan(kv.raw, &v); err == nil && v == kv.now {
			continue // unchanged
		}
		s, err := state.changeAt(kv.key, kv.raw, next)
		if err != nil {
			p.changeError = Terr(err)
			return
		}
		state, changed = s, true
	}
	p.changeError = ""
	if !changed {
		return
	}
	p.state = state
	p.linkNote = showInAddressBar(p.link())
	p.trainer.send(protocol.Command{Cmd: protocol.Schedule, Query: p.state.Settings.Config.Schedule.String()})
}

// changeNote is how the curve and the log mark a change.
func changeNote(c rnn.Change) string {
	return fmt.Sprintf("%s = %s", c.What, protocol.FormatFloat(c.Value))
}
