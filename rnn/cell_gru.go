package rnn

// The GRU cell of nn.GRU, gates in PyTorch's order r, z, n:
//
//	r = σ(W_ir x + b_ir + W_hr h + b_hr)          reset gate
//	z = σ(W_iz x + b_iz + W_hz h + b_hz)          update gate
//	n = tanh(W_in x + b_in + r*(W_hn h + b_hn))   candidate: b_hn sits inside the reset product
//	h' = (1 - z)*n + z*h
//
// Because of r*(W_hn h + b_hn) the recurrent projection hw is kept apart
// from the input projection xw, and so are their gradients dhw and dxw.

func (l *layer) forwardGRU() {
	h, gh := l.h, 3*l.h
	for t := 0; t < l.t; t++ {
		hw := step(l.hw, t, l.b, gh) // (B, 3H) h·W_hhᵀ + b_hh
		hPrev := l.prev(l.hs, t)
		broadcastRows(hw, l.bhh.W, l.b)
		l.whhT.mul(l.b, 1, hPrev, h, 1, hw, gh)
		xw, a, hs := step(l.xw, t, l.b, gh), step(l.act, t, l.b, gh), step(l.hs, t, l.b, h)
		for b := 0; b < l.b; b++ {
			x, hh, row := xw[b*gh:(b+1)*gh], hw[b*gh:(b+1)*gh], a[b*gh:(b+1)*gh]
			r, z, n := row[:h], row[h:2*h], row[2*h:]
			rz := row[:2*h] // r and z side by side: both σ(x·W_iᵀ + b_i + h·W_hᵀ + b_h)
			for j := range rz {
				rz[j] = x[j] + hh[j]
			}
			sigmoids(rz)
			for j := range n {
				n[j] = x[2*h+j] + r[j]*hh[2*h+j]
			}
			tanhs(n, n)
			hPrev, hs := hPrev[b*h:(b+1)*h], hs[b*h:(b+1)*h] // (H) rows of batch element b
			for j := range hs {
				hs[j] = (1-z[j])*n[j] + z[j]*hPrev[j]
			}
		}
	}
}

func (l *layer) backwardGRU() {
	h, gh := l.h, 3*l.h
	clear(l.dh)
	for t := l.t - 1; t >= 0; t-- {
		for i, g := range step(l.dhs, t, l.b, h) {
			l.dh[i] += g
		}
		l.recordNorm(t)
		a, hw := step(l.act, t, l.b, gh), step(l.hw, t, l.b, gh)
		dxw, dhw := step(l.dxw, t, l.b, gh), step(l.dhw, t, l.b, gh)
		hPrev := l.prev(l.hs, t)
		for b := 0; b < l.b; b++ {
			row, hh := a[b*gh:(b+1)*gh], hw[b*gh:(b+1)*gh]
			dx, dhh := dxw[b*gh:(b+1)*gh], dhw[b*gh:(b+1)*gh]
			r, z, n := row[:h], row[h:2*h], row[2*h:]
			for j := 0; j < h; j++ {
				k := b*h + j
				dh := l.dh[k]
				dn := dh * (1 - z[j]) * (1 - n[j]*n[j]) // through tanh
				dz := dh * (hPrev[k] - n[j]) * z[j] * (1 - z[j])
				dr := dn * hh[2*h+j] * r[j] * (1 - r[j])
				dx[j], dx[h+j], dx[2*h+j] = dr, dz, dn
				dhh[j], dhh[h+j], dhh[2*h+j] = dr, dz, dn*r[j]
				l.dh[k] = dh * z[j] // the direct path h' = … + z*h
			}
		}
		if t > 0 { // ∂L/∂h_{t-1} += dhw·W_hh
			l.whhN.mul(l.b, 1, dhw, gh, 1, l.dh, h)
		}
	}
}
