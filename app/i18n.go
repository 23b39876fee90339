package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The page speaks English or Korean. A message's English text is its key:
// T("Softmax table") is the Korean "소프트맥스 표" when the page is in
// Korean. Format strings keep their verbs in the same order in both
// languages. TestEveryMessageIsTranslated reads every T("…") call in the
// package and checks the catalogue has it.

// Languages the page can show.
const (
	English = "en"
	Korean  = "ko"
)

// uiLang is the page's language, set once when the page starts (from the
// link's lang=, the reader's last choice, or the browser's language).
var uiLang = English

// T translates an English message into the page's language; a message
// missing from the catalogue stays English.
func T(en string) string {
	if uiLang == Korean {
		if ko, ok := korean[en]; ok {
			return ko
		}
	}
	return en
}

// pickLang chooses the language: a valid explicit choice first (link,
// then stored), else the first of the browser's languages we speak.
func pickLang(explicit []string, browser []string) string {
	for _, l := range explicit {
		if l == English || l == Korean {
			return l
		}
	}
	for _, l := range browser {
		switch strings.ToLower(strings.SplitN(l, "-", 2)[0]) {
		case Korean:
			return Korean
		case English:
			return English
		}
	}
	return English
}

// korean is the catalogue: English text → Korean text.
var korean = map[string]string{
	// Look inside (look.go)
	"5 · Look inside":          "5 · 안을 들여다보기",
	"Softmax table":            "소프트맥스 표",
	"Inside the cell":          "셀 내부",
	"Vanishing gradient":       "기울기 소실",
	"Compare RNN · LSTM · GRU": "RNN · LSTM · GRU 비교",
	"Colours":                  "색",
	"The views appear after the first training step.":                                "첫 학습 단계가 끝나면 보기가 나타납니다.",
	"Traced at step %d: the first sequence of the batch, under the current weights.": "%d 단계에서 기록: 현재 가중치로 배치의 첫 번째 시퀀스를 계산했습니다.",
	"Showing the last %d of %d time steps.":                                          "전체 %[2]d 시간 단계 중 마지막 %[1]d개를 보여 줍니다.",

	// Heatmaps (heatmap.go)
	"%s: %d time steps × %d units, colour from %.3g to %.3g.": "%s: 시간 단계 %d개 × 유닛 %d개, 색 범위 %.3g ~ %.3g.",
}

// langKey is where the reader's choice of language is kept.
const langKey = "rnn-playground.lang"

// storedLang is the language the reader chose last time, if any.
func storedLang() string {
	l, _ := storageGet(langKey)
	return l
}

// browserLangs are the browser's preferred languages, best first.
func browserLangs() []string {
	nav := app.Window().Get("navigator")
	if !nav.Truthy() {
		return nil
	}
	var out []string
	if ls := nav.Get("languages"); ls.Truthy() {
		for i := 0; i < ls.Length(); i++ {
			out = append(out, ls.Index(i).String())
		}
	}
	if l := nav.Get("language"); l.Truthy() {
		out = append(out, l.String())
	}
	return out
}

// langSwitch offers the other language. The choice is kept and the page
// reloads in it (every component renders its text once more from T).
type langSwitch struct {
	app.Compo
}

func (l *langSwitch) Render() app.UI {
	other, label := Korean, "한국어"
	if uiLang == Korean {
		other, label = English, "English"
	}
	return app.Button().Type("button").ID("lang-switch").Class("btn", "lang").
		Attr("lang", other).Title(T("Show the page in the other language")).Text(label).
		OnClick(func(ctx app.Context, e app.Event) {
			storageSet(langKey, other)
			u := app.Window().URL()
			q := u.Query()
			if q.Has("lang") {
				q.Set("lang", other)
				u.RawQuery = q.Encode()
			}
			app.Window().Get("location").Set("href", u.String())
		})
}
