package rnn

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/rnn/safetensors"
)

// trainedLM trains a small model a few steps, so its weights are no longer
// the float32 values of the initialisation.
func trainedLM(t testing.TB, cell CellKind, tok Tokenizer, layers int) *LM {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Cell, cfg.Tokenizer, cfg.Layers, cfg.Hidden, cfg.LR = cell, tok, layers, 7, 0.01
	tr, err := NewTrainer("We are going to watch Avengers End Game\n나는 영화를 본다 🎬", cfg)
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		if _, err := tr.Step(); err != nil {
			t.Fatal(err)
		}
	}
	return &tr.LM
}

func save(t testing.TB, lm *LM) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := lm.Save(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSaveLoadRoundTrip(t *testing.T) {
	for _, cell := range []CellKind{RNNTanh, RNNReLU, LSTM, GRU} {
		for _, tok := range []Tokenizer{WordTokens, CharTokens} {
			for _, layers := range []int{1, 2} {
				t.Run(fmt.Sprintf("%s/%s/%d", cell, tok, layers), func(t *testing.T) {
					lm := trainedLM(t, cell, tok, layers)
					file := save(t, lm)
					got, err := LoadLM(file)
					if err != nil {
						t.Fatal(err)
					}
					if got.Cell != cell || got.Tokenizer != tok || got.V != lm.V || got.E != lm.E || got.H != lm.H || got.L != layers {
						t.Fatalf("loaded %s %s V=%d E=%d H=%d L=%d, saved %s %s V=%d E=%d H=%d L=%d",
							got.Cell, got.Tokenizer, got.V, got.E, got.H, got.L, cell, tok, lm.V, lm.E, lm.H, lm.L)
					}
					if !slices.Equal(got.Vocab.Tokens(), lm.Vocab.Tokens()) {
						t.Fatalf("vocabulary %q, saved %q", got.Vocab.Tokens(), lm.Vocab.Tokens())
					}
					// Each weight is the saved one rounded to float32.
					for i, p := range lm.Params() {
						q := got.Params()[i]
						if q.Name != p.Name || !slices.Equal(q.Shape, p.Shape) {
							t.Fatalf("param %d is %s %v, saved %s %v", i, q.Name, q.Shape, p.Name, p.Shape)
						}
						for j, w := range p.W {
							if q.W[j] != float64(float32(w)) {
								t.Fatalf("%s[%d] = %v, want float32(%v)", p.Name, j, q.W[j], w)
							}
						}
					}
					// Same logits to float32 rounding, same top tokens.
					prefix := "We are"
					if tok == CharTokens {
						prefix = "나는 영"
					}
					ids := lm.Vocab.Encode(Tokenize(prefix, tok))
					want := slices.Clone(lm.Forward(ids, len(ids), 1))
					for i, x := range got.Forward(ids, len(ids), 1) {
						if math.Abs(x-want[i]) > 1e-5*(1+math.Abs(want[i])) {
							t.Errorf("logit %d = %v, saved model gives %v", i, x, want[i])
						}
					}
					p1, err1 := lm.Predict(prefix, 3)
					p2, err2 := got.Predict(prefix, 3)
					if err1 != nil || err2 != nil {
						t.Fatal(err1, err2)
					}
					for i := range p1 {
						if p1[i].ID != p2[i].ID {
							t.Errorf("top %d: loaded model predicts %q, saved %q", i+1, p2[i].Token, p1[i].Token)
						}
					}
					// Saving what was loaded gives the same file.
					if again := save(t, got); !bytes.Equal(again, file) {
						t.Error("save → load → save changed the file")
					}
				})
			}
		}
	}
}

// Initial weights are float32 draws, so an untrained model round-trips
// bit for bit.
func TestSaveLoadUntrainedIsExact(t *testing.T) {
	m := NewModel(GRU, 9, 5, 20, 2)
	m.InitTorch(70)
	lm := &LM{Model: m, Vocab: NewVocab(strings.Fields("We are going to watch Avengers End Game")), Tokenizer: WordTokens}
	got, err := LoadLM(save(t, lm))
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range m.Params() {
		if !slices.Equal(got.Params()[i].W, p.W) {
			t.Errorf("%s changed in the round trip", p.Name)
		}
	}
}

// tensorsOf lists the model's weights as float64 tensors.
func tensorsOf(m *Model) []safetensors.Tensor {
	var ts []safetensors.Tensor
	for _, p := range m.Params() {
		ts = append(ts, safetensors.Tensor{Name: p.Name, DType: safetensors.F64, Shape: slices.Clone(p.Shape), Data: slices.Clone(p.W)})
	}
	return ts
}

func writeFile(t testing.TB, ts []safetensors.Tensor, meta map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := safetensors.Write(&buf, ts, meta); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A float64 file loads exactly, and without "cell" the cell comes from the
// shapes.
func TestLoadFloat64AndInferCell(t *testing.T) {
	for _, cell := range []CellKind{RNNTanh, LSTM, GRU} {
		lm := trainedLM(t, cell, WordTokens, 2)
		meta := map[string]string{"vocab": mustJSON(lm.Vocab.Tokens()), "tokenizer": "word"}
		got, err := LoadLM(writeFile(t, tensorsOf(lm.Model), meta))
		if err != nil {
			t.Fatal(err)
		}
		if got.Cell != cell || got.L != 2 {
			t.Errorf("inferred %s with %d layers, want %s with 2", got.Cell, got.L, cell)
		}
		for i, p := range lm.Params() {
			if !slices.Equal(got.Params()[i].W, p.W) {
				t.Errorf("%s: float64 weights changed on load", p.Name)
			}
		}
	}
}

func mustJSON(tokens []string) string {
	b, err := json.Marshal(tokens)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// edit changes a valid checkpoint's tensors or metadata.
type edit func(ts []safetensors.Tensor, meta map[string]string) []safetensors.Tensor

func setMeta(key, value string) edit {
	return func(ts []safetensors.Tensor, meta map[string]string) []safetensors.Tensor {
		meta[key] = value
		return ts
	}
}

func deleteMeta(key string) edit {
	return func(ts []safetensors.Tensor, meta map[string]string) []safetensors.Tensor {
		delete(meta, key)
		return ts
	}
}

func dropTensor(name string) edit {
	return func(ts []safetensors.Tensor, _ map[string]string) []safetensors.Tensor {
		return slices.DeleteFunc(ts, func(x safetensors.Tensor) bool { return x.Name == name })
	}
}

// addTensor adds a zero tensor.
func addTensor(name string, shape ...int) edit {
	return func(ts []safetensors.Tensor, _ map[string]string) []safetensors.Tensor {
		return append(ts, safetensors.Tensor{Name: name, DType: safetensors.F32, Shape: shape, Data: make([]float64, product(shape))})
	}
}

// reshape replaces a tensor by zeros of another shape.
func reshape(name string, shape ...int) edit {
	return func(ts []safetensors.Tensor, meta map[string]string) []safetensors.Tensor {
		return addTensor(name, shape...)(dropTensor(name)(ts, meta), meta)
	}
}

func setValue(name string, i int, x float64) edit {
	return func(ts []safetensors.Tensor, _ map[string]string) []safetensors.Tensor {
		for _, t := range ts {
			if t.Name == name {
				t.Data[i] = x
			}
		}
		return ts
	}
}

func product(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

func TestLoadRefuses(t *testing.T) {
	lm := trainedLM(t, LSTM, WordTokens, 2) // V=13, E=5, H=7, G·H=28, 2 layers
	tokens := lm.Vocab.Tokens()
	tests := []struct {
		name  string
		edits []edit
		want  string
	}{
		{"no vocab", []edit{deleteMeta("vocab")}, `no "vocab" in __metadata__`},
		{"vocab not JSON", []edit{setMeta("vocab", `["<unk>",`)}, "not a JSON array of strings"},
		{"vocab of numbers", []edit{setMeta("vocab", `[0,1]`)}, "not a JSON array of strings"},
		{"vocab without <unk>", []edit{setMeta("vocab", mustJSON(append(slices.Clone(tokens[1:]), "x")))}, `must start with "<unk>"`},
		{"vocab repeats", []edit{setMeta("vocab", mustJSON(append(slices.Clone(tokens[:12]), "We")))}, `repeats the token "We"`},
		{"vocab longer than embedding", []edit{setMeta("vocab", mustJSON(append(slices.Clone(tokens), "extra")))}, "the vocabulary has 14 tokens but embedding_layer.weight has 13 rows"},
		{"no tokenizer", []edit{deleteMeta("tokenizer")}, `no "tokenizer"`},
		{"unknown tokenizer", []edit{setMeta("tokenizer", "bpe")}, `unknown tokenizer "bpe"`},
		{"unknown cell", []edit{setMeta("cell", "Transformer")}, `unknown cell "Transformer"`},
		{"cell disagrees", []edit{setMeta("cell", "GRU")}, "the metadata says the cell is GRU but the shapes are those of LSTM (4 gates, not 3)"},
		{"RNN metadata on LSTM", []edit{setMeta("cell", "RNN")}, "cell is RNN but the shapes are those of LSTM"},
		{"no embedding", []edit{dropTensor("embedding_layer.weight")}, "missing tensor embedding_layer.weight"},
		{"no weight_ih_l0", []edit{dropTensor("rnn_layer.weight_ih_l0")}, "missing tensor rnn_layer.weight_ih_l0"},
		{"no linear.bias", []edit{dropTensor("linear.bias")}, "missing tensor linear.bias (a 2-layer LSTM has it)"},
		{"no bias_hh_l1", []edit{dropTensor("rnn_layer.bias_hh_l1")}, "missing tensor rnn_layer.bias_hh_l1"},
		{"third layer incomplete", []edit{addTensor("rnn_layer.weight_ih_l2", 28, 7)}, "missing tensor rnn_layer.weight_hh_l2 (a 3-layer LSTM has it)"},
		{"bidirectional", []edit{addTensor("rnn_layer.weight_ih_l0_reverse", 28, 5)}, `unexpected tensor "rnn_layer.weight_ih_l0_reverse"`},
		{"embedding not a matrix", []edit{reshape("embedding_layer.weight", 65)}, "embedding_layer.weight has shape [65]; it must be a matrix"},
		{"two gates", []edit{reshape("rnn_layer.weight_hh_l0", 14, 7)}, "not 1, 3 or 4 gates"},
		{"weight_ih_l1 wrong", []edit{reshape("rnn_layer.weight_ih_l1", 28, 5)}, "rnn_layer.weight_ih_l1 has shape [28 5], expected [28 7]"},
		{"linear wrong", []edit{reshape("linear.weight", 12, 7)}, "linear.weight has shape [12 7], expected [13 7] for V=13"},
		{"bias wrong", []edit{reshape("rnn_layer.bias_ih_l0", 28, 1)}, "rnn_layer.bias_ih_l0 has shape [28 1], expected [28]"},
		{"NaN", []edit{setValue("rnn_layer.bias_hh_l1", 3, math.NaN())}, "must be finite numbers, and rnn_layer.bias_hh_l1[3] is NaN"},
		{"+Inf", []edit{setValue("linear.weight", 0, math.Inf(1))}, "linear.weight[0] is +Inf"},
		{"-Inf", []edit{setValue("embedding_layer.weight", 64, math.Inf(-1))}, "embedding_layer.weight[64] is -Inf"},
		{"embedding too wide", []edit{reshape("embedding_layer.weight", 13, 1025), reshape("rnn_layer.weight_ih_l0", 28, 1025)},
			"embedding size must be between 1 and 1024 (got 1025)"},
		{"nine layers", nineLayers(), "layers must be between 1 and 8 (got 9)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts, meta := tensorsOf(lm.Model), map[string]string{"vocab": mustJSON(tokens), "tokenizer": "word", "cell": "LSTM"}
			for _, e := range tt.edits {
				ts = e(ts, meta)
			}
			got, err := LoadLM(writeFile(t, ts, meta))
			if err == nil {
				t.Fatalf("loaded %s V=%d E=%d H=%d L=%d", got.Cell, got.V, got.E, got.H, got.L)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
			var p *Problem // a student reads it: not a model (the cause on demand), or what to change
			if !errors.As(err, &p) || p.Code == CodeInternal {
				t.Errorf("error %q is not a problem the page words", err)
			}
		})
	}
	// Unedited, the file loads: each case above fails for its edit alone.
	meta := map[string]string{"vocab": mustJSON(tokens), "tokenizer": "word", "cell": "LSTM"}
	if _, err := LoadLM(writeFile(t, tensorsOf(lm.Model), meta)); err != nil {
		t.Fatalf("the unedited file: %v", err)
	}
}

// nineLayers adds layers 2 to 8 to the 2-layer LSTM of TestLoadRefuses.
func nineLayers() []edit {
	var edits []edit
	for _, s := range stateDict(LSTM, 13, 5, 7, 9)[1+4*2 : 1+4*9] {
		edits = append(edits, addTensor(s.name, s.shape...))
	}
	return edits
}

func TestLoadRefusesInvalidFiles(t *testing.T) {
	file := save(t, trainedLM(t, GRU, CharTokens, 1))
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "too short"},
		{"text", []byte("We are going to watch Avengers End Game"), "over the limit"},
		{"truncated", file[:len(file)-3], "truncated file?"},
		{"header cut", file[:100], "only 92 bytes follow"},
		{"trailing bytes", append(slices.Clone(file), 0, 0, 0, 0), "last 4 bytes of the data belong to no tensor"},
		{"offsets not an array", bytes.Replace(file, []byte(`"data_offsets":[`), []byte(`"data_offsets":{`), 1), `tensor "embedding_layer.weight": data_offsets must be an array, not an object`},
		{"header not JSON", bytes.Replace(file, []byte(`"dtype":"F32"`), []byte(`"dtype": F32 `), 1), "not valid JSON"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadLM(tt.data)
			var p *Problem
			if err == nil || !errors.As(err, &p) || p.Code != CodeNotAModel || !strings.Contains(p.Detail, tt.want) || !strings.HasPrefix(p.Detail, "safetensors: ") {
				t.Errorf("error %v, want one that says %q", err, tt.want)
			}
		})
	}
}

// The memory budget is checked from the shapes alone, before anything is
// allocated (a file that large cannot be part of a test).
func TestLoadRefusesOverBudget(t *testing.T) {
	const v, e, h = 100_000, 1024, 2048
	f := &safetensors.File{Tensors: []safetensors.Tensor{
		{Name: "embedding_layer.weight", Shape: []int{v, e}},
		{Name: "rnn_layer.weight_hh_l0", Shape: []int{4 * h, h}},
	}}
	for k := range 8 {
		f.Tensors = append(f.Tensors, safetensors.Tensor{Name: fmt.Sprintf("rnn_layer.weight_ih_l%d", k), Shape: []int{4 * h, e}})
	}
	_, err := inferConfig(f, WordTokens, nil, v)
	if p := AsProblem(err); p == nil || p.Code != CodeModelMemory {
		t.Errorf("error %v, want the memory budget", err)
	}
}

// stateDict must list exactly what Model.Params holds.
func TestStateDictMatchesParams(t *testing.T) {
	for _, cell := range []CellKind{RNNTanh, RNNReLU, LSTM, GRU} {
		for layers := 1; layers <= 3; layers++ {
			params := NewModel(cell, 11, 3, 4, layers).Params()
			specs := stateDict(cell, 11, 3, 4, layers)
			if len(specs) != len(params) {
				t.Fatalf("%s×%d: %d specs, %d params", cell, layers, len(specs), len(params))
			}
			for i, p := range params {
				if specs[i].name != p.Name || !slices.Equal(specs[i].shape, p.Shape) {
					t.Errorf("%s×%d: spec %s %v, param %s %v", cell, layers, specs[i].name, specs[i].shape, p.Name, p.Shape)
				}
			}
		}
	}
}

func TestSaveRefuses(t *testing.T) {
	lm := trainedLM(t, RNNTanh, WordTokens, 1)
	lm.Param("linear.bias").W[2] = 1e39 // finite in float64, +Inf in float32
	err := lm.Save(&bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "linear.bias[2] = 1e+39 is not a finite float32") {
		t.Errorf("Save error %v", err)
	}
	m := NewModel(RNNTanh, 3, 2, 2, 1)
	bad := &LM{Model: m, Vocab: NewVocab([]string{"\xff", "\xfe"}), Tokenizer: WordTokens}
	err = bad.Save(&bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), `the token "\xff" is not valid UTF-8`) {
		t.Errorf("Save error %v", err)
	}
}

// The fixtures were written by testdata/gen_checkpoint.py: the notebook's
// Net trained a few steps in PyTorch 1.13 and saved with docs/pytorch.md's
// save_net, with the logits PyTorch computes for the training batch.
func TestLoadPyTorch(t *testing.T) {
	for _, tt := range []struct {
		name   string
		cell   CellKind
		tok    Tokenizer
		layers int
		dtype  safetensors.DType
	}{
		{"rnn", RNNTanh, WordTokens, 1, safetensors.F32},
		{"lstm", LSTM, WordTokens, 1, safetensors.F32},
		{"gru2", GRU, CharTokens, 2, safetensors.F64},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := readTestdata(t, "pytorch_"+tt.name+".safetensors")
			lm, err := LoadLM(data)
			if err != nil {
				t.Fatal(err)
			}
			if lm.Cell != tt.cell || lm.Tokenizer != tt.tok || lm.L != tt.layers {
				t.Fatalf("loaded %s %s L=%d, want %s %s L=%d", lm.Cell, lm.Tokenizer, lm.L, tt.cell, tt.tok, tt.layers)
			}
			if f, _ := safetensors.Read(data); f.Tensors[0].DType != tt.dtype {
				t.Errorf("fixture is %s, want %s", f.Tensors[0].DType, tt.dtype)
			}
			expect, err := safetensors.Read(readTestdata(t, "pytorch_"+tt.name+"_expect.safetensors"))
			if err != nil {
				t.Fatal(err)
			}
			// Our tokenizer and vocabulary give PyTorch's batch.
			cfg := DefaultConfig()
			cfg.Tokenizer = lm.Tokenizer
			ds, err := NewDataset(expect.Metadata["text"], cfg)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ds.Vocab.Tokens(), lm.Vocab.Tokens()) {
				t.Fatalf("vocabulary %q, the file has %q", ds.Vocab.Tokens(), lm.Vocab.Tokens())
			}
			in := expect.Tensor("inputs")
			b, T := in.Shape[0], in.Shape[1]
			batch := ds.Batches[0]
			if batch.B != b || batch.T != T {
				t.Fatalf("batch (%d, %d), PyTorch's (%d, %d)", batch.B, batch.T, b, T)
			}
			for i, id := range batch.Inputs {
				if float64(id) != in.Data[i] {
					t.Fatalf("inputs %v, PyTorch's %v", batch.Inputs, in.Data)
				}
			}
			logits := lm.Forward(batch.Inputs, T, b)
			// float64 PyTorch on the same weights: equal to rounding.
			compareLogits(t, logits, expect.Tensor("logits").Data, 1e-12)
			// PyTorch's float32 forward: equal to float32 precision.
			compareLogits(t, logits, expect.Tensor("logits_f32").Data, 1e-5)
		})
	}
}

func compareLogits(t *testing.T, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d logits, want %d", len(got), len(want))
	}
	worst := 0.0
	for i := range got {
		worst = max(worst, math.Abs(got[i]-want[i])/(1+math.Abs(want[i])))
	}
	if worst > tol {
		t.Errorf("logits differ from PyTorch's by %.3g (relative), more than %g", worst, tol)
	}
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// docs/pytorch.md shows the code gen_checkpoint.py runs, verbatim: the
// blocks between "# --- doc: name" and "# --- end", without the marker's
// indentation.
func TestPyTorchDocSnippets(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "pytorch.md"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	var name, indent string
	var block strings.Builder
	for _, line := range strings.SplitAfter(string(readTestdata(t, "gen_checkpoint.py")), "\n") {
		trimmed := strings.TrimLeft(line, " ")
		switch {
		case strings.HasPrefix(trimmed, "# --- doc: "):
			name, indent = strings.TrimSpace(strings.TrimPrefix(trimmed, "# --- doc: ")), line[:len(line)-len(trimmed)]
			block.Reset()
		case strings.HasPrefix(trimmed, "# --- end"):
			if !bytes.Contains(doc, []byte("```python\n"+block.String()+"```\n")) {
				t.Errorf("docs/pytorch.md does not show the snippet %q of gen_checkpoint.py verbatim", name)
			}
			names, name = append(names, name), ""
		case name != "":
			block.WriteString(strings.TrimPrefix(line, indent))
		}
	}
	if !slices.Equal(names, []string{"net", "save", "load", "predict", "notebook"}) {
		t.Errorf("snippets %q, want net, save, load, predict, notebook", names)
	}
}

// The notebook's own run, in PyTorch, saved with the doc's lines: loaded
// here it says the notebook's sentence.
func TestLoadPyTorchNotebook(t *testing.T) {
	lm, err := LoadLM(readTestdata(t, "pytorch_notebook.safetensors"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := lm.Generate("We", 7, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if s := strings.Join(got, " "); s != "are going to watch Avengers End Game" {
		t.Errorf("the notebook's model continues We with %q", s)
	}
}
