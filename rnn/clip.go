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
