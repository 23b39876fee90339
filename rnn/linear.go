package rnn

import "gonum.org/v1/gonum/blas"

// linear is nn.Linear(In, Out): y = x·Wᵀ + b.
type linear struct {
	w *Param // (Out, In)
	b *Param // (Out)
}

// forward writes y (N, Out) for x (N, In).
func (l linear) forward(y, x []float64, n int) {
	out, in := l.w.Shape[0], l.w.Shape[1]
	broadcastRows(y, l.b.W, n)
	impl.Dgemm(blas.NoTrans, blas.Trans, n, out, in, 1, x, in, l.w.W, in, 1, y, out)
}

// backward accumulates ∂L/∂W += dyᵀ·x and ∂L/∂b, and writes dx = dy·W.
func (l linear) backward(dx, dy, x []float64, n int) {
	out, in := l.w.Shape[0], l.w.Shape[1]
	impl.Dgemm(blas.Trans, blas.NoTrans, out, in, n, 1, dy, out, x, in, 1, l.w.G, in)
	sumRows(l.b.G, dy, n)
	impl.Dgemm(blas.NoTrans, blas.NoTrans, n, in, out, 1, dy, out, l.w.W, in, 0, dx, in)
}
