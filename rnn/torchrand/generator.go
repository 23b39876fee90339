package torchrand

import "math"

// Generator is PyTorch's default CPU generator (at::CPUGeneratorImpl): an
// MT19937 engine and the cached second normal of the last scalar
// Box–Muller pair. The zero value is not usable; call New.
type Generator struct {
	engine     *mt19937
	nextNormal float64 // next_double_normal_sample_, valid if hasNext
	hasNext    bool
}

// New returns the generator in the state torch.manual_seed(seed) leaves
// the default CPU generator in. Only the low 32 bits of seed reach the
// engine, as in PyTorch.
func New(seed uint64) *Generator {
	return &Generator{engine: newMT19937(seed)}
}

// Uint32 is one engine output: CPUGeneratorImpl::random().
func (g *Generator) Uint32() uint32 { return g.engine.uint32() }

// Uint64 is two engine outputs, the first in the high half:
// CPUGeneratorImpl::random64().
func (g *Generator) Uint64() uint64 {
	hi := uint64(g.engine.uint32())
	lo := uint64(g.engine.uint32())
	return hi<<32 | lo
}

// uniform01f is at::uniform_real_distribution<float>(0, 1): the low 24 bits
// of a 32-bit draw scaled by 2⁻²⁴, exact in float32.
func (g *Generator) uniform01f() float32 {
	return float32(g.Uint32()&(1<<24-1)) * 0x1p-24
}

// uniform01d is at::uniform_real_distribution<double>(0, 1): the low 53 bits
// of a 64-bit draw scaled by 2⁻⁵³.
func (g *Generator) uniform01d() float64 {
	return float64(g.Uint64()&(1<<53-1)) * 0x1p-53
}

// Uniform fills dst as tensor.uniform_(from, to) fills a float32 tensor of
// len(dst) elements: from and to are rounded to float32 and each element is
// fma(x, to−from, from) for one 24-bit uniform x in [0, 1). PyTorch rejects
// from > to; here the values then lie in (to, from].
func (g *Generator) Uniform(dst []float32, from, to float64) {
	lo, hi := float32(from), float32(to)
	width := hi - lo
	for i := range dst {
		dst[i] = fma32(g.uniform01f(), width, lo)
	}
}

// Normal fills dst as tensor.normal_(mean, std) fills a contiguous float32
// tensor of len(dst) elements: the vectorised Box–Muller of PyTorch's AVX2
// kernel from 16 elements on, the scalar float64 Box–Muller below.
// PyTorch rejects std < 0; here a negative std mirrors the values.
func (g *Generator) Normal(dst []float32, mean, std float64) {
	if len(dst) >= 16 {
		g.normalFill(dst, float32(mean), float32(std))
		return
	}
	for i := range dst {
		dst[i] = float32(g.normalScalar(mean, std))
	}
}

// normalFill is normal_fill_AVX2: uniforms for every element first, then
// Box–Muller per block of 16; a partial last block is replaced by
// transforming 16 fresh uniforms in the last 16 places.
func (g *Generator) normalFill(dst []float32, mean, std float32) {
	for i := range dst {
		dst[i] = g.uniform01f()
	}
	n := len(dst)
	for i := 0; i+16 <= n; i += 16 {
		boxMuller16((*[16]float32)(dst[i:i+16]), mean, std)
	}
	if n%16 != 0 {
		tail := (*[16]float32)(dst[n-16:])
		for i := range tail {
			tail[i] = g.uniform01f()
		}
		boxMuller16(tail, mean, std)
	}
}

// boxMuller16 is normal_fill_16_AVX2: the uniforms (u[j], u[j+8]) become
// the normals r·cos θ and r·sin θ with r = √(−2 log(1−u[j])), θ = 2π·u[j+8],
// evaluated lane by lane exactly as the AVX2 code rounds.
func boxMuller16(u *[16]float32, mean, std float32) {
	for j := 0; j < 8; j++ {
		u1 := 1 - u[j] // [0, 1) → (0, 1] for the log
		theta := float32(twoPi32 * u[j+8])
		radius := sqrt32(float32(-2 * logf(u1)))
		sin, cos := sincosf(theta)
		u[j] = fma32(float32(radius*cos), std, mean)
		u[j+8] = fma32(float32(radius*sin), std, mean)
	}
}

// twoPi32 is _mm256_set1_ps(2.0f * c10::pi<double>): 2π rounded to float32.
const twoPi32 = float32(2 * math.Pi)

// normalScalar is at::normal_distribution<double>: Box–Muller in float64
// from two 53-bit uniforms, the sine half kept for the next call.
func (g *Generator) normalScalar(mean, std float64) float64 {
	if g.hasNext {
		g.hasNext = false
		return fma64(g.nextNormal, std, mean)
	}
	u1 := g.uniform01d()
	u2 := g.uniform01d()
	r := math.Sqrt(-2 * math.Log1p(-u2))
	theta := float64(2*math.Pi) * u1
	g.nextNormal, g.hasNext = float64(r*math.Sin(theta)), true
	return fma64(float64(r*math.Cos(theta)), std, mean)
}

// sqrt32 is the correctly rounded float32 square root (vsqrtps): the
// float64 root of a float32 rounds to the same float32.
func sqrt32(x float32) float32 { return float32(math.Sqrt(float64(x))) }
