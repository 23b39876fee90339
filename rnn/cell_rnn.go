package rnn

// The Elman cell of nn.RNN, the notebook's CustomRNN.rnn_cell:
//
//	h_t = tanh(x_t·W_ihᵀ + b_ih + h_{t-1}·W_hhᵀ + b_hh)
//
// (relu instead of tanh for RNN_RELU).

func (l *layer) forwardRNN() {
	relu := l.cell == RNNReLU
	for t := 0; t < l.t; t++ {
		a := step(l.hs, t, l.b, l.h) // (B, H), pre-activation first
		copy(a, step(l.xw, t, l.b, l.h))
		addRows(a, l.bhh.W)
		l.whhT.mul(l.b, 1, l.prev(l.hs, t), l.h, 1, a, l.h)
		if relu {
			for i, v := range a {
				a[i] = max(v, 0)
			}
		} else {
			tanhs(a, a)
		}
	}
}

func (l *layer) backwardRNN() {
	relu := l.cell == RNNReLU
	clear(l.dh)
	for t := l.t - 1; t >= 0; t-- {
		h := step(l.hs, t, l.b, l.h)
		da := step(l.dxw, t, l.b, l.h) // (B, H) ∂L/∂ pre-activation
		for i, g := range step(l.dhs, t, l.b, l.h) {
			l.dh[i] += g
		}
		l.recordNorm(t)
		for i, d := range l.dh {
			if relu {
				if h[i] <= 0 {
					d = 0
				}
				da[i] = d
			} else {
				da[i] = d * (1 - h[i]*h[i])
			}
		}
		if t > 0 { // ∂L/∂h_{t-1} = da·W_hh
			l.whhN.mul(l.b, 1, da, l.h, 0, l.dh, l.h)
		}
	}
}
