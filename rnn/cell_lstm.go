package rnn

// The LSTM cell of nn.LSTM, gates in PyTorch's order i, f, g, o:
//
//	i = σ(W_ii x + b_ii + W_hi h + b_hi)    input gate
//	f = σ(W_if x + b_if + W_hf h + b_hf)    forget gate
//	g = tanh(W_ig x + b_ig + W_hg h + b_hg) candidate
//	o = σ(W_io x + b_io + W_ho h + b_ho)    output gate
//	c' = f*c + i*g                          the cell state: the "conveyor belt"
//	h' = o*tanh(c')
//
// Each (B, 4H) row of act holds i, f, g, o side by side.

func (l *layer) forwardLSTM() {
	h, gh := l.h, 4*l.h
	for t := 0; t < l.t; t++ {
		a := step(l.act, t, l.b, gh) // (B, 4H)
		copy(a, step(l.xw, t, l.b, gh))
		addRows(a, l.bhh.W)
		l.whhT.mul(l.b, 1, l.prev(l.hs, t), h, 1, a, gh)
		cPrev, c, tc, hs := l.prev(l.c, t), step(l.c, t, l.b, h), step(l.tc, t, l.b, h), step(l.hs, t, l.b, h)
		for b := 0; b < l.b; b++ {
			row := a[b*gh : (b+1)*gh]
			i, f, g, o := row[:h], row[h:2*h], row[2*h:3*h], row[3*h:]
			sigmoids(row[:2*h]) // i, f
			tanhs(g, g)
			sigmoids(o)
			// (H) rows of batch element b
			cPrev, c, tc, hs := cPrev[b*h:(b+1)*h], c[b*h:(b+1)*h], tc[b*h:(b+1)*h], hs[b*h:(b+1)*h]
			for j := range c {
				c[j] = f[j]*cPrev[j] + i[j]*g[j]
			}
			tanhs(tc, c)
			for j := range hs {
				hs[j] = o[j] * tc[j]
			}
		}
	}
}

func (l *layer) backwardLSTM() {
	h, gh := l.h, 4*l.h
	clear(l.dh)
	clear(l.dc)
	for t := l.t - 1; t >= 0; t-- {
		for i, g := range step(l.dhs, t, l.b, h) {
			l.dh[i] += g
		}
		l.recordNorm(t)
		a, da := step(l.act, t, l.b, gh), step(l.dxw, t, l.b, gh)
		cPrev, tc := l.prev(l.c, t), step(l.tc, t, l.b, h)
		for b := 0; b < l.b; b++ {
			row, drow := a[b*gh:(b+1)*gh], da[b*gh:(b+1)*gh]
			i, f, g, o := row[:h], row[h:2*h], row[2*h:3*h], row[3*h:]
			di, df, dg, do := drow[:h], drow[h:2*h], drow[2*h:3*h], drow[3*h:]
			for j := 0; j < h; j++ {
				k := b*h + j
				dh := l.dh[k]
				dc := l.dc[k] + dh*o[j]*(1-tc[k]*tc[k])
				do[j] = dh * tc[k] * o[j] * (1 - o[j])
				di[j] = dc * g[j] * i[j] * (1 - i[j])
				df[j] = dc * cPrev[k] * f[j] * (1 - f[j])
				dg[j] = dc * i[j] * (1 - g[j]*g[j])
				l.dc[k] = dc * f[j] // ∂L/∂c_{t-1}
			}
		}
		if t > 0 { // ∂L/∂h_{t-1} = da·W_hh
			l.whhN.mul(l.b, 1, da, gh, 0, l.dh, h)
		}
	}
}
