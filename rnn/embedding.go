package rnn

// embedding is nn.Embedding(V, E): a lookup table of one row per token.
type embedding struct {
	w *Param // (V, E)
}

// forward writes out (T·B, E) = rows of the table for ids (T·B).
func (e embedding) forward(out []float64, ids []int) {
	d := e.w.Shape[1]
	for i, id := range ids {
		copy(out[i*d:(i+1)*d], e.w.W[id*d:(id+1)*d])
	}
}

// backward adds each row of dout (T·B, E) to its token's gradient row.
func (e embedding) backward(dout []float64, ids []int) {
	d := e.w.Shape[1]
	for i, id := range ids {
		axpy(1, dout[i*d:(i+1)*d], e.w.G[id*d:(id+1)*d])
	}
}
