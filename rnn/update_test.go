package rnn

import (
	"math"
	"slices"
	"testing"
)

func TestOptimizerUpdate(t *testing.T) {
	optimizers := []struct {
		name string
		new  func(ps []*Param, lr float64) optimizer
	}{
		{"adam", func(ps []*Param, lr float64) optimizer { return newAdam(ps, lr, 0) }},
		{"adam+weight decay", func(ps []*Param, lr float64) optimizer { return newAdam(ps, lr, 0.01) }},
		{"sgd", func(ps []*Param, lr float64) optimizer { return newSGD(ps, lr, 0, 0) }},
		{"sgd+momentum+weight decay", func(ps []*Param, lr float64) optimizer { return newSGD(ps, lr, 0.9, 0.01) }},
	}
	// params are two parameters with weights w and gradients g.
	params := func(w, g []float64) []*Param {
		a, b := newParam("a", 2), newParam("b", len(w)-2)
		copy(a.W, w[:2])
		copy(b.W, w[2:])
		copy(a.G, g[:2])
		copy(b.G, g[2:])
		return []*Param{a, b}
	}
	weights := func(ps []*Param) []float64 { return append(slices.Clone(ps[0].W), ps[1].W...) }
	w0 := []float64{0.5, -1, 2, 0, 3}
	g := []float64{0.1, -0.2, 0, 4, -1e-3}
	for _, o := range optimizers {
		t.Run(o.name, func(t *testing.T) {
			// update keeps the weights as they were and then takes the
			// same steps as without a backup (old nil), bit for bit.
			byStep, byUpdate := params(w0, g), params(w0, g)
			stepper, updater := o.new(byStep, 0.1), o.new(byUpdate, 0.1)
			old := [][]float64{make([]float64, 2), make([]float64, 3)}
			for k := range 3 {
				before := weights(byUpdate)
				stepper.update(byStep, nil)
				if !updater.update(byUpdate, old) {
					t.Fatalf("step %d: finite weights reported as not finite", k+1)
				}
				if got := append(slices.Clone(old[0]), old[1]...); !slices.Equal(got, before) {
					t.Errorf("step %d: old = %v, want the weights before the update %v", k+1, got, before)
				}
				if a, b := weights(byStep), weights(byUpdate); !slices.Equal(a, b) {
					t.Errorf("step %d: update with a backup gives %v, without %v", k+1, b, a)
				}
			}
			// A weight that is or becomes NaN or infinite is reported.
			for _, tc := range []struct {
				name string
				w    []float64
				lr   float64
			}{
				{"NaN weight", []float64{0.5, -1, math.NaN(), 0, 3}, 0.1},
				{"infinite weight", []float64{0.5, math.Inf(-1), 2, 0, 3}, 0.1},
				{"overflow", []float64{0.5, -1, 2, 0, -math.MaxFloat64}, math.MaxFloat64},
			} {
				ps := params(tc.w, g)
				if o.new(ps, tc.lr).update(ps, nil) {
					t.Errorf("%s: reported finite, weights %v", tc.name, weights(ps))
				}
			}
		})
	}
}
