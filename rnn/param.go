package rnn

// Param is one trainable tensor, named and shaped as in PyTorch's
// state_dict, with its gradient beside it.
type Param struct {
	Name  string    // state_dict key, e.g. "rnn_layer.weight_ih_l0"
	Shape []int     // PyTorch shape, e.g. (G·H, E)
	W, G  []float64 // values and gradient, row-major
}

func newParam(name string, shape ...int) *Param {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return &Param{Name: name, Shape: shape, W: make([]float64, n), G: make([]float64, n)}
}
