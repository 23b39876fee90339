package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// originBanner heads the Train card when the weights do not come from the
// seed: where they come from, the step and loss they had reached, their
// loss curve and last log entry, what to do with tokens the model does not
// know, and one button back to the seed's run (the notebook's numbers).
type originBanner struct {
	app.Compo

	Origin   origin
	Settings protocol.Settings
	Runs     originChooser
}

// originChooser is the page's side of the banner's buttons.
type originChooser interface {
	startOver(ctx app.Context)
	chooseUnknown(ctx app.Context, c unknownChoice)
}

func (b *originBanner) Render() app.UI {
	o := b.Origin
	c := b.Settings.Config
	var what string
	switch o.Kind {
	case fromKept:
		what = Tf("Restored: the model this browser kept at step %d of this run.", o.Step)
		if n := len(o.Losses); n > 0 {
			what += " " + Tf("Its loss was %.4f.", o.Losses[n-1])
		}
	case fromFile:
		what = Tf("Loaded %s: %s, %d layer(s), E=%d, H=%d.", o.Name, c.Cell, c.Layers, c.Embed, c.Hidden)
	}
	return app.Div().ID("origin").Class("origin").Attr("role", "status").Body(
		app.P().ID("origin-what").Class("origin-what").Text(what),
		app.If(o.Kind == fromKept, func() app.UI {
			return app.P().Class("hint").Text(T("Its loss curve and log are below, and training goes on from its step. " +
				"The optimiser starts afresh, so later digits differ from a run without the reload; " +
				"the notebook's numbers come from the seed."))
		}).Else(func() app.UI {
			return app.P().Class("hint").Text(T("Training goes on from these weights, counting its steps from 1. " +
				"The notebook's numbers come from the seed."))
		}),
		app.If(o.UnknownCount > 0, func() app.UI { return b.unknown() }),
		app.Button().Type("button").ID("start-over").Class("btn").
			Text(T("↺ Start over from the seed")).
			OnClick(func(ctx app.Context, e app.Event) { b.Runs.startOver(ctx) }),
	)
}

// unknown lists the text's tokens the model does not know and offers the
// choices.
func (b *originBanner) unknown() app.UI {
	o := b.Origin
	list := ""
	for i, tok := range o.Unknown {
		if i > 0 {
			list += ", "
		}
		list += showToken(tok)
	}
	if more := o.UnknownCount - len(o.Unknown); more > 0 {
		list += Tf(" and %d more", more)
	}
	choose := func(id, label string, c unknownChoice) app.UI {
		return app.Button().Type("button").ID(id).Class("btn").Text(label).
			Attr("aria-pressed", o.Choice == c).
			OnClick(func(ctx app.Context, e app.Event) { b.Runs.chooseUnknown(ctx, c) }, app.EventScope(id))
	}
	return app.Div().ID("unknown-tokens").Class("unknown").Body(
		app.P().Body(
			app.Text(Tf("The model does not know %d token(s) of the text, read as <unk>: ", o.UnknownCount)),
			app.Strong().ID("unknown-list").Text(list),
		),
		app.Div().Class("controls").Body(
			choose("train-anyway", T("Train on the text anyway"), trainAnyway),
			choose("ask-only", T("Keep the model for Ask only"), askOnly),
		),
		app.P().Class("hint").Text(T("Or change the text: the model goes, and a new one learns the new text from the seed.")),
	)
}
