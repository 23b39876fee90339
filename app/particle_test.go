package app

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestParticles(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"은닉 크기{은/는} 1부터", "은닉 크기는 1부터"},
		{"학습률{은/는} 0보다", "학습률은 0보다"},
		{"시드{을/를} 씁니다", "시드를 씁니다"},
		{"손실{이/가} NaN{이/가} 되었습니다", "손실이 NaN이 되었습니다"},
		{"기울기{이/가} 무한대{이/가} 되었습니다", "기울기가 무한대가 되었습니다"},
		{"가중치{이/가}", "가중치가"},
		{"“abc”{을/를} 씁니다", "“abc”를 씁니다"},
		{"“0.01”{을/를} 씁니다", "“0.01”을 씁니다"},
		{"“0.5”{을/를}", "“0.5”를"},
		{"“1e+06”{을/를}", "“1e+06”을"},
		{"“10”{을/를}", "“10”을"},
		{"“2”{을/를}", "“2”를"},
		{"3{으로/로}", "3으로"},
		{"1{으로/로}", "1로"},
		{"2{으로/로}", "2로"},
		{"서울{으로/로}", "서울로"},
		{"집{으로/로}", "집으로"},
		{"RNN{이/가}", "RNN이"},
		{"GRU{이/가}", "GRU가"},
		{"LSTM{과/와}", "LSTM과"},
		{"GRU{과/와}", "GRU와"},
		{"Adam{을/를}", "Adam을"},
		{"lang=fr{은/는}", "lang=fr는"},
		{"lang=FR{은/는}", "lang=FR은"},
		{"0.3451{이었/였}습니다", "0.3451이었습니다"},
		{"0.3452{이었/였}습니다", "0.3452였습니다"},
		{"model.safetensors{을/를}", "model.safetensors를"},
		{"“→”{을/를}", "“→”을(를)"},
		{"{으로/로}", "(으)로"},
		{"{} and {x} and {은/는 stay", "{} and {x} and {은/는 stay"},
		{"plain text", "plain text"},
		{"— {은/는}", "— 은(는)"},
	} {
		if got := particles(tt.in); got != tt.want {
			t.Errorf("particles(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The Korean texts choose their particles: no hedge such as 은(는) is
// written out, and every choice in braces is one particles knows.
func TestKoreanTextsChooseTheirParticles(t *testing.T) {
	texts := map[string]string{}
	for en, ko := range korean {
		texts["catalogue "+strconv.Quote(en)] = ko
	}
	for code, ko := range koreanProblems {
		texts["problem "+string(code)] = ko
	}
	hedge := regexp.MustCompile(`\((는|가|를|와|과|으|이)\)`)
	choice := regexp.MustCompile(`\{([^{}/]*)/([^{}]*)\}`)
	for where, ko := range texts {
		if h := hedge.FindString(ko); h != "" {
			t.Errorf("%s: %q writes the hedge %s: write {with/without}", where, ko, h)
		}
		for _, m := range choice.FindAllStringSubmatch(ko, -1) {
			if !isParticle(m[1], m[2]) {
				t.Errorf("%s: %q: {%s/%s} is not a particle choice particles knows", where, ko, m[1], m[2])
			}
		}
	}
}

// The Korean texts say each concept with the glossary's term: none uses a
// word the glossary avoids, and a counted step is written 3단계, as one word.
func TestKoreanUsesTheGlossary(t *testing.T) {
	texts := map[string]string{}
	for en, ko := range korean {
		texts["catalogue "+strconv.Quote(en)] = ko
	}
	for code, ko := range koreanProblems {
		texts["problem "+string(code)] = ko
	}
	for _, g := range glossary {
		texts["glossary "+g.ID] = g.DefKo
	}
	spacedStep := regexp.MustCompile(`(\d|%d|\$\d) 단계`)
	for where, ko := range texts {
		for _, g := range glossary {
			for _, w := range g.Avoid {
				if strings.Contains(ko, w) {
					t.Errorf("%s: %q says %s for %q: the glossary's term is %s", where, ko, w, g.En, g.Ko)
				}
			}
		}
		if m := spacedStep.FindString(ko); m != "" {
			t.Errorf("%s: %q writes %q: a counted step is one word (3단계)", where, ko, m)
		}
	}
}
