package app

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/trainer"
)

func TestMarkupEscapes(t *testing.T) {
	var m markup
	m.open("g", "id", `a"b`, "data-t", 3, "x", 1.5).open("title").text(`<b> & "c"`).close("title").
		empty("rect", "width", 92.0).close("g")
	want := `<g id="a&#34;b" data-t="3" x="1.5"><title>&lt;b&gt; &amp; &#34;c&#34;</title><rect width="92"/></g>`
	if got := m.b.String(); got != want {
		t.Errorf("markup\n got %s\nwant %s", got, want)
	}
}

// The unrolled network and the neurons over the text are written as
// markup: a student's token must reach the page as text, never as markup.
func TestTracedTokensAreText(t *testing.T) {
	events := trainer.FirstEvents()
	d := *events[1].Look.Trace
	d.Tokens = append([]string(nil), d.Tokens...)
	d.Tokens[1] = `<img src=x onerror=alert(1)>`
	html := app.HTMLString(&unrolledView{Trace: &d, textTrace: &d})
	if strings.Contains(html, "<img") || !strings.Contains(html, "&lt;img") {
		t.Errorf("a token <img …> is not escaped in the unrolled view:\n%s", html)
	}
	cells := min(len(d.Tokens), unrolledSteps) * len(d.Layers)
	if n := strings.Count(html, `class="ur-cell`); n != cells {
		t.Errorf("%d boxes written, want %d", n, cells)
	}
	if n := strings.Count(html, `class="nt-token`); n != len(d.Tokens) {
		t.Errorf("%d tokens written in the neurons' text, want %d", n, len(d.Tokens))
	}
}
