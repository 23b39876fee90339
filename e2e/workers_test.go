package e2e

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// classroomRun is the speed goal's classroom configuration (characters of a
// paragraph, E=32, H=128, T=64, B=16) for a few steps, at full speed.
func classroomRun(t *testing.T, cell string, steps int) url.Values {
	t.Helper()
	text, err := os.ReadFile(filepath.Join(repoRoot, "rnn", "testdata", "classroom.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return url.Values{
		"text": {string(text)}, "tok": {"char"}, "cell": {cell}, "embed": {"32"}, "hidden": {"128"},
		"window": {"64"}, "batch": {"16"}, "lr": {"0.01"}, "steps": {fmt.Sprint(steps)}, "pace": {"full"},
	}
}

// TestWorkersGiveTheLossesOfTheCommandLine: with workers=N the page's
// trainer and its N-1 helper workers give, at every step and to the last
// bit, the losses of `rnn train -workers N`; workers=1 those of the single
// trainer. (Sharded and unsharded runs differ in the last bits, so the
// comparison tells them apart.) The page says how many workers train.
func TestWorkersGiveTheLossesOfTheCommandLine(t *testing.T) {
	for _, workers := range []string{"1", "2", "3"} {
		t.Run("workers="+workers, func(t *testing.T) {
			q := classroomRun(t, "gru", 12)
			q.Set("workers", workers)
			q.Set("autoplay", "1")
			ctx, got, want := pageAndCommandLine(t, q)
			if len(got) != len(want) || len(want) != 12 {
				t.Fatalf("the page has %d losses, rnn train %d; want 12 each", len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("step %d: page %.17g, rnn train -workers %s %.17g", i+1, got[i], workers, want[i])
				}
			}
			label := " · " + workers + " workers"
			if workers == "1" {
				label = " · 1 worker"
			}
			if s := text(t, ctx, "#workers"); s != label {
				t.Errorf("the page says %q, want %q", s, label)
			}
		})
	}
}

// keepHelpers runs in the trainer worker: it keeps every Worker the
// trainer starts from now on (its helpers) in self.__helpers, so that the
// test can crash one, and it can hold back their answers: the next one for
// self.__delays[0] ms after the answer before it was delivered, the one
// after for self.__delays[1], and so on (none once the list is used up),
// in order. self.__held counts the answers held.
const keepHelpers = `(() => {
  const Native = self.Worker;
  self.__helpers = []; self.__delays = []; self.__held = 0;
  self.Worker = new Proxy(Native, { construct(T, args) {
    const w = new T(...args);
    self.__helpers.push(w);
    let handler = null, queue = Promise.resolve();
    Object.defineProperty(w, "onmessage", { get() { return handler; }, set(f) { handler = f; } });
    w.addEventListener("message", (e) => {
      const delay = typeof e.data === "string" ? 0 : (self.__delays.shift() || 0);
      if (delay > 0) self.__held++;
      queue = queue.then(() => delay > 0 && new Promise((r) => setTimeout(r, delay)))
        .then(() => { if (handler) handler.call(w, e); });
    });
    return w;
  } });
})()`

// A crash as the browser reports it: the worker is gone and its error
// event fires.
const crashHelper = `(() => {
  const w = self.__helpers[self.__helpers.length - 1];
  w.terminate();
  w.dispatchEvent(new ErrorEvent("error", { message: "killed by the test", cancelable: true }));
})()`

// trainingWithKeptHelpers opens the playground on q with two workers in a
// tab that lasts timeout, has the trainer worker keep the helpers it starts
// from then on (keepHelpers), resets (new helpers, kept), and trains until
// the page shows step atLeast. It returns the page's context and the
// trainer worker's.
func trainingWithKeptHelpers(t *testing.T, q url.Values, timeout time.Duration, atLeast int) (page, trainer context.Context) {
	t.Helper()
	q.Set("workers", "2")
	ctx := newTab(t, timeout)
	openPlayground(t, ctx, q.Encode())
	leader := waitWorkers(t, ctx, 2)
	lctx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(leader))
	t.Cleanup(cancel)
	if err := chromedp.Do(lctx, chromedp.Evaluate[chromedp.Void](keepHelpers)); err != nil {
		t.Fatalf("could not reach the trainer worker: %v", err)
	}
	click(t, ctx, "#reset")
	playWhenReady(t, ctx, atLeast)
	return ctx, lctx
}

// playWhenReady clicks Play once the run just reset is ready (a click
// before that is lost) and waits until the page shows step atLeast.
func playWhenReady(t *testing.T, ctx context.Context, atLeast int) {
	t.Helper()
	if err := chromedp.Do(ctx, waitJS(fmt.Sprintf(`(() => {
		const play = document.querySelector("#play"), state = document.querySelector("#run-state").textContent;
		if (!window.__played && state === "paused" && play && !play.disabled) { window.__played = true; play.click(); }
		return window.__played && +document.querySelector("#step-count").textContent >= %d;
	})()`, atLeast))); err != nil {
		t.Fatalf("no training: %v; page says %q", err, pageText(ctx))
	}
}

// wentOnAlone checks what the page says once a helper failed for reason:
// that reason, that training goes on with one worker, and no "trainer
// stopped" alarm.
func wentOnAlone(t *testing.T, ctx context.Context, reason string) {
	t.Helper()
	if note := text(t, ctx, "#workers-note"); !strings.Contains(note, reason) || !strings.Contains(note, "one worker") {
		t.Errorf("the page says %q, want %q and that training goes on with one worker", note, reason)
	}
	if f := text(t, ctx, "#failure"); f != "" {
		t.Errorf("the page reports the trainer stopped: %q", f)
	}
}

// TestAHelperThatDiesIsReplacedByTheTrainer: a helper worker that dies
// mid-run is stopped; the page says so in words and the run trains on to
// its last step with one worker, without the "trainer stopped" alarm.
func TestAHelperThatDiesIsReplacedByTheTrainer(t *testing.T) {
	ctx, lctx := trainingWithKeptHelpers(t, classroomRun(t, "rnn", 120), 120*time.Second, 5)
	if err := chromedp.Do(lctx, chromedp.Evaluate[chromedp.Void](crashHelper)); err != nil {
		t.Fatalf("crashing the helper: %v", err)
	}
	if v, err := chromedp.Run(lctx, chromedp.Evaluate[int](`self.__helpers.length`)); err != nil || v != 1 {
		t.Fatalf("the trainer started %d helpers after Reset (%v), want 1", v, err)
	}
	waitState(t, ctx, "done")
	wentOnAlone(t, ctx, "killed by the test")
	if s := text(t, ctx, "#workers"); s != " · 1 worker" {
		t.Errorf("the page says %q after the failure, want 1 worker", s)
	}
	var losses int
	eval(t, ctx, `document.querySelectorAll("#log .log-entry").length`, &losses)
	if step := text(t, ctx, "#step-count"); step != "120" || losses != 6 {
		t.Errorf("the run stopped at step %s with %d log entries, want 120 and 6", step, losses)
	}
	waitWorkers(t, ctx, 1) // the dead helper is not listed
	// A closed helper's late error (an importScripts cut short by
	// terminate, say) is cancelled in the trainer, not passed on to the
	// page as the trainer's own.
	late := `(() => {
		const w = self.__helpers[self.__helpers.length - 1];
		if (typeof w.onerror !== "function") return "no error handler";
		const e = new ErrorEvent("error", { message: "late", cancelable: true });
		w.onerror(e);
		return e.defaultPrevented ? "" : "not cancelled";
	})()`
	if got, err := chromedp.Run(lctx, chromedp.Evaluate[string](late)); err != nil || got != "" {
		t.Errorf("the closed helper's errors: %q (%v), want them cancelled", got, err)
	}
}

// TestAHelperThatVanishesIsReplacedAfterTheTimeout: a helper worker that
// is gone without an error event (terminated, as a crashed process can
// leave it) never answers; the trainer counts it as lost after
// helperTimeout (30 s), says so, and trains the run to its last step alone.
// Meanwhile Pause takes effect at once, and a Pause and Play do not start
// the 30 s again.
func TestAHelperThatVanishesIsReplacedAfterTheTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("waits out the 30 s helper timeout")
	}
	ctx, lctx := trainingWithKeptHelpers(t, classroomRun(t, "rnn", 40), 150*time.Second, 3)
	vanished := time.Now()
	if err := chromedp.Do(lctx, chromedp.Evaluate[chromedp.Void](`self.__helpers[self.__helpers.length - 1].terminate()`)); err != nil {
		t.Fatalf("terminating the helper: %v", err)
	}
	time.Sleep(time.Second) // the step now waits for the helper
	pausedAtOnce(t, ctx)
	if note := text(t, ctx, "#workers-note"); note != "" {
		t.Errorf("paused while the helper is silent, the page says %q: too early to give it up", note)
	}
	time.Sleep(8 * time.Second)
	click(t, ctx, "#play")
	// Longer than waitJS's 30 s: the trainer waits that long for the helper.
	done := chromedp.Poll[chromedp.Void](`document.querySelector("#run-state").textContent === "done"`,
		chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(90*time.Second))
	if err := chromedp.Do(ctx, done); err != nil {
		t.Fatalf("waiting for the run to finish (now %q): %v", text(t, ctx, "#run-state"), err)
	}
	if waited := time.Since(vanished); waited < 25*time.Second {
		t.Errorf("the run was done %s after the helper vanished: it cannot have waited out the timeout", waited.Round(time.Second))
	} else if waited > 36*time.Second {
		t.Errorf("the run was done %s after the helper vanished: Play after the 9 s pause started the 30 s again", waited.Round(time.Second))
	}
	wentOnAlone(t, ctx, "did not answer within 30s")
	if step := text(t, ctx, "#step-count"); step != "40" {
		t.Errorf("the run stopped at step %s, want 40", step)
	}
	waitWorkers(t, ctx, 1)
}

// pausedAtOnce clicks Pause and checks that the trainer has stopped within
// 3 s, far less than the helpers' 30 s timeout and the late helpers of the
// tests.
func pausedAtOnce(t *testing.T, ctx context.Context) {
	t.Helper()
	click(t, ctx, "#pause")
	start := time.Now()
	paused := chromedp.Poll[chromedp.Void](`document.querySelector("#run-state").textContent === "paused"`,
		chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(3*time.Second))
	if err := chromedp.Do(ctx, paused); err != nil {
		t.Fatalf("Pause while a helper computes: still %q after %s (%v)", text(t, ctx, "#run-state"),
			time.Since(start).Round(100*time.Millisecond), err)
	}
}

// TestPauseDoesNotWaitForALateHelper: Pause while the trainer waits for a
// helper's gradient stops the run at once; the step it dropped is taken
// again after Play, and the run gives, bit for bit, the losses of rnn train
// -workers 2. The helper answers the third step's request 6 s late, and
// the request sent again 1 s after that: the first answer is dropped, not
// taken for the step, which would leave the second for the next step.
func TestPauseDoesNotWaitForALateHelper(t *testing.T) {
	q := classroomRun(t, "gru", 12)
	q.Set("workers", "2")
	ctx := newTab(t, 90*time.Second)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: recordWorkerEvents}); err != nil {
		t.Fatal(err)
	}
	openPlayground(t, ctx, q.Encode())
	leader := waitWorkers(t, ctx, 2)
	lctx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(leader))
	defer cancel()
	if err := chromedp.Do(lctx, chromedp.Evaluate[chromedp.Void](keepHelpers)); err != nil {
		t.Fatalf("could not reach the trainer worker: %v", err)
	}
	click(t, ctx, "#reset") // helpers started from now on answer late
	if err := chromedp.Do(lctx, chromedp.Evaluate[chromedp.Void](`self.__delays = [0, 0, 6000, 1000]`)); err != nil {
		t.Fatal(err)
	}
	playWhenReady(t, ctx, 0)
	// (Poll needs a page's frame: in a worker, ask again and again.)
	for held := false; !held; time.Sleep(20 * time.Millisecond) {
		var err error
		if held, err = chromedp.Run(lctx, chromedp.Evaluate[bool](`self.__held > 0`)); err != nil {
			t.Fatalf("the helper never answered: %v; page says %q", err, pageText(ctx))
		}
	}
	if state := text(t, ctx, "#run-state"); state != "training" {
		t.Fatalf("the page says %q while the step waits for the helper, want training", state)
	}
	pausedAtOnce(t, ctx)
	if step := text(t, ctx, "#step-count"); step != "2" {
		t.Errorf("paused at step %s, want 2: the step waiting for the helper is dropped", step)
	}
	click(t, ctx, "#play") // before the held answer arrives: the request goes again
	waitState(t, ctx, "done")
	if note := text(t, ctx, "#workers-note"); note != "" {
		t.Errorf("the page says %q: the late helper was given up", note)
	}
	if s := text(t, ctx, "#workers"); s != " · 2 workers" {
		t.Errorf("the page says %q, want 2 workers", s)
	}
	var got []float64
	eval(t, ctx, `window.__losses`, &got)
	want := cliLosses(t, cliArgs(q)...)
	if len(got) != 12 || len(want) != 12 {
		t.Fatalf("the page has %d losses, rnn train %d; want 12 each", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("step %d: page %.17g, rnn train -workers 2 %.17g", i+1, got[i], want[i])
		}
	}
}

// TestResetEndsTheHelpers: Reset replaces the run's helpers (never adds to
// them), a run of one row (the notebook's) has none, and a closed tab
// leaves no worker behind.
func TestResetEndsTheHelpers(t *testing.T) {
	q := classroomRun(t, "gru", 50)
	q.Set("workers", "3")
	ctx := newTab(t, 90*time.Second)
	openPlayground(t, ctx, q.Encode())
	waitWorkers(t, ctx, 3)
	for i := 0; i < 3; i++ {
		click(t, ctx, "#reset")
		waitState(t, ctx, "paused")
	}
	// Step once the last run is ready (a click before that is lost).
	if err := chromedp.Do(ctx, waitJS(`(() => {
		const step = document.querySelector("#step"), count = document.querySelector("#step-count").textContent;
		if (!window.__stepped && step && !step.disabled) { window.__stepped = true; step.click(); }
		return count === "1";
	})()`)); err != nil {
		t.Fatalf("no step after the resets: %v; page says %q", err, pageText(ctx))
	}
	waitWorkers(t, ctx, 3)
	// The notebook's run: one sequence, one worker.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(() => { const e = document.querySelector("#opt-batch");
		e.value = "1"; e.dispatchEvent(new Event("change")) })()`)); err != nil {
		t.Fatal(err)
	}
	waitWorkers(t, ctx, 1)
	if err := chromedp.Do(ctx, waitJS(`document.querySelector("#workers")?.textContent === " · 1 worker"`)); err != nil {
		t.Errorf("with a batch of 1 the page says %q, want 1 worker", text(t, ctx, "#workers"))
	}
	// Closing a tab ends its trainer and its helpers: a second tab of the
	// same visitor adds three workers, closing it takes them away.
	tab2, closeTab2 := chromedp.NewContext(ctx)
	openPlayground(t, tab2, q.Encode())
	waitWorkers(t, ctx, 1+3)
	closeTab2()
	waitWorkers(t, ctx, 1)
}

// workerTargets lists the dedicated workers of the tab's visitor (the
// trainer and its helpers).
func workerTargets(t *testing.T, ctx context.Context) []*target.Info {
	t.Helper()
	infos, err := chromedp.Targets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tab := chromedp.FromContext(ctx).Target
	var mine string
	for _, i := range infos {
		if i.TargetID == tab.TargetID {
			mine = string(i.BrowserContextID)
		}
	}
	var workers []*target.Info
	for _, i := range infos {
		if i.Type == "worker" && string(i.BrowserContextID) == mine {
			workers = append(workers, i)
		}
	}
	return workers
}

// waitWorkers waits until the tab has n dedicated workers and returns the
// trainer's (the one at web/worker.js the page started; helpers started by
// a worker have no URL in the target list).
func waitWorkers(t *testing.T, ctx context.Context, n int) target.ID {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		ws := workerTargets(t, ctx)
		if len(ws) == n {
			for _, w := range ws {
				if strings.HasSuffix(w.URL, "/web/worker.js") {
					return w.TargetID
				}
			}
			return ""
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d workers, want %d", len(ws), n)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestHelpersUnderAPagesPrefix: on the static site under a GitHub Pages
// prefix the trainer finds worker.js and app.wasm for its helpers next to
// its own script; the run trains on two workers without a notice.
func TestHelpersUnderAPagesPrefix(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	site := pagesSite(t)
	defer site.Close()
	q := classroomRun(t, "rnn", 20)
	q.Set("workers", "2")
	q.Set("autoplay", "1")
	if err := chromedp.Do(ctx,
		chromedp.Navigate(site.URL+pagesPrefix+"/?"+q.Encode()),
		started(),
	); err != nil {
		t.Fatal(err)
	}
	waitState(t, ctx, "done")
	if s, note := text(t, ctx, "#workers"), text(t, ctx, "#workers-note"); s != " · 2 workers" || note != "" {
		t.Errorf("the page says %q, notice %q; want 2 workers and no notice", s, note)
	}
}
