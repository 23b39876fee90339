package rnn

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Change sets an option from a step of the run on: the learning rate or
// the gradient clipping, as a student changes them while the run trains.
type Change struct {
	Step  int     // the first step that uses Value
	What  string  // "lr" or "clip"
	Value float64 // what What is from Step on
}

// Schedule is a run's changes in the order of their steps. Written as
// 31:lr=0.01,61:clip=1 (the link and `rnn train -schedule`), it is what
// PyTorch's loop does with optimizer.param_groups[0]["lr"] = 0.01 before
// step 31.
type Schedule []Change

func (s Schedule) String() string {
	parts := make([]string, len(s))
	for i, c := range s {
		parts[i] = fmt.Sprintf("%d:%s=%s", c.Step, c.What, strconv.FormatFloat(c.Value, 'g', -1, 64))
	}
	return strings.Join(parts, ",")
}

// ParseSchedule reads a schedule as String writes it. Each change is
// checked against Limits; Config.Validate checks its steps.
func ParseSchedule(s string) (Schedule, error) {
	var out Schedule
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	for _, part := range strings.Split(s, ",") {
		step, rest, ok1 := strings.Cut(strings.TrimSpace(part), ":")
		what, value, ok2 := strings.Cut(rest, "=")
		n, err1 := strconv.Atoi(step)
		v, err2 := strconv.ParseFloat(value, 64)
		if !ok1 || !ok2 || err1 != nil || err2 != nil || n < 1 {
			return nil, NewProblem(CodeSchedule)
		}
		r := Limits.LR
		switch what {
		case "lr":
			if v == 0 {
				return nil, NewProblem(CodeLRZero, Limits.LR.Max)
			}
		case "clip":
			r = Limits.Clip
		default:
			return nil, NewProblem(CodeScheduleWhat)
		}
		if err := r.check(v); err != nil {
			return nil, err
		}
		out = append(out, Change{Step: n, What: what, Value: v})
	}
	slices.SortStableFunc(out, func(a, b Change) int { return a.Step - b.Step })
	return out, nil
}

// With is s with c added: a change of the same option at the same step
// replaces the old one.
func (s Schedule) With(c Change) Schedule {
	out := slices.DeleteFunc(slices.Clone(s), func(o Change) bool { return o.Step == c.Step && o.What == c.What })
	out = append(out, c)
	slices.SortStableFunc(out, func(a, b Change) int { return a.Step - b.Step })
	return out
}

// At is the learning rate and clipping step uses under c and s.
func (s Schedule) At(c Config, step int) (lr, clip float64) {
	lr, clip = c.LR, c.Clip
	for _, ch := range s {
		if ch.Step > step {
			break
		}
		if ch.What == "lr" {
			lr = ch.Value
		} else {
			clip = ch.Value
		}
	}
	return lr, clip
}

// follow sets the optimiser's learning rate and the clipping for step.
func (t *Trainer) follow(step int) {
	if len(t.Config.Schedule) == 0 {
		return
	}
	lr, clip := t.Config.Schedule.At(t.Config, step)
	t.opt.setLR(lr)
	t.clip = clip
}
