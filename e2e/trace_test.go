package e2e

import (
	"context"
	"encoding/json"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// taskTrace records, with Chromium's tracing, how long each task of the
// page's main thread (CrRendererMain) ran: in wall time, as a
// PerformanceObserver sees it, and in thread (CPU) time, which does not
// count the time the operating system gave the CPU to another process. On a
// busy machine the two differ a lot; the thread time is the page's own cost.
type taskTrace struct {
	mu   sync.Mutex
	raw  [][]byte
	done chan struct{}

	// fromFirstPaint counts from the page's first contentful paint, as
	// Lighthouse's total blocking time does: the tasks before it, the
	// browser's first frame of the server's HTML, are left out, and of a
	// task under way at the paint only the share of it after the paint.
	fromFirstPaint bool
}

// taskFigures sums up the main thread's tasks, in milliseconds.
type taskFigures struct {
	Tasks              int     // tasks on the main thread
	LongestWall        float64 // the longest task in wall time
	LongestCPU         float64 // the longest task in thread time
	OverBudgetWall     int     // tasks of 50 ms or more in wall time
	OverBudgetCPU      int     // tasks of 50 ms or more in thread time
	MissingThreadTimes int     // tasks without a thread time

	// BlockingCPU is Lighthouse's total blocking time counted from thread
	// time: over every task, what 4 times its CPU time (Lighthouse's
	// mobile slowdown) has over 50 ms. Lighthouse counts wall time, which
	// on a busy machine is 2 or 3 times the CPU time (docs/serving.md).
	BlockingCPU float64

	// With fromFirstPaint: the tasks left out, ended before the first
	// paint, and the longest of those begun before it.
	BeforePaint           int
	BeforePaintLongestCPU float64
	FirstPaintSeen        bool
}

func startTaskTrace(t *testing.T, ctx context.Context) *taskTrace {
	t.Helper()
	tr := &taskTrace{done: make(chan struct{})}
	if err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *tracing.EventDataCollected:
			tr.mu.Lock()
			for _, v := range e.Value {
				tr.raw = append(tr.raw, v)
			}
			tr.mu.Unlock()
		case *tracing.EventTracingComplete:
			close(tr.done)
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, tracing.Start, tracing.StartParams{
		TransferMode: tracing.StartTransferModeReportEvents,
		// RunTask (disabled-by-default-devtools.timeline) is a whole task,
		// as Lighthouse counts it.
		// firstContentfulPaint is in "loading".
		TraceConfig: &tracing.TraceConfig{IncludedCategories: []string{"disabled-by-default-devtools.timeline", "loading", "__metadata"}},
	}); err != nil {
		t.Fatal(err)
	}
	return tr
}

func (tr *taskTrace) stop(t *testing.T, ctx context.Context) taskFigures {
	t.Helper()
	if _, err := chromedp.Call(ctx, tracing.End, struct{}{}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-tr.done:
	case <-time.After(30 * time.Second):
		t.Fatal("the trace did not complete")
	}
	type event struct {
		Name string         `json:"name"`
		Ph   string         `json:"ph"`
		Pid  int            `json:"pid"`
		Tid  int            `json:"tid"`
		Ts   float64        `json:"ts"`   // µs
		Dur  float64        `json:"dur"`  // µs
		Tdur *float64       `json:"tdur"` // µs
		Args map[string]any `json:"args"`
	}
	tr.mu.Lock()
	defer tr.mu.Unlock()
	var events []event
	mains := map[[2]int]bool{}
	for _, raw := range tr.raw {
		var e event
		if json.Unmarshal(raw, &e) != nil {
			continue
		}
		if e.Name == "thread_name" && e.Args["name"] == "CrRendererMain" {
			mains[[2]int{e.Pid, e.Tid}] = true
		}
		events = append(events, e)
	}
	var f taskFigures
	firstPaint := math.Inf(1)
	for _, e := range events {
		if e.Name == "firstContentfulPaint" && mains[[2]int{e.Pid, e.Tid}] {
			firstPaint, f.FirstPaintSeen = math.Min(firstPaint, e.Ts), true
		}
	}
	for _, e := range events {
		// RunTask, not the toplevel ThreadControllerImpl::RunTask inside it:
		// that one ends before the microtasks that follow the task, and
		// app.js starts Go (its start-up and first render) in such a
		// microtask.
		if e.Ph != "X" || e.Name != "RunTask" || !mains[[2]int{e.Pid, e.Tid}] {
			continue
		}
		if tr.fromFirstPaint && e.Ts < firstPaint {
			if e.Tdur != nil {
				f.BeforePaintLongestCPU = max(f.BeforePaintLongestCPU, *e.Tdur/1000)
			}
			if e.Ts+e.Dur <= firstPaint {
				f.BeforePaint++
				continue
			}
			after := (e.Ts + e.Dur - firstPaint) / e.Dur
			e.Dur *= after
			if e.Tdur != nil {
				*e.Tdur *= after
			}
		}
		f.Tasks++
		wall := e.Dur / 1000
		f.LongestWall = max(f.LongestWall, wall)
		if wall >= 50 {
			f.OverBudgetWall++
		}
		if e.Tdur == nil {
			f.MissingThreadTimes++
			continue
		}
		cpu := *e.Tdur / 1000
		f.LongestCPU = max(f.LongestCPU, cpu)
		f.BlockingCPU += max(0, 4*cpu-50)
		if cpu >= 50 {
			f.OverBudgetCPU++
		}
	}
	return f
}
