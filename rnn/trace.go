package rnn

import "gonum.org/v1/gonum/blas"

// Trace is what the teaching views show of one sequence of the current
// batch under the current weights.
type Trace struct {
	Tokens, Targets []string    // inputs and targets, padding dropped: length T
	Logits, Probs   [][]float64 // (T, V); Probs is softmax over the last axis
	Pred            []int       // (T) the predicted token's id: argmax of Logits, as the loss took it
	Loss            float64     // the batch's loss
	Layers          []LayerTrace
}

// LayerTrace is one recurrent layer's view of the sequence.
type LayerTrace struct {
	X     [][]float64 // (T, In) the layer's input: embeddings, or the hidden states below
	H     [][]float64 // (T, H) hidden states
	C     [][]float64 // (T, H) LSTM cell state; nil for other cells
	Gates []GateTrace // LSTM i, f, g, o; GRU r, z, n (after their activation)
	Terms *ElmanTerms // the Elman cell's four terms; nil for other cells

	// GradH is ‖∂L/∂h_t‖ for each t: the gradient of the batch's loss
	// reaching h_t, from the output at t and from all later steps.
	GradH []float64
	// GradHLast is ‖∂ℓ_T/∂h_t‖ where ℓ_T is the loss of the last step alone:
	// how much of the last prediction's error reaches each earlier step,
	// the classic vanishing-gradient curve.
	GradHLast []float64
}

// GateTrace is one gate's activations, (T, H).
type GateTrace struct {
	Name string
	V    [][]float64
}

// ElmanTerms are the terms of an Elman cell's pre-activation at each step,
// the notebook's rnn_cell: h_t = tanh(XW[t] + Bih + HW[t] + Bhh).
type ElmanTerms struct {
	XW, HW   [][]float64 // (T, H) x_t·W_ihᵀ and h_{t-1}·W_hhᵀ, with h_{-1} = 0
	Bih, Bhh []float64   // (H)
}

var gateNames = map[CellKind][]string{LSTM: {"i", "f", "g", "o"}, GRU: {"r", "z", "n"}}

// Trace runs the current batch forward and backward and returns row's view.
// It leaves every gradient zero and does not count as a training step.
func (t *Trainer) Trace(row int) *Trace {
	b := t.batch
	if row < 0 || row >= b.B {
		row = 0
	}
	n := 0 // valid length of the row
	for n < b.T && b.Targets[row*b.T+n] != Ignore {
		n++
	}
	m := t.Model
	m.ZeroGrad()
	logits := m.Forward(b.Inputs, b.T, b.B)
	pred := make([]int, b.T*b.B)
	tr := &Trace{Loss: crossEntropy(m.dlogits, logits, b.Targets, pred, m.V)}
	for s := 0; s < n; s++ {
		r := row*b.T + s
		tr.Tokens = append(tr.Tokens, t.Vocab.Token(b.Inputs[r]))
		tr.Targets = append(tr.Targets, t.Vocab.Token(b.Targets[r]))
		l := append([]float64(nil), logits[r*m.V:(r+1)*m.V]...)
		p := make([]float64, m.V)
		softmaxInto(p, l)
		tr.Logits, tr.Probs = append(tr.Logits, l), append(tr.Probs, p)
		tr.Pred = append(tr.Pred, pred[r])
	}
	for _, l := range m.layers {
		lt := LayerTrace{X: l.rows(l.x, row, n, 0, l.in), H: l.rows(l.hs, row, n, 0, l.h)}
		if l.cell == LSTM {
			lt.C = l.rows(l.c, row, n, 0, l.h)
		}
		for k, name := range gateNames[l.cell] {
			lt.Gates = append(lt.Gates, GateTrace{name, l.rows(l.act, row, n, k*l.h, l.h)})
		}
		if l.cell == RNNTanh || l.cell == RNNReLU {
			lt.Terms = l.elmanTerms(lt.X, lt.H)
		}
		tr.Layers = append(tr.Layers, lt)
	}
	m.Backward()
	for k, l := range m.layers {
		tr.Layers[k].GradH = l.norms(row, n)
	}
	// ℓ_T: the cross-entropy of the row's last step alone.
	clear(m.dlogits)
	if n > 0 {
		r := row*b.T + n - 1
		d := m.dlogits[r*m.V : (r+1)*m.V]
		softmaxInto(d, logits[r*m.V:(r+1)*m.V])
		d[b.Targets[r]]--
	}
	m.Backward()
	for k, l := range m.layers {
		tr.Layers[k].GradHLast = l.norms(row, n)
	}
	m.ZeroGrad()
	return tr
}

// rows copies, for time steps 0..n-1 of sequence row, the width columns
// starting at col of a (T, B, ·) buffer.
func (l *layer) rows(buf []float64, row, n, col, width int) [][]float64 {
	stride := len(buf) / (l.t * l.b)
	out := make([][]float64, n)
	for s := range out {
		start := (s*l.b+row)*stride + col
		out[s] = append([]float64(nil), buf[start:start+width]...)
	}
	return out
}

// elmanTerms splits one sequence's pre-activations into the cell's terms,
// with the two products the forward pass takes, for its inputs x and its
// hidden states h (T rows each).
func (l *layer) elmanTerms(x, h [][]float64) *ElmanTerms {
	n := len(x)
	xs, hprev := make([]float64, n*l.in), make([]float64, n*l.h)
	for t := range n {
		copy(xs[t*l.in:], x[t])
		if t > 0 {
			copy(hprev[t*l.h:], h[t-1])
		}
	}
	xw, hw := make([]float64, n*l.h), make([]float64, n*l.h)
	if n > 0 {
		impl.Dgemm(blas.NoTrans, blas.Trans, n, l.h, l.in, 1, xs, l.in, l.wih.W, l.in, 0, xw, l.h)
		impl.Dgemm(blas.NoTrans, blas.Trans, n, l.h, l.h, 1, hprev, l.h, l.whh.W, l.h, 0, hw, l.h)
	}
	e := &ElmanTerms{Bih: append([]float64(nil), l.bih.W...), Bhh: append([]float64(nil), l.bhh.W...)}
	for t := range n {
		e.XW = append(e.XW, xw[t*l.h:(t+1)*l.h:(t+1)*l.h])
		e.HW = append(e.HW, hw[t*l.h:(t+1)*l.h:(t+1)*l.h])
	}
	return e
}

func (l *layer) norms(row, n int) []float64 {
	out := make([]float64, n)
	for s := range out {
		out[s] = l.norm[s*l.b+row]
	}
	return out
}

// MaxStatesTokens bounds the text States runs over.
const MaxStatesTokens = 128

// States runs the model over text as one sequence (its first
// MaxStatesTokens tokens) and returns the tokens and each layer's view of
// them, as Trace gives a batch's row: what the text coloured by a neuron
// shows for a text the student types. No gradient is computed.
func (lm *LM) States(text string) ([]string, []LayerTrace, error) {
	toks := Tokenize(text, lm.Tokenizer)
	if len(toks) == 0 {
		return nil, nil, ErrNoPrefix
	}
	toks = toks[:min(len(toks), MaxStatesTokens)]
	n := len(toks)
	lm.Forward(lm.Vocab.Encode(toks), n, 1)
	var out []LayerTrace
	for _, l := range lm.layers {
		lt := LayerTrace{X: l.rows(l.x, 0, n, 0, l.in), H: l.rows(l.hs, 0, n, 0, l.h)}
		if l.cell == LSTM {
			lt.C = l.rows(l.c, 0, n, 0, l.h)
		}
		for k, name := range gateNames[l.cell] {
			lt.Gates = append(lt.Gates, GateTrace{name, l.rows(l.act, 0, n, k*l.h, l.h)})
		}
		out = append(out, lt)
	}
	return toks, out, nil
}
