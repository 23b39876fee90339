package rnn

import (
	"math"
	"strings"
	"testing"
)

// Whatever a classroom pastes either trains, with every token kept as
// typed, or is refused with a message; in both tokenizers.
func TestUnusualTextsTrainOrExplain(t *testing.T) {
	tests := []struct {
		name string
		text string
		word []string // tokens the word vocabulary must hold (nil: refused)
		char []string // and the character vocabulary
		err  string   // the message for a refused text
	}{
		{"control characters", "tab\there bell\abell nul\x00nul del\x7fdel esc\x1b[31m",
			[]string{"bell\abell", "nul\x00nul", "esc\x1b[31m"}, []string{"\a", "\x00", "\x7f", "\x1b", "\t"}, ""},
		{"combining marks", "cafe\u0301 n\u0303o Z\u0351\u0313a\u0308 e\u0301",
			[]string{"cafe\u0301", "Z\u0351\u0313a\u0308"}, []string{"\u0301", "\u0351", "\u0303"}, ""},
		{"emoji", "🙂 👩\u200d👩\u200d👧 🇰🇷 ❤\ufe0f 🙂",
			[]string{"👩\u200d👩\u200d👧", "🇰🇷", "❤\ufe0f"}, []string{"🙂", "\u200d", "\ufe0f", "🇰"}, ""},
		{"mixed scripts", "Hello 안녕 Привет مرحبا שלום 你好 नमस्ते",
			[]string{"안녕", "مرحبا", "שלום", "नमस्ते"}, []string{"안", "ب", "你", "म"}, ""},
		{"markup", `<script>alert(1)</script> "><img src=x onerror=alert(1)>`,
			[]string{"<script>alert(1)</script>", `"><img`}, []string{"<", `"`, ">"}, ""},
		{"invalid UTF-8", "ab\xff\xfe cd\xc3",
			[]string{"ab\ufffd", "cd\ufffd"}, []string{"\ufffd"}, ""},
		{"empty", "", nil, nil, "the text is empty"},
		// Spaces are characters: refused as words, trained as characters.
		{"white space", " \t\n\r\n  ", nil, []string{" ", "\t"}, "the text is empty"},
	}
	for _, tt := range tests {
		for _, tok := range []Tokenizer{WordTokens, CharTokens} {
			want := tt.word
			if tok == CharTokens {
				want = tt.char
			}
			t.Run(tt.name+"/"+tok.String(), func(t *testing.T) {
				cfg := DefaultConfig()
				cfg.Tokenizer, cfg.Steps = tok, 2
				tr, err := NewTrainer(tt.text, cfg)
				if want == nil {
					if err == nil || !strings.Contains(err.Error(), tt.err) {
						t.Fatalf("error %v, want %q", err, tt.err)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				vocab := tr.Vocab.Tokens()
				for _, w := range want {
					if !containsToken(vocab, w) {
						t.Errorf("the vocabulary %q lacks %q", vocab, w)
					}
				}
				for !tr.Done() {
					loss, err := tr.Step()
					if err != nil || math.IsNaN(loss) || math.IsInf(loss, 0) {
						t.Fatalf("step: loss %g, %v", loss, err)
					}
				}
				if _, err := tr.Predict(want[0], 3); err != nil {
					t.Errorf("Predict(%q): %v", want[0], err)
				}
			})
		}
	}
}

func containsToken(vocab []string, tok string) bool {
	for _, v := range vocab {
		if v == tok {
			return true
		}
	}
	return false
}

// One token is not enough to learn from: a message, in either tokenizer.
func TestOneTokenIsExplained(t *testing.T) {
	for _, c := range []struct {
		text string
		tok  Tokenizer
	}{{"Hello", WordTokens}, {"  Hello\n", WordTokens}, {"x", CharTokens}, {"🙂", CharTokens}} {
		cfg := DefaultConfig()
		cfg.Tokenizer = c.tok
		if _, err := NewTrainer(c.text, cfg); err == nil || !strings.Contains(err.Error(), "single token") {
			t.Errorf("%q (%s): error %v, want it to explain a single token", c.text, c.tok, err)
		}
	}
}
