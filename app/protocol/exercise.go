package protocol

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rnn-playground/rnn-playground/rnn"
)

// An Exercise is what a teacher's link adds to a run: a title, an
// explanation and a question in the teacher's words (any language), the
// goals the page checks while the student works, and, in a student's
// solution link, the step at which the student's run met them:
//
//	?text=…&cell=rnn&…&title=Remember+중국&about=…&question=…&goal=gradient%3Bdecades%3D8&check=151
type Exercise struct {
	Title    string
	About    string
	Question string
	Goals    []Goal

	// A solution link trains its run to step Check (0: the untrained
	// model), then checks the goals there.
	Solution bool
	Check    int
}

// ExerciseKeys are the link's keys of an exercise, in the order Query
// writes them.
var ExerciseKeys = []string{"title", "about", "question", "goal", "check"}

// The longest texts an exercise keeps, in characters.
const (
	MaxTitle    = 120
	MaxAbout    = 2000
	MaxQuestion = 1000
)

// exerciseTexts are the free texts, their limits and their names in a
// problem.
var exerciseTexts = []struct {
	key, name string
	max       int
	field     func(e *Exercise) *string
}{
	{"title", "title", MaxTitle, func(e *Exercise) *string { return &e.Title }},
	{"about", "explanation", MaxAbout, func(e *Exercise) *string { return &e.About }},
	{"question", "question", MaxQuestion, func(e *Exercise) *string { return &e.Question }},
}

// DecodeExercise reads an exercise from a URL query. Like DecodeQuery it
// never fails: a goal it cannot read is left out and explained, a text too
// long is cut, a bad check= is ignored.
func DecodeExercise(query string) (Exercise, []*rnn.Problem) {
	var e Exercise
	var msgs []*rnn.Problem
	values, _ := url.ParseQuery(query) // DecodeQuery reports a broken query
	for _, t := range exerciseTexts {
		v := strings.TrimSpace(values.Get(t.key))
		if !utf8.ValidString(v) {
			v = strings.ToValidUTF8(v, "\uFFFD")
		}
		if utf8.RuneCountInString(v) > t.max {
			v = string([]rune(v)[:t.max])
			msgs = append(msgs, rnn.NewProblem(rnn.CodeExerciseText, t.name, t.max))
		}
		*t.field(&e) = v
	}
	goals := values["goal"]
	if len(goals) > MaxGoals {
		msgs = append(msgs, rnn.NewProblem(rnn.CodeGoalCount, len(goals), MaxGoals))
		goals = goals[:MaxGoals]
	}
	for _, s := range goals {
		g, err := ParseGoal(s)
		if err != nil {
			msgs = append(msgs, rnn.AsProblem(err))
			continue
		}
		e.Goals = append(e.Goals, g)
	}
	if v := strings.TrimSpace(values.Get("check")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || float64(n) > rnn.Limits.Steps.Max {
			msgs = append(msgs, rnn.NewProblem(rnn.CodeCheckStep, QuoteShort(v), rnn.Limits.Steps.Max))
		} else {
			e.Solution, e.Check = true, n
		}
	}
	return e, msgs
}

// Query writes the non-empty parts in ExerciseKeys order, to follow the
// settings' and the classroom's query.
func (e Exercise) Query() string {
	var parts []string
	for _, t := range exerciseTexts {
		if v := *t.field(&e); v != "" {
			parts = append(parts, t.key+"="+url.QueryEscape(v))
		}
	}
	for _, g := range e.Goals {
		parts = append(parts, "goal="+url.QueryEscape(g.String()))
	}
	if e.Solution {
		parts = append(parts, "check="+strconv.Itoa(e.Check))
	}
	return strings.Join(parts, "&")
}

// Empty reports whether the link holds no exercise.
func (e Exercise) Empty() bool {
	return e.Title == "" && e.About == "" && e.Question == "" && len(e.Goals) == 0
}

// GoalStrings are the goals as goal= values, for the worker's Goals command.
func (e Exercise) GoalStrings() []string {
	out := make([]string, len(e.Goals))
	for i, g := range e.Goals {
		out[i] = g.String()
	}
	return out
}
