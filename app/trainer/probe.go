package trainer

import (
	"math"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// probeGoals reads a reset's goals, index for index. The page checks most
// goals from the events; only next, gradient and state goals need the model. Any
// other goal, or one that does not parse, stays the zero Goal, so the
// others keep their index in the page's list. Nil when none is probed: the
// run then costs nothing more.
func probeGoals(goals []string) []protocol.Goal {
	goals = goals[:min(len(goals), protocol.MaxGoals)] // as many as the page checks: each runs the model
	var out []protocol.Goal
	for i, text := range goals {
		g, err := protocol.ParseGoal(text)
		if err != nil || !g.Probed() {
			continue
		}
		if out == nil {
			out = make([]protocol.Goal, len(goals))
		}
		out[i] = g
	}
	return out
}

// probe measures the run's goals on the model as it stands: one event, or
// none without goals. It runs the model on other inputs, so it comes after
// train has read the step's predictions; it changes no weight.
func (s *session) probe() []protocol.Event {
	if s.goals == nil || s.tr == nil {
		return nil
	}
	step := s.tr.StepsDone()
	e := protocol.Event{Kind: protocol.ProbeKind, Run: s.run, Step: step}
	decades, traced := 0.0, false
	var states *rnn.Trace // one trace serves every state goal
	for i, g := range s.goals {
		p := protocol.Probe{Goal: i, Step: step}
		switch g.Kind {
		case protocol.GoalNext:
			p.P, p.Rank = nextToken(&s.tr.LM, g.After, g.Token)
		case protocol.GoalGradient:
			if !traced { // one trace serves every gradient goal
				decades, traced = s.decades(), true
			}
			p.Decades = decades
		case protocol.GoalState:
			if states == nil {
				states = s.tr.Trace(0)
			}
			p.Value, p.NoState = stateValue(states, g)
		default:
			continue
		}
		// JSON has no NaN: a model that cannot measure says nothing.
		if math.IsNaN(p.P) || math.IsNaN(p.Decades) || math.IsInf(p.Decades, 0) || math.IsNaN(p.Value) {
			continue
		}
		e.Probes = append(e.Probes, p)
	}
	if len(e.Probes) == 0 {
		return nil
	}
	return []protocol.Event{e}
}

// nextToken is the probability of token after prefix and its rank (1: the
// most likely; only strictly likelier tokens count, so a tie for first is
// first). Both are read by the run's tokenizer; the prefix's unknown tokens
// read as <unk>, as in Predict, but the token must be one the vocabulary
// knows. P 0 and rank 0 when it is not, or when the prefix has no token.
func nextToken(lm *rnn.LM, prefix, token string) (p float64, rank int) {
	id := rnn.Unk
	if tok := rnn.Tokenize(token, lm.Tokenizer); len(tok) == 1 {
		id = lm.Vocab.ID(tok[0])
	}
	toks := rnn.Tokenize(prefix, lm.Tokenizer)
	if id == rnn.Unk || len(toks) == 0 {
		return 0, 0
	}
	probs := lm.NextProbs(lm.Vocab.Encode(toks))
	p, rank = probs[id], 1
	for _, q := range probs {
		if q > p {
			rank++
		}
	}
	return p, rank
}

// decades is the gradient goals' measure: the most decades ‖∂ℓ_T/∂h_t‖
// loses in any layer (protocol.Falloff) over the first sequence of the
// batch, cut to its last maxTraceSteps steps as the gradient view's trace
// is. The history's trace of this step serves when it traced that
// sequence; else the model is traced again.
func (s *session) decades() float64 {
	var grads [][]float64
	if d := s.past.traces[s.tr.StepsDone()]; d != nil && d.Row == 0 {
		for _, l := range d.Layers {
			grads = append(grads, floats(l.GradHLast))
		}
	} else {
		for _, l := range s.tr.Trace(0).Layers {
			grads = append(grads, l.GradHLast[max(0, len(l.GradHLast)-maxTraceSteps):])
		}
	}
	most := math.Inf(-1)
	for _, g := range grads {
		most = max(most, protocol.Falloff(g))
	}
	return most
}

// stateValue is h[g.Unit] at time step g.T of layer g.Layer (from 1; 0 is
// the first) in the first sequence, as the cell view shows it; missing
// when the sequence or the model has no such step, unit or layer.
func stateValue(t *rnn.Trace, g protocol.Goal) (v float64, missing bool) {
	layer := max(g.Layer, 1) - 1
	if layer >= len(t.Layers) || g.T >= len(t.Layers[layer].H) || g.Unit >= len(t.Layers[layer].H[g.T]) {
		return 0, true
	}
	return t.Layers[layer].H[g.T][g.Unit], false
}

// floats is the inverse of nums.
func floats(x []protocol.Num) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = float64(v)
	}
	return out
}
