package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// translated are the functions whose string-literal arguments (by index)
// are catalogue keys: T itself and the page's helpers that call T on
// their labels.
var translated = map[string][]int{
	"T":           {0},
	"Tf":          {0},
	"section":     {1},
	"button":      {1, 2},
	"intField":    {1},
	"numberField": {1},
	"selectField": {1},
	"radio":       {1},
}

// messages finds every catalogue key the package's code uses.
func messages(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{} // key → where it is used
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var fn string
			switch f := call.Fun.(type) {
			case *ast.Ident:
				fn = f.Name
			case *ast.SelectorExpr:
				fn = f.Sel.Name
			}
			for _, i := range translated[fn] {
				if i >= len(call.Args) {
					continue
				}
				if s, ok := stringConst(call.Args[i]); ok {
					keys[s] = fset.Position(call.Args[i].Pos()).String()
				}
			}
			return true
		})
	}
	for _, st := range []protocol.State{loadingModel, protocol.NotReady, protocol.Paused, protocol.Running, protocol.Done, protocol.Diverged, protocol.Refused} {
		keys[stateLabel(st)] = "controls.go: stateLabel(" + string(st) + ")"
	}
	for _, l := range lessons { // lesson texts are T'd as values
		for _, s := range []string{l.Title, l.Explain, l.Question} {
			keys[s] = "lessons.go: lesson " + l.ID
		}
	}
	return keys
}

// stringConst is the value of a string literal or a sum of them.
func stringConst(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		a, ok1 := stringConst(e.X)
		b, ok2 := stringConst(e.Y)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return stringConst(e.X)
	}
	return "", false
}

var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// Every message the page shows has a Korean text with the same format
// verbs in the same order, and the catalogue holds nothing unused.
func TestEveryMessageIsTranslated(t *testing.T) {
	keys := messages(t)
	if len(keys) < 50 {
		t.Fatalf("found only %d messages: the scan is broken", len(keys))
	}
	for key, where := range keys {
		ko, ok := korean[key]
		if !ok {
			t.Errorf("%s: %q has no Korean text", where, key)
			continue
		}
		if ko == "" || ko == key && strings.ContainsAny(key, "abcdefghijklmnopqrstuvwxyz") {
			t.Errorf("%q: the Korean text is empty or English", key)
		}
		if a, b := verb.FindAllString(key, -1), verb.FindAllString(ko, -1); !slices.Equal(a, b) {
			t.Errorf("%q: verbs %v in English, %v in Korean", key, a, b)
		}
	}
	for key := range korean {
		if _, ok := keys[key]; !ok {
			t.Errorf("the catalogue has %q, which no code uses", key)
		}
	}
}

func TestT(t *testing.T) {
	defer func(l string) { uiLang = l }(uiLang)
	uiLang = English
	if got := T("Softmax table"); got != "Softmax table" {
		t.Errorf("English: %q", got)
	}
	uiLang = Korean
	if got := T("Softmax table"); got != "소프트맥스 표" {
		t.Errorf("Korean: %q", got)
	}
	if got := T("not in the catalogue"); got != "not in the catalogue" {
		t.Errorf("a missing message: %q", got)
	}
}

func TestPickLang(t *testing.T) {
	for _, c := range []struct {
		explicit, browser []string
		want              string
	}{
		{nil, []string{"ko-KR", "en-US"}, Korean},
		{nil, []string{"en-GB", "ko"}, English},
		{nil, []string{"fr-FR", "ko-KR"}, Korean},
		{nil, []string{"fr-FR"}, English},
		{nil, nil, English},
		{[]string{"", "ko"}, []string{"en-US"}, Korean},
		{[]string{"en", "ko"}, []string{"ko-KR"}, English},
		{[]string{"de"}, []string{"KO"}, Korean},
	} {
		if got := pickLang(c.explicit, c.browser); got != c.want {
			t.Errorf("pickLang(%q, %q) = %q, want %q", c.explicit, c.browser, got, c.want)
		}
	}
}

// One hidden control is a control, in English; Korean counts it the same way.
func TestHiddenNoteCounts(t *testing.T) {
	defer func(l string) { uiLang = l }(uiLang)
	for _, tt := range []struct {
		lang string
		n    int
		want string
	}{
		{English, 1, "Your teacher hid 1 control for this exercise."},
		{English, 3, "Your teacher hid 3 controls for this exercise."},
		{Korean, 1, "선생님이 이 연습 문제를 위해 조작 항목 1개를 숨겼습니다."},
		{Korean, 3, "선생님이 이 연습 문제를 위해 조작 항목 3개를 숨겼습니다."},
	} {
		uiLang = tt.lang
		if got := hiddenNote(tt.n); got != tt.want {
			t.Errorf("%s, %d hidden: %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}
