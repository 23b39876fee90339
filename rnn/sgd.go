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

func (s *sgd) step(params []*Param) {
	for k, p := range params {
		for i, g := range p.G {
			if s.weightDecay != 0 {
				g += s.weightDecay * p.W[i]
			}
			if s.momentum != 0 {
				b := s.buf[k]
				if s.started {
					b[i] = s.momentum*b[i] + g
				} else {
					b[i] = g
				}
				g = b[i]
			}
			p.W[i] -= s.lr * g
		}
	}
	s.started = true
}
