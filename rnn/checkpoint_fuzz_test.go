package rnn

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/rnn/safetensors"
)

// FuzzLoadLM: no input panics LoadLM, and what loads saves and loads again
// to the same model.
func FuzzLoadLM(f *testing.F) {
	for _, cell := range []CellKind{RNNTanh, LSTM, GRU} {
		f.Add(save(f, trainedLM(f, cell, WordTokens, 2)))
	}
	for _, name := range []string{"pytorch_rnn.safetensors", "pytorch_lstm.safetensors", "pytorch_gru2.safetensors", "pytorch_notebook.safetensors"} {
		data := readTestdata(f, name)
		f.Add(data)
		f.Add(data[:len(data)/2])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lm, err := LoadLM(data)
		if err != nil {
			if lm != nil {
				t.Fatal("LoadLM returned a model with an error")
			}
			return
		}
		if lm.Vocab.Size() != lm.V {
			t.Fatalf("vocabulary of %d tokens for V=%d", lm.Vocab.Size(), lm.V)
		}
		lm.Forward([]int{lm.V - 1, 0}, 2, 1)
		var buf bytes.Buffer
		if err := lm.Save(&buf); err != nil {
			return // float64 weights beyond float32's range
		}
		again, err := LoadLM(buf.Bytes())
		if err != nil {
			t.Fatalf("cannot load what Save wrote: %v", err)
		}
		for i, p := range lm.Params() {
			for j, w := range p.W {
				if again.Params()[i].W[j] != float64(float32(w)) {
					t.Fatalf("%s[%d] = %v after save and load, want float32(%v)", p.Name, j, again.Params()[i].W[j], w)
				}
			}
		}
	})
}

// A model trained by the notebook in PyTorch and saved with docs/pytorch.md's
// save_net; the probability is the one PyTorch prints for it.
func ExampleLoadLM() {
	data, err := os.ReadFile("testdata/pytorch_notebook.safetensors")
	if err != nil {
		fmt.Println(err)
		return
	}
	lm, err := LoadLM(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s %s V=%d E=%d H=%d L=%d\n", lm.Cell, lm.Tokenizer, lm.V, lm.E, lm.H, lm.L)
	next, _ := lm.Predict("We are going", 1)
	fmt.Printf("We are going → %s %.4f\n", next[0].Token, next[0].P)

	_, err = LoadLM(data[:len(data)-1])
	fmt.Println(err)
	// Output:
	// RNN word V=9 E=5 H=20 L=1
	// We are going → to 0.6211
	// this file is not a model saved by the playground or by PyTorch with the snippet of docs/pytorch.md: safetensors: tensor "linear.bias" ends at byte 3096 of the data, which has only 3095 bytes (truncated file?)
}

// FuzzLoadLMShapes builds well-formed files of any shapes and metadata, so
// the fuzzer explores LoadLM's checks rather than the file format: a file
// loads only if everything in it agrees.
func FuzzLoadLMShapes(f *testing.F) {
	f.Add(`["<unk>","a","b"]`, "word", "LSTM", uint8(3), uint8(2), uint8(4), uint8(2), uint8(4), uint8(255), "")
	f.Add(`["<unk>","가","😀"]`, "char", "", uint8(3), uint8(1), uint8(2), uint8(1), uint8(3), uint8(255), "")
	f.Add(`["<unk>","a"]`, "word", "RNN_RELU", uint8(2), uint8(3), uint8(1), uint8(1), uint8(1), uint8(2), "linear.bias2")
	f.Add(`["<unk>","a","a"]`, "word", "GRU", uint8(3), uint8(2), uint8(2), uint8(9), uint8(3), uint8(255), "")
	f.Fuzz(func(t *testing.T, vocab, tokenizer, cell string, v, e, h, layers, gates, drop uint8, extra string) {
		// Small sizes (zero included) keep each run fast; the limits are
		// tested by TestLoadRefuses.
		v, e, h, layers, gates = v%17, e%9, h%9, layers%10, gates%6
		// The notebook's tensors, with weight_hh_l0 and the others G·H rows.
		var ts []safetensors.Tensor
		for i, s := range stateDict(RNNTanh, int(v), int(e), int(h), int(layers)) {
			if i == int(drop) {
				continue
			}
			if strings.HasPrefix(s.name, "rnn_layer.") {
				s.shape[0] = int(gates) * int(h)
			}
			ts = append(ts, safetensors.Tensor{Name: s.name, DType: safetensors.F32, Shape: s.shape, Data: make([]float64, product(s.shape))})
		}
		if extra != "" {
			ts = append(ts, safetensors.Tensor{Name: extra, DType: safetensors.F32, Shape: []int{1}, Data: []float64{0}})
		}
		meta := map[string]string{"vocab": vocab, "tokenizer": tokenizer}
		if cell != "" {
			meta["cell"] = cell
		}
		var buf bytes.Buffer
		if safetensors.Write(&buf, ts, meta) != nil {
			return // duplicate or invalid names
		}
		lm, err := LoadLM(buf.Bytes())
		if err != nil {
			return
		}
		// Loaded means: the file's tensors are exactly the model's, shape for shape.
		if lm.Vocab.Size() != lm.V || len(lm.Params()) != len(ts) {
			t.Fatalf("loaded %s V=%d (vocabulary %d) with %d params from %d tensors", lm.Cell, lm.V, lm.Vocab.Size(), len(lm.Params()), len(ts))
		}
		for _, p := range lm.Params() {
			i := slices.IndexFunc(ts, func(x safetensors.Tensor) bool { return x.Name == p.Name })
			if i < 0 || !slices.Equal(ts[i].Shape, p.Shape) {
				t.Fatalf("%s %v is not in the file", p.Name, p.Shape)
			}
		}
		lm.Forward([]int{0, lm.V - 1}, 2, 1)
	})
}
