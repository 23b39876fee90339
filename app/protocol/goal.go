package protocol

import (
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rnn-playground/rnn-playground/rnn"
)

// A Goal is what an exercise asks of the student's run, checked live by the
// page. In a link each goal is one goal= value: its kind, then its fields
// as name=value, separated by semicolons:
//
//	loss;below=0.5;by=100          the loss under 0.5 at some step ≤ 100
//	next;after=We are;token=going  after "We are", "going" ranked first
//	next;after=We are;token=going;p=0.8   … with a probability of at least 0.8
//	log;text=We are going to watch Avengers End Game   the last log line
//	gradient;decades=8             ‖∂ℓ_T/∂h_1‖ within 8 decades of ‖∂ℓ_T/∂h_T‖
//	params;below=1000              fewer than 1000 trainable parameters
//	cell;is=lstm,gru               one of these cells
//	steps;max=100                  a run of at most 100 steps
//	state;t=2;unit=1;answer=-0.583 h[1] at t = 2, as the student read it in the cell view
//
// A value escapes its %, ; and = as %25, %3B and %3D.
type Goal struct {
	Kind GoalKind

	Below   float64        // loss: the loss to get under; params: the count to stay under
	By      int            // loss: at or before this step (0: any step)
	After   string         // next: the prefix
	Token   string         // next: the token that should follow it
	P       float64        // next: the probability to reach (0: ranked first)
	Text    string         // log: the line the last log entry prints
	Decades float64        // gradient: the most decades it may lose from the last step to the first
	Cells   []rnn.CellKind // cell: the cells allowed
	Max     int            // steps: the longest run allowed

	T, Unit, Layer int     // state: h[Unit] at time step T, from 0 as the cell view counts; Layer from 1 (0: the first)
	Answer         float64 // state: the value the student read
	Answered       bool    // state: Answer is set
}

// GoalKind names a kind of goal.
type GoalKind string

// The kinds of goal.
const (
	GoalLoss     GoalKind = "loss"
	GoalNext     GoalKind = "next"
	GoalLog      GoalKind = "log"
	GoalGradient GoalKind = "gradient"
	GoalParams   GoalKind = "params"
	GoalCell     GoalKind = "cell"
	GoalSteps    GoalKind = "steps"
	GoalState    GoalKind = "state"
)

// GoalKinds are the kinds, in the order the teacher's panel offers them.
var GoalKinds = []GoalKind{GoalLoss, GoalNext, GoalLog, GoalGradient, GoalParams, GoalCell, GoalSteps, GoalState}

// Probed reports whether the worker measures the goal on the model: the
// page cannot check it from the losses, the log and the settings.
func (g Goal) Probed() bool {
	return g.Kind == GoalNext || g.Kind == GoalGradient || g.Kind == GoalState
}

// StateTolerance is how far a state goal's answer may be from the value:
// the cell view prints three decimals.
const StateTolerance = 0.0005 + 1e-9

// Constraint reports whether the goal is a condition on the settings (the
// cell, the run's length, the model's size) rather than on what training
// reaches.
func (g Goal) Constraint() bool {
	return g.Kind == GoalParams || g.Kind == GoalCell || g.Kind == GoalSteps
}

// MaxGoals is how many goals an exercise checks; MaxGoalText the longest
// prefix, token or log line a goal holds, in characters.
const (
	MaxGoals    = 8
	MaxGoalText = 200
)

// field is one name=value of a goal: its range for a number, and where
// the parsed value goes.
type field struct {
	required bool
	set      func(g *Goal, v string) bool
	min, max float64 // for the message of a refused number
}

// goalFields are the fields of each kind.
var goalFields = map[GoalKind]map[string]field{
	GoalLoss: {
		"below": {required: true, min: 0, max: 100, set: func(g *Goal, v string) bool { return setGoalFloat(&g.Below, v, 0, 100, false) }},
		"by":    {min: 1, max: rnn.Limits.Steps.Max, set: func(g *Goal, v string) bool { return setGoalInt(&g.By, v, 1, rnn.Limits.Steps.Max) }},
	},
	GoalNext: {
		"after": {required: true, set: func(g *Goal, v string) bool { return setGoalText(&g.After, v) }},
		"token": {required: true, set: func(g *Goal, v string) bool { return setGoalText(&g.Token, v) }},
		"p":     {min: 0, max: 1, set: func(g *Goal, v string) bool { return setGoalFloat(&g.P, v, 0, 1, false) }},
	},
	GoalLog: {
		"text": {required: true, set: func(g *Goal, v string) bool { return setGoalText(&g.Text, v) }},
	},
	GoalGradient: {
		"decades": {required: true, min: 0, max: 1000, set: func(g *Goal, v string) bool { return setGoalFloat(&g.Decades, v, 0, 1000, true) }},
	},
	GoalParams: {
		"below": {required: true, min: 1, max: 1e9, set: func(g *Goal, v string) bool {
			var n int
			ok := setGoalInt(&n, v, 1, 1e9)
			g.Below = float64(n)
			return ok
		}},
	},
	GoalCell: {
		"is": {required: true, set: setGoalCells},
	},
	GoalSteps: {
		"max": {required: true, min: 1, max: rnn.Limits.Steps.Max, set: func(g *Goal, v string) bool { return setGoalInt(&g.Max, v, 1, rnn.Limits.Steps.Max) }},
	},
	GoalState: {
		"t":     {required: true, min: 0, max: rnn.Limits.Window.Max, set: func(g *Goal, v string) bool { return setGoalInt(&g.T, v, 0, rnn.Limits.Window.Max) }},
		"unit":  {required: true, min: 0, max: rnn.Limits.Hidden.Max, set: func(g *Goal, v string) bool { return setGoalInt(&g.Unit, v, 0, rnn.Limits.Hidden.Max) }},
		"layer": {min: 1, max: rnn.Limits.Layers.Max, set: func(g *Goal, v string) bool { return setGoalInt(&g.Layer, v, 1, rnn.Limits.Layers.Max) }},
		"answer": {min: -1e6, max: 1e6, set: func(g *Goal, v string) bool {
			g.Answered = setGoalFloat(&g.Answer, v, -1e6, 1e6, true)
			return g.Answered
		}},
	},
}

// fieldOrder is the order String writes each kind's fields in.
var fieldOrder = map[GoalKind][]string{
	GoalLoss: {"below", "by"}, GoalNext: {"after", "token", "p"}, GoalLog: {"text"},
	GoalGradient: {"decades"}, GoalParams: {"below"}, GoalCell: {"is"}, GoalSteps: {"max"},
	GoalState: {"t", "unit", "layer", "answer"},
}

// ParseGoal reads one goal= value. Its problems name the goal as written,
// so that a student or teacher sees which one was ignored.
func ParseGoal(s string) (Goal, error) {
	quoted := QuoteShort(s)
	parts := strings.Split(s, ";")
	kind := GoalKind(strings.ToLower(strings.TrimSpace(parts[0])))
	fields, ok := goalFields[kind]
	if !ok {
		return Goal{}, rnn.NewProblem(rnn.CodeGoalKind, quoted)
	}
	g := Goal{Kind: kind}
	seen := map[string]bool{}
	for _, p := range parts[1:] {
		name, raw, _ := strings.Cut(p, "=")
		name = strings.ToLower(strings.TrimSpace(name))
		f, ok := fields[name]
		if !ok || seen[name] {
			return Goal{}, rnn.NewProblem(rnn.CodeGoalField, quoted, QuoteShort(name), strings.Join(fieldOrder[kind], ", "))
		}
		seen[name] = true
		v, err := url.PathUnescape(raw)
		if err != nil || !utf8.ValidString(v) {
			return Goal{}, rnn.NewProblem(rnn.CodeGoalEscape, quoted)
		}
		if !f.set(&g, v) {
			switch {
			case name == "is":
				return Goal{}, rnn.NewProblem(rnn.CodeGoalCell, quoted, QuoteShort(v))
			case f.max > 0:
				return Goal{}, rnn.NewProblem(rnn.CodeGoalNumber, quoted, name, f.min, f.max)
			default:
				return Goal{}, rnn.NewProblem(rnn.CodeGoalText, quoted, name, MaxGoalText)
			}
		}
	}
	for _, name := range fieldOrder[kind] {
		if fields[name].required && !seen[name] {
			return Goal{}, rnn.NewProblem(rnn.CodeGoalMissing, quoted, name)
		}
	}
	return g, nil
}

// String is the goal as a goal= value: ParseGoal(g.String()) is g.
func (g Goal) String() string { return FormatGoal(g.Kind, g.Fields()) }

// Fields are the goal's fields as String writes them, before escaping:
// what a form shows. An optional field left at zero is not among them.
func (g Goal) Fields() map[string]string {
	out := map[string]string{}
	for _, name := range fieldOrder[g.Kind] {
		if v, ok := g.get(name); ok {
			out[name] = v
		}
	}
	return out
}

// FormatGoal writes a goal= value from a kind and its fields' texts: the
// kind's fields in their order, the empty ones left out, each value
// escaped. ParseGoal says whether it is a goal.
func FormatGoal(kind GoalKind, fields map[string]string) string {
	parts := []string{string(kind)}
	for _, name := range fieldOrder[kind] {
		if v := fields[name]; v != "" {
			parts = append(parts, name+"="+escapeGoalValue(v))
		}
	}
	return strings.Join(parts, ";")
}

// get is a field's value as String writes it; ok is false for an optional
// field left at its zero value.
func (g Goal) get(name string) (string, bool) {
	switch g.Kind + ":" + GoalKind(name) {
	case "loss:below":
		return FormatFloat(g.Below), true
	case "loss:by":
		return strconv.Itoa(g.By), g.By > 0
	case "next:after":
		return g.After, true
	case "next:token":
		return g.Token, true
	case "next:p":
		return FormatFloat(g.P), g.P > 0
	case "log:text":
		return g.Text, true
	case "gradient:decades":
		return FormatFloat(g.Decades), true
	case "params:below":
		return strconv.FormatInt(int64(g.Below), 10), true
	case "cell:is":
		names := make([]string, len(g.Cells))
		for i, c := range g.Cells {
			names[i] = strings.ToLower(c.String())
		}
		return strings.Join(names, ","), true
	case "steps:max":
		return strconv.Itoa(g.Max), true
	case "state:t":
		return strconv.Itoa(g.T), true
	case "state:unit":
		return strconv.Itoa(g.Unit), true
	case "state:layer":
		return strconv.Itoa(g.Layer), g.Layer > 0
	case "state:answer":
		return FormatFloat(g.Answer), g.Answered
	}
	return "", false
}

// goalEscaper escapes what would end a value early, and the escape itself.
var goalEscaper = strings.NewReplacer("%", "%25", ";", "%3B", "=", "%3D")

func escapeGoalValue(v string) string { return goalEscaper.Replace(v) }

func setGoalFloat(dst *float64, v string, min, max float64, minIncluded bool) bool {
	x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(x) || x > max || x < min || (x == min && !minIncluded) {
		return false
	}
	*dst = x
	return true
}

func setGoalInt(dst *int, v string, min, max float64) bool {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || float64(n) < min || float64(n) > max {
		return false
	}
	*dst = n
	return true
}

// setGoalText keeps a prefix, token or line as written: spaces count in
// a character run.
func setGoalText(dst *string, v string) bool {
	if v == "" || utf8.RuneCountInString(v) > MaxGoalText {
		return false
	}
	*dst = v
	return true
}

func setGoalCells(g *Goal, v string) bool {
	g.Cells = nil
	for _, name := range strings.Split(v, ",") {
		c, err := rnn.ParseCell(strings.TrimSpace(name))
		if err != nil {
			return false
		}
		if !slices.Contains(g.Cells, c) {
			g.Cells = append(g.Cells, c)
		}
	}
	return len(g.Cells) > 0
}
