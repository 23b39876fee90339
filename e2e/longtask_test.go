package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// observeMainThread starts recording, on the page, every long task (a
// main-thread task over 50 ms, reported by PerformanceObserver) and the
// longest gap between animation frames.
const observeMainThread = `(() => {
	window.__long = [];
	new PerformanceObserver(list => { for (const e of list.getEntries()) window.__long.push(e.duration) })
		.observe({type: "longtask"});
	window.__gap = 0;
	let last = performance.now();
	const frame = now => { window.__gap = Math.max(window.__gap, now - last); last = now; requestAnimationFrame(frame) };
	requestAnimationFrame(frame);
})()`

type mainThread struct {
	Long []float64 `json:"long"` // durations of the long tasks, ms
	Gap  float64   `json:"gap"`  // longest time between two frames, ms
}

func (m mainThread) longest() float64 {
	var x float64
	for _, d := range m.Long {
		x = max(x, d)
	}
	return x
}

// TestMainThreadWhileTheClassroomRunTrains: the classroom model trains for
// about 10 s while the student types a prefix, with "Look inside" shown
// (the softmax table, the unrolled network) and hidden. No main-thread task may take 50 ms of CPU (docs/browser.md). The
// wall-time figures a page sees (PerformanceObserver) are logged for the
// docs: on a shared machine they include waiting for a core.
func TestMainThreadWhileTheClassroomRunTrains(t *testing.T) {
	for _, tt := range []struct{ name, query string }{
		{"look-inside-shown", ""},
		{"unrolled-view", "&view=unrolled"},
		{"look-inside-hidden", "&hide=look"},
	} {
		t.Run(tt.name, func(t *testing.T) { classroomMainThread(t, tt.query) })
	}
}

// classroomMainThread trains the classroom configuration for about 10 s,
// with extra added to its link (hide=look: the worker sends no traces, and
// what is left is the training page itself).
func classroomMainThread(t *testing.T, extra string) {
	ctx := newTab(t, 120*time.Second)
	query := slowRun(t) + extra
	openPlayground(t, ctx, query)
	var m mainThread
	eval(t, ctx, observeMainThread, &struct{}{})
	trace := startTaskTrace(t, ctx)
	click(t, ctx, "#play")
	// Train for 10 s, typing a prefix meanwhile: each key asks the
	// worker, whose answers the page renders while the curve grows.
	for _, word := range []string{"A rec", "urrent ", "network"} {
		time.Sleep(3 * time.Second)
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#prefix"), word)); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(time.Second)
	rate := text(t, ctx, "#steps-per-sec")
	click(t, ctx, "#pause")
	waitState(t, ctx, "paused")
	eval(t, ctx, `({long: window.__long, gap: window.__gap})`, &m)
	f := trace.stop(t, ctx)
	steps := text(t, ctx, "#step-count")
	if steps == "0" || !strings.Contains(text(t, ctx, "#top-guesses"), "%") {
		t.Errorf("the page did not train (%s steps) or answer (%q)", steps, text(t, ctx, "#top-guesses"))
	}
	t.Logf("classroom run (char LSTM E=32 H=128 T=64 B=16, %s steps in ~10 s, %s steps/s): %d long tasks %v, longest %.0f ms; longest frame gap %.0f ms",
		steps, rate, len(m.Long), m.Long, m.longest(), m.Gap)
	t.Logf("classroom run, traced: %+v", f)
	noTaskOverBudget(t, f)
}

// TestMainThreadWhileTheDefaultRunPlays: the notebook's run at its
// default pace, with the softmax table open, then replayed: no task of the
// page's main thread takes 50 ms of CPU (thread time, which a busy machine
// does not inflate).
func TestMainThreadWhileTheDefaultRunPlays(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	openPlayground(t, ctx, "view=softmax")
	trace := startTaskTrace(t, ctx)
	click(t, ctx, "#play")
	waitState(t, ctx, "done")
	click(t, ctx, "#replay")
	if err := chromedp.Do(ctx, waitJS(`document.querySelector("#replay").disabled`),
		waitJS(`!document.querySelector("#replay").disabled`)); err != nil {
		t.Fatal("the replay does not end:", err)
	}
	f := trace.stop(t, ctx)
	t.Logf("the default run and its replay, traced: %+v", f)
	noTaskOverBudget(t, f)
}

// TestMainThreadAtStartUp: from the first contentful paint until the
// trainer is ready, no main-thread task takes 50 ms of CPU, and the total
// blocking time Lighthouse would count from CPU time is small: the page
// renders its first screen without holding a school laptop's main thread
// (docs/serving.md has the Lighthouse figures, whose simulated throttling
// also counts the wait for app.wasm's compilation). As Lighthouse's total
// blocking time, it starts at the first paint: before it is the browser's
// first frame of the server's HTML, laid out in a new renderer, before any
// of the page's code runs (docs/browser.md).
func TestMainThreadAtStartUp(t *testing.T) {
	ctx := newTab(t, 60*time.Second)
	trace := startTaskTrace(t, ctx)
	trace.fromFirstPaint = true
	openPlayground(t, ctx, "")
	time.Sleep(500 * time.Millisecond) // the worker's first run and the warm-up's start
	f := trace.stop(t, ctx)
	t.Logf("start-up, traced: %+v", f)
	if !f.FirstPaintSeen {
		t.Error("the trace has no first contentful paint to count from")
	}
	noTaskOverBudget(t, f)
	// Lighthouse's goal, under 200 ms on its slowed-down phone, counted
	// from CPU time with some room: the page rendered in a few long steps
	// came to 360–600 ms here, in short ones to 30–70 (docs/browser.md).
	if f.BlockingCPU > 300 {
		t.Errorf("start-up's blocking time on a phone 4 times slower, from CPU time: %.0f ms; want at most 300", f.BlockingCPU)
	}
}

// noTaskOverBudget fails unless the trace saw the main thread's tasks and
// none took 50 ms of CPU.
func noTaskOverBudget(t *testing.T, f taskFigures) {
	t.Helper()
	if f.Tasks == 0 || f.MissingThreadTimes > f.Tasks/10 {
		t.Errorf("the trace saw %d main-thread tasks, %d without thread time: nothing to check", f.Tasks, f.MissingThreadTimes)
	}
	if f.OverBudgetCPU > 0 {
		t.Errorf("%d of %d main-thread tasks took 50 ms of CPU or more (longest %.0f ms)", f.OverBudgetCPU, f.Tasks, f.LongestCPU)
	}
}
