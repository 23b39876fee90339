package protocol

import (
	"math"
	"slices"
	"strings"
)

// GoalStatus is where a run stands against one goal.
type GoalStatus struct {
	Met  bool
	Step int // the step it was first met at; when not met, the step Now was measured at

	Known bool    // Now holds a measure
	Now   float64 // the latest measure: the loss, the token's probability, the decades, the parameters, the steps
	Rank  int     // next: the token's rank now (0: not in the vocabulary)
	Line  string  // log: the latest line printed

	Lost bool // this run can no longer meet it: change the settings and train again
}

// Check measures goal i of an exercise against the run so far: its losses
// and log, its settings, and the worker's probes. A goal once met stays met
// for the run: the ✔ names the step that met it.
func (g Goal) Check(i int, s Settings, v *RunView) GoalStatus {
	switch g.Kind {
	case GoalLoss:
		return g.checkLoss(v)
	case GoalNext:
		return g.checkProbes(i, v, func(p Probe) bool {
			if g.P > 0 {
				return p.P >= g.P
			}
			return p.Rank == 1
		}, func(p Probe) float64 { return p.P })
	case GoalGradient:
		return g.checkProbes(i, v, func(p Probe) bool { return p.Decades <= g.Decades },
			func(p Probe) float64 { return p.Decades })
	case GoalState:
		return g.checkState(i, v)
	case GoalLog:
		return g.checkLog(v)
	case GoalParams:
		st := GoalStatus{Known: v.State != NotReady && v.Params > 0, Now: float64(v.Params)}
		st.Met = st.Known && float64(v.Params) < g.Below
		st.Lost = st.Known && !st.Met
		return st
	case GoalCell:
		st := GoalStatus{Known: true, Met: slices.Contains(g.Cells, s.Config.Cell)}
		st.Lost = !st.Met
		return st
	case GoalSteps:
		st := GoalStatus{Known: true, Now: float64(s.Config.Steps), Met: s.Config.Steps <= g.Max}
		st.Lost = !st.Met
		return st
	}
	return GoalStatus{}
}

func (g Goal) checkLoss(v *RunView) GoalStatus {
	var st GoalStatus
	for k, l := range v.Losses {
		step := k + 1
		if g.By > 0 && step > g.By {
			break
		}
		if l < g.Below {
			st.Met, st.Step = true, step
			break
		}
	}
	if n := len(v.Losses); n > 0 {
		st.Known, st.Now = true, v.Losses[n-1]
		if !st.Met {
			st.Step = n
			st.Lost = g.By > 0 && n >= g.By || v.State == Diverged || v.State == Done
		}
	}
	return st
}

// checkProbes reads the worker's probes of goal i: met at the first that
// passes, Now from the latest.
func (g Goal) checkProbes(i int, v *RunView, pass func(Probe) bool, measure func(Probe) float64) GoalStatus {
	var st GoalStatus
	last := -1
	for _, p := range v.Probes {
		if p.Goal != i {
			continue
		}
		st.Known, st.Now, st.Rank, last = true, measure(p), p.Rank, p.Step
		if !st.Met {
			st.Step = p.Step
			if pass(p) {
				st.Met = true
			}
		}
	}
	// Done counts once the last step is probed: its probe follows its progress.
	st.Lost = !st.Met && (v.State == Diverged || v.State == Done && last == v.Step)
	return st
}

// checkState compares the student's answer with the probes of h_t[unit]:
// met at the first step whose value it matches. Now is never the value, so
// the page does not give the answer away.
func (g Goal) checkState(i int, v *RunView) GoalStatus {
	var st GoalStatus
	for _, p := range v.Probes {
		if p.Goal != i {
			continue
		}
		st.Known, st.Step, st.Lost = true, p.Step, p.NoState
		if g.Answered && !p.NoState && math.Abs(p.Value-g.Answer) <= StateTolerance {
			st.Met = true
			return st
		}
	}
	return st
}

// checkLog looks for the line in every log entry's rows: the notebook's
// printout of the last step, as the log shows it.
func (g Goal) checkLog(v *RunView) GoalStatus {
	var st GoalStatus
	want := strings.Join(strings.Fields(g.Text), " ")
	for _, e := range v.Log {
		for _, r := range e.Rows {
			st.Known, st.Line = true, r.Text
			if !st.Met && strings.Join(strings.Fields(r.Text), " ") == want {
				st.Met, st.Step = true, e.Step
			}
		}
		if !st.Met {
			st.Step = e.Step
		}
	}
	st.Lost = !st.Met && (v.State == Done || v.State == Diverged)
	return st
}

// Solved reports whether every goal is met, and the step by which they all
// were (the latest of the steps that met them; constraints hold from step
// 0). An exercise without goals is never solved.
func Solved(statuses []GoalStatus) (step int, ok bool) {
	if len(statuses) == 0 {
		return 0, false
	}
	for _, st := range statuses {
		if !st.Met {
			return 0, false
		}
		step = max(step, st.Step)
	}
	return step, true
}

// TinyGrad is where a gradient's log scale stops: smaller norms (and exact
// zeros) count as this.
const TinyGrad = 1e-30

// Falloff is how many decades a gradient norm loses from the last step
// back to the first: log10(g[T-1]) − log10(g[0]), 0 for fewer than two
// steps; negative when it grows (an exploding gradient).
func Falloff(g []float64) float64 {
	if len(g) < 2 {
		return 0
	}
	l := func(x float64) float64 { return math.Log10(math.Max(x, TinyGrad)) }
	return l(g[len(g)-1]) - l(g[0])
}
