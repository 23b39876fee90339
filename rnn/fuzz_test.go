package rnn

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzTokenize: any text, in both tokenizers, round-trips through the
// vocabulary without losing tokens, and ids stay in range.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{notebook, "나는 한국 사람이고", "e\u0301🙂\u200d", "\x00\xff\xfe<script>", " \t\n", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, kind := range []Tokenizer{WordTokens, CharTokens} {
			toks := Tokenize(text, kind)
			v := NewVocab(toks)
			ids := v.Encode(toks)
			for i, id := range ids {
				if id <= 0 || id >= v.Size() {
					t.Fatalf("token %q got id %d of %d", toks[i], id, v.Size())
				}
				if v.Token(id) != toks[i] && toks[i] != UnkToken {
					t.Fatalf("id %d decodes to %q, want %q", id, v.Token(id), toks[i])
				}
			}
			for _, tok := range toks {
				if !utf8.ValidString(tok) || tok == "" {
					t.Fatalf("invalid token %q", tok)
				}
				if kind == WordTokens && strings.ContainsAny(tok, " \t\n") {
					t.Fatalf("word token %q holds white space", tok)
				}
			}
			if kind == CharTokens && utf8.ValidString(text) && Join(toks, kind) != text {
				t.Fatalf("characters do not rejoin to the text")
			}
		}
	})
}

// FuzzDataset: any text either builds batches whose ids are in range and
// whose targets follow their inputs, or returns an error; never a panic.
func FuzzDataset(f *testing.F) {
	f.Add(notebook, uint8(0), uint8(0), true)
	f.Add("a b\nc", uint8(0), uint8(0), false)
	f.Add("hello world", uint8(3), uint8(2), false)
	f.Add("x", uint8(1), uint8(1), false)
	f.Fuzz(func(t *testing.T, text string, window, batch uint8, words bool) {
		cfg := DefaultConfig()
		cfg.Window, cfg.Batch = int(window), int(batch)
		if !words {
			cfg.Tokenizer = CharTokens
		}
		if cfg.Validate() != nil {
			return
		}
		d, err := NewDataset(text, cfg)
		if err != nil {
			return
		}
		for _, b := range d.Batches {
			if len(b.Inputs) != b.T*b.B || len(b.Targets) != b.T*b.B || b.T == 0 {
				t.Fatalf("batch shape (%d, %d) with %d inputs", b.B, b.T, len(b.Inputs))
			}
			for i, id := range b.Inputs {
				if id < 0 || id >= d.Vocab.Size() {
					t.Fatalf("input id %d out of range", id)
				}
				if tg := b.Targets[i]; tg != Ignore && (tg <= 0 || tg >= d.Vocab.Size()) {
					t.Fatalf("target id %d out of range", tg)
				}
			}
		}
	})
}
