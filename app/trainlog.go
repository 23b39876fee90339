package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rnn-playground/rnn-playground/rnn"
)

// trainLog prints the run the way the notebook does,
//
//	[31/151] 1.9172
//	We are Avengers going are Avengers End Game
//
// with the predicted tokens that are not the target marked, and above it
// the predictions of the latest step.
type trainLog struct {
	app.Compo

	Entries []LogEntry
	Live    *LogEntry
	Tok     rnn.Tokenizer
}

func (l *trainLog) Render() app.UI {
	return app.Div().Class("log-box").Body(
		app.If(l.Live != nil, func() app.UI {
			return app.Div().ID("live").Class("live").Body(
				app.Span().Class("live-label").Text("Latest step "),
				l.entry(*l.Live),
			)
		}),
		app.Div().ID("log").Class("log").Attr("aria-live", "polite").Body(
			app.If(len(l.Entries) == 0, func() app.UI {
				return app.P().Class("hint").Text("The log prints here every few steps, as the notebook does.")
			}),
			app.Range(l.Entries).Slice(func(i int) app.UI {
				return app.Div().Class("log-entry").Body(l.entry(l.Entries[i]))
			}),
		),
	)
}

func (l *trainLog) entry(e LogEntry) app.UI {
	return app.Div().Body(
		app.Div().Class("log-header").Text(e.Header),
		app.Range(e.Rows).Slice(func(i int) app.UI { return l.row(e.Rows[i]) }),
		app.If(e.More > 0, func() app.UI {
			return app.Div().Class("hint").Text(fmt.Sprintf("… and %d more sequences", e.More))
		}),
	)
}

// row writes the tokens one by one so wrong ones can be marked; its text
// content is exactly the notebook's line.
func (l *trainLog) row(r LogRow) app.UI {
	sep := ""
	if l.Tok == rnn.WordTokens {
		sep = " "
	}
	var body []app.UI
	for i, tok := range r.Tokens {
		if i > 0 && sep != "" {
			body = append(body, app.Text(sep))
		}
		s := app.Span().Text(tok)
		if i < len(r.Wrong) && r.Wrong[i] {
			s = s.Class("wrong").Title("not the next token of the text")
		}
		body = append(body, s)
	}
	return app.Div().Class("log-row").DataSet("text", r.Text).Body(body...)
}
