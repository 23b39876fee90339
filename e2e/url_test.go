package e2e

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestFormEditsMakeALink edits the form, checks the address bar follows,
// and opens the address as another visitor: the same run, the same numbers.
func TestFormEditsMakeALink(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	openPlayground(t, ctx, "")
	for _, edit := range []struct{ id, value string }{{"#opt-hidden", "12"}, {"#opt-seed", "7"}} {
		if err := chromedp.Do(ctx,
			chromedp.SetValue(chromedp.CSS(edit.id), edit.value),
			chromedp.Evaluate[chromedp.Void](`document.querySelector("`+edit.id+`").dispatchEvent(new Event("change"))`),
		); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#opt-cell"), "gru"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#opt-cell").dispatchEvent(new Event("change"))`)); err != nil {
		t.Fatal(err)
	}
	var href string
	if err := chromedp.Do(ctx, waitJS(`location.search.includes("cell=gru")`)); err != nil {
		eval(t, ctx, `location.href`, &href)
		t.Fatalf("the address bar does not follow the form: %s", href)
	}
	eval(t, ctx, `location.href`, &href)
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	// Copy link copies the link of the form as it is now, not as it was
	// when the button was first drawn.
	hookClipboard(t, ctx)
	click(t, ctx, "#copy-link")
	if got := copied(t, ctx); got != href {
		t.Errorf("Copy link put %q on the clipboard, the address bar says %q", got, href)
	}
	q := u.Query()
	for k, want := range map[string]string{"hidden": "12", "seed": "7", "cell": "gru", "text": "We are going to watch Avengers End Game"} {
		if got := q.Get(k); got != want {
			t.Errorf("link %s=%q, want %q", k, got, want)
		}
	}

	// One step at a time, then the whole run.
	waitState(t, ctx, "paused")
	click(t, ctx, "#step")
	if err := chromedp.Do(ctx, waitJS(`document.querySelector("#step-count").textContent === "1"`)); err != nil {
		t.Fatalf("Step: counter %s", text(t, ctx, "#step-count"))
	}
	click(t, ctx, "#play")
	waitState(t, ctx, "done")
	first := logLines(t, ctx)

	// The log scale redraws the same points on another axis.
	click(t, ctx, "#log-scale")
	if err := chromedp.Do(ctx, waitJS(`document.querySelector("#loss-chart").dataset.scale === "log"`)); err != nil {
		t.Error("the log-scale toggle does not switch the axis")
	}

	// Another student opens the link. (The same student would get back the
	// model kept from this run, and Reset for the run from the seed.)
	other := newTab(t, 60*time.Second)
	openPlayground(t, other, strings.TrimPrefix(u.RawQuery, "?"))
	click(t, other, "#play")
	waitState(t, other, "done")
	if again := logLines(t, other); strings.Join(again, "\n") != strings.Join(first, "\n") {
		t.Errorf("the link trains differently:\n%s\nthen\n%s", strings.Join(first, "\n"), strings.Join(again, "\n"))
	}
	if first[len(first)-2][:9] != "[151/151]" {
		t.Errorf("last log header %q", first[len(first)-2])
	}
}
