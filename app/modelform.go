package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// modelForm edits the model and the training options. Every change goes
// through the run state (runstate.go), read by protocol.Settings.Set, the
// same parser the URL uses.
type modelForm struct {
	app.Compo

	Fields map[string]string // the run state's fields (runstate.go)
	Errors map[string]string
	Editor settingsEditor
}

type choice struct{ value, label string }

func (f *modelForm) Render() app.UI {
	return app.Div().Class("form").Body(
		f.selectField("cell", "Cell", []choice{
			{"rnn", "RNN (tanh)"}, {"rnn_relu", "RNN (ReLU)"}, {"lstm", "LSTM"}, {"gru", "GRU"},
		}),
		f.intField("layers", "Layers", rnn.Limits.Layers),
		f.intField("embed", "Embedding size E", rnn.Limits.Embed),
		f.intField("hidden", "Hidden size H", rnn.Limits.Hidden),
		f.selectField("opt", "Optimizer", []choice{{"adam", "Adam"}, {"sgd", "SGD"}}),
		f.numberField("lr", "Learning rate", rnn.Limits.LR, "any"),
		f.numberField("clip", "Gradient clipping (0 = off)", rnn.Limits.Clip, "any"),
		f.numberField("seed", "Seed", rnn.Range{Name: "seed", Max: rnn.MaxSeed}, "1"),
		f.intField("steps", "Steps", rnn.Limits.Steps),
		f.intField("window", "Window T (0 = one sequence per line)", rnn.Limits.Window),
		f.intField("batch", "Batch B (with a window)", rnn.Limits.Batch),
		f.selectField("workers", "Workers", workerChoices()),
		app.P().Class("hint").ID("workers-hint").Text(T("Workers train on several cores at once, "+
			"each on a share of every batch. Auto uses up to 4, never more than the batch's rows. "+
			"The same number of workers gives the same numbers on any computer.")),
	)
}

// workerChoices are auto and 1 to protocol.MaxWorkers.
func workerChoices() []choice {
	choices := []choice{{"auto", T("auto")}}
	for n := 1; n <= protocol.MaxWorkers; n++ {
		choices = append(choices, choice{strconv.Itoa(n), strconv.Itoa(n)})
	}
	return choices
}

// fieldTerms are the glossary entries of the fields that have one.
var fieldTerms = map[string]string{
	"embed": "embedding", "hidden": "hidden", "lr": "lr", "clip": "clip", "steps": "step", "window": "window", "batch": "batch",
}

func (f *modelForm) intField(key, label string, r rnn.Range) app.UI {
	return f.numberField(key, label, r, "1")
}

func (f *modelForm) numberField(key, label string, r rnn.Range, step string) app.UI {
	id := "opt-" + key
	return app.Div().Class("field").Body(
		app.Div().Class("label-row").Body(app.Label().For(id).Text(T(label)), termHelp(fieldTerms[key])),
		app.Input().Type("number").ID(id).Name(key).
			Attr("min", r.Min).Attr("max", r.Max).Attr("step", step).
			Attr("inputmode", "decimal").
			Title(Tf("from %s to %s", rnn.Plain(r.Min), rnn.Plain(r.Max))).
			Value(f.Fields[key]).
			Aria("invalid", invalid(f.Errors, key)).Aria("describedby", errorID(f.Errors, key)).
			OnChange(func(ctx app.Context, e app.Event) {
				f.Editor.set(ctx, key, ctx.JSSrc().Get("value").String())
			}),
		fieldError(f.Errors, key),
		&mountPause{}, // the page's start: each field a task of its own (steps.go)
	)
}

func (f *modelForm) selectField(key, label string, choices []choice) app.UI {
	id := "opt-" + key
	current := f.Fields[key]
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(T(label)),
		app.Select().ID(id).Name(key).
			Aria("invalid", invalid(f.Errors, key)).Aria("describedby", errorID(f.Errors, key)).
			OnChange(func(ctx app.Context, e app.Event) {
				f.Editor.set(ctx, key, ctx.JSSrc().Get("value").String())
			}).
			Body(app.Range(choices).Slice(func(i int) app.UI {
				c := choices[i]
				return app.Option().Value(c.value).Selected(c.value == current).Text(c.label)
			})),
		fieldError(f.Errors, key),
		&mountPause{}, // the page's start: each field a task of its own (steps.go)
	)
}
