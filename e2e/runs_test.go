package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// TestEarlierRunsOverlayAfterAReload: a finished run is kept; after the
// learning rate changes and the new run trains, a reload still lists the
// first, labelled with what changed; it draws over the current curve, and
// the CSV holds both runs' losses. Its settings come back with one click.
func TestEarlierRunsOverlayAfterAReload(t *testing.T) {
	ctx := newTab(t, 120*time.Second)
	openPlayground(t, ctx, "pace=full")
	click(t, ctx, "#play")
	waitState(t, ctx, "done")
	first := logLines(t, ctx)

	setField(t, ctx, "#opt-lr", "0.01")
	trainToEnd(t, ctx)
	// The second run's model kept (after "done", in tasks of their own);
	// the first's may not be: its settings changed as soon as it was done.
	if err := chromedp.Do(ctx, waitJS(`(JSON.parse(localStorage.getItem("rnn-playground.kept-models") || "[]")[0] || {query: ""}).query.includes("lr=0.01")`)); err != nil {
		t.Fatal("the second run's model was not kept:", err)
	}
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	openPlayground(t, ctx, "pace=full&lr=0.01")
	waitState(t, ctx, "done") // the kept model of lr=0.01, at its last step

	var labels []string
	eval(t, ctx, `[...document.querySelectorAll("#runs .run-item label")].map(l => l.textContent.trim())`, &labels)
	if len(labels) != 1 || labels[0] != "lr 0.001 → 0.01 · loss 0.3932 after 151 steps" {
		t.Fatalf("earlier runs %q, want the notebook's, labelled with the learning rate (this run is on the chart)", labels)
	}
	click(t, ctx, "#runs summary")
	click(t, ctx, "#overlay-0")
	if err := chromedp.Do(ctx, waitJS(`(() => { const o = document.querySelector("#loss-chart .overlay");
		return !!o && o.dataset.points === "151" && o.dataset.label === "lr 0.001 → 0.01" })()`)); err != nil {
		t.Fatalf("the earlier run is not drawn: %v", err)
	}
	shot(t, ctx, "#train", "runs-overlay.png")

	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
		BrowserContextID: chromedp.FromContext(ctx).BrowserContextID}); err != nil {
		t.Fatal(err)
	}
	click(t, ctx, "#curves-csv")
	var csv []byte
	for deadline := time.Now().Add(20 * time.Second); csv == nil && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		csv, _ = os.ReadFile(filepath.Join(dir, "rnn-playground-losses.csv"))
	}
	lines := strings.Split(strings.TrimSpace(string(csv)), "\n")
	if len(lines) != 152 || lines[0] != "step,this run,lr 0.001 → 0.01" {
		t.Fatalf("CSV of %d lines, header %q", len(lines), lines[0])
	}
	// Step 1 of both runs is the notebook's 2.3034 (the learning rate acts
	// after the first loss); step 151 of the first is its 0.3932.
	printed := func(field string) string { // as the log prints a loss
		v, err := strconv.ParseFloat(field, 64)
		if err != nil {
			return field
		}
		return fmt.Sprintf("%.4f", v)
	}
	if f := strings.Split(lines[1], ","); len(f) != 3 || printed(f[1]) != "2.3034" || printed(f[2]) != "2.3034" {
		t.Errorf("CSV step 1: %q", lines[1])
	}
	if f := strings.Split(lines[151], ","); len(f) != 3 || printed(f[2]) != "0.3932" || printed(f[1]) == "0.3932" {
		t.Errorf("CSV step 151: %q", lines[151])
	}

	click(t, ctx, "#restore-run-0")
	waitState(t, ctx, "paused")
	var lr string
	eval(t, ctx, `document.querySelector("#opt-lr").value`, &lr)
	if lr != "0.001" {
		t.Errorf("restored learning rate %q", lr)
	}
	trainToEnd(t, ctx)
	if got := logLines(t, ctx); strings.Join(got, "\n") != strings.Join(first, "\n") {
		t.Errorf("the restored run's log\n%s\nwant the first run's\n%s", strings.Join(got, "\n"), strings.Join(first, "\n"))
	}
}
