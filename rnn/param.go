package rnn

import "math"

// Param is one trainable tensor, named and shaped as in PyTorch's
// state_dict, with its gradient beside it.
type Param struct {
	Name  string    // state_dict key, e.g. "rnn_layer.weight_ih_l0"
	Shape []int     // PyTorch shape, e.g. (G·H, E)
	W, G  []float64 // values and gradient, row-major
}

func newParam(name string, shape ...int) *Param {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return &Param{Name: name, Shape: shape, W: make([]float64, n), G: make([]float64, n)}
}

// norm2 is the Euclidean norm: the square root of the sum of squares
// (sumSquares), and BLAS's scaled dnrm2 only where the squares would
// overflow or underflow (a sum outside 2^±900) or are all zero.
func norm2(x []float64) float64 {
	s := sumSquares(x)
	if s < 0x1p-900 || s > 0x1p900 {
		return impl.Dnrm2(len(x), x, 1)
	}
	return math.Sqrt(s)
}

// sumSquares is Σ x², in four sums so that each addition need not wait
// for the one before (one sum was 8% of the notebook's step natively, in
// the gradient's norm): NaN or +Inf when a value is NaN or ±Inf, or when
// the squares overflow.
func sumSquares(x []float64) float64 {
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(x); i += 4 {
		y := x[i : i+4 : i+4]
		s0 += y[0] * y[0]
		s1 += y[1] * y[1]
		s2 += y[2] * y[2]
		s3 += y[3] * y[3]
	}
	for _, v := range x[i:] {
		s0 += v * v
	}
	return s0 + s1 + s2 + s3
}
