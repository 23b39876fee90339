package torchrand

import "math"

// The float32 log and sincos of ATen's avx_mathfun.h (Julien Pommier's
// Cephes ports), one lane at a time. The order of operations, and which
// multiply-adds are fused, follow the instructions GCC 12 emitted for
// normal_fill_16_AVX2 in Debian's libtorch_cpu.so 1.13 (-mavx2 -mfma,
// -ffp-contract=fast): each fma32 below is one vfmadd/vfmsub/vfnmadd there,
// each explicit float32(·) conversion one separately rounded vmulps.

// Constants of avx_mathfun.h, as the float32 values in the binary.
const (
	sqrtHalf = float32(0.707106781186547524)
	logP0    = float32(7.0376836292e-2)
	logP1    = float32(-1.1514610310e-1)
	logP2    = float32(1.1676998740e-1)
	logP3    = float32(-1.2420140846e-1)
	logP4    = float32(+1.4249322787e-1)
	logP5    = float32(-1.6668057665e-1)
	logP6    = float32(+2.0000714765e-1)
	logP7    = float32(-2.4999993993e-1)
	logP8    = float32(+3.3333331174e-1)
	logQ1    = float32(-2.12194440e-4)
	logQ2    = float32(0.693359375)

	minusDP1   = float32(-0.78515625)
	minusDP2   = float32(-2.4187564849853515625e-4)
	minusDP3   = float32(-3.77489497744594108e-8)
	sinP0      = float32(-1.9515295891e-4)
	sinP1      = float32(8.3321608736e-3)
	sinP2      = float32(-1.6666654611e-1)
	cosP0      = float32(2.443315711809948e-005)
	cosP1      = float32(-1.388731625493765e-003)
	cosP2      = float32(4.166664568298827e-002)
	fourOverPi = float32(1.27323954473516)

	minNormPos = 0x00800000 // smallest normal float32, as bits
)

// logf is log256_ps for one lane: the natural log of x, NaN for x ≤ 0.
func logf(x float32) float32 {
	if !(x > 0) {
		return float32(math.NaN())
	}
	x = max(x, math.Float32frombits(minNormPos)) // flush denormals
	bits := math.Float32bits(x)
	e := float32(int32(bits>>23)-0x7f) + 1
	x = math.Float32frombits(bits&^0x7f800000 | 0x3f000000) // mantissa in [0.5, 1)
	// if x < √½ { e -= 1; x = x + x − 1 } else { x = x − 1 }
	var tmp float32
	if x < sqrtHalf {
		tmp = x
		e--
	}
	x = tmp + (x - 1)

	y := logP0
	for _, p := range [...]float32{logP1, logP2, logP3, logP4, logP5, logP6, logP7, logP8} {
		y = fma32(y, x, p)
	}
	z := float32(x * x)
	y = float32(y * x)
	y = fma32(y, z, float32(e*logQ1))
	y = fma32(-z, 0.5, y)
	x = x + y
	return fma32(e, logQ2, x)
}

// sincosf is sincos256_ps for one lane: sin x and cos x by reduction
// modulo π/4 in three parts and the two Cephes polynomials.
func sincosf(x float32) (sin, cos float32) {
	signSin := math.Float32bits(x) & 0x80000000
	x = float32(math.Abs(float64(x)))

	j := (int32(float32(x*fourOverPi)) + 1) &^ 1 // truncate, then round up to even
	y := float32(j)
	signSin ^= uint32(j&4) << 29
	signCos := uint32(^(j-2)&4) << 29
	sinePolyForSin := j&2 == 0

	// Extended precision modular arithmetic: x = ((x − y·DP1) − y·DP2) − y·DP3.
	x = fma32(y, minusDP1, x)
	x = fma32(y, minusDP2, x)
	x = fma32(y, minusDP3, x)

	z := float32(x * x)
	// Cosine polynomial, for |x| ≤ π/4: 1 − z/2 + z²·(p0·z² + p1·z + p2).
	yc := fma32(cosP0, z, cosP1)
	yc = fma32(yc, z, cosP2)
	half := float32(z * 0.5)
	yc = float32(yc * z)
	yc = fma32(yc, z, -half)
	yc = yc + 1
	// Sine polynomial: x + x·z·(p0·z² + p1·z + p2).
	ys := fma32(sinP0, z, sinP1)
	ys = fma32(ys, z, sinP2)
	ys = float32(z * ys)
	ys = fma32(ys, x, x)

	if sinePolyForSin {
		sin, cos = ys, yc
	} else {
		sin, cos = yc, ys
	}
	sin = math.Float32frombits(math.Float32bits(sin) ^ signSin)
	cos = math.Float32frombits(math.Float32bits(cos) ^ signCos)
	return sin, cos
}
