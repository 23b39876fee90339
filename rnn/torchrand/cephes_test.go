package torchrand

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// The constants are written as in avx_mathfun.h, decimal; C rounds them to
// double and then to float, Go straight to float32. These are the bit
// patterns read from the constant pool of normal_fill_16_AVX2 in Debian's
// libtorch_cpu.so 1.13, so a double rounding would show here.
func TestConstantsAsInLibtorch(t *testing.T) {
	for _, c := range []struct {
		name string
		v    float32
		bits uint32
	}{
		{"sqrtHalf", sqrtHalf, 0x3f3504f3},
		{"logP0", logP0, 0x3d9021bb}, {"logP1", logP1, 0xbdebd1b8}, {"logP2", logP2, 0x3def251a},
		{"logP3", logP3, 0xbdfe5d4f}, {"logP4", logP4, 0x3e11e9bf}, {"logP5", logP5, 0xbe2aae50},
		{"logP6", logP6, 0x3e4cceac}, {"logP7", logP7, 0xbe7ffffc}, {"logP8", logP8, 0x3eaaaaaa},
		{"logQ1", logQ1, 0xb95e8083}, {"logQ2", logQ2, 0x3f318000},
		{"minusDP1", minusDP1, 0xbf490000}, {"minusDP2", minusDP2, 0xb97da000}, {"minusDP3", minusDP3, 0xb3222169},
		{"sinP0", sinP0, 0xb94ca1f9}, {"sinP1", sinP1, 0x3c08839e}, {"sinP2", sinP2, 0xbe2aaaa3},
		{"cosP0", cosP0, 0x37ccf5ce}, {"cosP1", cosP1, 0xbab6061a}, {"cosP2", cosP2, 0x3d2aaaa5},
		{"fourOverPi", fourOverPi, 0x3fa2f983},
		{"twoPi32", twoPi32, 0x40c90fdb},
	} {
		if got := math.Float32bits(c.v); got != c.bits {
			t.Errorf("%s = %08x, libtorch has %08x", c.name, got, c.bits)
		}
	}
}

// logf and sincosf are float32 approximations: within a few float32 ulps
// of the true functions on the Box–Muller ranges (0, 1] and [0, 2π).
func TestCephesAccuracy(t *testing.T) {
	ulps := func(got float32, want float64) float64 {
		ulp := float64(math.Nextafter32(float32(math.Abs(want)), float32(math.Inf(1)))) - math.Abs(float64(float32(want)))
		return math.Abs(float64(got)-want) / ulp
	}
	worstLog, worstSin, worstCos := 0.0, 0.0, 0.0
	for k := 1; k <= 1<<24; k += 97 {
		u := float32(k) * 0x1p-24
		worstLog = max(worstLog, ulps(logf(u), math.Log(float64(u))))
		theta := float32(twoPi32 * u)
		s, c := sincosf(theta)
		// Absolute error near the zeros of sin and cos, relative elsewhere.
		if math.Abs(math.Sin(float64(theta))) > 1e-3 {
			worstSin = max(worstSin, ulps(s, math.Sin(float64(theta))))
		}
		if math.Abs(math.Cos(float64(theta))) > 1e-3 {
			worstCos = max(worstCos, ulps(c, math.Cos(float64(theta))))
		}
	}
	if worstLog > 4 || worstSin > 4 || worstCos > 4 {
		t.Errorf("worst error in float32 ulps: log %.2f, sin %.2f, cos %.2f", worstLog, worstSin, worstCos)
	}
	if got := logf(0); !math.IsNaN(float64(got)) {
		t.Errorf("logf(0) = %v, want NaN", got)
	}
}

// fma32 rounds once, to float32: checked against math/big on random
// triples, among them many whose float64 sum lands on a float32 midpoint,
// where float32(math.FMA(a, b, c)) would round twice.
func TestFMA32RoundsOnce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	randf := func(exp int) float32 {
		return float32(math.Ldexp(1+r.Float64(), exp-r.IntN(3))) * float32(1-2*r.IntN(2))
	}
	doubleRounded := 0
	for i := range 300000 {
		a, b := randf(0), randf(-20+r.IntN(40))
		var c float32
		switch p := float64(a) * float64(b); i % 3 {
		case 0: // c near −a·b, so that the sum cancels
			c = float32(-p) * float32(1+math.Ldexp(float64(r.IntN(5)-2), -23))
		case 1: // any c within 2³⁰ of a·b
			c = randf(math.Ilogb(p) + r.IntN(30) - 15)
		case 2:
			// a·b = 2⁻²⁴·(1 + D·2⁻⁴⁷) with 0 < D < 2¹⁸ and c = 1: the exact
			// sum lies just above the float32 midpoint 1 + 2⁻²⁴ and rounds
			// up, but its float64 rounding is the midpoint itself, which
			// rounds to even, down.
			A := uint64(1<<23 + r.IntN(1<<23))
			B := (1<<47 + A - 1) / A
			if D := A*B - 1<<47; B >= 1<<24 || D == 0 || D >= 1<<18 {
				continue
			}
			sign := float32(1 - 2*r.IntN(2))
			a, b, c = sign*float32(A)*0x1p-23, float32(B)*0x1p-48, sign
		}
		p := float64(a) * float64(b)
		exact := new(big.Float).SetPrec(200).SetFloat64(p)
		exact.Add(exact, new(big.Float).SetFloat64(float64(c)))
		want, _ := exact.Float32()
		if got := fma32(a, b, c); got != want {
			t.Fatalf("fma32(%x, %x, %x) = %x, want %x", a, b, c, got, want)
		}
		if float32(math.FMA(float64(a), float64(b), float64(c))) != want {
			doubleRounded++
		}
	}
	if doubleRounded == 0 {
		t.Error("no case rounds differently in two steps: the test does not exercise fma32's rounding to odd")
	}
	t.Logf("%d of 300000 cases would round wrongly through float64", doubleRounded)
}
