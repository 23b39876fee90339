package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rnn-playground/rnn-playground/app/protocol"
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

	Entries []protocol.LogEntry
	Live    *protocol.LogEntry
	Tok     rnn.Tokenizer
	Changes rnn.Schedule // printed where they took effect
	Step    int          // the run's step: changes still to come are not printed
}

func (l *trainLog) Render() app.UI {
	return app.Div().Class("log-box").Body(
		app.If(l.Live != nil, func() app.UI {
			return app.Div().ID("live").Class("live").Body(
				app.Span().Class("live-label").Text(T("Latest step ")),
				&logEntryView{Entry: *l.Live, Tok: l.Tok},
			)
		}),
		// A region of its own that scrolls: focusable, so a keyboard (or a
		// phone's screen reader) can scroll it.
		app.Div().ID("log").Class("log").TabIndex(0).Attr("role", "region").Aria("label", T("Training log")).Body(
			app.If(len(l.Entries) == 0, func() app.UI {
				return app.P().Class("hint").Text(T("The log prints here every few steps, as the notebook does."))
			}),
			// One component per entry: entries never change once printed,
			// so go-app skips them when the log grows.
			app.Div().Class("log-lines").Body(l.lines()...),
		),
	)
}

// lines are the entries in order, each change made while the run trained
// printed before the entry of its step.
func (l *trainLog) lines() []app.UI {
	var out []app.UI
	changes := l.Changes
	change := func(before int) {
		for len(changes) > 0 && changes[0].Step < before && changes[0].Step <= l.Step {
			ch := changes[0]
			out = append(out, app.P().Class("log-change").DataSet("step", ch.Step).
				Text(Tf("from step %d: %s", ch.Step, changeNote(ch))))
			changes = changes[1:]
		}
	}
	for _, e := range l.Entries {
		change(e.Step)
		out = append(out, &logEntryView{Entry: e, Tok: l.Tok, Class: "log-entry"})
	}
	change(l.Step + 1)
	return out
}

// logEntryView is one printed entry: its header and prediction lines.
type logEntryView struct {
	app.Compo

	Entry protocol.LogEntry
	Tok   rnn.Tokenizer
	Class string
}

func (v *logEntryView) Render() app.UI {
	e := v.Entry
	sep := ""
	if v.Tok == rnn.WordTokens {
		sep = " "
	}
	return app.Div().Class(v.Class).Body(
		app.Div().Class("log-header").Text(e.Header),
		app.Range(e.Rows).Slice(func(i int) app.UI {
			r := e.Rows[i]
			runs := markRuns(r, sep)
			return app.Div().Class("log-row").DataSet("text", r.Text).Body(
				app.Range(runs).Slice(func(j int) app.UI {
					s := runs[j]
					if s.wrong {
						return app.Span().Class("wrong").Title(T("not the next token of the text")).Text(s.text)
					}
					return app.Span().Text(s.text)
				}),
			)
		}),
		app.If(e.Sample != "", func() app.UI {
			return app.Div().Class("log-sample").Body(
				app.Span().Class("log-sample-label").Text(T("sample: ")), app.Text(e.Sample))
		}),
		app.If(e.More > 0, func() app.UI {
			return app.Div().Class("hint").Text(Tf("… and %d more sequences", e.More))
		}),
	)
}

// markRun is a stretch of a printed line whose tokens are all right or all
// wrong.
type markRun struct {
	text  string
	wrong bool
}

// markRuns cuts a row into runs of right and wrong tokens, so a line of 64
// characters is a few elements, not 64. The runs' texts, concatenated, are
// the line; separators are never marked.
func markRuns(r protocol.LogRow, sep string) []markRun {
	var runs []markRun
	add := func(text string, wrong bool) {
		if text == "" {
			return
		}
		if n := len(runs); n > 0 && runs[n-1].wrong == wrong {
			runs[n-1].text += text
			return
		}
		runs = append(runs, markRun{text, wrong})
	}
	for i, tok := range r.Tokens {
		if i > 0 {
			add(sep, false)
		}
		add(tok, i < len(r.Wrong) && r.Wrong[i])
	}
	return runs
}
