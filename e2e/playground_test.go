package e2e

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// notebookLog is the notebook's printout (seed 70): what the default page
// must print, digit for digit.
var notebookLog = []string{
	"[01/151] 2.3034", "We Avengers watch are going watch watch Avengers",
	"[31/151] 1.9172", "We are Avengers going are Avengers End Game",
	"[61/151] 1.5057", "We are going going watch Avengers End Game",
	"[91/151] 1.0342", "We are going to watch Avengers End Game",
	"[121/151] 0.6438", "We are going to watch Avengers End Game",
	"[151/151] 0.3932", "We are going to watch Avengers End Game",
}

func TestDefaultPageTrainsTheNotebookRun(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	openPlayground(t, ctx, "")
	if lede := text(t, ctx, ".lede"); !strings.Contains(lede, "the same numbers as PyTorch with torch.manual_seed(70)") {
		t.Errorf("the page does not say it matches PyTorch: %q", lede)
	}
	click(t, ctx, "#play")
	waitState(t, ctx, "done")

	if got := logLines(t, ctx); strings.Join(got, "\n") != strings.Join(notebookLog, "\n") {
		t.Errorf("log\n%s\nwant the notebook's\n%s", strings.Join(got, "\n"), strings.Join(notebookLog, "\n"))
	}
	if got := text(t, ctx, "#step-count"); got != "151" {
		t.Errorf("step counter = %q, want 151", got)
	}

	// The loss curve: one vertex per step, falling (SVG y grows downwards).
	var points string
	eval(t, ctx, `document.querySelector("#loss-line").getAttribute("points")`, &points)
	vertices := strings.Fields(points)
	if len(vertices) != 151 {
		t.Fatalf("the loss curve has %d points, want 151", len(vertices))
	}
	y := func(v string) float64 {
		f, _ := strconv.ParseFloat(v[strings.IndexByte(v, ',')+1:], 64)
		return f
	}
	if first, last := y(vertices[0]), y(vertices[150]); last <= first {
		t.Errorf("the loss curve does not fall: y %g at step 1, %g at step 151", first, last)
	}

	// Wrong predictions are marked: the first entry's seven predictions are
	// all wrong, the last entry's none.
	var marks []int
	eval(t, ctx, `[...document.querySelectorAll("#log .log-entry")].map(e => e.querySelectorAll(".wrong").length)`, &marks)
	if len(marks) != 6 || marks[0] != 7 || marks[5] != 0 {
		t.Errorf("wrong tokens marked per entry = %v, want 7 first and 0 last", marks)
	}

	// Ask the trained model.
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#prefix"), "We are"),
		waitJS(`(() => { const g = document.querySelector("#top-guesses .guess-token"); return !!g && g.textContent === "going" })()`),
	); err != nil {
		t.Fatalf("prefix \"We are\": top guesses %q: %v", text(t, ctx, "#top-guesses"), err)
	}
	var guesses int
	eval(t, ctx, `document.querySelectorAll("#top-guesses .guess").length`, &guesses)
	if guesses != 5 {
		t.Errorf("%d guesses, want 5", guesses)
	}
	click(t, ctx, "#generate")
	if err := chromedp.Do(ctx, waitJS(`!!document.querySelector("#generated")`)); err != nil {
		t.Fatal("Generate shows nothing:", err)
	}
	if got := text(t, ctx, "#generated"); !strings.HasPrefix(got, "We are going to watch Avengers End Game") {
		t.Errorf("greedy continuation = %q, want the sentence", got)
	}

	screenshot(t, ctx, "playground.png")
}

// TestCellsTrainFromURL opens links for LSTM and GRU and compares the page's
// log with the command line's (which the core's tests hold to PyTorch).
func TestCellsTrainFromURL(t *testing.T) {
	for _, cell := range []string{"lstm", "gru"} {
		t.Run(cell, func(t *testing.T) {
			ctx := newTab(t, 90*time.Second)
			openPlayground(t, ctx, "cell="+cell+"&hidden=16&embed=8&seed=12345&autoplay=1")
			waitState(t, ctx, "done")
			want := cliLog(t, "-text", "We are going to watch Avengers End Game", "-cell", cell,
				"-hidden", "16", "-embed", "8", "-seed", "12345")
			if got := logLines(t, ctx); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s log\n%s\nwant (rnn train)\n%s", cell, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			var sel string
			eval(t, ctx, `document.querySelector("#opt-cell").value`, &sel)
			if sel != cell {
				t.Errorf("the form shows cell %q, want %q", sel, cell)
			}
		})
	}
}

// slowRun is long enough to pause in the middle: the classroom paragraph,
// character level, with an LSTM.
func slowRun(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, "rnn", "testdata", "classroom.txt"))
	if err != nil {
		t.Fatal(err)
	}
	q := url.Values{
		"text": {string(b)}, "tok": {"char"}, "cell": {"lstm"}, "embed": {"32"}, "hidden": {"128"},
		"window": {"64"}, "batch": {"16"}, "steps": {"100000"},
	}
	return q.Encode()
}

func TestPauseStopsAndResetClears(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	openPlayground(t, ctx, slowRun(t))
	click(t, ctx, "#play")
	if err := chromedp.Do(ctx, waitJS(`+document.querySelector("#step-count").textContent >= 3`)); err != nil {
		t.Fatal("training does not advance:", err)
	}
	click(t, ctx, "#pause")
	waitState(t, ctx, "paused")
	paused := text(t, ctx, "#step-count")
	time.Sleep(time.Second)
	if now := text(t, ctx, "#step-count"); now != paused {
		t.Errorf("the step counter moved after Pause: %s → %s", paused, now)
	}
	if n, _ := strconv.Atoi(paused); n < 3 {
		t.Errorf("paused at step %q", paused)
	}

	click(t, ctx, "#reset")
	if err := chromedp.Do(ctx, waitJS(`document.querySelector("#step-count").textContent === "0" &&
		document.querySelector("#run-state").textContent === "paused"`)); err != nil {
		t.Fatalf("Reset does not start again: step %s, state %q", text(t, ctx, "#step-count"), text(t, ctx, "#run-state"))
	}
	var state struct {
		Step    string `json:"step"`
		Points  string `json:"points"`
		Entries int    `json:"entries"`
	}
	eval(t, ctx, `({step: document.querySelector("#step-count").textContent,
		points: document.querySelector("#loss-chart").dataset.points,
		entries: document.querySelectorAll("#log .log-entry").length})`, &state)
	if state.Step != "0" || state.Points != "0" || state.Entries != 0 {
		t.Errorf("after Reset: step %s, %s loss points, %d log entries; want all zero", state.Step, state.Points, state.Entries)
	}
}

func TestInvalidInputIsExplained(t *testing.T) {
	t.Run("link", func(t *testing.T) {
		ctx := newTab(t, 60*time.Second)
		openPlayground(t, ctx, "hidden=5000&cell=lstm")
		if got := text(t, ctx, "#notices"); !strings.Contains(got, "hidden size must be a whole number from 1 to 2048") {
			t.Errorf("notice = %q, want the range of the hidden size", got)
		}
		var cell string
		eval(t, ctx, `document.querySelector("#opt-cell").value`, &cell)
		if cell != "lstm" {
			t.Errorf("the valid options of the link were dropped: cell %q", cell)
		}
	})
	t.Run("form", func(t *testing.T) {
		ctx := newTab(t, 60*time.Second)
		openPlayground(t, ctx, "")
		if err := chromedp.Do(ctx,
			chromedp.SetValue(chromedp.CSS("#opt-hidden"), "0"),
			chromedp.Evaluate[chromedp.Void](`document.querySelector("#opt-hidden").dispatchEvent(new Event("change"))`),
			waitJS(`!!document.querySelector("#error-hidden")`),
		); err != nil {
			t.Fatal("no message for hidden size 0:", err)
		}
		if got := text(t, ctx, "#error-hidden"); !strings.Contains(got, "from 1 to 2048") {
			t.Errorf("message = %q, want the range", got)
		}
		if err := chromedp.Do(ctx,
			chromedp.SetValue(chromedp.CSS("#opt-text"), "   "),
			chromedp.Evaluate[chromedp.Void](`document.querySelector("#opt-text").dispatchEvent(new Event("input"))`),
			waitJS(`!!document.querySelector("#error-text")`),
		); err != nil {
			t.Fatal("no message for an empty text:", err)
		}
		if got := text(t, ctx, "#error-text"); !strings.Contains(got, "empty") {
			t.Errorf("message = %q, want it to say the text is empty", got)
		}
	})
	t.Run("one token", func(t *testing.T) {
		ctx := newTab(t, 60*time.Second)
		openPlayground(t, ctx, "text=Hello")
		waitState(t, ctx, "cannot train these settings")
		if got := text(t, ctx, "#run-error"); !strings.Contains(got, "single token") {
			t.Errorf("message = %q, want it to explain a single token", got)
		}
	})
	t.Run("divergence", func(t *testing.T) {
		ctx := newTab(t, 60*time.Second)
		openPlayground(t, ctx, "cell=rnn_relu&opt=sgd&lr=100&steps=500&autoplay=1")
		waitState(t, ctx, "stopped: the loss diverged")
		if got := text(t, ctx, "#run-error"); !strings.Contains(got, "lower learning rate") {
			t.Errorf("message = %q, want advice", got)
		}
		if err := chromedp.Do(ctx,
			chromedp.SendKeys(chromedp.CSS("#prefix"), "We"),
			waitJS(`document.querySelectorAll("#top-guesses .guess").length === 5`),
		); err != nil {
			t.Error("the last good weights do not predict:", err)
		}
	})
}

// screenshot writes the whole page as a PNG to shotDir/name (with
// `make -f wasm.Makefile screenshots`, docs/screenshots, where a reviewer
// can open it without running anything).
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(shotDir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	t.Logf("wrote %s", path)
}

// TestReturningVisitorResetsToTheNotebook: a student who trained the
// notebook run and comes back gets the kept model; Reset gives the
// notebook's run again, to the digit.
func TestReturningVisitorResetsToTheNotebook(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	openPlayground(t, ctx, "")
	click(t, ctx, "#play")
	waitState(t, ctx, "done")

	back := sameVisitorTab(t, ctx, 60*time.Second)
	openPlayground(t, back, "")
	click(t, back, "#reset")
	if err := chromedp.Do(back, waitJS(`document.querySelector("#step-count").textContent === "0" &&
		document.querySelector("#run-state").textContent === "paused"`)); err != nil {
		t.Fatalf("Reset: step %s, state %q", text(t, back, "#step-count"), text(t, back, "#run-state"))
	}
	trainToEnd(t, back)
	if got := logLines(t, back); strings.Join(got, "\n") != strings.Join(notebookLog, "\n") {
		t.Errorf("after Reset the log is\n%s\nwant the notebook's", strings.Join(got, "\n"))
	}
}
