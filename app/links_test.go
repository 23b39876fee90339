package app

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/app/protocol"
)

func TestDecodeClassroom(t *testing.T) {
	for _, c := range []struct {
		query string
		want  Classroom
		msgs  int
	}{
		{"", Classroom{}, 0},
		{"view=cell", Classroom{View: "cell"}, 0},
		{"view=GRADIENT", Classroom{View: "gradient"}, 0},
		{"view=nope", Classroom{}, 1},
		{"hide=seed,layers", Classroom{Hide: []string{"layers", "seed"}}, 0},
		{"hide=seed&hide=lr,seed", Classroom{Hide: []string{"lr", "seed"}}, 0},
		{"hide=seed,,%20cell%20", Classroom{Hide: []string{"cell", "seed"}}, 0},
		{"hide=seed,wings,tail", Classroom{Hide: []string{"seed"}}, 1},
		{"lang=ko", Classroom{Lang: Korean}, 0},
		{"lang=KO", Classroom{Lang: Korean}, 0},
		{"lang=fr", Classroom{}, 1},
		{"text=hi&cell=lstm&view=compare&hide=look&lang=en", Classroom{View: "compare", Hide: []string{"look"}, Lang: English}, 0},
		{"%zz", Classroom{}, 0}, // protocol.DecodeQuery reports a broken query
	} {
		got, msgs := DecodeClassroom(c.query)
		if got.View != c.want.View || got.Lang != c.want.Lang || !slices.Equal(got.Hide, c.want.Hide) {
			t.Errorf("DecodeClassroom(%q) = %+v, want %+v", c.query, got, c.want)
		}
		if len(msgs) != c.msgs {
			t.Errorf("DecodeClassroom(%q): messages %q, want %d", c.query, msgs, c.msgs)
		}
		// What Query writes reads back the same.
		back, _ := DecodeClassroom(got.Query())
		if back.View != got.View || back.Lang != got.Lang || !slices.Equal(back.Hide, got.Hide) {
			t.Errorf("%q: Query %q reads back as %+v", c.query, got.Query(), back)
		}
	}
}

// The classroom keys are not reported as unknown by the settings' codec,
// and a link keeps both parts.
func TestLinkKeepsSettingsAndClassroom(t *testing.T) {
	q := "cell=gru&hidden=12&view=gradient&hide=seed,lr&lang=ko"
	s, msgs := protocol.DecodeQuery(q)
	if len(msgs) != 0 {
		t.Errorf("protocol.DecodeQuery(%q) reports %q", q, msgs)
	}
	c, _ := DecodeClassroom(q)
	l := link(s, c)
	if !strings.HasPrefix(l, s.Query()+"&") || !strings.HasSuffix(l, "view=gradient&hide=lr,seed&lang=ko") {
		t.Errorf("link = %q", l)
	}
	if got := link(s, Classroom{}); got != s.Query() {
		t.Errorf("link without classroom = %q, want the settings' query", got)
	}
}

// Every hideable control has a rule in web/views.css, and every hide-
// rule there names a hideable control.
func TestEveryHideableControlHasACSSRule(t *testing.T) {
	css, err := os.ReadFile("../web/views.css")
	if err != nil {
		t.Fatal(err)
	}
	ruled := map[string]bool{}
	for _, m := range regexp.MustCompile(`\.hide-([a-z]+) `).FindAllStringSubmatch(string(css), -1) {
		ruled[m[1]] = true
	}
	for _, h := range hideable {
		if !ruled[h] {
			t.Errorf("hide=%s has no rule in web/views.css", h)
		}
		delete(ruled, h)
	}
	for h := range ruled {
		t.Errorf("web/views.css hides %q, which links.go does not accept", h)
	}
}

// Every lesson's link is valid: no notice, and its view is a view.
func TestLessonLinks(t *testing.T) {
	for _, l := range lessons {
		s, msgs := protocol.DecodeQuery(l.Query)
		c, cmsgs := DecodeClassroom(l.Query)
		if len(msgs)+len(cmsgs) > 0 {
			t.Errorf("lesson %s: %q %q", l.ID, msgs, cmsgs)
		}
		if !slices.Contains(views, c.View) {
			t.Errorf("lesson %s opens view %q", l.ID, c.View)
		}
		if err := s.Config.Validate(); err != nil {
			t.Errorf("lesson %s: %v", l.ID, err)
		}
		if l.Title == "" || l.Explain == "" || l.Question == "" {
			t.Errorf("lesson %s lacks a title, explanation or question", l.ID)
		}
	}
}

// FuzzDecodeClassroom: any query decodes without panic to values the page
// accepts, and what Query writes reads back the same.
func FuzzDecodeClassroom(f *testing.F) {
	for _, q := range []string{"", "view=cell&hide=seed,lr&lang=ko", "hide=,,x", "view=%zz", "lang=EN&view=Compare"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		c, _ := DecodeClassroom(q)
		if c.View != "" && !slices.Contains(views, c.View) || c.Lang != "" && c.Lang != English && c.Lang != Korean {
			t.Fatalf("%q: %+v", q, c)
		}
		for _, h := range c.Hide {
			if !slices.Contains(hideable, h) {
				t.Fatalf("%q hides %q", q, h)
			}
		}
		back, msgs := DecodeClassroom(c.Query())
		if len(msgs) > 0 || back.View != c.View || back.Lang != c.Lang || !slices.Equal(back.Hide, c.Hide) {
			t.Fatalf("%q: %+v reads back as %+v (%q)", q, c, back, msgs)
		}
	})
}
