package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestLongTextLinkOpens: a text of a megabyte travels in the link's
// compressed fragment; the copied link opens a fresh page with the same
// text and options, and the confirmation says what the link holds.
func TestLongTextLinkOpens(t *testing.T) {
	ctx := newTab(t, 120*time.Second)
	openPlayground(t, ctx, "cell=gru&steps=3")
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		let x = 70, words = [];
		const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
		for (let i = 0; i < 3000; i++) { let w = ""; for (let j = 0; j < 2 + rnd() * 8; j++) w += String.fromCharCode(97 + rnd() * 26); words.push(w); }
		let text = "";
		while (text.length < (1 << 20)) text += words[Math.floor(rnd() * words.length)] + " ";
		window.longText = text;
		const f = document.querySelector("#opt-text");
		f.value = text;
		f.dispatchEvent(new Event("input"));
	})()`), waitJS(`document.querySelector("#share-link").value.includes("#z=")`)); err != nil {
		t.Fatalf("the link of a long text is not compressed: %v", err)
	}
	click(t, ctx, "#copy-link")
	if err := chromedp.Do(ctx, waitJS(`(document.querySelector("#link-holds") || {}).textContent?.includes("compressed in the link")`)); err != nil {
		t.Errorf("the confirmation says %q: %v", text(t, ctx, "#share"), err)
	}
	var link string
	var size int
	eval(t, ctx, `document.querySelector("#share-link").value`, &link)
	eval(t, ctx, `window.longText.length`, &size)
	t.Logf("a %d-byte text makes a link of %d bytes", size, len(link))

	fresh := newTab(t, 120*time.Second)
	if err := chromedp.Do(fresh, chromedp.Navigate(link), started(),
		waitJS(`document.querySelector("#opt-text").value.length > 1000`)); err != nil {
		t.Fatalf("the link does not open: %q: %v", pageText(fresh), err)
	}
	var got struct {
		N          int
		Cell, Step string
	}
	eval(t, fresh, `({n: document.querySelector("#opt-text").value.length, cell: document.querySelector("#opt-cell").value,
		step: document.querySelector("#opt-steps").value})`, &got)
	if got.N != size || got.Cell != "gru" || got.Step != "3" {
		t.Errorf("the opened link has a text of %d bytes (want %d), cell %q, steps %q", got.N, size, got.Cell, got.Step)
	}
	if notices := text(t, fresh, "#notices"); notices != "" {
		t.Errorf("notices: %q", notices)
	}
}
