package rnn

import "math"

// The activations of the cells and the softmax of the loss: exp, sigmoid
// and tanh, bit for bit Go's math.Exp and math.Tanh as Go computes them
// without assembly (wasm), but one call instead of four, or none in the
// loops that apply them to a whole gate.
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
	if expNormal(x) {
		k := expK(x)
		return expR(x, k) * pow2(k)
	}
	const (
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
	// A subnormal result (rounded once, as Ldexp does) or one past 2^1023:
	// Ldexp's general case.
	k := expK(x)
	return math.Ldexp(expR(x, k), k)
}

// expNormal reports whether e^x is y·2^k with 2^k normal: x is not so
// close to 0 that math.Exp returns 1+x, and within (-708, 708), where
// k ∈ [-1021, 1021] and y ∈ [0.70, 1.42], so y·2^k is a normal number and
// exact, the value Ldexp builds.
func expNormal(x float64) bool {
	a := math.Abs(x)
	return a < 708 && a >= 0x1p-28
}

// expK is k = x·log₂e rounded half away from 0, as math.Exp rounds it.
func expK(x float64) int {
	const log2e = 1.44269504088896338700e+00
	return int(log2e*x + math.Copysign(0.5, x))
}

// expR is e^r for r = x - k·ln2, |r| ≤ ln2/2.
func expR(x float64, k int) float64 {
	const (
		ln2Hi = 6.93147180369123816490e-01
		ln2Lo = 1.90821492927058770002e-10

		p1 = 1.66666666666666657415e-01
		p2 = -2.77777777770155933842e-03
		p3 = 6.61375632143793436117e-05
		p4 = -1.65339022054652515390e-06
		p5 = 4.13813679705723846039e-08
	)
	hi := x - float64(k)*ln2Hi // r as hi - lo, for extra precision
	lo := float64(k) * ln2Lo
	r := hi - lo
	t := r * r
	c := r - t*(p1+t*(p2+t*(p3+t*(p4+t*p5))))
	return 1 - ((lo - (r*c)/(2-c)) - hi)
}

// pow2 is 2^k for a normal 2^k, k ∈ [-1022, 1023].
func pow2(k int) float64 { return math.Float64frombits(uint64(k+1023) << 52) }

// sigmoid is the logistic function 1/(1+e^-x), as torch.sigmoid.
func sigmoid(x float64) float64 { return 1 / (1 + exp(-x)) }

// tanh is math.Tanh on exp: the same rational approximation below 0.625
// (Cephes), 1 - 2/(e^2|x| + 1) above it, ±1 past 44.
func tanh(x float64) float64 {
	z := math.Abs(x)
	switch {
	case z > tanhOne:
		return math.Copysign(1, x)
	case z >= tanhSmall:
		return math.Copysign(tanhFromExp(exp(2*z)), x)
	case x == 0:
		return x // ±0
	}
	return tanhRational(x)
}

// sigmoids, tanhs and exps apply an activation to a whole gate (or a
// softmax row) in one call instead of one call per value, with exp's
// pieces inlined into the loop wherever e^x is y·2^k with 2^k normal. In
// wasm every call is costly (Go saves and restores its own stack at each)
// and these loops are 2x faster than a call per value (BenchmarkActivations).

// sigmoids sets x[i] = sigmoid(x[i]).
func sigmoids(x []float64) {
	for i, v := range x {
		if e := -v; expNormal(e) {
			k := expK(e)
			x[i] = 1 / (1 + expR(e, k)*pow2(k))
		} else {
			x[i] = sigmoid(v)
		}
	}
}

// tanhs sets y[i] = tanh(x[i]); y may be x.
func tanhs(y, x []float64) {
	y = y[:len(x)]
	for i, v := range x {
		switch z := math.Abs(v); {
		case z >= tanhSmall && z <= tanhOne: // 2z ∈ [1.25, 88]: expNormal
			k := expK(2 * z)
			y[i] = math.Copysign(tanhFromExp(expR(2*z, k)*pow2(k)), v)
		case z < tanhSmall && v != 0:
			y[i] = tanhRational(v)
		default:
			y[i] = tanh(v)
		}
	}
}

// exps sets y[i] = e^(x[i]-m), the numerators of a softmax; y may be x.
func exps(y, x []float64, m float64) {
	y = y[:len(x)]
	for i, v := range x {
		if e := v - m; expNormal(e) {
			k := expK(e)
			y[i] = expR(e, k) * pow2(k)
		} else {
			y[i] = exp(e)
		}
	}
}

const (
	tanhSmall = 0.625                              // below, a rational approximation
	tanhOne   = 0.5 * 8.8029691931113054295988e+01 // above (log(2^127)/2), ±1
)

// tanhFromExp is tanh(z) = 1 - 2/(e^2z + 1) for z ≥ 0, given s = e^2z.
func tanhFromExp(s float64) float64 { return 1 - 2/(s+1) }

// tanhRational is math.Tanh's rational approximation for |x| < 0.625.
func tanhRational(x float64) float64 {
	const (
		p0 = -9.64399179425052238628e-1
		p1 = -9.92877231001918586564e1
		p2 = -1.61468768441708447952e3
		q0 = 1.12811678491632931402e2
		q1 = 2.23548839060100448583e3
		q2 = 4.84406305325125486048e3
	)
	s := x * x
	return x + x*s*((p0*s+p1)*s+p2)/(((s+q0)*s+q1)*s+q2)
}
