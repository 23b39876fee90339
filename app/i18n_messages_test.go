package app

import (
	"math"
	"strings"
	"testing"
	"unicode"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// runtimeMessages makes the messages the page shows at run time, the way
// the page makes them.
func runtimeMessages(t *testing.T) []string {
	t.Helper()
	var out []string
	set := func(key, raw string) {
		s := protocol.DefaultSettings()
		if err := s.Set(key, raw); err != nil {
			out = append(out, protocol.Sentence(err.Error()))
		} else {
			t.Fatalf("%s=%s was accepted", key, raw)
		}
	}
	set("hidden", "0")
	set("lr", "0")
	set("lr", "abc")
	set("seed", "-1")
	set("autoplay", "maybe")
	set("pace", "warp")
	set("schedule", "31:lr")
	set("schedule", "3:momentum=1")
	set("text", " ")
	set("colour", "red")
	cfg := rnn.DefaultConfig()
	for _, text := range []string{"", "single"} {
		if _, err := rnn.NewTrainer(text, cfg); err != nil {
			out = append(out, protocol.Sentence(err.Error()))
		}
	}
	win := cfg
	win.Window, win.Batch = 10, 1
	if _, err := rnn.NewTrainer("a b c", win); err != nil {
		out = append(out, protocol.Sentence(err.Error()))
	}
	big := cfg
	big.Hidden, big.Layers, big.Window, big.Batch = 2048, 8, 4096, 1024
	if _, err := rnn.NewTrainer(strings.Repeat("a b ", 3000), big); err != nil {
		msg := err.Error()
		out = append(out, protocol.Sentence(msg), protocol.Sentence(msg[strings.Index(msg, "allows: ")+8:])) // and its hint alone
	}
	long := cfg
	long.Hidden, long.Layers = 2048, 8
	if _, err := rnn.NewTrainer(strings.Repeat("a b ", 20000), long); err != nil {
		msg := err.Error()
		out = append(out, protocol.Sentence(msg[strings.Index(msg, "allows: ")+8:]))
	}
	noBatch := cfg
	noBatch.Window = 5
	out = append(out, protocol.Sentence(noBatch.Validate().Error()))
	out = append(out, (&rnn.DivergedError{Step: 9, Loss: math.NaN(), What: "loss"}).Error(),
		protocol.Sentence(rnn.ErrNoPrefix.Error()))
	out = append(out, protocol.NoModel, protocol.Sentence(protocol.ErrBadFragment.Error()))
	for _, q := range []string{"hidden=5000&cell=lstm&cell=gru&colour=red", "%zz", "window=10", "autoplay=maybe", "pace=warp"} {
		_, msgs := protocol.DecodeQuery(q)
		out = append(out, msgs...)
	}
	return out
}

func TestRuntimeMessagesInKorean(t *testing.T) {
	defer func(l string) { uiLang = l }(uiLang)
	msgs := runtimeMessages(t)
	if len(msgs) < 18 {
		t.Fatalf("only %d messages made: %q", len(msgs), msgs)
	}
	uiLang = English
	for _, m := range msgs {
		if Tmsg(m) != m {
			t.Errorf("English changed %q", m)
		}
	}
	uiLang = Korean
	for _, m := range msgs {
		ko := Tmsg(m)
		if ko == m || !strings.ContainsFunc(ko, func(r rune) bool { return unicode.Is(unicode.Hangul, r) }) {
			t.Errorf("no Korean for %q (got %q)", m, ko)
		}
	}
}

// The particles agree with the word before them in the messages a
// student meets most.
func TestKoreanMessagesReadAsWritten(t *testing.T) {
	defer func(l string) { uiLang = l }(uiLang)
	uiLang = Korean
	for _, tt := range []struct{ en, ko string }{
		{"The hidden size must be a whole number from 1 to 2048.", "은닉 크기는 1부터 2048까지의 정수여야 합니다."},
		{"The learning rate must be a number from 0 to 100.", "학습률은 0부터 100까지의 수여야 합니다."},
		{"training diverged at step 9: the gradient became NaN or infinite. The weights of the last good step are kept. Try a lower learning rate or gradient clipping (e.g. 1).",
			"9단계에서 학습이 발산했습니다: 기울기가 NaN 또는 무한대가 되었습니다. 마지막으로 정상이던 가중치를 유지합니다. 학습률을 낮추거나 기울기 클리핑(예: 1)을 써 보세요."},
		{"training diverged at step 9: the loss became infinite. The weights of the last good step are kept. Try a lower learning rate or gradient clipping (e.g. 1).",
			"9단계에서 학습이 발산했습니다: 손실이 무한대가 되었습니다. 마지막으로 정상이던 가중치를 유지합니다. 학습률을 낮추거나 기울기 클리핑(예: 1)을 써 보세요."},
		{`hidden="5000" was not used: the hidden size must be a whole number from 1 to 2048. Using "20".`,
			`hidden="5000"은 쓰지 않았습니다: 은닉 크기는 1부터 2048까지의 정수여야 합니다. "20"을 씁니다.`},
		{`pace="warp" was not used: the pace is normal, slow or full. Using "normal".`,
			`pace="warp"는 쓰지 않았습니다: 속도는 normal, slow, full 중 하나입니다. "normal"을 씁니다.`},
		{"The link gives cell 2 times; the first is used.", "링크에 cell이 2번 있습니다. 첫 번째 값을 씁니다."},
	} {
		if got := Tmsg(tt.en); got != tt.ko {
			t.Errorf("Tmsg(%q)\n = %q\nwant %q", tt.en, got, tt.ko)
		}
	}
}
