package rnn

import "math"

// adam is torch.optim.Adam with PyTorch 1.13's update rule (amsgrad off):
//
//	g  = ∇ + weight_decay·w
//	m  = β₁m + (1−β₁)g
//	v  = β₂v + (1−β₂)g²
//	w -= lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε)
//
// The division by √(1−β₂ᵗ) is a multiplication by its reciprocal here,
// taken once per step: the denominator is then a rounding apart from
// PyTorch's (within an ulp; its own float32 is 2²⁹ ulps coarser), and each
// weight costs one division and one square root instead of two divisions
// and a square root. Those share one unit of the processor that takes
// several cycles each, and were most of Adam's time, itself a fifth (wasm) to
// a third (native) of the notebook's step.
type adam struct {
	lr, beta1, beta2, eps, weightDecay float64
	t                                  int
	m, v                               [][]float64 // per parameter, like W
}

func newAdam(params []*Param, lr, weightDecay float64) *adam {
	a := &adam{lr: lr, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: weightDecay}
	for _, p := range params {
		a.m = append(a.m, make([]float64, len(p.W)))
		a.v = append(a.v, make([]float64, len(p.W)))
	}
	return a
}

// update takes one step, first copying the weights into old (one slice
// per parameter, like W; nil keeps none), and reports whether every
// updated weight is finite: the trainer's backup, update and check in one
// call, the check inside the update's loop instead of a pass of its own.
func (a *adam) update(params []*Param, old [][]float64) bool {
	a.t++
	bc1 := 1 - math.Pow(a.beta1, float64(a.t))
	bc2 := math.Sqrt(1 - math.Pow(a.beta2, float64(a.t)))
	stepSize, invBC2 := a.lr/bc1, 1/bc2
	beta1, beta2, eps, wd := a.beta1, a.beta2, a.eps, a.weightDecay
	gain1, gain2 := 1-beta1, 1-beta2
	var nonFinite float64 // Σ (w - w): 0, or NaN once a weight is NaN or ±Inf
	for k, p := range params {
		if old != nil {
			copy(old[k], p.W)
		}
		// Resliced to the gradient's length, so the loop has no bounds checks.
		n := len(p.G)
		w, m, v := p.W[:n], a.m[k][:n], a.v[k][:n]
		for i, g := range p.G {
			if wd != 0 {
				g += wd * w[i]
			}
			m[i] = m[i]*beta1 + gain1*g
			v[i] = v[i]*beta2 + gain2*g*g
			w[i] -= stepSize * m[i] / (math.Sqrt(v[i])*invBC2 + eps)
			nonFinite += w[i] - w[i]
		}
	}
	return nonFinite == 0
}

func (a *adam) setLR(lr float64) { a.lr = lr }
