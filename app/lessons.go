package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// A lesson is a link: settings, the view to open, two or three lines of
// explanation and a question to try. Titles and texts are English keys of
// the catalogue (i18n.go).
type lesson struct {
	ID       string
	Title    string
	Query    string // the settings and view, as in the page's URL
	Explain  string
	Question string
}

// LongDependencyText is the notebook's example of a long-term dependency:
// the clue (중국 칭다오, China) comes long before the words that need it
// (중국어는 잘해, good at Chinese).
const LongDependencyText = "나는 한국 사람이고, 중국 칭다오에 아주 오래 살다가 지금은 서울에 살고 있어. 어쨌든, 미국으로 유학을 다녀왔지만 영어는 잘 못해, 하지만 중국어는 잘해!"

// poemText is a short poem (Jane Taylor, 1806) to learn character by character.
const poemText = "Twinkle, twinkle, little star,\nHow I wonder what you are!\nUp above the world so high,\nLike a diamond in the sky."

// koreanText is a few Korean sentences that share words.
const koreanText = "나는 학교에 간다\n너는 학교에 간다\n나는 집에 간다\n너는 집에 온다"

var lessons = []lesson{
	{
		ID: "notebook", Title: "The notebook's sentence",
		Query:    "text=" + protocol.NotebookText + "&view=softmax",
		Explain:  "The notebook's run: an RNN learns to continue “We are going to watch Avengers End Game” word by word. The softmax table shows, after each word, how likely every word of the vocabulary is to come next.",
		Question: "Train step by step: at which step does the prediction after “to” become “watch”?",
	},
	{
		ID: "long", Title: "A long dependency (RNN vs LSTM vs GRU)",
		Query:    "text=" + LongDependencyText + "&tok=char&steps=200&view=compare",
		Explain:  "To say “중국어는 잘해” the model must remember “중국 칭다오” from about 80 characters earlier. The error of the last prediction has to flow back through every step in between.",
		Question: "Train all three: how many decades does the RNN's gradient lose from the last step to the first? And the LSTM's?",
	},
	{
		ID: "poem", Title: "A short poem, character by character",
		Query:    "text=" + poemText + "&tok=char&cell=lstm&hidden=64&embed=16&steps=400&view=unrolled",
		Explain:  "With character tokens the model must learn spelling, spaces and line breaks. The unrolled network shows the LSTM's cell state c running along the top; under it, colour the text by the forget gate f and select a word: which units stay close to 1 across it?",
		Question: "After training, ask for the continuation of “Twinkle, t”. What does a temperature of 1 change?",
	},
	{
		ID: "korean", Title: "A Korean sentence",
		Query:    "text=" + koreanText + "&tok=word&cell=gru&steps=200&view=softmax",
		Explain:  "Four short Korean sentences, one per line: each line is a sequence. After “나는” the next word may be “학교에” or “집에”: the softmax row spreads its probability over both.",
		Question: "What probabilities does the model give after “나는”? Why can it not be sure?",
	},
	{
		ID: "diverge", Title: "Too high a learning rate (clipping)",
		Query:    "text=" + protocol.NotebookText + "&cell=rnn_relu&opt=sgd&lr=5&clip=0&view=gradient",
		Explain:  "Plain SGD with learning rate 5 on a ReLU RNN: a few steps in, one gradient is so large that the weights jump and the loss becomes NaN. Training stops and keeps the last good weights.",
		Question: "Set gradient clipping to 1 and train again. Does the loss still diverge?",
	},
}

// lessonLink is a lesson's page query: its settings over the defaults.
func lessonLink(l lesson) string {
	s, _ := protocol.DecodeQuery(l.Query)
	c, _ := DecodeClassroom(l.Query)
	return link(s, c)
}

// lessonsMenu lists the lessons; each opens its link (a new page load, so
// everything starts from the lesson's settings).
type lessonsMenu struct {
	app.Compo

	Current string // the page's query, to mark the open lesson
	Lang    string
}

func (m *lessonsMenu) Render() app.UI {
	return app.Details().ID("lessons").Class("lessons").Body(
		app.Summary().Text(T("Lessons")),
		app.Ol().Body(app.Range(lessons).Slice(func(i int) app.UI {
			l := lessons[i]
			href := "?" + lessonLink(l)
			if m.Lang != "" {
				href += "&lang=" + m.Lang
			}
			return app.Li().ID("lesson-"+l.ID).Class("lesson").Body(
				app.A().Href(href).Class("lesson-link").Text(T(l.Title)).
					OnClick(func(ctx app.Context, e app.Event) {
						e.PreventDefault() // a full load: the worker and the page start from the lesson
						app.Window().Get("location").Set("href", href)
					}),
				app.P().Class("hint").Text(T(l.Explain)),
				app.P().Class("question").Text(fmt.Sprintf("%s %s", T("Try:"), T(l.Question))),
			)
		})),
	)
}
