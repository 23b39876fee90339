package rnn

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// CellKind is the recurrent cell of every layer.
type CellKind int

const (
	RNNTanh CellKind = iota // nn.RNN(nonlinearity="tanh"): h = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh)
	RNNReLU                 // nn.RNN(nonlinearity="relu")
	LSTM                    // nn.LSTM: gates i, f, g, o
	GRU                     // nn.GRU: gates r, z, n
)

var cellNames = [...]string{RNNTanh: "RNN", RNNReLU: "RNN_RELU", LSTM: "LSTM", GRU: "GRU"}

// String returns the name used in checkpoints: RNN, RNN_RELU, LSTM or GRU.
func (c CellKind) String() string {
	if c < 0 || int(c) >= len(cellNames) {
		return fmt.Sprintf("CellKind(%d)", int(c))
	}
	return cellNames[c]
}

// Gates is how many H-sized blocks the cell's weight matrices stack:
// weight_ih is (Gates·H, In).
func (c CellKind) Gates() int {
	switch c {
	case LSTM:
		return 4
	case GRU:
		return 3
	}
	return 1
}

// ParseCell accepts rnn, tanh, rnn_tanh, relu, rnn_relu, lstm and gru in any case.
func ParseCell(s string) (CellKind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "rnn", "tanh", "rnn_tanh":
		return RNNTanh, nil
	case "relu", "rnn_relu":
		return RNNReLU, nil
	case "lstm":
		return LSTM, nil
	case "gru":
		return GRU, nil
	}
	return 0, NewProblem(CodeUnknownCell, strconv.Quote(s))
}

// OptimizerKind selects the update rule.
type OptimizerKind int

const (
	Adam OptimizerKind = iota // torch.optim.Adam
	SGD                       // torch.optim.SGD (with momentum when Momentum > 0)
)

func (o OptimizerKind) String() string {
	if o == SGD {
		return "sgd"
	}
	return "adam"
}

// ParseOptimizer accepts adam and sgd.
func ParseOptimizer(s string) (OptimizerKind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "adam":
		return Adam, nil
	case "sgd":
		return SGD, nil
	}
	return 0, NewProblem(CodeUnknownOpt, strconv.Quote(s))
}

// Config is everything that defines a training run. The zero value is not
// useful; start from DefaultConfig, which is the notebook's run.
type Config struct {
	Tokenizer Tokenizer
	Cell      CellKind
	Layers    int // stacked recurrent layers (num_layers)
	Embed     int // E, embedding size (the RNN's input_size)
	Hidden    int // H, hidden size

	Optimizer   OptimizerKind
	LR          float64 // learning rate
	Momentum    float64 // SGD momentum (0 = plain SGD)
	WeightDecay float64 // L2 penalty, added to the gradient as PyTorch does
	Clip        float64 // clip_grad_norm_ max_norm; 0 = no clipping

	Seed  uint64 // torch.manual_seed
	Steps int    // optimiser steps in a run

	// Window and Batch select corpus mode: the token stream is cut into
	// windows of Window inputs, Batch windows per step (truncated BPTT).
	// Window = 0 is sentence mode: every non-empty line is one sequence and
	// all lines form one padded batch, as the notebook's construct_data.
	Window int
	Batch  int

	// Schedule changes the learning rate or the clipping from a step on.
	Schedule Schedule
}

// DefaultConfig is the notebook's run: word tokens, nn.RNN, E=5, H=20,
// Adam(lr=1e-3), 151 steps, torch.manual_seed(70).
func DefaultConfig() Config {
	return Config{
		Tokenizer: WordTokens,
		Cell:      RNNTanh,
		Layers:    1,
		Embed:     5,
		Hidden:    20,
		Optimizer: Adam,
		LR:        1e-3,
		Seed:      70,
		Steps:     151,
	}
}

// Range is the documented interval of a numeric option.
type Range struct {
	Name     string
	Min, Max float64
}

// Limits are the accepted ranges of every numeric option. They keep a
// configuration within what a browser tab can hold; MemoryBudget bounds
// the combination.
var Limits = struct {
	Layers, Embed, Hidden, LR, Momentum, WeightDecay, Clip, Steps, Window, Batch Range
}{
	Layers:      Range{"layers", 1, 8},
	Embed:       Range{"embedding size", 1, 1024},
	Hidden:      Range{"hidden size", 1, 2048},
	LR:          Range{"learning rate", 0, 100},
	Momentum:    Range{"momentum", 0, 0.999},
	WeightDecay: Range{"weight decay", 0, 1},
	Clip:        Range{"gradient clipping", 0, 1e6},
	Steps:       Range{"steps", 1, 1_000_000},
	Window:      Range{"window length", 0, 4096},
	Batch:       Range{"batch size", 0, 1024},
}

// MaxSeed is the largest accepted seed (torch.manual_seed takes 64 bits;
// keeping to 2⁵³ lets a seed round-trip through JSON and JavaScript).
const MaxSeed = 1<<53 - 1

// MemoryBudget is the most memory, in bytes, a run may need (weights,
// gradients, optimiser state and activations).
const MemoryBudget = 1 << 30

func (r Range) check(v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < r.Min || v > r.Max {
		return NewProblem(CodeOutOfRange, r.Name, r.Min, r.Max, v)
	}
	return nil
}

// Plain writes a number as a student reads it: 1000000, not 1e+06.
func Plain(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// Validate checks every option against Limits. It allocates nothing and
// should be called before anything is sized from the configuration.
func (c Config) Validate() error {
	if c.Tokenizer != WordTokens && c.Tokenizer != CharTokens {
		return NewProblem(CodeUnknownTok, int(c.Tokenizer))
	}
	if c.Cell < RNNTanh || c.Cell > GRU {
		return NewProblem(CodeUnknownCell, int(c.Cell))
	}
	if c.Optimizer != Adam && c.Optimizer != SGD {
		return NewProblem(CodeUnknownOpt, int(c.Optimizer))
	}
	checks := []struct {
		r Range
		v float64
	}{
		{Limits.Layers, float64(c.Layers)},
		{Limits.Embed, float64(c.Embed)},
		{Limits.Hidden, float64(c.Hidden)},
		{Limits.LR, c.LR},
		{Limits.Momentum, c.Momentum},
		{Limits.WeightDecay, c.WeightDecay},
		{Limits.Clip, c.Clip},
		{Limits.Steps, float64(c.Steps)},
		{Limits.Window, float64(c.Window)},
		{Limits.Batch, float64(c.Batch)},
	}
	for _, ch := range checks {
		if err := ch.r.check(ch.v); err != nil {
			return err
		}
	}
	if c.LR == 0 {
		return NewProblem(CodeLRZero, Limits.LR.Max)
	}
	if c.Seed > MaxSeed {
		return NewProblem(CodeSeed, uint64(MaxSeed))
	}
	if c.Window > 0 && c.Batch == 0 {
		return NewProblem(CodeBatchForWindow)
	}
	return nil
}

// ParamCount is the number of trainable numbers of the model the
// configuration builds over a vocabulary of v tokens.
func (c Config) ParamCount(v int) int64 {
	g, e, h := int64(c.Cell.Gates()), int64(c.Embed), int64(c.Hidden)
	n := int64(v) * e                          // embedding
	n += g * h * (e + h + 2)                   // first layer
	n += int64(c.Layers-1) * g * h * (2*h + 2) // the others
	n += int64(v)*h + int64(v)                 // linear
	return n
}

// MemoryEstimate is the bytes a run needs for a vocabulary of v tokens and
// batches of b sequences of t steps: weights, gradients, optimiser state
// and a backup (5 copies of the parameters), and the activations kept for
// backpropagation through time.
func (c Config) MemoryEstimate(v, t, b int) int64 {
	const f64 = 8
	params := 5 * c.ParamCount(v)
	g, h := int64(c.Cell.Gates()), int64(c.Hidden)
	tb := int64(t) * int64(b)
	perLayer := tb * (4*g*h + 4*h + int64(max(c.Embed, c.Hidden)))
	acts := int64(c.Layers)*perLayer + tb*(2*int64(c.Embed)+3*int64(v))
	return f64 * (params + acts)
}
