package rnn

// Model is the notebook's Net: Embedding(V, E) → L recurrent layers of one
// cell kind → Linear(H, V), batch_first, with zero initial state.
//
// It owns its activation buffers: Forward, Loss and Backward reuse them, so
// after the first call with the largest (T, B) they allocate nothing. A
// Model is not safe for concurrent use.
type Model struct {
	Cell       CellKind
	V, E, H, L int

	emb    embedding
	layers []*layer
	out    linear
	params []*Param

	t, b    int
	ids     []int     // (T, B) input ids, time-major
	x0      []float64 // (T, B, E) embeddings
	top     []float64 // (B, T, H) the last layer's hidden states, batch_first
	logits  []float64 // (B·T, V) the notebook's `output`
	dlogits []float64 // (B·T, V) ∂loss/∂logits
	dtop    []float64 // (B, T, H)
	pred    []int     // (B·T) argmax of each logits row
}

// NewModel builds a model with every weight zero; call InitTorch for
// PyTorch's initialisation.
func NewModel(cell CellKind, v, e, h, layers int) *Model {
	m := &Model{Cell: cell, V: v, E: e, H: h, L: layers}
	m.emb = embedding{newParam("embedding_layer.weight", v, e)}
	m.params = append(m.params, m.emb.w)
	in := e
	for k := 0; k < layers; k++ {
		l := newLayer(cell, k, in, h)
		m.layers = append(m.layers, l)
		m.params = append(m.params, l.params()...)
		in = h
	}
	m.out = linear{newParam("linear.weight", v, h), newParam("linear.bias", v)}
	m.params = append(m.params, m.out.w, m.out.b)
	return m
}

// Params returns the parameters in state_dict order, which is also the
// order PyTorch's constructors initialise them in.
func (m *Model) Params() []*Param { return m.params }

// Param returns the parameter with that state_dict name, or nil.
func (m *Model) Param(name string) *Param {
	for _, p := range m.params {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// ZeroGrad clears every gradient (optimizer.zero_grad()).
func (m *Model) ZeroGrad() {
	for _, p := range m.params {
		clear(p.G)
	}
}

func (m *Model) resize(t, b int) {
	m.t, m.b = t, b
	tb := t * b
	grow(&m.ids, tb)
	grow(&m.pred, tb)
	grow(&m.x0, tb*m.E)
	grow(&m.top, tb*m.H)
	grow(&m.dtop, tb*m.H)
	grow(&m.logits, tb*m.V)
	grow(&m.dlogits, tb*m.V)
	for _, l := range m.layers {
		l.resize(t, b)
	}
}

// Forward runs the model on inputs (B, T), batch_first, and returns the
// logits (B·T, V) in the same order as the notebook's output.view(-1, V).
// The slice is the model's buffer: it is overwritten by the next call.
// Ids outside the vocabulary are read as <unk>.
func (m *Model) Forward(inputs []int, t, b int) []float64 {
	m.resize(t, b)
	for bi := 0; bi < b; bi++ {
		for ti := 0; ti < t; ti++ {
			id := inputs[bi*t+ti]
			if id < 0 || id >= m.V {
				id = Unk
			}
			m.ids[ti*b+bi] = id
		}
	}
	m.emb.forward(m.x0, m.ids) // (T, B, E)
	x := m.x0
	for _, l := range m.layers {
		l.forward(x)
		x = l.hs
	}
	transpose(m.top, x, t, b, m.H) // (T, B, H) → (B, T, H)
	m.out.forward(m.logits, m.top, t*b)
	return m.logits
}

// Loss is the mean cross-entropy of the last Forward against targets (B, T),
// skipping Ignore. It prepares the gradient for Backward.
func (m *Model) Loss(targets []int) float64 {
	return crossEntropy(m.dlogits, m.logits, targets, m.pred, m.V)
}

// lossSum is Loss for a share of a batch: it returns the share's sum of
// −log p(target) and scales the gradient by 1/count, where count is the
// whole batch's number of counted targets.
func (m *Model) lossSum(targets []int, count int) float64 {
	return crossEntropySum(m.dlogits, m.logits, targets, m.pred, m.V, count)
}

// Backward accumulates into every Param.G the gradient of the last Loss.
func (m *Model) Backward() {
	tb := m.t * m.b
	m.out.backward(m.dtop, m.dlogits, m.top, tb)
	top := m.layers[len(m.layers)-1]
	transpose(top.dhs, m.dtop, m.b, m.t, m.H) // (B, T, H) → (T, B, H)
	for k := len(m.layers) - 1; k > 0; k-- {
		m.layers[k].backward(m.layers[k-1].dhs)
	}
	m.layers[0].backward(m.layers[0].dx)
	m.emb.backward(m.layers[0].dx, m.ids)
}

// transpose writes src (R, C, W) as dst (C, R, W).
func transpose(dst, src []float64, r, c, w int) {
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			copy(dst[(j*r+i)*w:(j*r+i+1)*w], src[(i*c+j)*w:(i*c+j+1)*w])
		}
	}
}
