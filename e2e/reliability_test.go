package e2e

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Browser tests of a classroom: whatever a classroom types, links or drops,
// the page keeps working, shows text as text, and keeps the model.
// docs/reliability.md lists each case with its test.

// markup is text that would run script if the page ever wrote it as HTML.
const markup = `<script>alert(1)</script> "><img src=x onerror=alert(1)> <b>bold</b> &amp;`

// watchForInjection makes every later page of the tab record alert and
// friends, and Content-Security-Policy violations, in window.__injected.
func watchForInjection(t *testing.T, ctx context.Context) {
	t.Helper()
	addScript(t, ctx, `window.__injected = [];
		for (const f of ["alert", "confirm", "prompt"]) window[f] = m => { window.__injected.push(f + ": " + m) };
		document.addEventListener("securitypolicyviolation", e => window.__injected.push("CSP: " + e.violatedDirective));`)
}

// addScript runs src at the start of every later page of the tab.
func addScript(t *testing.T, ctx context.Context, src string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: src}); err != nil {
		t.Fatal(err)
	}
}

// injected lists what ran or was created from the markup: dialogs,
// CSP violations, and elements the markup would have made.
func injected(t *testing.T, ctx context.Context) []string {
	t.Helper()
	var out []string
	eval(t, ctx, `[...window.__injected, ...[...document.querySelectorAll("*")].filter(e =>
		e.hasAttribute("onerror") || e.tagName === "IMG" || e.tagName === "B" ||
		(e.tagName === "SCRIPT" && !e.src)).map(e => "element: " + e.outerHTML.slice(0, 80))]`, &out)
	return out
}

// setText types text into the text box as a student does.
func setText(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const e = document.querySelector("#opt-text");
		e.value = %q; e.dispatchEvent(new Event("input")) })()`, text))); err != nil {
		t.Fatal(err)
	}
}

// setField types value into the field sel and leaves it, as a student
// does (the change event).
func setField(t *testing.T, ctx context.Context, sel, value string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const e = document.querySelector(%q);
		e.value = %q; e.dispatchEvent(new Event("change")) })()`, sel, value))); err != nil {
		t.Fatal(err)
	}
}

// vocabTokens is the vocabulary table's token column.
func vocabTokens(t *testing.T, ctx context.Context) []string {
	t.Helper()
	var toks []string
	eval(t, ctx, `[...document.querySelectorAll("#vocab .token")].map(td => td.textContent)`, &toks)
	return toks
}

// TestMarkupIsShownAsText: text that looks like HTML, from a link or typed
// into the box, trains and shows as the same characters in the log, the
// vocabulary, the guesses and the softmax table; nothing runs and no
// element is made from it.
func TestMarkupIsShownAsText(t *testing.T) {
	words := strings.Fields(markup)
	check := func(t *testing.T, ctx context.Context) {
		waitState(t, ctx, "done")
		vocab := strings.Join(vocabTokens(t, ctx), "\n")
		for _, w := range words {
			if !strings.Contains(vocab, w) {
				t.Errorf("the vocabulary lacks %q: %q", w, vocab)
			}
		}
		if log := strings.Join(logLines(t, ctx), "\n"); !strings.Contains(log, "<") {
			t.Errorf("the log shows no markup as text:\n%s", log)
		}
		guesses := topGuesses(t, ctx, words[0]+" "+words[1])
		if !strings.HasPrefix(guesses[0], words[2]+" ") {
			t.Errorf("after %q the model guesses %v, want %q first", words[0]+" "+words[1], guesses, words[2])
		}
		waitTrace(t, ctx, 30)
		if table := text(t, ctx, "#softmax-table"); !strings.Contains(table, words[1]) {
			t.Errorf("the softmax table does not show %q: %q", words[1], table)
		}
		if got := injected(t, ctx); len(got) > 0 {
			t.Errorf("the markup ran or made elements: %q", got)
		}
	}
	t.Run("link", func(t *testing.T) {
		ctx := newTab(t, 90*time.Second)
		watchForInjection(t, ctx)
		openPlayground(t, ctx, url.Values{"text": {markup}, "steps": {"30"}, "autoplay": {"1"},
			"lr": {"0.05"}, "view": {"softmax"}}.Encode())
		var box string
		eval(t, ctx, `document.querySelector("#opt-text").value`, &box)
		if got := box; got != markup {
			t.Errorf("the text box holds %q", got)
		}
		check(t, ctx)
	})
	t.Run("typed", func(t *testing.T) {
		ctx := newTab(t, 90*time.Second)
		watchForInjection(t, ctx)
		openPlayground(t, ctx, "steps=30&lr=0.05&view=softmax")
		setText(t, ctx, markup)
		if err := chromedp.Do(ctx, waitJS(`[...document.querySelectorAll("#vocab .token")].some(td => td.textContent === "<b>bold</b>")`)); err != nil {
			t.Fatalf("the typed text does not reach the vocabulary: %v", err)
		}
		click(t, ctx, "#play")
		check(t, ctx)
		// The link to share holds the text as text too.
		var search string
		eval(t, ctx, `new URLSearchParams(location.search).get("text")`, &search)
		if search != markup {
			t.Errorf("the address bar's text = %q", search)
		}
	})
}

// TestUnusualTextTrains: control characters, combining marks, emoji and
// mixed scripts train at the word and at the character level, and each
// token shows in the vocabulary as it was typed.
func TestUnusualTextTrains(t *testing.T) {
	const unusual = "tab\there bell\abell nul\x00nul del\x7fdel\n" +
		"cafe\u0301 n\u0303o Z\u0351\u0313a\u0308\n" +
		"🙂 👩\u200d👩\u200d👧 🇰🇷 ❤\ufe0f\n" +
		"Hello 안녕 Привет مرحبا שלום 你好 नमस्ते"
	for _, c := range []struct {
		tok  string
		want []string // tokens the vocabulary must show
	}{
		{"word", []string{"cafe\u0301", "👩\u200d👩\u200d👧", "🇰🇷", "안녕", "مرحبا", "नमस्ते", "bell\abell", "nul\x00nul"}},
		{"char", []string{"\u0301", "🙂", "\u200d", "안", "ש", "\a", "\x00", "\x7f", "⇥"}},
	} {
		t.Run(c.tok, func(t *testing.T) {
			ctx := newTab(t, 90*time.Second)
			openPlayground(t, ctx, url.Values{"text": {unusual}, "tok": {c.tok}, "steps": {"5"}, "autoplay": {"1"}}.Encode())
			waitState(t, ctx, "done")
			if e := text(t, ctx, "#run-error"); e != "" {
				t.Errorf("run error %q", e)
			}
			vocab := vocabTokens(t, ctx)
			for _, w := range c.want {
				if !contains(vocab, w) {
					t.Errorf("the vocabulary lacks %q", w)
				}
			}
			var box string
			eval(t, ctx, `document.querySelector("#opt-text").value`, &box)
			if box != unusual {
				t.Errorf("the text box holds %q", box)
			}
			if got := topGuesses(t, ctx, "🙂"); len(got) != 5 {
				t.Errorf("guesses after an emoji: %v", got)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestMegabyteOfText: a megabyte pasted into the box, 50,000 different
// words, is refused with the memory it would need as one line, and trains
// as windows; the link holds it, compressed in the fragment.
func TestMegabyteOfText(t *testing.T) {
	var sb strings.Builder
	for i := 0; sb.Len() < 1<<20; i++ {
		fmt.Fprintf(&sb, "w%d ", i%50_000)
	}
	ctx := newTab(t, 120*time.Second)
	openPlayground(t, ctx, "steps=3")
	setText(t, ctx, sb.String())
	waitState(t, ctx, "cannot train these settings")
	if got := text(t, ctx, "#run-error"); !strings.Contains(got, "MB the playground allows") || !strings.Contains(got, "longest line") {
		t.Errorf("one megabyte line: %q", got)
	}
	var fragment int
	eval(t, ctx, `location.hash.startsWith("#z=") ? location.hash.length : 0`, &fragment)
	if fragment == 0 || fragment > 1<<20 {
		t.Errorf("the address bar's fragment holds %d characters, want the text compressed", fragment)
	}
	if got := text(t, ctx, "#link-note"); got != "" {
		t.Errorf("link note %q", got)
	}
	for _, kv := range [][2]string{{"batch", "4"}, {"window", "16"}} {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const e = document.querySelector("#opt-%s");
			e.value = %q; e.dispatchEvent(new Event("change")) })()`, kv[0], kv[1]))); err != nil {
			t.Fatal(err)
		}
	}
	trainToEnd(t, ctx)
	if got := text(t, ctx, "section#vocab"); !strings.Contains(got, "50001 tokens") {
		t.Errorf("vocabulary card %q, want 50001 tokens", got[:min(len(got), 200)])
	}
	if got := text(t, ctx, "#step-count"); got != "3" {
		t.Errorf("step %q, want 3", got)
	}
}

// TestHostileLinksOpenThePlayground: a broken, repeated, unknown, oversized
// or out-of-range part of a link gives a message naming what is accepted;
// the page opens with the defaults for it and trains.
func TestHostileLinksOpenThePlayground(t *testing.T) {
	ctx := newTab(t, 180*time.Second)
	watchForInjection(t, ctx)
	long := strings.Repeat("9", 50_000)
	for _, c := range []struct {
		name, query string
		field, want string // the form field that keeps its default, and a part of the message
	}{
		{"hidden 1e9", "hidden=1000000000", "hidden", "hidden size must be a whole number from 1 to 2048"},
		{"layers 1e6", "layers=1000000", "layers", "layers must be a whole number from 1 to 8"},
		{"steps 1e12", "steps=1000000000000", "steps", "steps must be a whole number from 1 to 1000000"},
		{"negative", "embed=-5", "embed", "embedding size must be a whole number from 1 to 1024"},
		{"not a number", "hidden=twenty", "hidden", "from 1 to 2048"},
		{"fraction", "layers=1.5", "layers", "from 1 to 8"},
		{"NaN", "lr=NaN", "lr", "learning rate must be a number from 0 to 100"},
		{"Inf", "lr=Inf", "lr", "learning rate must be a number from 0 to 100"},
		{"-Inf clip", "clip=-Inf", "clip", "gradient clipping must be a number from 0 to 1000000"},
		{"overflow", "clip=1e999", "clip", "gradient clipping must be a number"},
		{"seed", "seed=-1", "seed", "seed must be a whole number from 0 to 9007199254740991"},
		{"50 KB number", "hidden=" + long, "hidden", "from 1 to 2048"},
		{"bad percent-encoding", "hidden=%zz&cell=gru", "hidden", "could not be read"},
		{"truncated escape", "text=We%2", "", "could not be read"},
		{"repeated keys", "hidden=12&hidden=13&hidden=14", "", "hidden 3 times"},
		{"unknown keys", "__proto__=1&constructor=2&x" + long[:100] + "=3", "", "does not know"},
		{"script in a field", "cell=%3Cscript%3Ealert(1)%3C/script%3E&hidden=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E", "cell", `unknown cell "<script>alert(1)</script>"`},
		{"script as a key", "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E=1", "", `"<img src=x onerror=alert(1)>"`},
		{"empty text", "text=%20%0A", "", "text is empty"},
		{"only separators", "&&&=&=", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			openPlayground(t, ctx, c.query)
			notices := text(t, ctx, "#notices")
			if !strings.Contains(notices, c.want) || c.name != "only separators" && notices == "" {
				t.Errorf("notices %q, want %q", notices, c.want)
			}
			if c.field != "" {
				var v string
				eval(t, ctx, fmt.Sprintf(`document.querySelector("#opt-%s").value`, c.field), &v)
				def := map[string]string{"hidden": "20", "layers": "1", "steps": "151", "embed": "5", "lr": "0.001", "clip": "0", "seed": "70", "cell": "rnn"}[c.field]
				if v != def {
					t.Errorf("the form shows %s=%q, want the default %q", c.field, v, def)
				}
			}
			waitState(t, ctx, "paused")
			// The defaults' model, kept from the run before, goes on
			// from its step, and the page says so.
			var before int
			eval(t, ctx, `+document.querySelector("#step-count").textContent`, &before)
			if before > 0 && !strings.Contains(text(t, ctx, "#origin-what"), fmt.Sprintf("kept at step %d", before)) {
				t.Errorf("step %d with no word of the kept model: %q", before, text(t, ctx, "#origin"))
			}
			click(t, ctx, "#step")
			if err := chromedp.Do(ctx, waitJS(fmt.Sprintf(`document.querySelector("#step-count").textContent === "%d"`, before+1))); err != nil {
				t.Errorf("the playground does not train: step %q, page %q", text(t, ctx, "#step-count"), pageText(ctx))
			}
			if got := injected(t, ctx); len(got) > 0 {
				t.Errorf("the link ran or made elements: %q", got)
			}
		})
	}
}

// TestOversizedLinkAfterAVisit: a link of a megabyte (the server refuses
// request heads over 64 KiB) still opens the playground for a student
// who has visited once, from the page the service worker keeps.
func TestOversizedLinkAfterAVisit(t *testing.T) {
	ctx := newTab(t, 120*time.Second)
	openPlayground(t, ctx, "")
	// The first visit installs the service worker; from the next load on it
	// answers the page's requests.
	if err := chromedp.Do(ctx, waitJS(`navigator.serviceWorker.ready.then(() => true)`), chromedp.Reload(),
		waitJS(`!!navigator.serviceWorker.controller`)); err != nil {
		t.Fatalf("no service worker controls the page: %v", err)
	}
	for _, c := range []struct{ name, query, want string }{
		{"1 MB value", "hidden=" + strings.Repeat("1", 1<<20), "from 1 to 2048"},
		{"1 MB text", url.Values{"text": {strings.Repeat("a b ", 1<<18)}, "steps": {"3"}}.Encode(), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			openPlayground(t, ctx, c.query)
			if got := text(t, ctx, "#notices"); !strings.Contains(got, c.want) {
				t.Errorf("notices %q, want %q", got, c.want)
			}
			if got := text(t, ctx, "#run-state"); got != "paused" {
				t.Errorf("state %q, want paused; run error %q", got, text(t, ctx, "#run-error"))
			}
		})
	}
}

// TestFormRefusesOutOfRange: every numeric field refuses what a link
// refuses, beside the field, naming the range, and keeps what was typed;
// while a field is refused Train waits and says why, and the link holds
// what the form shows. A window without its batch is marked on the batch.
func TestFormRefusesOutOfRange(t *testing.T) {
	ctx := newTab(t, 120*time.Second)
	openPlayground(t, ctx, "")
	defaults := map[string]string{"hidden": "20", "layers": "1", "embed": "5", "steps": "151", "window": "0",
		"batch": "0", "lr": "0.001", "clip": "0", "seed": "70"}
	for _, c := range []struct{ field, value, marked, want string }{
		{"hidden", "1e9", "hidden", "hidden size must be a whole number from 1 to 2048"},
		{"hidden", "-20", "hidden", "from 1 to 2048"},
		{"hidden", "abc", "hidden", "from 1 to 2048"}, // a number input reads "abc" as ""
		{"layers", "1000000", "layers", "layers must be a whole number from 1 to 8"},
		{"embed", "2.5", "embed", "embedding size must be a whole number from 1 to 1024"},
		{"steps", "1000000000000", "steps", "steps must be a whole number from 1 to 1000000"},
		{"window", "99999", "window", "window length must be a whole number from 0 to 4096"},
		{"batch", "-1", "batch", "batch size must be a whole number from 0 to 1024"},
		{"lr", "-1", "lr", "learning rate must be a number from 0 to 100"},
		{"lr", "NaN", "lr", "learning rate must be a number from 0 to 100"},
		{"lr", "1e999", "lr", "learning rate must be a number from 0 to 100"},
		{"lr", "0", "lr", "greater than 0"},
		{"clip", "-0.5", "clip", "gradient clipping must be a number from 0 to 1000000"},
		{"seed", "1e30", "seed", "seed must be a whole number from 0 to 9007199254740991"},
		{"window", "16", "batch", "atch size must be at least 1 when a window length is set"}, // accepted alone, waits for a batch
	} {
		wait, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := chromedp.Do(wait,
			chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const e = document.querySelector("#opt-%s");
				e.value = %q; e.dispatchEvent(new Event("change")) })()`, c.field, c.value)),
			waitJS(fmt.Sprintf(`(document.querySelector("#error-%s") || {}).textContent?.includes(%q)`, c.marked, c.want)),
			waitJS(`!!document.querySelector("#train-blocked") && document.querySelector("#play").disabled`),
		)
		cancel()
		if err != nil {
			t.Errorf("%s=%s: message beside %s %q, Train %q, want %q", c.field, c.value, c.marked,
				text(t, ctx, "#error-"+c.marked), text(t, ctx, "#train"), c.want)
		}
		var shown, search string
		eval(t, ctx, fmt.Sprintf(`document.querySelector("#opt-%s").value`, c.field), &shown)
		eval(t, ctx, `location.search`, &search)
		unreadable := c.value == "abc" || c.value == "NaN" || c.value == "1e999" // a number input reads them as ""
		if !unreadable && (shown != c.value || !strings.Contains(search, c.field+"="+url.QueryEscape(c.value))) {
			t.Errorf("%s=%s: the field shows %q, the link %q", c.field, c.value, shown, search)
		}
		if c.field != "window" || c.value != "16" {
			edit(t, ctx, c.field, defaults[c.field])
		}
	}
	edit(t, ctx, "batch", "2")
	edit(t, ctx, "window", "4") // the text's 8 tokens need a window shorter than 8
	waitState(t, ctx, "paused")
	click(t, ctx, "#step")
	if err := chromedp.Do(ctx, waitJS(`document.querySelector("#step-count").textContent === "1"`)); err != nil {
		t.Errorf("window 4 with batch 2 does not train: %q", pageText(ctx))
	}
}

// TestMemoryBudgetIsExplained: sizes that are each in range but together
// need more than the budget are refused with the estimate and the budget;
// the page stays usable and a smaller size trains.
func TestMemoryBudgetIsExplained(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	openPlayground(t, ctx, "cell=lstm&hidden=2048&layers=8&embed=1024")
	waitState(t, ctx, "cannot train these settings")
	msg := text(t, ctx, "#run-error")
	for _, want := range []string{"configuration needs about", "MB, more than the 1024 MB the playground allows", "smaller hidden size"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q, want %q", msg, want)
		}
	}
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`(() => { const e = document.querySelector("#opt-layers");
			e.value = "1"; e.dispatchEvent(new Event("change")) })()`),
		waitJS(`document.querySelector("#run-state").textContent === "paused"`),
	); err != nil {
		t.Fatalf("one layer of 2048 does not start: %q: %v", text(t, ctx, "#run-error"), err)
	}
}

// TestDivergenceStopsAtTheFirstBadStep: the counter and the curve stop at
// the last good step, the message names the next one and what to try, and
// the kept weights answer with finite probabilities.
func TestDivergenceStopsAtTheFirstBadStep(t *testing.T) {
	ctx := newTab(t, 60*time.Second)
	openPlayground(t, ctx, "cell=rnn_relu&opt=sgd&lr=100&steps=500&autoplay=1")
	waitState(t, ctx, "stopped: the loss diverged")
	msg := text(t, ctx, "#run-error")
	var bad int
	if _, err := fmt.Sscanf(msg[strings.Index(msg, "at step ")+len("at step "):], "%d", &bad); err != nil {
		t.Fatalf("message %q names no step", msg)
	}
	for _, want := range []string{"lower learning rate", "clipping", "last good step are kept"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q, want %q", msg, want)
		}
	}
	if got := text(t, ctx, "#step-count"); got != strconv.Itoa(bad-1) {
		t.Errorf("the counter shows %q; the message says step %d failed", got, bad)
	}
	var points string
	eval(t, ctx, `document.querySelector("#loss-chart").dataset.points`, &points)
	if points != strconv.Itoa(bad-1) {
		t.Errorf("the curve has %s points, want %d (the good steps)", points, bad-1)
	}
	for _, g := range topGuesses(t, ctx, "We are") {
		p := strings.TrimSuffix(g[strings.LastIndexByte(g, ' ')+1:], "%")
		if x, err := strconv.ParseFloat(p, 64); err != nil || math.IsNaN(x) || x < 0 || x > 100 {
			t.Errorf("guess %q is not a probability", g)
		}
	}
	// Training on is refused the same way, not silently.
	click(t, ctx, "#step")
	time.Sleep(300 * time.Millisecond)
	if got := text(t, ctx, "#step-count"); got != strconv.Itoa(bad-1) {
		t.Errorf("after Step the counter shows %q", got)
	}
}
