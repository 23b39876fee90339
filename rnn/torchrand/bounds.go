package torchrand

import "math"

// KaimingUniformBound is the bound nn.Linear.reset_parameters passes to
// uniform_ for its weight: kaiming_uniform_(weight, a=√5) with fan_in
// inputs, computed in float64 as torch/nn/init.py does —
//
//	gain  = sqrt(2 / (1 + a**2))     # calculate_gain('leaky_relu', a)
//	std   = gain / sqrt(fan_in)
//	bound = sqrt(3) * std
//
// It is 1/√fan_in up to rounding, but not always the same float64.
// PyTorch skips tensors with no elements; for fan_in 0 the bound is 0.
func KaimingUniformBound(fanIn int) float64 {
	if fanIn <= 0 {
		return 0
	}
	a := math.Sqrt(5)
	gain := math.Sqrt(2 / (1 + float64(a*a)))
	std := gain / math.Sqrt(float64(fanIn))
	return math.Sqrt(3) * std
}

// LinearBiasBound is the bound of nn.Linear's bias: 1/√fan_in
// (0 for fan_in 0, as PyTorch).
func LinearBiasBound(fanIn int) float64 {
	if fanIn <= 0 {
		return 0
	}
	return 1 / math.Sqrt(float64(fanIn))
}

// RecurrentBound is the bound RNNBase.reset_parameters passes to uniform_
// for every weight and bias of nn.RNN, nn.LSTM and nn.GRU: 1/√hidden_size
// (0 for hidden_size 0, as PyTorch).
func RecurrentBound(hidden int) float64 {
	if hidden <= 0 {
		return 0
	}
	return 1.0 / math.Sqrt(float64(hidden))
}
