package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// A lesson is an exercise link: settings, the view to open, two or three
// lines of explanation, a question to try, and the goals the page checks
// while the student works (protocol.Goal). Titles and texts are English
// keys of the catalogue (i18n.go): the link carries them in the language
// the page shows when it is opened.
type lesson struct {
	ID       string
	Title    string
	Query    string // the settings, view and hidden controls, as in the page's URL
	Explain  string
	Question string
	Goals    []string // each a goal= value
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
		Goals:    []string{"next;after=We are going to;token=watch", "log;text=We are going to watch Avengers End Game"},
	},
	{
		ID: "long", Title: "A long dependency (RNN vs LSTM vs GRU)",
		Query:    "text=" + LongDependencyText + "&tok=char&steps=200&view=compare",
		Explain:  "To say “중국어는 잘해” the model must remember “중국 칭다오” from about 70 characters earlier. The error of the last prediction has to flow back through every step in between.",
		Question: "Train all three: how many decades does the RNN's gradient lose from the last step to the first? And the LSTM's?",
		Goals:    []string{"gradient;decades=10"},
	},
	{
		ID: "poem", Title: "A short poem, character by character",
		Query:    "text=" + poemText + "&tok=char&cell=lstm&hidden=64&embed=16&steps=400&view=unrolled",
		Explain:  "With character tokens the model must learn spelling, spaces and line breaks. The unrolled network shows the LSTM's cell state c running along the top; under it, colour the text by the forget gate f and select a word: which units stay close to 1 across it?",
		Question: "After training, ask for the continuation of “Twinkle, t”. What does a temperature of 1 change?",
		Goals:    []string{"next;after=Twinkle, t;token=w", "loss;below=0.1"},
	},
	{
		ID: "korean", Title: "A Korean sentence",
		Query:    "text=" + koreanText + "&tok=word&cell=gru&steps=200&view=softmax",
		Explain:  "Four short Korean sentences, one per line: each line is a sequence. After “나는” the next word may be “학교에” or “집에”: the softmax row spreads its probability over both.",
		Question: "What probabilities does the model give after “나는”? Why can it not be sure?",
		Goals:    []string{"loss;below=0.7"},
	},
	{
		ID: "diverge", Title: "Too high a learning rate (clipping)",
		Query:    "text=" + protocol.NotebookText + "&cell=rnn_relu&opt=sgd&lr=5&clip=0&view=gradient",
		Explain:  "Plain SGD with learning rate 5 on a ReLU RNN: a few steps in, one gradient is so large that the weights jump and the loss becomes NaN. Training stops and keeps the last good weights.",
		Question: "Set gradient clipping to 1 and train again. Does the loss still diverge?",
		Goals:    []string{"loss;below=0.5"},
	},
	{
		ID: "cell", Title: "The RNN cell by hand",
		Query:    "text=" + protocol.NotebookText + "&view=cell&hide=cell,layers,embed,hidden,seed",
		Explain:  "The notebook's CustomRNN computes h_t = tanh(x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh). Before training, the cell view writes out each term of that sum for the step you pick, with the model's own numbers.",
		Question: "Pick t = 2 (“going”) in the cell view: what is h[1], the second number of h? Type it into the goal. Which terms added up to it?",
		Goals:    []string{"state;t=2;unit=1"},
	},
	{
		ID: "remember", Title: "Remember 중국 (RNN, LSTM or GRU?)",
		Query:    "text=" + LongDependencyText + "&tok=char&view=gradient&hide=tok,layers,steps",
		Explain:  "To write “중국어는 잘해” at the end, the model needs “중국” from about 70 characters before. The gradient view shows how much of the last prediction's error reaches each earlier character: what does not arrive cannot be learned from.",
		Question: "Train the RNN first. Then change the cell: which cells get the error back to the first character losing at most 10 decades?",
		Goals:    []string{"gradient;decades=10", "steps;max=151"},
	},
	{
		ID: "lr", Title: "Choosing a learning rate",
		Query:    "text=" + protocol.NotebookText + "&view=softmax&hide=cell,opt,clip,steps,seed",
		Explain:  "The notebook's learning rate, 0.001, is careful: after 40 steps its loss is still about 1.8. A larger rate moves the weights further at each step.",
		Question: "Find a learning rate that gets the loss below 0.05 by step 40. What happens to the curve when the rate is much too large?",
		Goals:    []string{"loss;below=0.05;by=40"},
	},
}

// lessonLink is a lesson's page query: its settings over the defaults,
// then its exercise in the page's language.
func lessonLink(l lesson) string {
	s, _ := protocol.DecodeQuery(l.Query)
	c, _ := DecodeClassroom(l.Query)
	e := protocol.Exercise{Title: T(l.Title), About: T(l.Explain), Question: T(l.Question)}
	for _, q := range l.Goals {
		g, _ := protocol.ParseGoal(q) // TestLessonsAreExercises: every goal parses
		e.Goals = append(e.Goals, g)
	}
	return joinQuery(link(s, c), e.Query())
}

// lessonsMenu lists the lessons; each opens its link (a new page load, so
// everything starts from the lesson's settings).
type lessonsMenu struct {
	app.Compo

	Current string // the page's query, to mark the open lesson
	Lang    string

	open bool // the menu is open: its lessons are drawn
}

// Render draws the lessons, and builds their links, once the menu is
// opened: closed, as it starts, it is one summary in the server's copy
// and in the page's first render.
func (m *lessonsMenu) Render() app.UI {
	details := app.Details().ID("lessons").Class("lessons").Open(m.open).OnToggle(m.onToggle)
	summary := app.Summary().Text(T("Lessons"))
	if !m.open {
		return details.Body(summary)
	}
	return details.Body(
		summary,
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

func (m *lessonsMenu) onToggle(ctx app.Context, e app.Event) { m.open = ctx.JSSrc().Get("open").Bool() }
