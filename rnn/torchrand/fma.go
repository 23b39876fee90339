package torchrand

import "math"

// fma32 returns a·b+c rounded once to float32, like vfmadd on float lanes.
//
// The product of two float32 is exact in float64, but rounding the float64
// sum and then rounding to float32 could round twice. So the float64 sum is
// rounded to odd instead (TwoSum gives its exact error; an inexact sum with
// an even last bit moves one ulp towards the exact value), and a number
// rounded to odd with 53 bits rounds correctly to 24.
func fma32(a, b, c float32) float32 {
	p := float64(float64(a) * float64(b)) // exact; the conversion forbids fusing
	s := p + float64(c)
	bp := s - p
	err := (p - (s - bp)) + (float64(c) - bp)
	if err != 0 {
		bits := math.Float64bits(s)
		if bits&1 == 0 {
			if (err > 0) == (s > 0) {
				bits++
			} else {
				bits--
			}
			s = math.Float64frombits(bits)
		}
	}
	return float32(s)
}

// fma64 returns a·b+c rounded once, as GCC contracts x*std + mean in
// transformation::normal.
func fma64(a, b, c float64) float64 { return math.FMA(a, b, c) }
