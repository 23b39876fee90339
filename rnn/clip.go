package rnn

import "math"

// gradNorm is the L2 norm of all gradients together, as
// torch.nn.utils.clip_grad_norm_ computes it: the norm of the per-parameter norms.
func gradNorm(params []*Param) float64 {
	var s float64
	for _, p := range params {
		n := norm2(p.G)
		s += n * n
	}
	return math.Sqrt(s)
}

// clipGradNorm scales all gradients by min(1, maxNorm/(total+1e-6)), as
// clip_grad_norm_(params, maxNorm) does, given their total norm.
func clipGradNorm(params []*Param, maxNorm, total float64) {
	coef := maxNorm / (total + 1e-6)
	if coef >= 1 {
		return
	}
	for _, p := range params {
		for i := range p.G {
			p.G[i] *= coef
		}
	}
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
