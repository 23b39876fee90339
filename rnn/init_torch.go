package rnn

import "github.com/rnn-playground/rnn-playground/rnn/torchrand"

// InitTorch sets every weight as the notebook's Net gets it after
// torch.manual_seed(seed): the constructors run in state_dict order and
// draw from PyTorch's CPU generator in float32 —
//
//	nn.Embedding:   weight.normal_(0, 1)
//	nn.RNN/LSTM/GRU reset_parameters: every weight and bias uniform_(−1/√H, 1/√H)
//	nn.Linear:      weight kaiming_uniform_(a=√5), i.e. uniform_(±bound(fan_in)),
//	                bias uniform_(−1/√fan_in, 1/√fan_in)
//
// The float32 values are then widened to float64 for training.
func (m *Model) InitTorch(seed uint64) {
	g := torchrand.New(seed)
	for _, p := range m.params {
		buf := make([]float32, len(p.W))
		switch p {
		case m.emb.w:
			g.Normal(buf, 0, 1)
		case m.out.w:
			b := torchrand.KaimingUniformBound(m.H)
			g.Uniform(buf, -b, b)
		case m.out.b:
			b := torchrand.LinearBiasBound(m.H)
			g.Uniform(buf, -b, b)
		default: // the recurrent layers
			b := torchrand.RecurrentBound(m.H)
			g.Uniform(buf, -b, b)
		}
		for i, v := range buf {
			p.W[i] = float64(v)
		}
	}
}
