package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// exerciseCard is the exercise a teacher's link sets, at the top of the
// page: the teacher's title, explanation and question, each goal with its
// live status and a ✔ once met, and the student's solution link. A student
// can fold it away and open it again from the note that says the teacher
// hid some controls.
type exerciseCard struct {
	app.Compo

	Exercise exerciseState
	Statuses []protocol.GoalStatus
	Start    protocol.Settings // the settings the link opened with
	Hidden   int               // controls the link hides from the class
	Answers  answerer

	folded bool
	copied bool
}

func (c *exerciseCard) Render() app.UI {
	e := c.Exercise
	title := e.Title
	if title == "" {
		title = T("Exercise")
	}
	met := 0
	for _, st := range c.Statuses {
		if st.Met {
			met++
		}
	}
	return app.Section().ID("exercise").Class("card", "card-exercise").Aria("labelledby", "exercise-title").Body(
		app.Div().Class("exercise-head").Body(
			app.H2().ID("exercise-title").Text(title),
			app.If(len(e.Goals) > 0, func() app.UI {
				return app.Span().ID("goals-met").Class("goals-met").Text(Tf("%d of %d goals met", met, len(e.Goals)))
			}),
			app.Button().Type("button").ID("exercise-fold").Class("btn", "btn-small").
				Aria("expanded", !c.folded).Aria("controls", "exercise-body").
				Text(map[bool]string{true: T("Show the exercise"), false: T("Fold")}[c.folded]).
				OnClick(c.onFold),
		),
		app.If(c.Hidden > 0, func() app.UI {
			return app.P().ID("hidden-note").Class("hint").Text(hiddenNote(c.Hidden))
		}),
		app.Div().ID("exercise-body").Hidden(c.folded).Body(
			app.If(e.About != "", func() app.UI {
				return app.P().ID("exercise-about").Class("exercise-about").Text(e.About)
			}),
			app.If(e.Question != "", func() app.UI {
				return app.P().ID("exercise-question").Class("question").Body(
					app.Strong().Text(T("Try:")+" "), app.Text(e.Question))
			}),
			app.If(len(e.Goals) > 0, func() app.UI {
				return app.Ul().ID("goals").Class("goals").Aria("label", T("Goals")).Body(
					app.Range(e.Goals).Slice(func(i int) app.UI { return c.goal(i) }),
				)
			}),
			c.check(),
			c.solution(),
		),
	)
}

func (c *exerciseCard) onFold(ctx app.Context, e app.Event) { c.folded = !c.folded }

// answerer takes the value a student read for a state goal: while typing
// (a number counts at once, anything else waits), and when the field is
// left (anything else is explained).
type answerer interface {
	setAnswer(ctx app.Context, goal int, raw string, final bool)
}

// goal is one goal's line: its mark, what it asks, where the run stands.
func (c *exerciseCard) goal(i int) app.UI {
	g, st := c.Exercise.Goals[i], c.Statuses[i]
	status, mark, label := "pending", "○", T("not yet met")
	switch {
	case st.Met:
		status, mark, label = "met", "✔", T("met")
	case st.Lost:
		status, mark, label = "lost", "✘", T("not met in this run")
	}
	return app.Li().Class("goal", "goal-"+status).DataSet("status", status).DataSet("kind", string(g.Kind)).Body(
		app.Span().Class("goal-mark").Aria("hidden", true).Text(mark),
		app.Span().Class("sr-only").Text(label+": "),
		app.Span().Class("goal-what").Text(goalText(g)),
		app.If(g.Kind == protocol.GoalState, func() app.UI { return c.answer(i) }),
		app.Span().Class("goal-now").Text(goalNow(g, st)),
	)
}

// answer is a state goal's field for the value the student read.
func (c *exerciseCard) answer(i int) app.UI {
	g := c.Exercise.Goals[i]
	id := fmt.Sprintf("answer-%d", i)
	value := ""
	if g.Answered {
		value = protocol.FormatFloat(g.Answer)
	}
	msg := c.Exercise.answerErr[i]
	return app.Span().Class("goal-answer").Body(
		app.Label().For(id).Class("sr-only").Text(T("Your answer")),
		app.Input().Type("text").ID(id).Class("answer-input").Attr("inputmode", "decimal").
			Placeholder(T("the value you read")).Value(value).Aria("invalid", msg != "").
			OnInput(func(ctx app.Context, e app.Event) {
				c.Answers.setAnswer(ctx, i, ctx.JSSrc().Get("value").String(), false)
			}).
			OnChange(func(ctx app.Context, e app.Event) {
				c.Answers.setAnswer(ctx, i, ctx.JSSrc().Get("value").String(), true)
			}),
		app.If(msg != "", func() app.UI { return app.Span().Class("field-error").Attr("role", "alert").Text(msg) }),
	)
}

// check says whether a solution link's run met the goals at its step.
func (c *exerciseCard) check() app.UI {
	e := c.Exercise
	switch {
	case e.checking:
		return app.P().ID("check-result").Class("hint").Attr("role", "status").DataSet("confirmed", "pending").
			Text(Tf("A solution link: the page trains this run to step %d, then checks every goal there.", e.Check))
	case e.checked && e.confirmed:
		return app.P().ID("check-result").Class("check-result", "check-ok").Attr("role", "status").DataSet("confirmed", "true").
			Text(Tf("✔ Confirmed: trained here, this run meets every goal at step %d, as the solution says.", e.Check))
	case e.checked:
		return app.P().ID("check-result").Class("check-result", "check-no").Attr("role", "status").DataSet("confirmed", "false").
			Text(Tf("✘ Not confirmed: trained here, this run does not meet every goal by step %d.", e.Check))
	}
	return app.Text("")
}

// solution is the student's solved run and the link that carries it.
func (c *exerciseCard) solution() app.UI {
	e := c.Exercise
	if e.solved == "" || e.Solution { // a solution link is the teacher's page: the check says it all
		return app.Text("")
	}
	address := linkAddress(e.solved)
	label := T("Copy my solution link")
	if c.copied {
		label = T("Solution link copied")
	}
	return app.Div().ID("solved").Class("solved").Attr("role", "status").Body(
		app.P().Class("solved-line").Text(solvedLine(e.solvedStep, c.Start, e.solvedSettings)),
		app.Div().Class("link-row").Body(
			app.Label().For("solution-link").Class("sr-only").Text(T("My solution link")),
			app.Input().Type("text").ID("solution-link").Class("link-input").ReadOnly(true).Value(address).
				OnFocus(func(ctx app.Context, ev app.Event) { ctx.JSSrc().Call("select") }),
			app.Button().Type("button").ID("copy-solution").Class("btn").Text(label).
				OnClick(func(ctx app.Context, ev app.Event) {
					copyText(address)
					c.copied = true
				}, app.EventScope(address)), // go-app keeps a handler until its scope changes
		),
		app.P().Class("hint").Text(T("Send it to your teacher: their page trains the same run and checks the goals itself.")),
	)
}

// solvedLine says at which step every goal was met, and what the student
// changed from the exercise's settings to get there.
func solvedLine(step int, start, solved protocol.Settings) string {
	if start.RunQuery() == solved.RunQuery() {
		return Tf("✔ Every goal met at step %d, with the exercise's settings.", step)
	}
	return Tf("✔ Every goal met at step %d, after changing %s.", step, runDiff(start, solved))
}

// goalText says what a goal asks, in the page's language.
func goalText(g protocol.Goal) string {
	switch g.Kind {
	case protocol.GoalLoss:
		if g.By > 0 {
			return Tf("The loss below %s by step %d", rnn.Plain(g.Below), g.By)
		}
		return Tf("The loss below %s", rnn.Plain(g.Below))
	case protocol.GoalNext:
		if g.P > 0 {
			return Tf("After “%s”, the next token “%s” with a probability of at least %s", g.After, showToken(g.Token), formatPercent(g.P))
		}
		return Tf("After “%s”, the next token “%s” ranked first", g.After, showToken(g.Token))
	case protocol.GoalLog:
		return Tf("The log prints “%s”", g.Text)
	case protocol.GoalGradient:
		return Tf("The gradient reaches the first step losing at most %s decades", rnn.Plain(g.Decades))
	case protocol.GoalParams:
		return Tf("Fewer than %s trainable parameters", formatCount(int64(g.Below)))
	case protocol.GoalCell:
		names := make([]string, len(g.Cells))
		for i, cell := range g.Cells {
			names[i] = cell.String()
		}
		return Tf("The cell is %s", strings.Join(names, T(" or ")))
	case protocol.GoalSteps:
		return Tf("At most %d steps", g.Max)
	case protocol.GoalState:
		return Tf("In the cell view at t = %d, layer %d: type the value of h[%d] you read", g.T, max(g.Layer, 1), g.Unit)
	}
	return string(g.Kind)
}

// goalNow says where the run stands against a goal: the step that met it,
// or the latest measure.
func goalNow(g protocol.Goal, st protocol.GoalStatus) string {
	switch {
	case st.Met && g.Constraint():
		return T("✔ holds")
	case st.Met:
		return Tf("✔ met at step %d", st.Step)
	case !st.Known:
		return T("waiting for the run")
	}
	var now string
	switch g.Kind {
	case protocol.GoalLoss:
		now = Tf("loss %s at step %d", formatLoss(st.Now), st.Step)
	case protocol.GoalNext:
		if st.Rank == 0 {
			now = T("the model does not know this token")
		} else {
			now = Tf("now %s, ranked %d, at step %d", formatPercent(st.Now), st.Rank, st.Step)
		}
	case protocol.GoalLog:
		now = Tf("last printed “%s”", st.Line)
	case protocol.GoalGradient:
		now = Tf("now %.1f decades, at step %d", st.Now, st.Step)
	case protocol.GoalParams:
		now = Tf("this model has %s", formatCount(int64(st.Now)))
	case protocol.GoalCell:
		now = T("change the cell")
	case protocol.GoalSteps:
		now = Tf("this run has %d steps", int(st.Now))
	case protocol.GoalState:
		switch {
		case st.Lost:
			now = T("the cell view has no such step, unit or layer for this text and model: ask your teacher")
		case g.Answered:
			now = Tf("not the value the cell view shows at step %d", st.Step)
		default:
			now = T("waiting for your answer")
		}
	}
	if st.Lost && !g.Constraint() && g.Kind != protocol.GoalState {
		now += " · " + T("change a setting and train again")
	}
	return now
}

// hiddenNote says how many controls the teacher hid from the class.
func hiddenNote(n int) string {
	if n == 1 {
		return T("Your teacher hid 1 control for this exercise.")
	}
	return Tf("Your teacher hid %d controls for this exercise.", n)
}
