package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestChangeWhileTraining: a learning rate changed after ten steps takes
// effect from step 11; it is marked on the curve and in the log, it is in
// the link and the PyTorch code, and `rnn train -schedule` prints the
// page's log.
func TestChangeWhileTraining(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	openPlayground(t, ctx, "")
	click(t, ctx, "#step10")
	if err := chromedp.Do(ctx, waitJS(`document.querySelector("#step-count").textContent === "10" &&
		document.querySelector("#run-state").textContent === "paused"`)); err != nil {
		t.Fatalf("Step ×10: step %q", text(t, ctx, "#step-count"))
	}
	if got := text(t, ctx, "#apply-change"); got != "Apply from step 11" {
		t.Errorf("the change button says %q", got)
	}
	setField(t, ctx, "#now-lr", "0.05")
	click(t, ctx, "#apply-change")
	click(t, ctx, "#pace-full")
	click(t, ctx, "#play")
	waitState(t, ctx, "done")

	var lr string
	eval(t, ctx, `document.querySelector("#opt-lr").value`, &lr)
	if lr != "0.001" {
		t.Errorf("the form's learning rate is %q, want the run's first, 0.001", lr)
	}
	if got := text(t, ctx, ".log-change"); got != "from step 11: lr = 0.05" {
		t.Errorf("the log says %q", got)
	}
	var mark string
	eval(t, ctx, `(document.querySelector("#loss-chart .change-mark") || {dataset: {}}).dataset.step || ""`, &mark)
	if mark != "11" {
		t.Errorf("the curve marks step %q", mark)
	}
	var href string
	eval(t, ctx, `location.href`, &href)
	if !strings.Contains(href, "schedule=11%3Alr%3D0.05") {
		t.Errorf("the link %s lacks the change", href)
	}
	code := text(t, ctx, "#pytorch-code")
	if !strings.Contains(code, "if step + 1 == 11:") || !strings.Contains(code, `group["lr"] = 0.05`) {
		t.Errorf("the PyTorch code does not change the learning rate at step 11")
	}
	page := logLines(t, ctx)
	if cli := cliLog(t, "-schedule", "11:lr=0.05"); strings.Join(page, "\n") != strings.Join(cli, "\n") {
		t.Errorf("page\n%s\nrnn train -schedule 11:lr=0.05\n%s", strings.Join(page, "\n"), strings.Join(cli, "\n"))
	}
	if strings.Join(page, "\n") == strings.Join(notebookLog, "\n") {
		t.Error("the change did not change the run")
	}
	shot(t, ctx, "#train", "change.png")

	// Forgetting the changes is a new run, the notebook's again.
	click(t, ctx, "#clear-changes")
	if err := chromedp.Do(ctx, waitJS(`document.querySelector("#step-count").textContent === "0"`)); err != nil {
		t.Fatal("forgetting the changes starts no new run:", err)
	}
	trainToEnd(t, ctx)
	if got := logLines(t, ctx); strings.Join(got, "\n") != strings.Join(notebookLog, "\n") {
		t.Errorf("after forgetting the changes\n%s", strings.Join(got, "\n"))
	}
	eval(t, ctx, `location.href`, &href)
	if !strings.Contains(href, "schedule=&") {
		t.Errorf("the link %s still holds a schedule", href)
	}
}
