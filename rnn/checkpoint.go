package rnn

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/rnn-playground/rnn-playground/rnn/safetensors"
)

// A checkpoint is a safetensors file that PyTorch reads into the notebook's
// Net and that PyTorch can write from it (docs/pytorch.md has both
// snippets). Its tensors are exactly Net.state_dict():
//
//	embedding_layer.weight      (V, E)
//	rnn_layer.weight_ih_l0      (G·H, E)   G = 1 RNN, 4 LSTM (i,f,g,o), 3 GRU (r,z,n)
//	rnn_layer.weight_hh_l0      (G·H, H)
//	rnn_layer.bias_ih_l0        (G·H)
//	rnn_layer.bias_hh_l0        (G·H)
//	… the same for l1 … l{L-1}, whose weight_ih is (G·H, H)
//	linear.weight               (V, H)
//	linear.bias                 (V)
//
// and its "__metadata__" holds
//
//	vocab      a JSON array of the tokens in id order, "<unk>" first
//	tokenizer  "word" or "char"
//	cell       "RNN", "RNN_RELU", "LSTM" or "GRU" (optional: from the shapes,
//	           G = 1 is read as RNN with tanh)
//
// The sizes are not stored: V, E, H and L are read from the shapes.
const (
	metaVocab     = "vocab"
	metaTokenizer = "tokenizer"
	metaCell      = "cell"
)

// Save writes the model and its vocabulary as a checkpoint, in float32,
// PyTorch's default dtype, so the notebook's Net loads it as it is.
//
// Training runs in float64, so a saved weight is rounded to the nearest
// float32 (a relative change of at most 2⁻²⁴ ≈ 6e-8): the loaded model's
// logits match to float32 rounding and it predicts the same top tokens,
// unless two of them were within that rounding of each other.
func (lm *LM) Save(w io.Writer) error {
	if lm.Vocab.Size() != lm.V {
		return NewProblem(CodeCannotSave).WithDetail(fmt.Errorf("the vocabulary has %d tokens but the model has %d", lm.Vocab.Size(), lm.V))
	}
	for _, tok := range lm.Vocab.Tokens() {
		if !utf8.ValidString(tok) { // JSON would replace the bytes, and the file would not load
			return NewProblem(CodeCannotSave).WithDetail(fmt.Errorf("the token %q is not valid UTF-8", tok))
		}
	}
	params := lm.Params()
	tensors := make([]safetensors.Tensor, len(params))
	for i, p := range params {
		for j, x := range p.W {
			if f := float64(float32(x)); math.IsNaN(f) || math.IsInf(f, 0) {
				return NewProblem(CodeCannotSave).WithDetail(fmt.Errorf("%s[%d] = %g is not a finite float32", p.Name, j, x))
			}
		}
		tensors[i] = safetensors.Tensor{Name: p.Name, DType: safetensors.F32, Shape: p.Shape, Data: p.W}
	}
	var vocab bytes.Buffer
	enc := json.NewEncoder(&vocab)
	enc.SetEscapeHTML(false) // keep "<unk>" readable
	if err := enc.Encode(lm.Vocab.Tokens()); err != nil {
		return NewProblem(CodeCannotSave).WithDetail(err)
	}
	meta := map[string]string{
		metaVocab:     string(bytes.TrimSuffix(vocab.Bytes(), []byte("\n"))),
		metaTokenizer: lm.Tokenizer.String(),
		metaCell:      lm.Cell.String(),
	}
	return safetensors.Write(w, tensors, meta)
}

// LoadLM reads a checkpoint written by Save or by PyTorch (float32 or
// float64). It checks the header before decoding any value and everything
// before building the model; each of these is an error that says what is
// wrong: a file that is not valid safetensors, tensors missing, extra or
// with shapes that disagree, a vocabulary that is not valid or whose size is
// not the embedding's rows, an unknown tokenizer or cell, a cell that
// disagrees with the shapes, sizes beyond Limits or MemoryBudget, NaN or
// infinite weights.
func LoadLM(data []byte) (*LM, error) {
	// The header first: a file refused for its shapes costs no decoding.
	h, err := safetensors.ReadHeader(data)
	if err != nil {
		return nil, notAModel(err)
	}
	vocab, tok, cell, err := readMetadata(h.Metadata)
	if err != nil {
		return nil, notAModel(err)
	}
	cfg, err := inferConfig(h, tok, cell, vocab.Size())
	if err != nil {
		return nil, notAModel(err)
	}
	if err := checkShapes(h, cfg, vocab.Size()); err != nil {
		return nil, notAModel(err)
	}
	f, err := safetensors.Read(data)
	if err != nil {
		return nil, notAModel(err)
	}
	for _, t := range f.Tensors {
		for i, x := range t.Data {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, NewProblem(CodeModelNotFinite, t.Name, i, strconv.FormatFloat(x, 'g', -1, 64))
			}
		}
	}
	m := NewModel(cfg.Cell, vocab.Size(), cfg.Embed, cfg.Hidden, cfg.Layers)
	for _, p := range m.Params() {
		copy(p.W, f.Tensor(p.Name).Data)
	}
	return &LM{Model: m, Vocab: vocab, Tokenizer: cfg.Tokenizer}, nil
}

// notAModel is a model file's error as a student reads it: a problem the
// file has that a student can act on (its size, its vocabulary) as it is;
// anything else says the file is not a model, with the cause as the detail.
func notAModel(err error) error {
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	return NewProblem(CodeNotAModel).WithDetail(err)
}

// readMetadata decodes the vocabulary, the tokenizer and, when given, the
// cell (nil when absent).
func readMetadata(meta map[string]string) (*Vocab, Tokenizer, *CellKind, error) {
	text, ok := meta[metaVocab]
	if !ok {
		return nil, 0, nil, fmt.Errorf("no %q in __metadata__: a checkpoint needs its vocabulary (a JSON array of tokens, %q first)", metaVocab, UnkToken)
	}
	var tokens []string
	if err := json.Unmarshal([]byte(text), &tokens); err != nil {
		return nil, 0, nil, fmt.Errorf("the vocabulary is not a JSON array of strings: %v", err)
	}
	if len(tokens) > MaxVocab {
		return nil, 0, nil, NewProblem(CodeModelVocab, len(tokens), MaxVocab)
	}
	vocab, err := VocabFromTokens(tokens)
	if err != nil {
		return nil, 0, nil, err
	}
	name, ok := meta[metaTokenizer]
	if !ok {
		return nil, 0, nil, fmt.Errorf("no %q in __metadata__: say \"word\" or \"char\"", metaTokenizer)
	}
	tok, err := ParseTokenizer(shorten(name, 40))
	if err != nil {
		return nil, 0, nil, err
	}
	name, ok = meta[metaCell]
	if !ok {
		return vocab, tok, nil, nil
	}
	cell, err := ParseCell(shorten(name, 40))
	if err != nil {
		return nil, 0, nil, err
	}
	return vocab, tok, &cell, nil
}

// inferConfig checks that the embedding has a row per token of the
// vocabulary (v), reads E from the embedding, H and the gate count from
// weight_hh_l0, L from the layers present, and checks them against Limits.
func inferConfig(f *safetensors.File, tok Tokenizer, cell *CellKind, v int) (Config, error) {
	emb, err := matrix(f, "embedding_layer.weight")
	if err != nil {
		return Config{}, err
	}
	if emb.Shape[0] != v {
		return Config{}, fmt.Errorf("the vocabulary has %d tokens but embedding_layer.weight has %d rows", v, emb.Shape[0])
	}
	whh, err := matrix(f, "rnn_layer.weight_hh_l0")
	if err != nil {
		return Config{}, err
	}
	gh, h := whh.Shape[0], whh.Shape[1]
	gates := 0
	if h > 0 && gh%h == 0 {
		gates = gh / h
	}
	var fromShapes CellKind
	switch gates {
	case 1:
		fromShapes = RNNTanh
	case 3:
		fromShapes = GRU
	case 4:
		fromShapes = LSTM
	default:
		return Config{}, fmt.Errorf("rnn_layer.weight_hh_l0 has shape %v: for hidden size %d that is not 1, 3 or 4 gates (RNN, GRU, LSTM)", whh.Shape, h)
	}
	if cell == nil {
		cell = &fromShapes
	} else if cell.Gates() != gates {
		return Config{}, fmt.Errorf("the metadata says the cell is %s but the shapes are those of %s (%d gates, not %d)", cell, fromShapes, gates, cell.Gates())
	}
	layers := 0
	for layers <= int(Limits.Layers.Max) && f.Tensor(fmt.Sprintf("rnn_layer.weight_ih_l%d", layers)) != nil {
		layers++
	}
	if layers == 0 {
		return Config{}, fmt.Errorf("missing tensor rnn_layer.weight_ih_l0")
	}
	cfg := DefaultConfig()
	cfg.Tokenizer, cfg.Cell, cfg.Layers, cfg.Embed, cfg.Hidden = tok, *cell, layers, emb.Shape[1], h
	if err := cfg.Validate(); err != nil {
		return Config{}, err
	}
	if need := cfg.MemoryEstimate(v, 1, 1); need > MemoryBudget {
		return Config{}, NewProblem(CodeModelMemory, need>>20, MemoryBudget>>20)
	}
	return cfg, nil
}

// matrix returns a tensor that must be present and 2-D.
func matrix(f *safetensors.File, name string) (*safetensors.Tensor, error) {
	t := f.Tensor(name)
	if t == nil {
		return nil, fmt.Errorf("missing tensor %s", name)
	}
	if len(t.Shape) != 2 {
		return nil, fmt.Errorf("%s has shape %v; it must be a matrix", name, t.Shape)
	}
	return t, nil
}

// checkShapes checks that the file holds exactly the tensors of the model
// cfg describes over v tokens, with their shapes.
func checkShapes(f *safetensors.File, cfg Config, v int) error {
	want := stateDict(cfg.Cell, v, cfg.Embed, cfg.Hidden, cfg.Layers)
	for _, s := range want {
		t := f.Tensor(s.name)
		switch {
		case t == nil:
			return fmt.Errorf("missing tensor %s (a %d-layer %s has it)", s.name, cfg.Layers, cfg.Cell)
		case !slices.Equal(t.Shape, s.shape):
			return fmt.Errorf("%s has shape %v, expected %v for V=%d (the vocabulary), E=%d, H=%d, %s",
				s.name, t.Shape, s.shape, v, cfg.Embed, cfg.Hidden, cfg.Cell)
		}
	}
	if len(f.Tensors) != len(want) {
		for _, t := range f.Tensors {
			if !slices.ContainsFunc(want, func(s tensorSpec) bool { return s.name == t.Name }) {
				return fmt.Errorf("unexpected tensor %q: a %d-layer %s Net has no such parameter", shorten(t.Name, 60), cfg.Layers, cfg.Cell)
			}
		}
	}
	return nil
}

// tensorSpec is a tensor a checkpoint must hold.
type tensorSpec struct {
	name  string
	shape []int
}

// stateDict lists Net.state_dict() in order: the names and shapes Model.Params
// has, known here without building the model.
func stateDict(cell CellKind, v, e, h, layers int) []tensorSpec {
	gh := cell.Gates() * h
	specs := []tensorSpec{{"embedding_layer.weight", []int{v, e}}}
	in := e
	for k := 0; k < layers; k++ {
		specs = append(specs,
			tensorSpec{fmt.Sprintf("rnn_layer.weight_ih_l%d", k), []int{gh, in}},
			tensorSpec{fmt.Sprintf("rnn_layer.weight_hh_l%d", k), []int{gh, h}},
			tensorSpec{fmt.Sprintf("rnn_layer.bias_ih_l%d", k), []int{gh}},
			tensorSpec{fmt.Sprintf("rnn_layer.bias_hh_l%d", k), []int{gh}})
		in = h
	}
	return append(specs, tensorSpec{"linear.weight", []int{v, h}}, tensorSpec{"linear.bias", []int{v}})
}

// shorten shortens a name from a file for an error message.
func shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
