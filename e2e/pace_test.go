package e2e

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// stepsSeen records, from now on, each step the counter shows and when.
const stepsSeen = `(() => {
	window.seen = [];
	const c = document.querySelector("#step-count");
	new MutationObserver(() => window.seen.push([+c.textContent, performance.now()]))
		.observe(c, {childList: true, characterData: true, subtree: true});
})()`

func watchSteps(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](stepsSeen)); err != nil {
		t.Fatal(err)
	}
}

type seenStep struct {
	step int
	at   float64 // ms
}

func readSeen(t *testing.T, ctx context.Context) []seenStep {
	t.Helper()
	var raw [][]float64
	eval(t, ctx, `window.seen`, &raw)
	out := make([]seenStep, len(raw))
	for i, r := range raw {
		out[i] = seenStep{int(r[0]), r[1]}
	}
	return out
}

// TestDefaultPaceIsWatchable: pressing Train on the default page plays
// the notebook's run out over seconds, step after step, and prints the
// notebook's log; at full speed, the same log.
func TestDefaultPaceIsWatchable(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	openPlayground(t, ctx, "")
	var checked bool
	eval(t, ctx, `document.querySelector("#pace-normal").checked`, &checked)
	if !checked {
		t.Error("the default pace is not normal")
	}
	watchSteps(t, ctx)
	click(t, ctx, "#play")
	waitState(t, ctx, "done")
	seen := readSeen(t, ctx)
	distinct := map[int]bool{}
	for _, s := range seen {
		if s.step > 0 && s.step < 151 {
			distinct[s.step] = true
		}
	}
	if len(seen) == 0 {
		t.Fatal("the counter never moved")
	}
	took := seen[len(seen)-1].at - seen[0].at
	t.Logf("normal pace: %d intermediate steps shown over %.0f ms", len(distinct), took)
	if len(distinct) < 20 || took < 2000 {
		t.Errorf("%d intermediate steps shown over %.0f ms, want at least 20 over 2 s", len(distinct), took)
	}
	if got := logLines(t, ctx); strings.Join(got, "\n") != strings.Join(notebookLog, "\n") {
		t.Errorf("log at the normal pace\n%s", strings.Join(got, "\n"))
	}

	openPlayground(t, ctx, "pace=full")
	click(t, ctx, "#reset")
	waitState(t, ctx, "paused")
	start := time.Now()
	click(t, ctx, "#play")
	waitState(t, ctx, "done")
	if got := logLines(t, ctx); strings.Join(got, "\n") != strings.Join(notebookLog, "\n") {
		t.Errorf("log at full speed\n%s", strings.Join(got, "\n"))
	}
	t.Logf("full speed: the run in %v as the test sees it", time.Since(start))
}

// TestPaceChangesWhileTraining: slow motion shows each step; Pause stops
// within a step; Step ×10 takes ten; a pace picked while training applies
// at once and is in the link; hide=pace hides the control.
func TestPaceChangesWhileTraining(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	openPlayground(t, ctx, "pace=slow")
	waitState(t, ctx, "paused")
	click(t, ctx, "#step10")
	if err := chromedp.Do(ctx, waitJS(`document.querySelector("#step-count").textContent === "10" &&
		document.querySelector("#run-state").textContent === "paused"`)); err != nil {
		t.Fatalf("Step ×10: step %q, state %q", text(t, ctx, "#step-count"), text(t, ctx, "#run-state"))
	}
	watchSteps(t, ctx)
	click(t, ctx, "#play")
	time.Sleep(1200 * time.Millisecond)
	click(t, ctx, "#pause")
	waitState(t, ctx, "paused")
	var pausedAt int
	eval(t, ctx, `+document.querySelector("#step-count").textContent`, &pausedAt)
	seen := readSeen(t, ctx)
	var steps []int
	for _, s := range seen {
		steps = append(steps, s.step)
	}
	// About 5 steps a second for 1.2 s: each one shown, none skipped.
	if pausedAt < 12 || pausedAt > 22 || !slices.IsSorted(steps) {
		t.Errorf("slow motion: paused at step %d after 1.2 s, steps shown %v", pausedAt, steps)
	}
	for i := 1; i < len(steps); i++ {
		if steps[i] > steps[i-1]+1 {
			t.Errorf("slow motion skipped from step %d to %d", steps[i-1], steps[i])
		}
	}
	time.Sleep(500 * time.Millisecond)
	if got := text(t, ctx, "#step-count"); got != strconv.Itoa(pausedAt) {
		t.Errorf("Pause: the run went on to step %s from %d", got, pausedAt)
	}

	click(t, ctx, "#play")
	click(t, ctx, "#pace-full")
	if err := chromedp.Do(ctx, waitJS(`document.querySelector("#run-state").textContent === "done"`)); err != nil {
		t.Fatalf("full speed picked while training: state %q at step %q", text(t, ctx, "#run-state"), text(t, ctx, "#step-count"))
	}
	var href string
	eval(t, ctx, `location.href`, &href)
	if !strings.Contains(href, "pace=full") {
		t.Errorf("the link does not hold the pace: %s", href)
	}
	if got := logLines(t, ctx); strings.Join(got, "\n") != strings.Join(notebookLog, "\n") {
		t.Errorf("log after changing the pace\n%s", strings.Join(got, "\n"))
	}

	openPlayground(t, ctx, "hide=pace")
	var shown bool
	eval(t, ctx, `document.querySelector("#pace").offsetParent !== null`, &shown)
	if shown {
		t.Error("hide=pace shows the pace")
	}
}
