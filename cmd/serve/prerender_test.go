//go:build !wasm

package main

import (
	"regexp"
	"strings"
	"testing"
)

func TestFixPrerendered(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<input type="radio" id="tok-char" checked="false">`, `<input type="radio" id="tok-char">`},
		{`<input type="radio" id="tok-word" checked>`, `<input type="radio" id="tok-word" checked>`},
		{`<option value="gru" selected="false">GRU</option>`, `<option value="gru">GRU</option>`},
		{`<details id="lessons" open="false" class="lessons">`, `<details id="lessons" class="lessons">`},
		{`<button disabled="false" hidden="false">`, `<button>`},
		// enumerated attributes and ARIA keep their "false"; data-* is not a boolean
		{`<textarea spellcheck="false" aria-invalid="false"></textarea>`, `<textarea spellcheck="false" aria-invalid="false"></textarea>`},
		{`<div data-open="false" aria-hidden="false">`, `<div data-open="false" aria-hidden="false">`},
		// a textarea's text is its content, escaped for HTML, from go-app's Go quoting
		{`<textarea id="opt-text" value="We are going" rows="3"></textarea>`, `<textarea id="opt-text" rows="3">We are going</textarea>`},
		{`<textarea value="a \"b\" <c> & d\n"></textarea>`, `<textarea>a &#34;b&#34; &lt;c&gt; &amp; d` + "\n" + `</textarea>`},
		{`<textarea value="\nstarts on a new line"></textarea>`, "<textarea>\n\nstarts on a new line</textarea>"},
		{`<textarea value="한국어 ✓"></textarea>`, `<textarea>한국어 ✓</textarea>`},
		{`<textarea class="x"></textarea>`, `<textarea class="x"></textarea>`},
	}
	for _, tt := range tests {
		if got := string(fixPrerendered([]byte(tt.in))); got != tt.want {
			t.Errorf("fixPrerendered(%s)\n = %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

// hasElement reports whether page has a start tag of tag with all the
// attributes attrs (`value="rnn"`, or a name alone for a boolean), in any
// order: go-app writes them in map order.
func hasElement(page, tag string, attrs ...string) bool {
	for _, el := range regexp.MustCompile(`<`+tag+`\b[^>]*>`).FindAllString(page, -1) {
		all := true
		for _, a := range attrs {
			all = all && regexp.MustCompile(`\s`+regexp.QuoteMeta(a)+`[\s>]`).MatchString(el)
		}
		if all {
			return true
		}
	}
	return false
}

// The page as the server sends it: no false boolean attribute, the text in
// its box, the notebook's choices, and inert until the app replaces it.
func TestServedPageIsTheDefaultRun(t *testing.T) {
	page := body(t, get(t, newTestSite(t), "/"))
	if !hasElement(page, "div", `class="page"`, "inert") {
		t.Error("the page's copy is not inert")
	}
	if !strings.Contains(page, `>We are going to watch Avengers End Game</textarea>`) {
		t.Error("the text box of the page's copy is empty")
	}
	if !hasElement(page, "option", `value="rnn"`, "selected") || !hasElement(page, "option", `value="adam"`, "selected") {
		t.Error("the page's copy does not select RNN and Adam")
	}
	if m := falseBoolean.FindString(page); m != "" {
		t.Errorf("the page has %s, which HTML reads as true", m)
	}
	if !hasElement(page, "input", `id="tok-word"`, "checked") || hasElement(page, "input", `id="tok-char"`, "checked") {
		t.Error("the page's copy does not check words alone")
	}
}
