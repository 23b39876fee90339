package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// textPanel edits the text to learn and how it is cut into tokens.
type textPanel struct {
	app.Compo

	Fields map[string]string // the run state's fields (runstate.go)
	Errors map[string]string
	Editor settingsEditor
}

func (t *textPanel) Render() app.UI {
	tok := t.Fields["tok"]
	return app.Div().Body(
		// Only where it is mounted: a pause in a render that updates the
		// text box would let a key typed meanwhile be overwritten.
		&mountPause{},
		app.Label().For("opt-text").Class("sr-only").Text(T("Text to learn")),
		app.Textarea().ID("opt-text").Class("text-input").Rows(3).
			Attr("spellcheck", "false").Text(t.Fields["text"]).
			Aria("invalid", invalid(t.Errors, "text")).Aria("describedby", errorID(t.Errors, "text")).
			OnInput(func(ctx app.Context, e app.Event) {
				t.Editor.set(ctx, "text", ctx.JSSrc().Get("value").String())
			}),
		fieldError(t.Errors, "text"),
		app.Div().Class("radio-row").Attr("role", "radiogroup").Body(
			app.Span().Text(T("Tokens: ")),
			t.radio("word", "words (split on spaces, as the notebook)", tok),
			t.radio("char", "characters (any script)", tok),
		),
	)
}

func (t *textPanel) radio(value, label, current string) app.UI {
	id := "tok-" + value
	return app.Label().For(id).Class("radio").Body(
		app.Input().Type("radio").ID(id).Name("tok").Value(value).Checked(value == current).
			OnChange(func(ctx app.Context, e app.Event) { t.Editor.set(ctx, "tok", value) }),
		app.Text(" "+T(label)),
	)
}

// settingsEditor applies an edited option (the playground does).
//
// Components receive it as an interface rather than a func: go-app re-renders
// a child whenever a prop differs, and two funcs never compare equal, while
// the same pointer in an interface does, so unchanged panels are skipped.
type settingsEditor interface {
	set(ctx app.Context, key, raw string)
}

// fieldError shows the message for key, if any, where the student looks.
func fieldError(errs map[string]string, key string) app.UI {
	msg, ok := errs[key]
	return app.If(ok, func() app.UI {
		return app.P().Class("field-error").ID("error-"+key).Attr("role", "alert").Text(msg)
	})
}

// invalid is a field's aria-invalid: "true" while its value is refused.
func invalid(errs map[string]string, key string) string {
	if _, ok := errs[key]; ok {
		return "true"
	}
	return "false"
}

// errorID names the message that describes a refused field, or is "".
func errorID(errs map[string]string, key string) string {
	if _, ok := errs[key]; ok {
		return "error-" + key
	}
	return ""
}
