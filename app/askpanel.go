package app

import (
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// askPanel asks the model what comes next: the top tokens after a prefix,
// updated as the student types and as the model trains, and a generated
// continuation, greedy or sampled.
type askPanel struct {
	app.Compo

	Ready     bool
	Tok       rnn.Tokenizer
	Answer    protocol.Event // the worker's latest answer
	Generated protocol.Event
	Model     modelAsker

	prefix      string
	tokens      int
	temperature float64 // 0 is greedy
}

// modelAsker sends questions to the model in the worker (the playground does).
type modelAsker interface {
	ask(ctx app.Context, prefix string)
	generate(ctx app.Context, prefix string, tokens int, temperature float64)
}

func (a *askPanel) OnInit() { a.tokens, a.temperature = 10, 0 }

func (a *askPanel) Render() app.UI {
	answer := a.Answer
	showTop := a.prefix != "" && answer.Prefix == a.prefix
	return app.Div().Body(
		app.Label().For("prefix").Text(T("Start of a sentence")),
		app.Input().Type("text").ID("prefix").Class("prefix").
			Placeholder(T("e.g. We are")).Value(a.prefix).
			Attr("autocomplete", "off").Attr("spellcheck", "false").
			OnInput(func(ctx app.Context, e app.Event) {
				a.prefix = ctx.JSSrc().Get("value").String()
				a.Model.ask(ctx, a.prefix)
			}),
		app.If(showTop && len(answer.Unknown) > 0, func() app.UI {
			return app.P().ID("prefix-unknown").Class("hint", "unknown").Body(
				app.Text(T("Not in the model's vocabulary, read as <unk>: ")),
				app.Range(answer.Unknown).Slice(func(i int) app.UI {
					return app.Mark().Class("unk").Text(showToken(answer.Unknown[i]))
				}),
			)
		}),
		app.If(showTop && answer.Error != nil, func() app.UI {
			return app.P().Class("field-error").Text(Tp(answer.Error))
		}),
		app.If(showTop && answer.Error == nil, func() app.UI {
			return app.Ol().ID("top-guesses").Class("guesses").Attr("aria-label", T("Most likely next tokens")).Body(
				app.Range(answer.Top).Slice(func(i int) app.UI {
					g := answer.Top[i]
					return app.Li().Class("guess").Body(
						app.Span().Class("guess-token").Text(showToken(g.Token)),
						app.Span().Class("bar").Body(
							app.Span().Class("bar-fill").Style("width", fmt.Sprintf("%.1f%%", 100*g.P)),
						),
						app.Span().Class("guess-p").Text(formatPercent(g.P)),
					)
				}),
			)
		}),
		app.Div().Class("generate-row").Body(
			app.Label().For("gen-tokens").Text(T("Add")),
			app.Input().Type("number").ID("gen-tokens").Class("short").
				Attr("min", 1).Attr("max", 200).Value(a.tokens).
				OnChange(func(ctx app.Context, e app.Event) {
					if n, err := strconv.Atoi(ctx.JSSrc().Get("value").String()); err == nil && n >= 1 && n <= 200 {
						a.tokens = n
					}
				}),
			app.Label().For("temperature").Text(T("tokens, temperature")),
			app.Input().Type("number").ID("temperature").Class("short").
				Attr("min", 0).Attr("max", 5).Attr("step", 0.1).Value(protocol.FormatFloat(a.temperature)).
				Title(T("0 takes the most likely token each time (greedy); higher values sample more freely")).
				OnChange(func(ctx app.Context, e app.Event) {
					if t, err := strconv.ParseFloat(ctx.JSSrc().Get("value").String(), 64); err == nil && t >= 0 && t <= 5 {
						a.temperature = t
					}
				}),
			app.Button().ID("generate").Class("btn").Disabled(!a.Ready || a.prefix == "").Text(T("Generate")).
				OnClick(func(ctx app.Context, e app.Event) {
					a.Model.generate(ctx, a.prefix, a.tokens, a.temperature)
				}),
		),
		app.If(a.Generated.Prefix != "" || a.Generated.Error != nil, func() app.UI {
			g := a.Generated
			if g.Error != nil {
				return app.P().Class("field-error").Text(Tp(g.Error))
			}
			return app.P().ID("generated").Class("generated").Body(
				app.Span().Class("given").Text(g.Prefix),
				app.Span().Class("continued").Text(a.sep()+g.Text),
			)
		}),
	)
}

// sep is what goes between the prefix and its continuation: a space
// between words, nothing between characters.
func (a *askPanel) sep() string {
	if a.Tok == rnn.WordTokens {
		return " "
	}
	return ""
}
