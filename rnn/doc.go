// Package rnn is the numerical core of RNN Playground: a recurrent
// next-token language model with PyTorch's exact semantics, in pure Go.
//
// The model is the notebook's Net:
//
//	Embedding(V, E) → L stacked recurrent layers (RNN, LSTM or GRU) → Linear(H, V)
//
// with batch_first inputs, zero initial state, PyTorch's gate order (LSTM
// i,f,g,o; GRU r,z,n with b_hn inside the reset product), parameter names and
// shapes (Param.Name is the state_dict key), initial distributions and
// optimiser update rules.
//
// Every layer has an explicit forward and backward function over buffers
// that are allocated once; a training step allocates nothing. Activations are
// kept time-major, (T, B, ·), so the rows of one time step are contiguous for
// the recurrent matrix product; inputs and targets are given batch_first,
// (B, T), as in PyTorch.
//
// Arithmetic is float64. Initial weights are drawn in float32 by PyTorch's
// own CPU generator (see package torchrand), so with the same seed a model
// starts from exactly the weights torch.manual_seed gives the notebook.
package rnn
