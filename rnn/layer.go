package rnn

import (
	"fmt"

	"gonum.org/v1/gonum/blas"
)

// layer is one recurrent layer of the stack (PyTorch's weights of index
// l in nn.RNN/LSTM/GRU): G·H gate rows over an input of size In.
//
// All time steps' input projections are one matrix product before the
// recurrence, and all time steps' weight gradients one product after it;
// only h·W_hhᵀ has to go step by step.
type layer struct {
	cell     CellKind
	in, h, g int // input size, hidden size, gates (1, 4 or 3)

	wih, whh *Param // (G·H, In), (G·H, H)
	bih, bhh *Param // (G·H), (G·H)

	t, b int // current sequence length and batch size

	// forward, time-major
	x   []float64 // (T, B, In) input: the embeddings or the layer below's hs
	xw  []float64 // (T, B, G·H) x·W_ihᵀ + b_ih
	hw  []float64 // (T, B, G·H) GRU only: h·W_hhᵀ + b_hh, kept for the reset product
	act []float64 // (T, B, G·H) gate activations: LSTM i,f,g,o; GRU r,z,n
	c   []float64 // (T, B, H) LSTM cell state
	tc  []float64 // (T, B, H) LSTM tanh(c)
	hs  []float64 // (T, B, H) hidden states, the layer's output
	h0  []float64 // (B, H) zero initial state (and cell state)

	// W_hh is the right operand of T products per pass: packed once.
	whhT packedB // for h·W_hhᵀ (forward)
	whhN packedB // for δ·W_hh (backward)

	// backward
	dhs  []float64 // (T, B, H) ∂L/∂hs from above (the output layer or the next layer)
	dxw  []float64 // (T, B, G·H) ∂L/∂ of the input-side pre-activations
	dhw  []float64 // (T, B, G·H) ∂L/∂ of the recurrent-side pre-activations (= dxw but for GRU)
	dx   []float64 // (T, B, In) ∂L/∂x of the first layer, for the embedding
	dh   []float64 // (B, H) ∂L/∂h_t, running backwards through time
	dc   []float64 // (B, H) ∂L/∂c_t for LSTM
	norm []float64 // (T, B) ‖∂L/∂h_t‖ of each sequence, for the teaching views
}

func newLayer(cell CellKind, index, in, h int) *layer {
	g := cell.Gates()
	name := func(s string) string { return fmt.Sprintf("rnn_layer.%s_l%d", s, index) }
	return &layer{
		cell: cell, in: in, h: h, g: g,
		wih: newParam(name("weight_ih"), g*h, in),
		whh: newParam(name("weight_hh"), g*h, h),
		bih: newParam(name("bias_ih"), g*h),
		bhh: newParam(name("bias_hh"), g*h),
	}
}

// params in PyTorch's order: weight_ih, weight_hh, bias_ih, bias_hh.
func (l *layer) params() []*Param { return []*Param{l.wih, l.whh, l.bih, l.bhh} }

// resize points the buffers at t·b rows, allocating only when they grow.
func (l *layer) resize(t, b int) {
	l.t, l.b = t, b
	tb, gh := t*b, l.g*l.h
	grow(&l.xw, tb*gh)
	grow(&l.act, tb*gh)
	grow(&l.hs, tb*l.h)
	grow(&l.h0, b*l.h)
	grow(&l.dhs, tb*l.h)
	grow(&l.dxw, tb*gh)
	grow(&l.dx, tb*l.in)
	grow(&l.dh, b*l.h)
	grow(&l.norm, tb)
	switch l.cell {
	case LSTM:
		grow(&l.c, tb*l.h)
		grow(&l.tc, tb*l.h)
		grow(&l.dc, b*l.h)
	case GRU:
		grow(&l.hw, tb*gh)
		grow(&l.dhw, tb*gh)
	}
	if l.cell != GRU {
		l.dhw = l.dxw
	}
	clear(l.h0)
}

// grow reslices *s to n elements, allocating only if its capacity is short.
func grow[T any](s *[]T, n int) {
	if cap(*s) < n {
		*s = make([]T, n)
	}
	*s = (*s)[:n]
}

// forward runs the layer over x (T, B, In) and fills hs (T, B, H).
func (l *layer) forward(x []float64) {
	l.x = x
	tb, gh := l.t*l.b, l.g*l.h
	// xw = x·W_ihᵀ + b_ih for every time step at once: (T·B, In)·(In, G·H).
	broadcastRows(l.xw, l.bih.W, tb)
	impl.Dgemm(blas.NoTrans, blas.Trans, tb, gh, l.in, 1, x, l.in, l.wih.W, l.in, 1, l.xw, gh)
	l.whhT.packT(gh, l.h, l.whh.W, l.h)
	switch l.cell {
	case RNNTanh, RNNReLU:
		l.forwardRNN()
	case LSTM:
		l.forwardLSTM()
	case GRU:
		l.forwardGRU()
	}
}

// backward takes dhs (T, B, H), accumulates the parameter gradients and
// writes ∂L/∂x (T, B, In) into dx: the layer below's dhs, or l.dx for the
// embedding.
func (l *layer) backward(dx []float64) {
	l.whhN.packN(l.g*l.h, l.h, l.whh.W, l.h)
	switch l.cell {
	case RNNTanh, RNNReLU:
		l.backwardRNN()
	case LSTM:
		l.backwardLSTM()
	case GRU:
		l.backwardGRU()
	}
	tb, gh, bh := l.t*l.b, l.g*l.h, l.b*l.h
	// Weight gradients for all time steps at once. h_{-1} = 0, so the
	// recurrent weights get nothing from t = 0.
	impl.Dgemm(blas.Trans, blas.NoTrans, gh, l.in, tb, 1, l.dxw, gh, l.x, l.in, 1, l.wih.G, l.in)
	if l.t > 1 {
		impl.Dgemm(blas.Trans, blas.NoTrans, gh, l.h, tb-l.b, 1, l.dhw[l.b*gh:], gh, l.hs[:tb*l.h-bh], l.h, 1, l.whh.G, l.h)
	}
	sumRows(l.bih.G, l.dxw, tb)
	sumRows(l.bhh.G, l.dhw, tb)
	// dx = dxw·W_ih: (T·B, G·H)·(G·H, In).
	impl.Dgemm(blas.NoTrans, blas.NoTrans, tb, l.in, gh, 1, l.dxw, gh, l.wih.W, l.in, 0, dx, l.in)
}

// prev returns h_{t-1} (B, H): the zero state at t = 0.
func (l *layer) prev(s []float64, t int) []float64 {
	if t == 0 {
		return l.h0
	}
	bh := l.b * l.h
	return s[(t-1)*bh : t*bh]
}

// step returns rows of time step t of a (T, B, width) buffer.
func step(s []float64, t, b, width int) []float64 {
	return s[t*b*width : (t+1)*b*width]
}

// recordNorm stores ‖∂L/∂h_t‖ of each sequence for time step t.
func (l *layer) recordNorm(t int) {
	for bi := 0; bi < l.b; bi++ {
		l.norm[t*l.b+bi] = norm2(l.dh[bi*l.h : (bi+1)*l.h])
	}
}

// broadcastRows sets each of the n rows of dst to v.
func broadcastRows(dst, v []float64, n int) {
	w := len(v)
	for i := 0; i < n; i++ {
		copy(dst[i*w:(i+1)*w], v)
	}
}

// addRows adds v to every row of m.
func addRows(m, v []float64) {
	w := len(v)
	for i := 0; i+w <= len(m); i += w {
		row := m[i : i+w]
		for j, x := range v {
			row[j] += x
		}
	}
}

// sumRows adds the n rows of src to dst.
func sumRows(dst, src []float64, n int) {
	w := len(dst)
	for i := 0; i < n; i++ {
		row := src[i*w : (i+1)*w]
		for j, v := range row {
			dst[j] += v
		}
	}
}
