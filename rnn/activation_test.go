package rnn

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// goExp is Go's pure-Go math.exp (math/exp.go, go1.26) verbatim but for
// names: what math.Exp computes wherever it has no assembly, wasm among
// them. exp must give the same bits.
func goExp(x float64) float64 {
	const (
		Ln2Hi = 6.93147180369123816490e-01
		Ln2Lo = 1.90821492927058770002e-10
		Log2e = 1.44269504088896338700e+00

		Overflow  = 7.09782712893383973096e+02
		Underflow = -7.45133219101941108420e+02
		NearZero  = 1.0 / (1 << 28) // 2**-28

		P1 = 1.66666666666666657415e-01  /* 0x3FC55555; 0x55555555 */
		P2 = -2.77777777770155933842e-03 /* 0xBF66C16C; 0x16BEBD93 */
		P3 = 6.61375632143793436117e-05  /* 0x3F11566A; 0xAF25DE2C */
		P4 = -1.65339022054652515390e-06 /* 0xBEBBBD41; 0xC5D26BF1 */
		P5 = 4.13813679705723846039e-08  /* 0x3E663769; 0x72BEA4D0 */
	)
	switch {
	case math.IsNaN(x):
		return x
	case x > Overflow:
		return math.Inf(1)
	case x < Underflow:
		return 0
	case -NearZero < x && x < NearZero:
		return 1 + x
	}
	var k int
	switch {
	case x < 0:
		k = int(Log2e*x - 0.5)
	case x > 0:
		k = int(Log2e*x + 0.5)
	}
	hi := x - float64(k)*Ln2Hi
	lo := float64(k) * Ln2Lo
	// expmulti
	r := hi - lo
	t := r * r
	c := r - t*(P1+t*(P2+t*(P3+t*(P4+t*P5))))
	y := 1 - ((lo - (r*c)/(2-c)) - hi)
	return math.Ldexp(y, k)
}

// goTanh is Go's pure-Go math.tanh (math/tanh.go) on goExp.
func goTanh(x float64) float64 {
	const MAXLOG = 8.8029691931113054295988e+01 // log(2**127)
	P := [...]float64{-9.64399179425052238628e-1, -9.92877231001918586564e1, -1.61468768441708447952e3}
	Q := [...]float64{1.12811678491632931402e2, 2.23548839060100448583e3, 4.84406305325125486048e3}
	z := math.Abs(x)
	switch {
	case z > 0.5*MAXLOG:
		if x < 0 {
			return -1
		}
		return 1
	case z >= 0.625:
		s := goExp(2 * z)
		z = 1 - 2/(s+1)
		if x < 0 {
			z = -z
		}
	default:
		if x == 0 {
			return x
		}
		s := x * x
		z = x + x*s*((P[0]*s+P[1])*s+P[2])/(((s+Q[0])*s+Q[1])*s+Q[2])
	}
	return z
}

// activationInputs are the edges of exp's and tanh's ranges and their
// neighbours, every boundary of the reduction k = round(x/ln2) over the
// whole range, and n random values in each of several ranges.
func activationInputs(n int) []float64 {
	xs := []float64{
		0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1),
		math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, 0x1p-1022, 1e-300, -1e-300,
		0x1p-28, -0x1p-28, 1e-9, -1e-9, 0.5, 0.625, -0.625, 1, -1, math.Ln2 / 2, -math.Ln2 / 2,
		44, -44, 0.5 * 8.8029691931113054295988e+01, 45, -45, 88, 100,
		-708, 708, -709, 709, 709.5, 709.78, 7.09782712893383973096e+02, 710,
		-744, -745, -745.13, -7.45133219101941108420e+02, -746, -1000, 1000,
		math.MaxFloat64, -math.MaxFloat64,
	}
	var out []float64
	for _, x := range xs { // each edge and 4 neighbours either side
		out = append(out, x)
		up, down := x, x
		for range 4 {
			up, down = math.Nextafter(up, math.Inf(1)), math.Nextafter(down, math.Inf(-1))
			out = append(out, up, down)
		}
	}
	for k := -1080; k <= 1030; k++ { // where round(x/ln2) changes
		x := (float64(k) + 0.5) * math.Ln2
		for _, v := range []float64{x, math.Nextafter(x, 0), math.Nextafter(x, math.Inf(1)), -x, float64(k) * math.Ln2} {
			out = append(out, v)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, r := range []float64{1, 20, 100, 800} { // uniform in (-r, r)
		for range n {
			out = append(out, (2*rng.Float64()-1)*r)
		}
	}
	for range n { // every exponent, both signs
		out = append(out, math.Float64frombits(rng.Uint64()))
	}
	return out
}

func sameBits(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
}

func TestActivationsAreGoMath(t *testing.T) {
	n := 1_000_000
	if testing.Short() {
		n = 50_000
	}
	// Without assembly for math.Exp (wasm and most other ports) math's own
	// functions are the reference; with it (amd64, arm64, s390x) Go's
	// pure-Go algorithm copied above is, and math's assembly, a different
	// algorithm (amd64's overflows to +Inf from 709.44 on), is within a
	// few ulps in the range a network uses.
	exact := runtime.GOARCH == "wasm"
	tests := []struct {
		name       string
		got, want  func(float64) float64
		mathWant   func(float64) float64
		mathMaxULP uint64 // against math's assembly, where there is one, for |x| < 700
	}{
		{"exp", exp, goExp, math.Exp, 2},
		{"tanh", tanh, goTanh, math.Tanh, 2},
		// 1/(1+e) for e = e^-x up to 2 ulps off, then two roundings.
		{"sigmoid", sigmoid, func(x float64) float64 { return 1 / (1 + goExp(-x)) }, func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }, 4},
		{"sigmoids", func(x float64) float64 { v := []float64{x}; sigmoids(v); return v[0] }, func(x float64) float64 { return 1 / (1 + goExp(-x)) }, func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }, 4},
		{"exps", func(x float64) float64 { v := []float64{x}; exps(v, v, 0.25); return v[0] }, func(x float64) float64 { return goExp(x - 0.25) }, func(x float64) float64 { return math.Exp(x - 0.25) }, 2},
		{"tanhs", func(x float64) float64 { v := []float64{x}; tanhs(v, v); return v[0] }, goTanh, math.Tanh, 2},
	}
	inputs := activationInputs(n)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := 0
			for _, x := range inputs {
				got := tt.got(x)
				if want := tt.want(x); !sameBits(got, want) {
					if bad++; bad <= 10 {
						t.Errorf("%s(%v) = %v, Go's algorithm gives %v", tt.name, x, got, want)
					}
				}
				want := tt.mathWant(x)
				if exact && !sameBits(got, want) || !exact && math.Abs(x) < 700 && ulps(got, want) > tt.mathMaxULP {
					if bad++; bad <= 10 {
						t.Errorf("%s(%v) = %v, math gives %v", tt.name, x, got, want)
					}
				}
			}
			if bad > 0 {
				t.Errorf("%d of %d inputs differ", bad, len(inputs))
			}
		})
	}
}

// ulps is the distance between a and b in units in the last place; 0 for
// two NaNs, and large across signs or between a NaN and a number.
func ulps(a, b float64) uint64 {
	if math.IsNaN(a) || math.IsNaN(b) {
		if math.IsNaN(a) && math.IsNaN(b) {
			return 0
		}
		return math.MaxUint64
	}
	if a == b {
		return 0
	}
	if math.Signbit(a) != math.Signbit(b) {
		return math.MaxUint64
	}
	ia, ib := math.Float64bits(a), math.Float64bits(b)
	return max(ia, ib) - min(ia, ib)
}
