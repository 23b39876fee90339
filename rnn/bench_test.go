package rnn

import (
	_ "embed"
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// The benchmark configurations, shared with bench/pytorch_bench.py, which
// times PyTorch on the same ones:
//
//	notebook   the notebook's sentence: word tokens, V=9, E=5, H=20, T=7, B=1
//	classroom  rnn/testdata/classroom.txt by characters (V=49), E=32, H=128, T=64, B=16
//	large      the same text, E=32, H=256, 2 layers, T=64, B=32
//
// all with Adam(lr=1e-3) and cross-entropy, timed over Trainer.Step.
type benchConfig struct {
	name          string
	corpus        bool // the classroom paragraph by characters, else the notebook's sentence
	embed, hidden int
	layers        int
	window, batch int
}

var benchConfigs = []benchConfig{
	{name: "notebook", embed: 5, hidden: 20, layers: 1},
	{name: "classroom", corpus: true, embed: 32, hidden: 128, layers: 1, window: 64, batch: 16},
	{name: "large", corpus: true, embed: 32, hidden: 256, layers: 2, window: 64, batch: 32},
}

var benchCells = []CellKind{RNNTanh, LSTM, GRU}

// classroomText is embedded rather than read so that the benchmarks also
// run where there is no file system: a test binary for js/wasm in a browser.
//
//go:embed testdata/classroom.txt
var classroomText string

const notebookSentence = "We are going to watch Avengers End Game"

func (bc benchConfig) trainer(b *testing.B, cell CellKind) *Trainer {
	cfg := DefaultConfig()
	cfg.Cell = cell
	cfg.Embed, cfg.Hidden, cfg.Layers = bc.embed, bc.hidden, bc.layers
	text := notebookSentence
	if bc.corpus {
		text = classroomText
		cfg.Tokenizer = CharTokens
		cfg.Window, cfg.Batch = bc.window, bc.batch
	}
	tr, err := NewTrainer(text, cfg)
	if err != nil {
		b.Fatal(err)
	}
	return tr
}

// stepFLOPs counts the multiply-adds of the matrix products of one training
// step, two FLOPs each: every product of the forward pass (input projection,
// recurrence, output layer) appears three times, once forward and twice
// backward (the gradient of each operand). Gates, softmax and Adam are
// left out, as is usual for GFLOP/s figures.
func stepFLOPs(m *Model, t, b int) float64 {
	per := m.H * m.V // output layer, per token
	in := m.E
	for range m.L {
		g := m.Cell.Gates() * m.H
		per += in*g + m.H*g
		in = m.H
	}
	return 6 * float64(t*b) * float64(per)
}

// BenchmarkStep times one optimiser step (forward, loss, backward, Adam)
// and reports it as ns/step, tokens/s and GFLOP/s of the matrix products.
func BenchmarkStep(b *testing.B) {
	for _, bc := range benchConfigs {
		for _, cell := range benchCells {
			b.Run(bc.name+"/"+cell.String(), func(b *testing.B) {
				tr := bc.trainer(b, cell)
				timeSteps(b, tr)
				batch := tr.Batch()
				b.ReportMetric(stepFLOPs(tr.Model, batch.T, batch.B)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
	}
}

// timeSteps times tr.Step after one untimed step (first-step buffers,
// optimizer state) and reports it as ns/step and tokens/s.
func timeSteps(b *testing.B, tr *Trainer) {
	if _, err := tr.Step(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := tr.Step(); err != nil {
			b.Fatal(err)
		}
	}
	batch := tr.Batch()
	sec := b.Elapsed().Seconds()
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(sec*1e9/float64(b.N), "ns/step")
	b.ReportMetric(float64(batch.T*batch.B*b.N)/sec, "tokens/s")
}

// The matrix products of one classroom LSTM step (E=32, H=128, G·H=512,
// V=49, T·B=1024, B=16), as layer.go, cell_lstm.go and linear.go call them.
var classroomProducts = []struct {
	name           string
	tA, tB         blas.Transpose
	m, n, k        int
	beta           float64
	callsPerStep   int
	whereInTheStep string
}{
	{"xW_ih", blas.NoTrans, blas.Trans, 1024, 512, 32, 1, 1, "input projection, all steps"},
	{"hW_hh", blas.NoTrans, blas.Trans, 16, 512, 128, 1, 64, "recurrence, per step"},
	{"hW_out", blas.NoTrans, blas.Trans, 1024, 49, 128, 1, 1, "output layer"},
	{"dW_ih", blas.Trans, blas.NoTrans, 512, 32, 1024, 1, 1, "input weight gradient"},
	{"dW_hh", blas.Trans, blas.NoTrans, 512, 128, 1008, 1, 1, "recurrent weight gradient"},
	{"dW_out", blas.Trans, blas.NoTrans, 49, 128, 1024, 1, 1, "output weight gradient"},
	{"dh", blas.NoTrans, blas.NoTrans, 16, 128, 512, 0, 63, "∂L/∂h_{t-1}, per step"},
	{"dx", blas.NoTrans, blas.NoTrans, 1024, 32, 512, 0, 1, "∂L/∂x"},
	{"dtop", blas.NoTrans, blas.NoTrans, 1024, 128, 49, 0, 1, "∂L/∂h from the output layer"},
}

// BenchmarkDgemm times the kernels at the classroom LSTM's shapes.
func BenchmarkDgemm(b *testing.B) {
	for _, p := range classroomProducts {
		name := fmt.Sprintf("%s/%s%s_%dx%dx%d", p.name, trans(p.tA), trans(p.tB), p.m, p.n, p.k)
		b.Run(name, func(b *testing.B) {
			a, lda := randMatrix(p.tA, p.m, p.k, 1)
			bb, ldb := randMatrix(p.tB, p.k, p.n, 2)
			c := make([]float64, p.m*p.n)
			b.ResetTimer()
			for b.Loop() {
				impl.Dgemm(p.tA, p.tB, p.m, p.n, p.k, 1, a, lda, bb, ldb, p.beta, c, p.n)
			}
			b.ReportMetric(2*float64(p.m*p.n*p.k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

func trans(t blas.Transpose) string {
	if t == blas.Trans {
		return "T"
	}
	return "N"
}

// randMatrix returns op⁻¹ of an (r, c) operand: stored (c, r) when transposed.
func randMatrix(t blas.Transpose, r, c int, seed uint64) ([]float64, int) {
	if t == blas.Trans {
		r, c = c, r
	}
	s := make([]float64, r*c)
	x := seed*0x9E3779B97F4A7C15 + 1
	for i := range s {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		s[i] = float64(x>>11)/(1<<53) - 0.5
	}
	return s, c
}

// BenchmarkActivations times exp, sigmoid and tanh against math's on the
// pre-activations a cell sees (uniform in (-8, 8)), in ns per value: one
// call per value, and a gate at a time (sigmoids, tanhs) as the cells call them.
func BenchmarkActivations(b *testing.B) {
	xs, _ := randMatrix(blas.NoTrans, 1, 1024, 3) // (-0.5, 0.5)
	for i := range xs {
		xs[i] *= 16
	}
	out := make([]float64, len(xs))
	for _, f := range []struct {
		name string
		f    func(float64) float64
	}{
		{"exp", exp},
		{"math.Exp", math.Exp},
		{"sigmoid", sigmoid},
		{"sigmoid_math.Exp", func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }},
		{"tanh", tanh},
		{"math.Tanh", math.Tanh},
	} {
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				for i, x := range xs {
					out[i] = f.f(x)
				}
			}
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N*len(xs)), "ns/value")
		})
	}
	for _, f := range []struct {
		name string
		f    func(y, x []float64)
	}{
		{"sigmoids", func(y, x []float64) { copy(y, x); sigmoids(y) }},
		{"tanhs", tanhs},
	} {
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				f.f(out, xs)
			}
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N*len(xs)), "ns/value")
		})
	}
}
