package rnn_test

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"testing"

	"github.com/rnn-playground/rnn-playground/rnn"
)

// torchInit is testdata/torch_init.json, written by gen_torch_init.py: the
// notebook Net's state_dict right after torch.manual_seed(seed).
type torchInit struct {
	TorchVersion string `json:"torch_version"`
	Cases        []struct {
		Seed                 string `json:"seed"`
		Cell                 string `json:"cell"`
		Layers               int    `json:"layers"`
		Vocab, Embed, Hidden int
		Params               []struct {
			Name   string `json:"name"`
			Shape  []int  `json:"shape"`
			SHA256 string `json:"sha256"` // of the float32 values, little-endian
			Head   string `json:"head"`   // the first values' bit patterns, 8 hex digits each
		} `json:"params"`
	} `json:"cases"`
}

// TestInitTorchMatchesPyTorch checks Model.InitTorch against PyTorch bit for
// bit: every parameter, in state_dict order, for RNN (tanh and relu), LSTM
// and GRU with 1 and 2 layers, the notebook's sizes and others — among them
// an embedding of 15 values (normal_'s scalar path), one of 72 (a partial
// last block of 16) and a seed above 2³² (only its low 32 bits count).
func TestInitTorchMatchesPyTorch(t *testing.T) {
	raw, err := os.ReadFile("testdata/torch_init.json")
	if err != nil {
		t.Fatal(err)
	}
	var fx torchInit
	if err := json.Unmarshal(raw, &fx); err != nil {
		t.Fatal(err)
	}
	if len(fx.Cases) == 0 {
		t.Fatal("no cases in torch_init.json")
	}
	for _, c := range fx.Cases {
		name := fmt.Sprintf("seed=%s/%s/L=%d/V=%d,E=%d,H=%d", c.Seed, c.Cell, c.Layers, c.Vocab, c.Embed, c.Hidden)
		t.Run(name, func(t *testing.T) {
			cell, err := rnn.ParseCell(c.Cell)
			if err != nil {
				t.Fatal(err)
			}
			seed, err := strconv.ParseUint(c.Seed, 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			m := rnn.NewModel(cell, c.Vocab, c.Embed, c.Hidden, c.Layers)
			m.InitTorch(seed)
			params := m.Params()
			if len(params) != len(c.Params) {
				t.Fatalf("%d parameters, PyTorch has %d", len(params), len(c.Params))
			}
			for i, want := range c.Params {
				p := params[i]
				if p.Name != want.Name || !slices.Equal(p.Shape, want.Shape) {
					t.Fatalf("parameter %d is %s %v, PyTorch's is %s %v", i, p.Name, p.Shape, want.Name, want.Shape)
				}
				bits, ok := float32Bits(p.W)
				if !ok {
					t.Fatalf("%s holds a value that is not a float32", p.Name)
				}
				for k := 0; k < len(want.Head)/8; k++ {
					w, err := strconv.ParseUint(want.Head[8*k:8*k+8], 16, 32)
					if err != nil {
						t.Fatal(err)
					}
					if bits[k] != uint32(w) {
						t.Fatalf("%s[%d] = %v, PyTorch %v", p.Name, k, p.W[k], math.Float32frombits(uint32(w)))
					}
				}
				if got := sha256LE(bits); got != want.SHA256 {
					t.Errorf("%s: values differ from PyTorch's (first %d equal)", p.Name, len(want.Head)/8)
				}
			}
		})
	}
}

// float32Bits returns the float32 bit patterns of x, and false if some
// value is not exactly a float32 (InitTorch widens float32 draws).
func float32Bits(x []float64) ([]uint32, bool) {
	bits := make([]uint32, len(x))
	for i, v := range x {
		f := float32(v)
		if float64(f) != v {
			return nil, false
		}
		bits[i] = math.Float32bits(f)
	}
	return bits, true
}

func sha256LE(w []uint32) string {
	b := make([]byte, 4*len(w))
	for i, v := range w {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
