package app

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// exerciseState is what the page knows of the exercise its link set: the
// teacher's words and goals, the solution the student reached, and, for a
// solution link, whether the page confirmed it.
type exerciseState struct {
	protocol.Exercise
	start protocol.Settings // the settings the link opened with

	// solved is the first run that met every goal, as a link with check=
	// the step that met them, and the settings it ran. It stays while the
	// student tries other runs, until another run solves it again.
	solved         string
	solvedStep     int
	solvedSettings protocol.Settings
	solvedRun      int

	answerErr map[int]string // a state goal's answer that is not a number

	// A solution link trains its run to the claimed step (checking), then
	// says whether every goal was met there (checked, confirmed).
	checking, checked, confirmed bool
}

// initExercise reads the link's exercise. A solution link (check=) plays
// its run to the claimed step at a pace that probes every step, so the
// page measures the goals on the same steps as the student's page did.
func (p *playground) initExercise(query string) {
	e, problems := protocol.DecodeExercise(query)
	for _, pr := range problems {
		p.notices = append(p.notices, Tp(pr))
	}
	p.exercise = exerciseState{Exercise: e, start: p.state.Settings}
	if e.Solution && len(e.Goals) > 0 && !p.state.blocked() {
		p.exercise.checking = true
		p.state = p.state.edit("autoplay", "0")
		if p.state.Settings.Pace == protocol.PaceFull {
			p.state = p.state.edit("pace", protocol.PaceNormal.String())
		}
	}
}

// exerciseQuery is the exercise's part of the page's link. A solution's
// check= stays out: once the page is edited it names another run.
func (p *playground) exerciseQuery() string {
	e := p.exercise.Exercise
	e.Solution, e.Check = false, 0
	return e.Query()
}

// startCheck trains a solution link's run to its check step; the worker
// pauses there and probes the goals on that step's model.
func (p *playground) startCheck() {
	if p.exercise.checking && p.exercise.Check > 0 {
		p.trainer.send(protocol.Command{Cmd: protocol.StepOnce, Count: p.exercise.Check})
	}
}

// goalStatuses checks each goal against the run as the page knows it.
func (p *playground) goalStatuses() []protocol.GoalStatus {
	out := make([]protocol.GoalStatus, len(p.exercise.Goals))
	for i, g := range p.exercise.Goals {
		out[i] = g.Check(i, p.state.Settings, &p.run)
	}
	return out
}

// probedAt reports whether every goal the worker measures has its probe
// of step: a step's probe follows its progress event.
func (p *playground) probedAt(step int) bool {
	for i, g := range p.exercise.Goals {
		if !g.Probed() {
			continue
		}
		found := false
		for _, pr := range p.run.Probes {
			found = found || pr.Goal == i && pr.Step == step
		}
		if !found {
			return false
		}
	}
	return true
}

// noteSolution follows the run after each batch of events: a solution
// link's check ends when its run stands at the claimed step (or stopped
// before it), and the first run that meets every goal is kept as the
// student's solution.
func (p *playground) noteSolution() {
	e := &p.exercise
	if len(e.Goals) == 0 {
		return
	}
	if e.checking {
		r := &p.run
		there := r.State == protocol.Paused && r.Step >= e.Check || r.State == protocol.Done || r.State == protocol.Diverged
		if !there || !p.probedAt(r.Step) {
			return
		}
	}
	step, ok := protocol.Solved(p.goalStatuses())
	if e.checking {
		// A run that stopped before the claimed step cannot confirm it.
		e.checking, e.checked, e.confirmed = false, true, ok && step <= e.Check && p.run.Step >= e.Check
	}
	if !ok || p.state.blocked() || e.solvedRun == p.runs {
		return
	}
	sol := e.Exercise
	sol.Solution, sol.Check = true, step
	e.solved = joinQuery(p.state.query(), p.class.Query(), sol.Query())
	e.solvedStep, e.solvedSettings, e.solvedRun = sol.Check, p.state.Settings, p.runs
}

// setAnswer takes the value a student read for state goal i: a number,
// with a comma or a typographic minus as some keyboards write it. The
// link keeps the answer, so a reload or a solution link carries it. While
// the student types (not final), what is not a number yet waits.
func (p *playground) setAnswer(ctx app.Context, i int, raw string, final bool) {
	e := &p.exercise
	if i < 0 || i >= len(e.Goals) {
		return
	}
	if e.answerErr == nil {
		e.answerErr = map[int]string{}
	}
	v := strings.NewReplacer(",", ".", "−", "-", " ", "").Replace(strings.TrimSpace(raw))
	x, err := strconv.ParseFloat(v, 64)
	bad := err != nil || math.IsNaN(x) || math.IsInf(x, 0)
	if !final && v != "" && bad {
		return
	}
	delete(e.answerErr, i)
	switch {
	case v == "":
		e.Goals[i].Answered = false
	case bad:
		e.answerErr[i] = Tf("%s is not a number: type it as the cell view shows it, e.g. -0.583.", protocol.QuoteShort(raw))
		return
	default:
		e.Goals[i].Answer, e.Goals[i].Answered = x, true
	}
	p.linkNote = showInAddressBar(p.link())
	p.noteSolution()
}

// joinQuery joins the non-empty parts of a query with &.
func joinQuery(parts ...string) string {
	return strings.Join(slices.DeleteFunc(parts, func(q string) bool { return q == "" }), "&")
}
