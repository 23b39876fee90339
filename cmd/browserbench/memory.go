package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// memoryCheck is the "memory flat" goal (10,000 classroom steps without the
// worker's memory growing), scaled to the run's budget: the trainer worker's
// wasm memory after a few classroom steps and after many more of the same
// run. Go's wasm memory only grows, so a leak shows as a larger second
// number.
type memoryCheck struct {
	Cell                  string
	EarlySteps, Steps     int
	EarlyBytes, LateBytes float64
	Err                   string
}

// checkMemory trains one long classroom run on a benchmark page of ours and reads
// the worker's memory (the `go` object of web/worker.js) through CDP.
func checkMemory(br *browser, pg *benchPage, s spec, early, late int) memoryCheck {
	m := memoryCheck{Cell: s.Cell, EarlySteps: early, Steps: late}
	if pg.tab == nil {
		m.Err = "our benchmark page is not open"
		return m
	}
	ctx, cancel := context.WithTimeout(pg.tab.ctx, memoryTimeout(late))
	defer cancel()
	worker, err := workerTarget(ctx, "/web/worker.js")
	if err != nil {
		m.Err = err.Error()
		return m
	}
	wctx, cancelWorker := chromedp.NewContext(pg.tab.ctx, chromedp.WithTargetID(worker))
	defer cancelWorker()
	memory := func() (float64, error) {
		return chromedp.Run(wctx, chromedp.Evaluate[float64](`go._inst.exports.mem.buffer.byteLength`))
	}
	train := func(step int) error {
		_, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf("window.bench.trainTo(%d)", step), chromedp.EvalAwaitPromise))
		return err
	}
	q := fmt.Sprintf("window.bench.startRun(%q)", s.Query)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](q, chromedp.EvalAwaitPromise)); err != nil {
		m.Err = err.Error()
		return m
	}
	if err = train(early); err == nil {
		if m.EarlyBytes, err = memory(); err == nil {
			if err = train(late); err == nil {
				m.LateBytes, err = memory()
			}
		}
	}
	if err != nil {
		m.Err = err.Error()
	}
	return m
}

// memoryTimeout bounds the memory check of steps classroom steps: a
// classroom RNN step takes ~45 ms on a quiet 2-core machine, and three times
// that while other work shares it (10,000 steps: 23 minutes at most).
func memoryTimeout(steps int) time.Duration {
	return 2*time.Minute + time.Duration(steps)*135*time.Millisecond
}

// workerTarget finds the one dedicated worker whose script URL ends in suffix.
func workerTarget(ctx context.Context, suffix string) (target.ID, error) {
	targets, err := chromedp.Targets(ctx)
	if err != nil {
		return "", err
	}
	var found []target.ID
	for _, t := range targets {
		if t.Type == "worker" && strings.HasSuffix(t.URL, suffix) {
			found = append(found, t.TargetID)
		}
	}
	switch len(found) {
	case 0:
		return "", errors.New("the trainer worker is not among the browser's targets")
	case 1:
		return found[0], nil
	}
	return "", fmt.Errorf("%d trainer workers are open: which one trains is unknown", len(found))
}
