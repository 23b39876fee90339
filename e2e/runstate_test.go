package e2e

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser tests of the run's one state: the form, the link, the Train card
// and the worker never disagree.

// edit types raw into a form field and commits it, as a student does.
func edit(t *testing.T, ctx context.Context, key, raw string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const f = document.querySelector("#opt-%s");
		f.value = %q;
		f.dispatchEvent(new Event("input"));
		f.dispatchEvent(new Event("change"));
	})()`, key, raw))); err != nil {
		t.Fatalf("editing %s: %v", key, err)
	}
}

// TestRefusedValueStaysAndBlocksTrain: a refused value stays in its field,
// marked, the link holds what the form shows, and Train says why it waits
// instead of training on another value.
func TestRefusedValueStaysAndBlocksTrain(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	openPlayground(t, ctx, "")
	waitState(t, ctx, "paused")
	edit(t, ctx, "hidden", "1e9")
	if err := chromedp.Do(ctx, waitJS(`!!document.querySelector("#train-blocked")`)); err != nil {
		t.Fatalf("Train does not say why it waits: %q: %v", pageText(ctx), err)
	}
	var got struct {
		Value, Invalid, Described, Link string
		Play                            bool
	}
	eval(t, ctx, `(() => { const f = document.querySelector("#opt-hidden");
		return {value: f.value, invalid: f.getAttribute("aria-invalid"), described: f.getAttribute("aria-describedby"),
			link: location.search, play: document.querySelector("#play").disabled}; })()`, &got)
	if got.Value != "1e9" || got.Invalid != "true" || got.Described != "error-hidden" || !got.Play {
		t.Errorf("after hidden=1e9: field %q, aria-invalid %q, described by %q, Train disabled %v", got.Value, got.Invalid, got.Described, got.Play)
	}
	if !strings.Contains(got.Link, "hidden=1e9") {
		t.Errorf("the link %q does not hold what the form shows", got.Link)
	}
	if msg := text(t, ctx, "#train-blocked"); !strings.Contains(msg, "hidden size") {
		t.Errorf("Train says %q", msg)
	}
	edit(t, ctx, "hidden", "16")
	waitState(t, ctx, "paused")
	click(t, ctx, "#step")
	if err := chromedp.Do(ctx, waitJS(`document.querySelector("#step-count").textContent === "1"`)); err != nil {
		t.Fatalf("after the fix the playground does not train: %q", pageText(ctx))
	}
	eval(t, ctx, `document.querySelector("#opt-hidden").getAttribute("aria-invalid")`, &got.Invalid)
	if got.Invalid != "false" {
		t.Errorf("the fixed field is still marked: %q", got.Invalid)
	}
}

// TestCorpusFieldsInAnyOrder: the window, then the batch, as the form lists
// them; the window waits for its batch without being refused, and the run
// trains once both are in.
func TestCorpusFieldsInAnyOrder(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	for _, order := range [][2][2]string{{{"window", "4"}, {"batch", "2"}}, {{"batch", "2"}, {"window", "4"}}} {
		openPlayground(t, ctx, "")
		waitState(t, ctx, "paused")
		edit(t, ctx, order[0][0], order[0][1])
		edit(t, ctx, order[1][0], order[1][1])
		waitState(t, ctx, "paused")
		var state struct {
			Window, Batch string
			Errors        int
		}
		eval(t, ctx, `({window: document.querySelector("#opt-window").value, batch: document.querySelector("#opt-batch").value,
			errors: document.querySelectorAll(".field-error, #train-blocked").length})`, &state)
		if state.Window != "4" || state.Batch != "2" || state.Errors != 0 {
			t.Errorf("%s then %s: window %q batch %q, %d messages: %q", order[0][0], order[1][0], state.Window, state.Batch, state.Errors, pageText(ctx))
		}
		click(t, ctx, "#step")
		if err := chromedp.Do(ctx, waitJS(`document.querySelector("#step-count").textContent === "1"`)); err != nil {
			t.Errorf("%s then %s: no step: %q", order[0][0], order[1][0], pageText(ctx))
		}
	}
}

// TestKeptModelsOfSeveralRuns: a student trains the notebook's run, then
// the teacher's next exercise, then comes back: both models are found, each
// on its own link, at the step it reached.
func TestKeptModelsOfSeveralRuns(t *testing.T) {
	ctx := newTab(t, 120*time.Second)
	kept := func(step int) {
		t.Helper()
		if err := chromedp.Do(ctx, waitJS(fmt.Sprintf(
			`JSON.parse(localStorage.getItem("rnn-playground.last-model") || "{}").step === %d`, step))); err != nil {
			t.Fatalf("the model of step %d was not kept: %v", step, err)
		}
	}
	restored := func(query string, step int) {
		t.Helper()
		openPlayground(t, ctx, query)
		want := fmt.Sprintf("kept at step %d", step)
		if err := chromedp.Do(ctx, waitJS(fmt.Sprintf(
			`(document.querySelector("#origin-what") || {}).textContent?.includes(%q)`, want))); err != nil {
			t.Errorf("?%s: the page does not say %q: %q", query, want, text(t, ctx, "#origin-what"))
		}
	}
	openPlayground(t, ctx, "")
	trainToEnd(t, ctx)
	kept(151)
	openPlayground(t, ctx, "cell=gru&steps=40")
	trainToEnd(t, ctx)
	kept(40)
	restored("", 151)
	// The timeline's handle at the end: set before its max, it was cut to
	// the 40 steps of the run before.
	var slider struct{ Value, Max float64 }
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		eval(t, ctx, `(() => { const e = document.querySelector("#timeline"); return {value: e.valueAsNumber, max: +e.max} })()`, &slider)
		if slider.Value == 151 && slider.Max == 151 {
			break
		}
	}
	if slider.Value != 151 || slider.Max != 151 {
		t.Errorf("the timeline's handle is at %g of %g, want 151 of 151", slider.Value, slider.Max)
	}
	restored("cell=gru&steps=40", 40)
}

// TestReloadShowsTheKeptRun: after training and a reload the page says
// where the model comes from, at its step with its curve and log, and one
// button starts over from the seed with the notebook's numbers.
func TestReloadShowsTheKeptRun(t *testing.T) {
	ctx := newTab(t, 120*time.Second)
	openPlayground(t, ctx, "")
	trainToEnd(t, ctx)
	if err := chromedp.Do(ctx, waitJS(`JSON.parse(localStorage.getItem("rnn-playground.last-model") || "{}").step === 151`)); err != nil {
		t.Fatal("the model was not kept:", err)
	}
	live := text(t, ctx, "#live")
	if !strings.Contains(live, "151/151") {
		t.Fatalf("the latest step's box says %q, want step 151's predictions", live)
	}
	if err := chromedp.Do(ctx, chromedp.Reload(), started(),
		waitJS(`(document.querySelector("#origin-what") || {}).textContent?.includes("kept at step 151")`)); err != nil {
		t.Fatalf("after the reload: %q: %v", pageText(ctx), err)
	}
	waitState(t, ctx, "done")
	var state struct {
		Step, Points string
		Entries      int
	}
	eval(t, ctx, `({step: document.querySelector("#step-count").textContent,
		points: document.querySelector("#loss-chart").dataset.points,
		entries: document.querySelectorAll("#log .log-entry").length})`, &state)
	if state.Step != "151" || state.Points != "151" || state.Entries != 6 {
		t.Errorf("restored run: step %s, %s loss points, %d log entries; want 151, 151, 6", state.Step, state.Points, state.Entries)
	}
	if got := logLines(t, ctx); strings.Join(got, "\n") != strings.Join(notebookLog, "\n") {
		t.Errorf("the restored log is\n%s", strings.Join(got, "\n"))
	}
	if got := text(t, ctx, "#live"); got != live {
		t.Errorf("the restored run's latest step says %q, want what it said before the reload, %q", got, live)
	}
	click(t, ctx, "#start-over")
	waitState(t, ctx, "paused")
	if got := text(t, ctx, "#step-count"); got != "0" {
		t.Errorf("after Start over: step %s", got)
	}
	trainToEnd(t, ctx)
	if got := logLines(t, ctx); strings.Join(got, "\n") != strings.Join(notebookLog, "\n") {
		t.Errorf("from the seed again the log is\n%s", strings.Join(got, "\n"))
	}
}

// TestImportOverUnknownText: a model imported while the text holds tokens
// it does not know lists them, waits for the student's choice, and Ask
// marks the prefix's unknown tokens; an edit of the text drops the model
// and its banner together.
func TestImportOverUnknownText(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "rnn", "testdata", "pytorch_notebook.safetensors"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := newTab(t, 90*time.Second)
	openPlayground(t, ctx, "text=We+are+going+to+see+Iron+Man")
	waitState(t, ctx, "paused")
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
			const bytes = Uint8Array.from(atob(%q), c => c.charCodeAt(0));
			const dt = new DataTransfer();
			dt.items.add(new File([bytes], "notebook.safetensors"));
			document.querySelector("#model-drop").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		})()`, base64.StdEncoding.EncodeToString(data))),
		waitJS(`!!document.querySelector("#unknown-list")`),
	); err != nil {
		t.Fatalf("no list of unknown tokens: %q: %v", pageText(ctx), err)
	}
	if got := text(t, ctx, "#unknown-list"); got != "see, Iron, Man" {
		t.Errorf("unknown tokens %q, want see, Iron, Man", got)
	}
	var disabled bool
	eval(t, ctx, `document.querySelector("#play").disabled`, &disabled)
	if !disabled || !strings.Contains(text(t, ctx, "#train-blocked"), "does not know") {
		t.Errorf("Train does not wait for the choice: disabled %v, %q", disabled, pageText(ctx))
	}
	click(t, ctx, "#train-anyway")
	if err := chromedp.Do(ctx, waitJS(`!document.querySelector("#play").disabled`)); err != nil {
		t.Errorf("Train stays disabled after the choice: %v", err)
	}
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#prefix"), "We see"),
		waitJS(`(document.querySelector("#prefix-unknown") || {}).textContent?.includes("see")`)); err != nil {
		t.Errorf("Ask does not mark the unknown token: %q: %v", pageText(ctx), err)
	}
	edit(t, ctx, "text", "We are going to watch Avengers End Game")
	if err := chromedp.Do(ctx, waitJS(`!document.querySelector("#origin")`)); err != nil {
		t.Errorf("the banner stays after the text changed: %v", err)
	}
}
