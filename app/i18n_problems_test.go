package app

import (
	"errors"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// runtimeProblems makes the errors the page shows at run time, the way the
// page and the worker make them: refused settings, links, texts, runs,
// prompts and model files.
func runtimeProblems(t *testing.T) []error {
	t.Helper()
	var out []error
	set := func(key, raw string) {
		s := protocol.DefaultSettings()
		if err := s.Set(key, raw); err != nil {
			out = append(out, err)
		} else {
			t.Fatalf("%s=%s was accepted", key, raw)
		}
	}
	set("hidden", "0")
	set("lr", "0")
	set("lr", "abc")
	set("seed", "-1")
	set("workers", "99")
	set("autoplay", "maybe")
	set("pace", "warp")
	set("schedule", "31:lr")
	set("schedule", "3:momentum=1")
	set("schedule", "3:lr=0")
	set("schedule", "3:clip=-1")
	set("cell", "transformer")
	set("opt", "rmsprop")
	set("tok", "bytes")
	set("text", " ")
	set("text", strings.Repeat("a", rnn.MaxTextBytes+1))
	set("colour", "red")
	cfg := rnn.DefaultConfig()
	for _, text := range []string{"", "single"} {
		if _, err := rnn.NewTrainer(text, cfg); err != nil {
			out = append(out, err)
		}
	}
	win := cfg
	win.Window, win.Batch = 10, 1
	if _, err := rnn.NewTrainer("a b c", win); err != nil {
		out = append(out, err)
	}
	big := cfg
	big.Hidden, big.Layers, big.Window, big.Batch = 2048, 8, 4096, 1024
	if _, err := rnn.NewTrainer(strings.Repeat("a b ", 3000), big); err != nil {
		out = append(out, err)
	}
	long := cfg
	long.Hidden, long.Layers = 2048, 8
	if _, err := rnn.NewTrainer(strings.Repeat("a b ", 20000), long); err != nil {
		out = append(out, err)
	}
	noBatch := cfg
	noBatch.Window = 5
	out = append(out, noBatch.Validate())
	tr, err := rnn.NewTrainer("We are going to watch Avengers End Game", cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []func() error{
		func() error { _, err := tr.Predict(" ", 3); return err },
		func() error { _, err := tr.Generate("We", -1, 0, 1); return err },
		func() error { _, err := tr.Generate("We", 3, 1000, 1); return err },
		func() error { _, err := rnn.LoadLM([]byte("We are going to watch Avengers End Game")); return err },
		func() error { _, err := rnn.LoadLM(nil); return err },
	} {
		if err := f(); err != nil {
			out = append(out, err)
		} else {
			t.Fatal("a refusal was accepted")
		}
	}
	out = append(out, &rnn.DivergedError{Step: 9, Loss: math.NaN(), What: "loss"},
		&rnn.DivergedError{Step: 9, Loss: math.Inf(1), What: "loss"},
		&rnn.DivergedError{Step: 9, Loss: 2, What: "gradient"},
		protocol.NoModel, protocol.ErrBadFragment, rnn.ErrNoPrefix)
	for _, q := range []string{"hidden=5000&cell=lstm&cell=gru&colour=red", "%zz", "window=10", "autoplay=maybe", "pace=warp"} {
		_, problems := protocol.DecodeQuery(q)
		for _, p := range problems {
			out = append(out, p)
		}
	}
	return out
}

// Every error the page can meet is a problem with a code (never the
// internal one), so it is worded in each language, and not by reading its
// English.
func TestRuntimeProblemsAreWordedInBothLanguages(t *testing.T) {
	defer func(l string) { uiLang = l }(uiLang)
	errs := runtimeProblems(t)
	if len(errs) < 30 {
		t.Fatalf("only %d problems made", len(errs))
	}
	hangul := func(s string) bool {
		return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Hangul, r) })
	}
	for _, err := range errs {
		var p *rnn.Problem
		if !errors.As(err, &p) && !errors.As(err, new(*rnn.DivergedError)) {
			t.Errorf("%q is a %T, not a problem the page words", err, err)
			continue
		}
		p = rnn.AsProblem(err)
		if p.Code == rnn.CodeInternal {
			t.Errorf("%q reaches the page as an internal error", err)
		}
		uiLang = English
		if en := Terr(err); en == "" || hangul(en) || en != protocol.Sentence(rnn.Sentence(p.Code, p.Args, p.Cause)) {
			t.Errorf("English of %q: %q", err, en)
		}
		uiLang = Korean
		if ko := Terr(err); !hangul(ko) || strings.Contains(ko, "%!") {
			t.Errorf("Korean of %q: %q", err, ko)
		}
	}
}

var problemVerb = regexp.MustCompile(`%(\[\d\])?s`)

// Every code has its Korean, with as many values as its English, and the
// English sentences take only strings (%s), as Problem.Args are.
func TestEveryProblemHasItsKorean(t *testing.T) {
	for code, en := range rnn.Problems {
		ko, ok := koreanProblems[code]
		if !ok {
			t.Errorf("%s has no Korean", code)
			continue
		}
		if a, b := problemVerb.FindAllString(en, -1), problemVerb.FindAllString(ko, -1); len(a) != len(b) {
			t.Errorf("%s: %d values in English (%q), %d in Korean (%q)", code, len(a), en, len(b), ko)
		}
		if strings.Count(en, "%") != len(problemVerb.FindAllString(en, -1)) {
			t.Errorf("%s: %q has a verb other than %%s", code, en)
		}
	}
	for code := range koreanProblems {
		if _, ok := rnn.Problems[code]; !ok {
			t.Errorf("koreanProblems has %s, which rnn does not", code)
		}
	}
}

// The particles agree with the word before them in the messages a
// student meets most.
func TestKoreanMessagesReadAsWritten(t *testing.T) {
	defer func(l string) { uiLang = l }(uiLang)
	uiLang = Korean
	s := protocol.DefaultSettings()
	hidden := s.Set("hidden", "5000")
	_, misfit := protocol.DecodeQuery("hidden=5000&pace=warp&cell=lstm&cell=gru")
	for _, tt := range []struct {
		err error
		ko  string
	}{
		{hidden, "은닉 크기는 1부터 2048까지의 정수여야 합니다."},
		{&rnn.DivergedError{Step: 9, Loss: 2, What: "gradient"},
			"9단계에서 학습이 발산했습니다: 기울기가 NaN 또는 무한대가 되었습니다. 마지막으로 정상이던 가중치를 유지합니다. 학습률을 낮추거나 기울기 클리핑(예: 1)을 써 보세요."},
		{&rnn.DivergedError{Step: 9, Loss: math.Inf(1), What: "loss"},
			"9단계에서 학습이 발산했습니다: 손실이 무한대가 되었습니다. 마지막으로 정상이던 가중치를 유지합니다. 학습률을 낮추거나 기울기 클리핑(예: 1)을 써 보세요."},
		{misfit[0], "링크에 cell이 2번 있습니다. 첫 번째 값을 씁니다."},
		{misfit[1], `hidden="5000"은 쓰지 않았습니다: 은닉 크기는 1부터 2048까지의 정수여야 합니다. "20"을 씁니다.`},
		{misfit[2], `pace="warp"는 쓰지 않았습니다: 속도는 normal, slow, full 중 하나입니다. "normal"을 씁니다.`},
	} {
		if got := Terr(tt.err); got != tt.ko {
			t.Errorf("Terr(%q)\n = %q\nwant %q", tt.err, got, tt.ko)
		}
	}
	if !slices.ContainsFunc(misfit, func(p *rnn.Problem) bool { return p.Code == rnn.CodeLinkNotUsed }) {
		t.Error("the link's refusals are not problems")
	}
}

// A model file that is not one says so in the student's words, with the
// parser's own words kept for those who ask.
func TestNotAModelKeepsTheDetail(t *testing.T) {
	defer func(l string) { uiLang = l }(uiLang)
	_, err := rnn.LoadLM([]byte("We are going to watch Avengers End Game"))
	p := rnn.AsProblem(err)
	if p.Code != rnn.CodeNotAModel || !strings.Contains(p.Detail, "safetensors") {
		t.Fatalf("problem %+v", p)
	}
	uiLang = Korean
	if ko := Tp(p); strings.Contains(ko, "safetensors") || !strings.Contains(ko, "모델이 아닙니다") {
		t.Errorf("Korean: %q", ko)
	}
}
