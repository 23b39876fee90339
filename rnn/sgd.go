package rnn

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

// update takes one step, first copying the weights into old (one slice
// per parameter, like W; nil keeps none), and reports whether every
// updated weight is finite, as adam.update.
func (s *sgd) update(params []*Param, old [][]float64) bool {
	var nonFinite float64 // Σ (w - w): 0, or NaN once a weight is NaN or ±Inf
	for k, p := range params {
		if old != nil {
			copy(old[k], p.W)
		}
		n := len(p.G)
		w := p.W[:n]
		var b []float64 // momentum buffer
		if s.momentum != 0 {
			b = s.buf[k][:n]
		}
		for i, g := range p.G {
			if s.weightDecay != 0 {
				g += s.weightDecay * w[i]
			}
			if b != nil {
				if s.started {
					b[i] = s.momentum*b[i] + g
				} else {
					b[i] = g
				}
				g = b[i]
			}
			w[i] -= s.lr * g
			nonFinite += w[i] - w[i]
		}
	}
	s.started = true
	return nonFinite == 0
}

func (s *sgd) setLR(lr float64) { s.lr = lr }
