package rnn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// randomModel fills a model with uniform weights of a scale that keeps the
// gates away from saturation, so finite differences are informative.
func randomModel(cell CellKind, v, e, h, layers int, seed uint64) *Model {
	m := NewModel(cell, v, e, h, layers)
	r := rand.New(rand.NewPCG(seed, 1))
	for _, p := range m.Params() {
		for i := range p.W {
			p.W[i] = r.Float64()*1.6 - 0.8
		}
	}
	return m
}

// TestGradientsMatchFiniteDifferences checks Backward against central
// differences of Loss for every parameter element of every cell kind,
// independently of PyTorch.
func TestGradientsMatchFiniteDifferences(t *testing.T) {
	// Two sequences of 4 steps; the second is padded after 2 (Ignore).
	inputs := []int{1, 2, 3, 4, 5, 1, Unk, Unk}
	targets := []int{2, 3, 4, 5, 1, 2, Ignore, Ignore}
	for _, cell := range []CellKind{RNNTanh, RNNReLU, LSTM, GRU} {
		for _, layers := range []int{1, 2} {
			t.Run(fmt.Sprintf("%v/%d", cell, layers), func(t *testing.T) {
				m := randomModel(cell, 6, 3, 4, layers, uint64(cell)*10+uint64(layers))
				loss := func() float64 {
					m.Forward(inputs, 4, 2)
					return m.Loss(targets)
				}
				m.ZeroGrad()
				loss()
				m.Backward()
				const eps = 1e-6
				for _, p := range m.Params() {
					for i := range p.W {
						w := p.W[i]
						p.W[i] = w + eps
						up := loss()
						p.W[i] = w - eps
						down := loss()
						p.W[i] = w
						num := (up - down) / (2 * eps)
						if d := math.Abs(num - p.G[i]); d > 1e-7+1e-5*math.Abs(num) {
							t.Errorf("%s[%d]: backward %.10g, finite difference %.10g", p.Name, i, p.G[i], num)
						}
					}
				}
			})
		}
	}
}
