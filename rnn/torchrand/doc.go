// Package torchrand is PyTorch's default CPU random generator, bit for bit:
// the MT19937 engine that torch.manual_seed seeds, and the float32 fills
// tensor.uniform_ and tensor.normal_ perform with it.
//
// With it a Go model starts from exactly the weights the notebook gets from
//
//	torch.manual_seed(70)
//	model = Net(vocab_size, 5, 20)
//
// because every PyTorch constructor the notebook runs draws from this
// generator in a fixed order (nn.Embedding: normal_(0, 1); nn.RNN/LSTM/GRU:
// uniform_(±1/√H) per parameter; nn.Linear: kaiming_uniform_, then
// uniform_(±1/√fan_in)). The bound helpers compute those ranges in float64
// exactly as torch/nn/init.py does.
//
// What is reproduced, from PyTorch 1.13's C++ source (ATen
// MT19937RNGEngine.h, CPUGeneratorImpl.cpp, DistributionsHelper.h,
// TransformationHelper.h, native/cpu/DistributionTemplates.h,
// native/cpu/avx_mathfun.h) and checked against python3-torch:
//
//   - the engine: MT19937 seeded with the low 32 bits of the seed; a 32-bit
//     draw is one engine output, a 64-bit draw is two, (first<<32)|second.
//   - uniform_ on float32: one 32-bit draw per element; its low 24 bits
//     times 2⁻²⁴ give x in [0, 1), and the result is fma(x, to−from, from)
//     in float32, from and to first rounded to float32.
//   - normal_ on a contiguous float32 tensor of 16 or more elements (the
//     AVX2 kernel PyTorch uses on any x86-64 CPU with AVX2): every element
//     first gets a uniform; then each block of 16 becomes 16 normals by
//     Box–Muller on the pairs (j, j+8), using the Cephes float32 log and
//     sincos of avx_mathfun.h with the fused multiply-adds GCC emitted for
//     them. If the size is not a multiple of 16, the last 16 elements are
//     drawn again and transformed again (they overlap the last full block).
//   - normal_ below 16 elements: element by element in float64, two 64-bit
//     uniforms per Box–Muller pair; the second normal of a pair is cached in
//     the generator and returned by the next scalar draw, as PyTorch does.
//
// Float32 fused multiply-adds are computed exactly (fma32), and every other
// product is rounded explicitly, so the results do not depend on whether
// the Go compiler fuses operations on the target (it may on arm64 and
// amd64 v3); the tests pass on amd64, amd64 v3 and js/wasm.
//
// Scope: PyTorch on a CPU without AVX2, or on ARM (Apple silicon), fills
// normal_ with libm's float log, sin and cos instead, whose last bits can
// differ; the notebook's recorded output is the AVX2 one. The scalar path's
// float64 log, sin and cos are Go's, which can differ from glibc's in the
// last bit or two; rounded to float32 that shows with probability about
// 10⁻⁸ per value, and never did in the 128,000 values the tests compare.
package torchrand
