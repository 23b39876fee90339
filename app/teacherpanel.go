package app

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// teacherPanel is the "For teachers" card: it makes an exercise link —
// this run, the controls the class does not see, the teacher's title,
// explanation and question, and the goals the page checks — with a QR
// code for the projector, so that nobody edits hide= by hand.
type teacherPanel struct {
	app.Compo

	Settings string            // the page's settings query (runState.query)
	Class    Classroom         // the page's view, hidden controls and language
	Exercise protocol.Exercise // the exercise the page was opened with, to start from

	// What the teacher has chosen, set from the props once (OnInit): the
	// props change with every edit of the run, the choices must not.
	hide                   map[string]bool
	hideSelf               bool
	lang                   string
	title, about, question string
	goals                  []goalDraft

	open   bool // the panel is open: its body is drawn
	copied bool
	large  bool // the QR code fills the card, for a projector

	qrFor string // the address qr encodes, so a re-render does not encode it again
	qr    [][]bool
	qrErr error
}

// goalDraft is one goal as the teacher types it: its kind and each
// field's text, before protocol.ParseGoal reads it.
type goalDraft struct {
	kind   protocol.GoalKind
	fields map[string]string
}

// goalInput is one field of a kind of goal, as the panel asks for it.
type goalInput struct {
	name, label string
	number      bool // a number (the browser's numeric keyboard); else a text
	optional    bool
}

// goalInputs are each kind's fields, in the order protocol writes them.
// Labels are T'd where they are shown (goalInputLabel).
var goalInputs = map[protocol.GoalKind][]goalInput{
	protocol.GoalLoss:     {{name: "below", number: true}, {name: "by", number: true, optional: true}},
	protocol.GoalNext:     {{name: "after"}, {name: "token"}, {name: "p", number: true, optional: true}},
	protocol.GoalLog:      {{name: "text"}},
	protocol.GoalGradient: {{name: "decades", number: true}},
	protocol.GoalParams:   {{name: "below", number: true}},
	protocol.GoalCell:     {{name: "is"}},
	protocol.GoalSteps:    {{name: "max", number: true}},
	// The answer is the student's, typed on their page.
	protocol.GoalState: {{name: "t", number: true}, {name: "unit", number: true}, {name: "layer", number: true, optional: true}},
}

// goalCells are the cells a "cell is" goal offers, as protocol names them.
var goalCells = []struct{ value, label string }{
	{"rnn", "RNN (tanh)"}, {"rnn_relu", "RNN (ReLU)"}, {"lstm", "LSTM"}, {"gru", "GRU"},
}

// goalKindLabel is a kind of goal in words.
func goalKindLabel(k protocol.GoalKind) string {
	switch k {
	case protocol.GoalLoss:
		return T("Loss below … by step …")
	case protocol.GoalNext:
		return T("Next token after a prefix")
	case protocol.GoalLog:
		return T("A log line")
	case protocol.GoalGradient:
		return T("Gradient reaching the first step")
	case protocol.GoalParams:
		return T("Fewer parameters than")
	case protocol.GoalCell:
		return T("Cell is")
	case protocol.GoalSteps:
		return T("At most … steps")
	case protocol.GoalState:
		return T("A hidden state to read in the cell view")
	}
	return string(k)
}

// goalInputLabel is a goal's field in words.
func goalInputLabel(k protocol.GoalKind, name string) string {
	switch string(k) + ":" + name {
	case "loss:below":
		return T("Loss below")
	case "loss:by":
		return T("by step (optional)")
	case "next:after":
		return T("After the prefix")
	case "next:token":
		return T("the next token is")
	case "next:p":
		return T("with a probability of at least (optional, 0 to 1)")
	case "log:text":
		return T("The last log line reads")
	case "gradient:decades":
		return T("At most this many decades (×10 each) lost from the last step to the first")
	case "params:below":
		return T("Fewer trainable parameters than")
	case "cell:is":
		return T("One of these cells")
	case "steps:max":
		return T("A run of at most this many steps")
	case "state:t":
		return T("Time step t (from 0)")
	case "state:unit":
		return T("Unit (from 0)")
	case "state:layer":
		return T("Layer (optional, from 1)")
	}
	return name
}

// newGoalDraft is a goal of kind with values a teacher often starts from.
func newGoalDraft(kind protocol.GoalKind) goalDraft {
	d := goalDraft{kind: kind, fields: map[string]string{}}
	switch kind {
	case protocol.GoalLoss:
		d.fields["below"] = "0.5"
	case protocol.GoalGradient:
		d.fields["decades"] = "8"
	case protocol.GoalCell:
		d.fields["is"] = "lstm,gru"
	case protocol.GoalState:
		d.fields["t"], d.fields["unit"] = "0", "0"
	}
	return d
}

// draftOf is a goal of the page's exercise, as its fields' texts.
func draftOf(g protocol.Goal) goalDraft {
	return goalDraft{kind: g.Kind, fields: g.Fields()}
}

// String is the goal= value the draft makes: the kind, then each field
// the teacher filled in.
func (d goalDraft) String() string {
	fields := map[string]string{}
	for _, in := range goalInputs[d.kind] {
		v := d.fields[in.name]
		if in.number {
			v = strings.TrimSpace(v)
		}
		fields[in.name] = v
	}
	return protocol.FormatGoal(d.kind, fields)
}

// parse reads the draft as the student's page will: a goal, or the
// problem that leaves it out of the link.
func (d goalDraft) parse() (protocol.Goal, *rnn.Problem) {
	g, err := protocol.ParseGoal(d.String())
	if err != nil {
		return protocol.Goal{}, rnn.AsProblem(err)
	}
	return g, nil
}

// teacherChoices is what the panel's link is made of.
type teacherChoices struct {
	Settings               string          // the run's settings query
	View, Lang             string          // the open view; the students' language ("": theirs)
	Hide                   map[string]bool // the ticked controls
	HideSelf               bool            // hide this panel from the students
	Title, About, Question string
	Goals                  []goalDraft
}

// exercise is the choices' exercise, with the texts cut to the link's
// limits and each refused goal left out; problems holds each goal's
// problem or nil, by index.
func (c teacherChoices) exercise() (e protocol.Exercise, problems []*rnn.Problem) {
	e.Title = cutRunes(strings.TrimSpace(c.Title), protocol.MaxTitle)
	e.About = cutRunes(strings.TrimSpace(c.About), protocol.MaxAbout)
	e.Question = cutRunes(strings.TrimSpace(c.Question), protocol.MaxQuestion)
	for i, d := range c.Goals {
		g, pr := d.parse()
		problems = append(problems, pr)
		if pr == nil && i < protocol.MaxGoals {
			e.Goals = append(e.Goals, g)
		}
	}
	return e, problems
}

// classroom is the link's view, hidden controls and language.
func (c teacherChoices) classroom() Classroom {
	cl := Classroom{View: c.View, Lang: c.Lang}
	for _, h := range hideable {
		if c.Hide[h] || h == "teacher" && c.HideSelf {
			cl.Hide = append(cl.Hide, h)
		}
	}
	slices.Sort(cl.Hide) // as DecodeClassroom reads them
	return cl
}

// query is the link's whole query: the run, the classroom, the exercise,
// in the order the page writes its own link.
func (c teacherChoices) query() string {
	e, _ := c.exercise()
	parts := []string{c.Settings}
	for _, q := range []string{c.classroom().Query(), e.Query()} {
		if q != "" {
			parts = append(parts, q)
		}
	}
	return strings.Join(parts, "&")
}

func cutRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

func (t *teacherPanel) OnInit() {
	t.hide = map[string]bool{}
	for _, h := range t.Class.Hide {
		if h != "teacher" {
			t.hide[h] = true
		}
	}
	t.hideSelf = true // a teacher who wants students to see it unticks it
	t.lang = t.Class.Lang
	t.title, t.about, t.question = t.Exercise.Title, t.Exercise.About, t.Exercise.Question
	for _, g := range t.Exercise.Goals {
		t.goals = append(t.goals, draftOf(g))
	}
}

func (t *teacherPanel) choices() teacherChoices {
	return teacherChoices{Settings: t.Settings, View: t.Class.View, Lang: t.lang, Hide: t.hide, HideSelf: t.hideSelf,
		Title: t.title, About: t.about, Question: t.question, Goals: t.goals}
}

// Render draws the panel's body only once a teacher opens it: closed, as
// every student and most visits find it, it costs the page one summary,
// not some 150 elements and a QR code.
func (t *teacherPanel) Render() app.UI {
	summary := app.Summary().ID("teacher-open").Text(T("Make an exercise link: hide controls, ask a question, set goals"))
	details := app.Details().ID("teacher-panel").Class("teacher").Open(t.open).OnToggle(t.onToggle)
	if !t.open {
		return details.Body(summary)
	}
	c := t.choices()
	_, problems := c.exercise()
	address := linkAddress(c.query())
	return details.Body(
		summary,
		app.P().Class("hint").Text(T("The link holds this run as it is now, with what you choose here. Students who open it see the page as you set it up.")),
		t.renderHides(),
		t.renderTexts(),
		t.renderGoals(problems),
		t.renderLink(address),
	)
}

func (t *teacherPanel) onToggle(ctx app.Context, e app.Event) {
	t.open = ctx.JSSrc().Get("open").Bool()
}

func (t *teacherPanel) renderTexts() app.UI {
	return app.Div().Class("teach-texts").Body(
		app.H3().Class("teach-h").Text(T("The exercise")),
		app.P().Class("hint").Text(T("In any language; students see them above the page.")),
		app.Div().Class("field").Body(
			app.Label().For("teach-title").Text(T("Title")),
			app.Input().Type("text").ID("teach-title").Attr("maxlength", protocol.MaxTitle).Value(t.title).
				OnInput(func(ctx app.Context, e app.Event) { t.title = ctx.JSSrc().Get("value").String() }),
		),
		app.Div().Class("field").Body(
			app.Label().For("teach-about").Text(T("Explanation")),
			app.Textarea().ID("teach-about").Class("text-input").Rows(3).Attr("maxlength", protocol.MaxAbout).Text(t.about).
				OnInput(func(ctx app.Context, e app.Event) { t.about = ctx.JSSrc().Get("value").String() }),
		),
		app.Div().Class("field").Body(
			app.Label().For("teach-question").Text(T("Question")),
			app.Textarea().ID("teach-question").Class("text-input").Rows(2).Attr("maxlength", protocol.MaxQuestion).Text(t.question).
				OnInput(func(ctx app.Context, e app.Event) { t.question = ctx.JSSrc().Get("value").String() }),
		),
		app.Div().Class("field", "teach-lang").Body(
			app.Label().For("teach-lang").Text(T("Students' page language")),
			app.Select().ID("teach-lang").
				OnChange(func(ctx app.Context, e app.Event) { t.lang = ctx.JSSrc().Get("value").String() }).
				Body(
					app.Option().Value("").Selected(t.lang == "").Text(T("their browser's")),
					app.Option().Value(English).Selected(t.lang == English).Text("English"),
					app.Option().Value(Korean).Selected(t.lang == Korean).Text("한국어"),
				),
		),
	)
}

func (t *teacherPanel) renderGoals(problems []*rnn.Problem) app.UI {
	return app.Div().Class("teach-goals").Body(
		app.H3().Class("teach-h").Text(T("Goals")),
		app.P().Class("hint").Text(T("The page checks each goal while the student trains.")),
		app.Range(t.goals).Slice(func(i int) app.UI { return t.goalEditor(i, problems[i]) }),
		app.Button().Type("button").ID("teach-add-goal").Class("btn").Text(T("+ Add a goal")).
			Disabled(len(t.goals) >= protocol.MaxGoals).
			OnClick(func(ctx app.Context, e app.Event) {
				if len(t.goals) < protocol.MaxGoals {
					t.goals = append(t.goals, newGoalDraft(protocol.GoalLoss))
				}
			}),
		app.If(len(t.goals) >= protocol.MaxGoals, func() app.UI {
			return app.P().Class("hint").Text(Tf("An exercise checks at most %d goals.", protocol.MaxGoals))
		}),
	)
}

func (t *teacherPanel) goalEditor(i int, problem *rnn.Problem) app.UI {
	d := t.goals[i]
	id := fmt.Sprintf("goal-%d", i)
	errID := ""
	if problem != nil {
		errID = id + "-error"
	}
	return app.Elem("fieldset").ID(id).Class("teach-goal").Aria("describedby", errID).Body(
		app.Elem("legend").Text(Tf("Goal %d", i+1)),
		app.Div().Class("teach-goal-row").Body(
			app.Div().Class("field").Body(
				app.Label().For(id+"-kind").Text(T("Kind")),
				app.Select().ID(id+"-kind").
					OnChange(func(ctx app.Context, e app.Event) {
						t.goals[i] = newGoalDraft(protocol.GoalKind(ctx.JSSrc().Get("value").String()))
						t.syncGoalInputs(ctx)
					}).
					Body(app.Range(protocol.GoalKinds).Slice(func(j int) app.UI {
						k := protocol.GoalKinds[j]
						return app.Option().Value(string(k)).Selected(k == d.kind).Text(goalKindLabel(k))
					})),
			),
			app.Button().Type("button").ID(id+"-remove").Class("btn", "btn-small", "teach-remove").
				Text(T("Remove")).Aria("label", Tf("Remove goal %d", i+1)).
				OnClick(func(ctx app.Context, e app.Event) {
					t.goals = slices.Delete(t.goals, i, i+1)
					t.syncGoalInputs(ctx)
				}),
		),
		app.Div().Class("teach-goal-fields").Body(
			app.Range(goalInputs[d.kind]).Slice(func(j int) app.UI { return t.goalField(i, goalInputs[d.kind][j]) }),
		),
		app.If(problem != nil, func() app.UI {
			return app.P().ID(errID).Class("field-error").Text(Tf("Not in the link: %s", Tp(problem)))
		}),
		app.If(problem == nil, func() app.UI {
			return app.P().Class("hint", "teach-goal-code").Body(app.Code().Text("goal=" + d.String()))
		}),
	)
}

// syncGoalInputs writes each goal's fields into their inputs once drawn.
// go-app reuses an input for the field drawn in its place (another kind,
// or the next goal after a removal) and, for an empty value, removes the
// value attribute, which leaves the old text in the box.
func (t *teacherPanel) syncGoalInputs(ctx app.Context) {
	ctx.Defer(func(app.Context) {
		doc := app.Window().Get("document")
		for i, d := range t.goals {
			for _, in := range goalInputs[d.kind] {
				if el := doc.Call("getElementById", fmt.Sprintf("goal-%d-%s", i, in.name)); el.Truthy() && in.name != "is" {
					el.Set("value", d.fields[in.name])
				}
			}
		}
	})
}

func (t *teacherPanel) goalField(i int, in goalInput) app.UI {
	d := t.goals[i]
	id := fmt.Sprintf("goal-%d-%s", i, in.name)
	if d.kind == protocol.GoalCell {
		return t.cellsField(i, id)
	}
	// The scope names the field: go-app keeps an element's handler while its
	// scope is the same, and this input may have held another kind's field.
	set := func(ctx app.Context, e app.Event) { t.goals[i].fields[in.name] = ctx.JSSrc().Get("value").String() }
	input := app.Input().ID(id).Value(d.fields[in.name]).OnInput(set, app.EventScope(string(d.kind)+"/"+in.name))
	if in.number {
		input = input.Type("text").Attr("inputmode", "decimal")
	} else {
		input = input.Type("text").Attr("maxlength", protocol.MaxGoalText).Attr("spellcheck", "false")
	}
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(goalInputLabel(d.kind, in.name)),
		input,
	)
}

// cellsField is a "cell is" goal's choice of cells, a checkbox each.
func (t *teacherPanel) cellsField(i int, id string) app.UI {
	d := t.goals[i]
	chosen := strings.Split(d.fields["is"], ",")
	return app.Elem("fieldset").Class("teach-cells").Body(
		app.Elem("legend").Text(goalInputLabel(d.kind, "is")),
		app.Range(goalCells).Slice(func(j int) app.UI {
			c := goalCells[j]
			boxID := id + "-" + c.value
			return app.Label().For(boxID).Class("teach-check").Body(
				app.Input().Type("checkbox").ID(boxID).Value(c.value).Checked(slices.Contains(chosen, c.value)).
					OnChange(func(ctx app.Context, e app.Event) {
						on := ctx.JSSrc().Get("checked").Bool()
						chosen := strings.Split(t.goals[i].fields["is"], ",") // now, not when drawn
						var cells []string
						for _, g := range goalCells {
							if g.value == c.value && on || g.value != c.value && slices.Contains(chosen, g.value) {
								cells = append(cells, g.value)
							}
						}
						t.goals[i].fields["is"] = strings.Join(cells, ",")
					}),
				app.Span().Text(c.label),
			)
		}),
	)
}

func (t *teacherPanel) renderLink(address string) app.UI {
	tooLong := len(address) > protocol.MaxLinkBytes
	label := T("Copy link")
	if t.copied {
		label = T("Link copied")
	}
	if t.qrFor != address {
		t.qrFor = address
		t.qr, t.qrErr = qrBitmap(address)
	}
	return app.Div().Class("teach-link").Body(
		app.H3().Class("teach-h").Text(T("The link")),
		app.Div().Class("link-row").Body(
			app.Label().For("teach-link").Class("sr-only").Text(T("Exercise link")),
			app.Input().Type("text").ID("teach-link").Class("link-input").ReadOnly(true).Value(address).
				OnFocus(func(ctx app.Context, e app.Event) { ctx.JSSrc().Call("select") }),
			app.Button().Type("button").ID("teach-copy").Class("btn").Text(label).Disabled(tooLong).
				OnClick(func(ctx app.Context, e app.Event) {
					copyText(address)
					t.copied = true
				}, app.EventScope(address)),
		),
		app.If(tooLong, func() app.UI {
			return app.P().Class("field-error").Text(linkHolds(address, address))
		}),
		app.If(!tooLong, func() app.UI {
			return app.P().Body(
				app.A().ID("teach-open").Class("btn", "teach-open").Href(address).Target("_blank").Attr("rel", "noopener").
					Text(T("Open as a student ↗")),
			)
		}),
		t.renderQR(),
	)
}

func (t *teacherPanel) renderQR() app.UI {
	if t.qrErr != nil {
		return app.P().ID("teach-qr-none").Class("hint").Attr("role", "status").
			Text(Tf("No QR code: this link is %d characters long, and a QR code holds at most %d. Shorten the exercise or the text to learn, or share the link itself.", len(t.qrFor), qrMaxBytes))
	}
	box, toggle := []string{"teach-qr-box"}, T("Show large")
	if t.large {
		box, toggle = append(box, "teach-qr-large"), T("Show small")
	}
	return app.Div().Class(box...).Body(
		app.Button().Type("button").ID("teach-qr-size").Class("btn", "btn-small").Text(toggle).
			Aria("pressed", fmt.Sprint(t.large)).
			OnClick(func(ctx app.Context, e app.Event) { t.large = !t.large }),
		qrSVG(t.qr, T("QR code of the exercise link shown in the field above")),
	)
}
