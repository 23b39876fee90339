package rnn

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// The notebook's vocab and construct_data (In[4], In[14]).
func TestNotebookVocabAndData(t *testing.T) {
	d, err := NewDataset("We are going to watch Avengers End Game", DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"<unk>", "We", "are", "going", "to", "watch", "Avengers", "End", "Game"}
	if got := d.Vocab.Tokens(); !reflect.DeepEqual(got, want) {
		t.Errorf("vocab = %q, want %q", got, want)
	}
	b := d.Batches[0]
	if b.T != 7 || b.B != 1 {
		t.Fatalf("batch (B, T) = (%d, %d), want (1, 7)", b.B, b.T)
	}
	if !reflect.DeepEqual(b.Inputs, []int{1, 2, 3, 4, 5, 6, 7}) || !reflect.DeepEqual(b.Targets, []int{2, 3, 4, 5, 6, 7, 8}) {
		t.Errorf("x, t = %v, %v; want [1..7], [2..8]", b.Inputs, b.Targets)
	}
}

func TestVocabIsContiguousWithRepeats(t *testing.T) {
	v := NewVocab(strings.Fields("the cat saw the dog"))
	want := []string{"<unk>", "the", "cat", "saw", "dog"}
	if !reflect.DeepEqual(v.Tokens(), want) {
		t.Errorf("tokens = %q, want %q", v.Tokens(), want)
	}
	if v.ID("bird") != Unk || v.Token(99) != UnkToken {
		t.Error("unknown tokens and ids must map to <unk>")
	}
}

func TestCharTokensAreCodePoints(t *testing.T) {
	// "é" written as e + U+0301 (a combining acute accent) is two code points.
	want := []string{"한", "국", "어", " ", "e", "\u0301", "🙂"}
	if got := Tokenize("한국어 e\u0301🙂", CharTokens); !reflect.DeepEqual(got, want) {
		t.Errorf("Tokenize = %q, want %q", got, want)
	}
	if Join(want, CharTokens) != "한국어 e\u0301🙂" {
		t.Error("Join must invert Tokenize for characters")
	}
}

func TestPaddedLines(t *testing.T) {
	d, err := NewDataset("a b c d\n\nb c\nlonely", DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	b := d.Batches[0]
	// "lonely" has no target and is dropped; "b c" is padded to T = 3.
	if b.B != 2 || b.T != 3 {
		t.Fatalf("(B, T) = (%d, %d), want (2, 3)", b.B, b.T)
	}
	wantIn := []int{1, 2, 3, 2, Unk, Unk}
	wantTg := []int{2, 3, 4, 3, Ignore, Ignore}
	if !reflect.DeepEqual(b.Inputs, wantIn) || !reflect.DeepEqual(b.Targets, wantTg) {
		t.Errorf("inputs %v targets %v, want %v %v", b.Inputs, b.Targets, wantIn, wantTg)
	}
}

func TestCorpusWindows(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Tokenizer, cfg.Window, cfg.Batch = CharTokens, 3, 2
	d, err := NewDataset("abcdefgh", cfg)
	if err != nil {
		t.Fatal(err)
	}
	// 8 tokens → (8-1)/3 = 2 windows: abc→bcd, def→efg; one batch of 2.
	if len(d.Batches) != 1 {
		t.Fatalf("%d batches, want 1", len(d.Batches))
	}
	b := d.Batches[0]
	in := d.Vocab.Decode(b.Inputs)
	tg := d.Vocab.Decode(b.Targets)
	if strings.Join(in, "") != "abcdef" || strings.Join(tg, "") != "bcdefg" {
		t.Errorf("inputs %q targets %q", in, tg)
	}
}

func TestDatasetRefusals(t *testing.T) {
	cfg := DefaultConfig()
	for _, text := range []string{"", "   \n\t ", "one\ntwo"} {
		if _, err := NewDataset(text, cfg); err == nil {
			t.Errorf("NewDataset(%q) accepted text with nothing to predict", text)
		}
	}
	if _, err := NewDataset(strings.Repeat("a ", MaxTextBytes), cfg); err == nil {
		t.Error("text over MaxTextBytes accepted")
	}
}

func TestConfigValidate(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatalf("default config: %v", err)
	}
	bad := map[string]func(*Config){
		"hidden 1e9":       func(c *Config) { c.Hidden = 1e9 },
		"layers 1e6":       func(c *Config) { c.Layers = 1e6 },
		"steps 1e12":       func(c *Config) { c.Steps = 1e12 },
		"negative lr":      func(c *Config) { c.LR = -1 },
		"zero lr":          func(c *Config) { c.LR = 0 },
		"NaN clip":         func(c *Config) { c.Clip = nan() },
		"Inf lr":           func(c *Config) { c.LR = inf() },
		"window, no batch": func(c *Config) { c.Window = 8 },
		"cell 9":           func(c *Config) { c.Cell = 9 },
	}
	for name, mutate := range bad {
		c := DefaultConfig()
		mutate(&c)
		if err := c.Validate(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// A megabyte of text with a 50,000-word vocabulary: refused with a message
// as one 150,000-token line, trained as windows.
func TestHugeText(t *testing.T) {
	var sb strings.Builder
	for i := 0; sb.Len() < 1<<20; i++ {
		fmt.Fprintf(&sb, "w%d ", i%50_000)
	}
	text := sb.String()
	cfg := DefaultConfig()
	if _, err := NewTrainer(text, cfg); err == nil || !strings.Contains(err.Error(), "MB") {
		t.Fatalf("one huge line: err = %v, want a memory refusal", err)
	}
	cfg.Window, cfg.Batch, cfg.Steps = 16, 4, 2
	tr, err := NewTrainer(text, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if v := tr.Vocab.Size(); v != 50_001 {
		t.Errorf("vocabulary %d, want 50,001", v)
	}
	if _, err := tr.Step(); err != nil {
		t.Fatal(err)
	}
}
