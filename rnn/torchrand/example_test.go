package torchrand_test

import (
	"fmt"

	"github.com/rnn-playground/rnn-playground/rnn/torchrand"
)

// The notebook's first two constructors after torch.manual_seed(70):
// nn.Embedding(9, 5) draws its weight with normal_(0, 1), then
// nn.RNN(5, 20) draws weight_ih_l0 with uniform_(±1/√20).
func Example() {
	g := torchrand.New(70)

	embedding := make([]float32, 9*5) // (V, E)
	g.Normal(embedding, 0, 1)
	fmt.Println(embedding[:5])

	weightIH := make([]float32, 20*5) // (H, E)
	b := torchrand.RecurrentBound(20)
	g.Uniform(weightIH, -b, b)
	fmt.Println(weightIH[:3])
	// Output:
	// [0.8270536 -0.8417494 0.70412964 -0.20397 1.4319544]
	// [0.15444146 -0.024135068 -0.037972815]
}

// tensor.uniform_(-1, 1) on a fresh generator.
func ExampleGenerator_Uniform() {
	g := torchrand.New(70)
	x := make([]float32, 3)
	g.Uniform(x, -1, 1)
	fmt.Println(x)
	// Output: [-0.12996507 -0.28171277 -0.31773543]
}
