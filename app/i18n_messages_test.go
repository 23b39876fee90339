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
