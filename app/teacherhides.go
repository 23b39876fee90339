package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// The teacher's panel's first part: the controls a link hides from the
// class, a checkbox each, in hideable's groups.

// hideGroups are the controls a teacher can hide, grouped as hideable
// lists them; "teacher" has its own checkbox (TestHideGroupsCoverHideable).
// Their legends are hideGroupLegend's.
var hideGroups = []struct{ keys []string }{
	{[]string{"text", "model", "train", "ask", "vocab", "look", "share", "lessons"}},
	{[]string{"tok", "cell", "layers", "embed", "hidden", "opt", "lr", "clip", "seed", "steps", "window", "batch"}},
	{[]string{"step", "reset", "pace", "change", "timeline", "runs", "log", "loss", "compare", "lang"}},
}

// hideLabel is a hideable control's name as the page shows it.
func hideLabel(key string) string {
	switch key {
	case "text":
		return T("Text")
	case "model":
		return T("Model")
	case "train":
		return T("Train")
	case "ask":
		return T("Ask the model")
	case "vocab":
		return T("Vocabulary")
	case "look":
		return T("Look inside")
	case "share":
		return T("Share")
	case "lessons":
		return T("Lessons menu")
	case "tok":
		return T("Words or characters")
	case "cell":
		return T("Cell")
	case "layers":
		return T("Layers")
	case "embed":
		return T("Embedding size E")
	case "hidden":
		return T("Hidden size H")
	case "opt":
		return T("Optimizer")
	case "lr":
		return T("Learning rate")
	case "clip":
		return T("Gradient clipping")
	case "seed":
		return T("Seed")
	case "steps":
		return T("Steps")
	case "window":
		return T("Window T")
	case "batch":
		return T("Batch B")
	case "step":
		return T("Step and Step ×10")
	case "reset":
		return T("Reset")
	case "pace":
		return T("Pace")
	case "change":
		return T("Changes while training")
	case "timeline":
		return T("Timeline")
	case "runs":
		return T("Earlier runs")
	case "log":
		return T("Training log")
	case "loss":
		return T("Loss curve")
	case "compare":
		return T("Compare RNN · LSTM · GRU")
	case "lang":
		return T("Language switch")
	case "teacher":
		return T("For teachers")
	}
	return key
}

func (t *teacherPanel) renderHides() app.UI {
	return app.Div().Class("teach-hides").Body(
		app.H3().Class("teach-h").Text(T("Hide from students")),
		app.Range(hideGroups).Slice(func(i int) app.UI {
			g := hideGroups[i]
			return app.Elem("fieldset").Class("teach-group").Body(
				app.Elem("legend").Text(hideGroupLegend(i)),
				app.Range(g.keys).Slice(func(j int) app.UI { return t.hideBox(g.keys[j]) }),
			)
		}),
		app.Label().For("teach-hide-self").Class("teach-check", "teach-self").Body(
			app.Input().Type("checkbox").ID("teach-hide-self").Checked(t.hideSelf).
				OnChange(func(ctx app.Context, e app.Event) { t.hideSelf = ctx.JSSrc().Get("checked").Bool() }),
			app.Span().Text(T("Hide this panel from students")),
		),
	)
}

// hideGroupLegend names hideGroups[i].
func hideGroupLegend(i int) string {
	switch i {
	case 0:
		return T("Cards")
	case 1:
		return T("Options")
	}
	return T("Training and views")
}

func (t *teacherPanel) hideBox(key string) app.UI {
	id := "teach-hide-" + key
	return app.Label().For(id).Class("teach-check").Body(
		app.Input().Type("checkbox").ID(id).Value(key).Checked(t.hide[key]).
			OnChange(func(ctx app.Context, e app.Event) { t.hide[key] = ctx.JSSrc().Get("checked").Bool() }),
		app.Span().Text(hideLabel(key)),
		app.Span().Class("teach-key").Text(key),
	)
}
