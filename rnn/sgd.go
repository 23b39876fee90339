package rnn

import "math"

// sgd is torch.optim.SGD with momentum (dampening 0, not Nesterov):
//
//	g = ∇ + weight_decay·w
//	b = g on the first step, then momentum·b + g
//	w -= lr·b
type sgd struct {
	lr, momentum, weightDecay float64
	started                   bool
	buf                       [][]float64 // momentum buffers, per parameter
}

func newSGD(params []*Param, lr, momentum, weightDecay float64) *sgd {
	s := &sgd{lr: lr, momentum: momentum, weightDecay: weightDecay}
	if momentum != 0 {
		for _, p := range params {
			s.buf = append(s.buf, make([]float64, len(p.W)))
		}
	}
	return s
}

func (s *sgd) step(params []*Param) { s.update(params, nil) }

// update takes one step, keeps each weight's value before it in old (one
// slice per parameter, like W; nil keeps none) and reports whether every
// updated weight is finite, in one pass over the weights, as adam.update.
func (s *sgd) update(params []*Param, old [][]float64) bool {
	finite := true
	for k, p := range params {
		n := len(p.G)
		w := p.W[:n]
		keep := w // without old, each weight is stored where it already is
		if old != nil {
			keep = old[k][:n]
		}
		var b []float64 // momentum buffer
		if s.momentum != 0 {
			b = s.buf[k][:n]
		}
		for i, g := range p.G {
			wi := w[i]
			keep[i] = wi
			if s.weightDecay != 0 {
				g += s.weightDecay * wi
			}
			if b != nil {
				if s.started {
					b[i] = s.momentum*b[i] + g
				} else {
					b[i] = g
				}
				g = b[i]
			}
			wi -= s.lr * g
			w[i] = wi
			if !(math.Abs(wi) <= math.MaxFloat64) { // NaN or ±Inf
				finite = false
			}
		}
	}
	s.started = true
	return finite
}
