package rnn

import "math"

// The activations of the cells and the softmax of the loss: exp, sigmoid
// and tanh, bit for bit Go's math.Exp and math.Tanh as Go computes them
// without assembly (wasm), but one call instead of four.
//
// In wasm math.Exp is pure Go, exp → expmulti → Ldexp → Frexp, and every
// call there is expensive (Go's wasm code saves and restores its own stack
// at each one): 17–19% of a notebook step. Ldexp's general case (zero,
// NaN, subnormal or overflowing results) is needed only at the ends of the
// range; between them 2^k is an exact power of two whose bits can be set
// directly, and y·2^k is then exact, the same value Ldexp builds.
//
// Natively the same code runs, so that a run gives the same numbers on
// every platform: amd64's assembly math.Exp differs from the pure-Go one
// in the last bit or two for about one input in six.

// exp returns e**x: the algorithm, constants and operations of Go's
// pure-Go math.Exp (FreeBSD's e_exp.c: x = k·ln2 + r, |r| ≤ ln2/2, a
// degree-5 Remez polynomial for exp(r), then 2^k·exp(r)), so with the same
// result for every x.
func exp(x float64) float64 {
	const (
		ln2Hi = 6.93147180369123816490e-01
		ln2Lo = 1.90821492927058770002e-10
		log2e = 1.44269504088896338700e+00

		p1 = 1.66666666666666657415e-01
		p2 = -2.77777777770155933842e-03
		p3 = 6.61375632143793436117e-05
		p4 = -1.65339022054652515390e-06
		p5 = 4.13813679705723846039e-08

		overflow  = 7.09782712893383973096e+02
		underflow = -7.45133219101941108420e+02
		nearZero  = 0x1p-28
	)
	switch {
	case math.IsNaN(x):
		return x
	case x > overflow: // also +Inf
		return math.Inf(1)
	case x < underflow: // also -Inf
		return 0
	case -nearZero < x && x < nearZero:
		return 1 + x
	}
	var k int
	if x < 0 {
		k = int(log2e*x - 0.5)
	} else {
		k = int(log2e*x + 0.5)
	}
	hi := x - float64(k)*ln2Hi // x - k·ln2 as hi - lo, for extra precision
	lo := float64(k) * ln2Lo
	r := hi - lo
	t := r * r
	c := r - t*(p1+t*(p2+t*(p3+t*(p4+t*p5))))
	y := 1 - ((lo - (r*c)/(2-c)) - hi) // exp(r)
	if k < -1021 || k > 1023 {
		// A subnormal result (rounded once, as Ldexp does) or one past
		// 2^1023: Ldexp's general case.
		return math.Ldexp(y, k)
	}
	// y ∈ [0.70, 1.42], so y·2^k is normal and exact.
	return y * math.Float64frombits(uint64(k+1023)<<52)
}

// sigmoid is the logistic function 1/(1+e^-x), as torch.sigmoid.
func sigmoid(x float64) float64 { return 1 / (1 + exp(-x)) }

// tanh is math.Tanh on exp: the same rational approximation below 0.625
// (Cephes), 1 - 2/(e^2|x| + 1) above it, ±1 past 44.
func tanh(x float64) float64 {
	const maxLog = 8.8029691931113054295988e+01 // log(2**127)
	z := math.Abs(x)
	switch {
	case z > 0.5*maxLog:
		if x < 0 {
			return -1
		}
		return 1
	case z >= 0.625:
		s := exp(2 * z)
		z = 1 - 2/(s+1)
		if x < 0 {
			z = -z
		}
		return z
	case x == 0:
		return x // ±0
	}
	s := x * x
	return x + x*s*((tanhP0*s+tanhP1)*s+tanhP2)/(((s+tanhQ0)*s+tanhQ1)*s+tanhQ2)
}

// The coefficients of math.Tanh's rational approximation for |x| < 0.625.
const (
	tanhP0 = -9.64399179425052238628e-1
	tanhP1 = -9.92877231001918586564e1
	tanhP2 = -1.61468768441708447952e3
	tanhQ0 = 1.12811678491632931402e2
	tanhQ1 = 2.23548839060100448583e3
	tanhQ2 = 4.84406305325125486048e3
)
