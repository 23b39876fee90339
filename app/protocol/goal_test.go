package protocol

import (
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/rnn"
)

func TestParseGoal(t *testing.T) {
	cases := []struct {
		in   string
		want Goal
		code rnn.Code // the refusal, or ""
	}{
		{in: "loss;below=0.5;by=100", want: Goal{Kind: GoalLoss, Below: 0.5, By: 100}},
		{in: " LOSS ; below = 0.5 ", want: Goal{Kind: GoalLoss, Below: 0.5}},
		{in: "next;after=We are;token=going", want: Goal{Kind: GoalNext, After: "We are", Token: "going"}},
		{in: "next;after=a%3Bb%3Dc%25;token= ;p=0.8", want: Goal{Kind: GoalNext, After: "a;b=c%", Token: " ", P: 0.8}},
		{in: "log;text=We are going", want: Goal{Kind: GoalLog, Text: "We are going"}},
		{in: "gradient;decades=8", want: Goal{Kind: GoalGradient, Decades: 8}},
		{in: "params;below=1000", want: Goal{Kind: GoalParams, Below: 1000}},
		{in: "cell;is=lstm, GRU,lstm", want: Goal{Kind: GoalCell, Cells: []rnn.CellKind{rnn.LSTM, rnn.GRU}}},
		{in: "steps;max=100", want: Goal{Kind: GoalSteps, Max: 100}},
		{in: "state;t=3;unit=2", want: Goal{Kind: GoalState, T: 3, Unit: 2}},
		{in: "state;t=3;unit=2;layer=2;answer=-0.583", want: Goal{Kind: GoalState, T: 3, Unit: 2, Layer: 2, Answer: -0.583, Answered: true}},
		{in: "state;t=3;unit=2;answer=0", want: Goal{Kind: GoalState, T: 3, Unit: 2, Answered: true}},
		{in: "state;t=-1;unit=2", code: rnn.CodeGoalNumber},
		{in: "state;t=0;unit=0", want: Goal{Kind: GoalState}},
		{in: "state;t=3;unit=2;answer=x", code: rnn.CodeGoalNumber},
		{in: "state;t=3", code: rnn.CodeGoalMissing},

		{in: "", code: rnn.CodeGoalKind},
		{in: "accuracy;above=0.9", code: rnn.CodeGoalKind},
		{in: "loss;below=0.5;within=100", code: rnn.CodeGoalField},
		{in: "loss;below=0.5;below=0.4", code: rnn.CodeGoalField},
		{in: "loss", code: rnn.CodeGoalMissing},
		{in: "loss;by=10", code: rnn.CodeGoalMissing},
		{in: "loss;below=0", code: rnn.CodeGoalNumber},
		{in: "loss;below=NaN", code: rnn.CodeGoalNumber},
		{in: "loss;below=1e9", code: rnn.CodeGoalNumber},
		{in: "loss;below=0.5;by=0", code: rnn.CodeGoalNumber},
		{in: "loss;below=0.5;by=2.5", code: rnn.CodeGoalNumber},
		{in: "next;after=We;token=going;p=0", code: rnn.CodeGoalNumber},
		{in: "next;after=We;token=going;p=1.5", code: rnn.CodeGoalNumber},
		{in: "next;after=;token=going", code: rnn.CodeGoalText},
		{in: "next;after=We;token=" + strings.Repeat("x", MaxGoalText+1), code: rnn.CodeGoalText},
		{in: "next;after=%zz;token=a", code: rnn.CodeGoalEscape},
		{in: "next;after=%ff;token=a", code: rnn.CodeGoalEscape},
		{in: "cell;is=transformer", code: rnn.CodeGoalCell},
		{in: "cell;is=", code: rnn.CodeGoalCell},
		{in: "params;below=0", code: rnn.CodeGoalNumber},
		{in: "steps;max=-1", code: rnn.CodeGoalNumber},
		{in: "gradient;decades=-1", code: rnn.CodeGoalNumber},
	}
	for _, c := range cases {
		got, err := ParseGoal(c.in)
		if c.code != "" {
			p := rnn.AsProblem(err)
			if p == nil || p.Code != c.code {
				t.Errorf("ParseGoal(%q) = %+v, %v; want a %s problem", c.in, got, err, c.code)
			} else if p.Args[0] != QuoteShort(c.in) {
				t.Errorf("ParseGoal(%q): the problem names %s, not the goal as written", c.in, p.Args[0])
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseGoal(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
			continue
		}
		again, err := ParseGoal(got.String())
		if err != nil || !reflect.DeepEqual(again, got) {
			t.Errorf("ParseGoal(%q).String() = %q reads back as %+v, %v", c.in, got.String(), again, err)
		}
	}
}

func TestDecodeExercise(t *testing.T) {
	q := url.Values{
		"title":    {"  Remember 중국  "},
		"about":    {strings.Repeat("가", MaxAbout+5)},
		"question": {"Which cell?"},
		"goal":     {"gradient;decades=8", "nope", "cell;is=lstm,gru"},
		"check":    {"151"},
	}.Encode()
	e, probs := DecodeExercise(q)
	if e.Title != "Remember 중국" || len([]rune(e.About)) != MaxAbout || e.Question != "Which cell?" || !e.Solution || e.Check != 151 {
		t.Errorf("DecodeExercise = %+v", e)
	}
	if len(e.Goals) != 2 || e.Goals[0].Kind != GoalGradient || e.Goals[1].Kind != GoalCell {
		t.Errorf("goals = %+v, want the gradient and the cell goals", e.Goals)
	}
	var codes []rnn.Code
	for _, p := range probs {
		codes = append(codes, p.Code)
	}
	if want := []rnn.Code{rnn.CodeExerciseText, rnn.CodeGoalKind}; !reflect.DeepEqual(codes, want) {
		t.Errorf("problems %v, want %v", codes, want)
	}
	back, probs := DecodeExercise(e.Query())
	if len(probs) != 0 || !reflect.DeepEqual(back, e) {
		t.Errorf("Query %q reads back as %+v, %v", e.Query(), back, probs)
	}
	// The exercise's keys are page keys: the settings do not call them unknown.
	if _, probs := DecodeQuery(q); len(probs) != 0 {
		t.Errorf("DecodeQuery of an exercise link: %v", probs)
	}

	many := url.Values{"goal": make([]string, MaxGoals+2), "check": {"-1"}}
	for i := range many["goal"] {
		many["goal"][i] = "steps;max=10"
	}
	e, probs = DecodeExercise(many.Encode())
	if len(e.Goals) != MaxGoals || len(probs) != 2 || probs[0].Code != rnn.CodeGoalCount || probs[1].Code != rnn.CodeCheckStep || e.Solution {
		t.Errorf("too many goals and check=0: %d goals, %v", len(e.Goals), probs)
	}
	if !(Exercise{}).Empty() || (Exercise{Title: "x"}).Empty() {
		t.Error("Empty")
	}
}

func mustGoal(t *testing.T, s string) Goal {
	t.Helper()
	g, err := ParseGoal(s)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestGoalCheck(t *testing.T) {
	s := DefaultSettings() // RNN, 151 steps
	run := func(state State, losses ...float64) *RunView {
		return &RunView{State: state, Step: len(losses), Losses: losses, Params: 389}
	}
	probes := func(v *RunView, ps ...Probe) *RunView { v.Probes = ps; return v }
	cases := []struct {
		name string
		goal string
		v    *RunView
		want GoalStatus
	}{
		{"loss not yet", "loss;below=0.5", run(Running, 2, 1), GoalStatus{Step: 2, Known: true, Now: 1}},
		{"loss met, stays met", "loss;below=0.5", run(Running, 2, 0.4, 0.6), GoalStatus{Met: true, Step: 2, Known: true, Now: 0.6}},
		{"loss met too late", "loss;below=0.5;by=2", run(Running, 2, 1, 0.4), GoalStatus{Step: 3, Known: true, Now: 0.4, Lost: true}},
		{"loss met in time", "loss;below=0.5;by=2", run(Running, 2, 0.4), GoalStatus{Met: true, Step: 2, Known: true, Now: 0.4}},
		{"loss, run done", "loss;below=0.1", run(Done, 2, 1), GoalStatus{Step: 2, Known: true, Now: 1, Lost: true}},
		{"loss before any step", "loss;below=0.1", run(Paused), GoalStatus{}},
		{"next ranked first", "next;after=We;token=are", probes(run(Running, 2, 1),
			Probe{Goal: 0, Step: 0, P: 0.1, Rank: 4}, Probe{Goal: 1, Step: 1, P: 0.9, Rank: 1}, Probe{Goal: 0, Step: 2, P: 0.5, Rank: 1}),
			GoalStatus{Met: true, Step: 2, Known: true, Now: 0.5, Rank: 1}},
		{"next below its p", "next;after=We;token=are;p=0.6", probes(run(Running, 2, 1),
			Probe{Goal: 0, Step: 2, P: 0.5, Rank: 1}), GoalStatus{Step: 2, Known: true, Now: 0.5, Rank: 1}},
		{"next, done, last step probed", "next;after=We;token=are;p=0.6", probes(run(Done, 2, 1),
			Probe{Goal: 0, Step: 2, P: 0.5, Rank: 1}), GoalStatus{Step: 2, Known: true, Now: 0.5, Rank: 1, Lost: true}},
		{"next, done, last step not yet probed", "next;after=We;token=are;p=0.6", probes(run(Done, 2, 1, 1),
			Probe{Goal: 0, Step: 2, P: 0.5, Rank: 1}), GoalStatus{Step: 2, Known: true, Now: 0.5, Rank: 1}},
		{"gradient met", "gradient;decades=8", probes(run(Paused, 1),
			Probe{Goal: 0, Step: 0, Decades: 12}, Probe{Goal: 0, Step: 1, Decades: 7.5}),
			GoalStatus{Met: true, Step: 1, Known: true, Now: 7.5}},
		{"params", "params;below=400", run(Paused), GoalStatus{Met: true, Known: true, Now: 389}},
		{"params too many", "params;below=389", run(Paused), GoalStatus{Known: true, Now: 389, Lost: true}},
		{"params unknown before ready", "params;below=400", &RunView{}, GoalStatus{}},
		{"cell", "cell;is=lstm,gru", run(Paused), GoalStatus{Known: true, Lost: true}},
		{"cell met", "cell;is=rnn", run(Paused), GoalStatus{Met: true, Known: true}},
		{"steps", "steps;max=150", run(Paused), GoalStatus{Known: true, Now: 151, Lost: true}},
		{"state unanswered", "state;t=3;unit=2", probes(run(Paused), Probe{Goal: 0, Value: -0.5827}), GoalStatus{Known: true}},
		{"state answered", "state;t=3;unit=2;answer=-0.583", probes(run(Paused, 1), Probe{Goal: 0, Value: -0.5827}, Probe{Goal: 0, Step: 1, Value: -0.5}),
			GoalStatus{Met: true, Known: true}},
		{"state answered for a later step", "state;t=3;unit=2;answer=-0.5", probes(run(Paused, 1), Probe{Goal: 0, Value: -0.5827}, Probe{Goal: 0, Step: 1, Value: -0.5004}),
			GoalStatus{Met: true, Step: 1, Known: true}},
		{"state wrong", "state;t=3;unit=2;answer=-0.582", probes(run(Paused), Probe{Goal: 0, Value: -0.5827}), GoalStatus{Known: true}},
		{"state beyond the sequence", "state;t=30;unit=2;answer=1", probes(run(Paused), Probe{Goal: 0, NoState: true}), GoalStatus{Known: true, Lost: true}},
	}
	for _, c := range cases {
		if got := mustGoal(t, c.goal).Check(0, s, c.v); got != c.want {
			t.Errorf("%s: Check = %+v, want %+v", c.name, got, c.want)
		}
	}

	log := &RunView{State: Running, Log: []LogEntry{
		{Step: 1, Rows: []LogRow{{Text: "We are are"}}},
		{Step: 31, Rows: []LogRow{{Text: "We  are going"}, {Text: "x y"}}},
	}}
	if got, want := mustGoal(t, "log;text=We are going").Check(0, s, log), (GoalStatus{Met: true, Step: 31, Known: true, Line: "x y"}); got != want {
		t.Errorf("log: Check = %+v, want %+v", got, want)
	}
}

func TestSolved(t *testing.T) {
	if _, ok := Solved(nil); ok {
		t.Error("no goals solved")
	}
	if _, ok := Solved([]GoalStatus{{Met: true, Step: 3}, {}}); ok {
		t.Error("one goal unmet, solved")
	}
	if step, ok := Solved([]GoalStatus{{Met: true, Step: 3}, {Met: true}, {Met: true, Step: 40}}); !ok || step != 40 {
		t.Errorf("Solved = %d, %v; want 40", step, ok)
	}
}

// FuzzDecodeExercise: any query gives an exercise whose link reads back
// the same, without panics and without a goal the checker cannot read.
func FuzzDecodeExercise(f *testing.F) {
	for _, s := range []string{
		"goal=loss%3Bbelow%3D0.5%3Bby%3D100&title=x",
		"goal=next%3Bafter%3DWe+are%3Btoken%3Dgoing%3Bp%3D0.8&check=31",
		"goal=cell%3Bis%3Dlstm&goal=steps%3Bmax%3D1&goal=params%3Bbelow%3D9",
		"goal=log%3Btext%3D%25zz&goal=gradient%3Bdecades%3D1e400",
		"about=%ff%fe&question=" + strings.Repeat("q", 1200),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		e, _ := DecodeExercise(q)
		if len(e.Goals) > MaxGoals {
			t.Fatalf("%d goals", len(e.Goals))
		}
		back, probs := DecodeExercise(e.Query())
		if len(probs) != 0 || !reflect.DeepEqual(back, e) {
			t.Fatalf("Query %q reads back as %+v, %v; want %+v", e.Query(), back, probs, e)
		}
		v := &RunView{State: Running, Losses: []float64{1}, Probes: []Probe{{Goal: 0, P: 1, Rank: 1}}}
		for i, g := range e.Goals {
			g.Check(i, DefaultSettings(), v)
		}
	})
}
