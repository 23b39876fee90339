package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/rnn-playground/rnn-playground/e2e/headless"
)

// browser is one headless Chromium for the whole run: every framework is
// measured in the same browser, one page at a time, each page in a fresh
// browser context (an empty cache, as on a first visit).
type browser struct {
	ctx     context.Context
	cancel  context.CancelFunc
	version string
}

func startBrowser(execPath string) (*browser, error) {
	if execPath == "" {
		execPath = headless.Find()
	}
	ctx, cancel, err := headless.Start(execPath)
	if err != nil {
		return nil, err
	}
	b := &browser{ctx: ctx, cancel: cancel}
	if out, err := exec.Command(execPath, "--version").Output(); err == nil {
		b.version = strings.TrimSpace(string(out))
	}
	return b, nil
}

func (b *browser) close() { b.cancel() }

// tab is a page opened in its own browser context.
type tab struct {
	ctx    context.Context
	cancel context.CancelFunc

	mu   sync.Mutex
	urls map[string]bool // every URL the page received a response for
}

// open navigates a fresh tab to url and waits for ready, a JavaScript
// expression that is falsy until the page is ready and then evaluates to
// performance.now() (ms since navigation started), or to a negative number
// when the page failed. Each init script runs before the page's own.
func (b *browser) open(url, ready string, timeout time.Duration, init ...string) (*tab, float64, error) {
	ctx, cancelTab := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	t := &tab{ctx: ctx, cancel: cancelTab, urls: map[string]bool{}}
	if err := chromedp.Listen(ctx, t.record); err != nil {
		cancelTab()
		return nil, 0, err
	}
	loadCtx, cancelLoad := context.WithTimeout(ctx, timeout)
	defer cancelLoad()
	var steps []chromedp.Action[chromedp.Void]
	for _, script := range init {
		steps = append(steps, addInitScript(script))
	}
	err := chromedp.Do(loadCtx, append(steps, chromedp.Navigate(url))...)
	var readyMs float64
	if err == nil {
		readyMs, err = chromedp.Run(loadCtx, chromedp.Poll[float64](ready,
			chromedp.WithPollingInterval(5*time.Millisecond), chromedp.WithPollingTimeout(timeout)))
	}
	if err != nil {
		t.close()
		return nil, 0, fmt.Errorf("opening %s: %w", url, err)
	}
	if readyMs < 0 {
		msg, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`String((window.bench && window.bench.error) || "unknown error")`))
		t.close()
		return nil, 0, fmt.Errorf("%s failed: %s", url, msg)
	}
	return t, readyMs, nil
}

// record keeps the URLs the page fetched; it runs on chromedp's event loop,
// so it only stores.
func (t *tab) record(ev any) {
	if e, ok := ev.(*network.EventResponseReceived); ok {
		t.mu.Lock()
		t.urls[e.Response.URL] = true
		t.mu.Unlock()
	}
}

// fetchedURLs lists, sorted, the distinct http URLs the page, its workers
// and its service worker's cache asked for so far (a URL fetched twice, such
// as app.wasm by the page and by the trainer worker, counts once).
func (t *tab) fetchedURLs() ([]string, error) {
	// Resource timing sees what CDP may not attribute to the page (a dedicated
	// worker's script); the service worker's cache holds what it installed.
	extra, err := chromedp.Run(t.ctx, chromedp.Evaluate[[]string](`(async () => {
		const urls = performance.getEntriesByType("resource").map((e) => e.name);
		if (self.caches) {
			for (const k of await caches.keys()) {
				for (const r of await (await caches.open(k)).keys()) urls.push(r.url);
			}
		}
		return urls;
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, u := range extra {
		t.urls[u] = true
	}
	var out []string
	for u := range t.urls {
		if strings.HasPrefix(u, "http") {
			out = append(out, u)
		}
	}
	sort.Strings(out)
	return out, nil
}

// waitServiceWorker gives the page's service worker up to d to install, so
// that what it caches on a first visit is counted.
func (t *tab) waitServiceWorker(d time.Duration) {
	ctx, cancel := context.WithTimeout(t.ctx, d)
	defer cancel()
	chromedp.Run(ctx, chromedp.Poll[bool](`!!(navigator.serviceWorker && navigator.serviceWorker.controller)`,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(d)))
}

// about is what a benchmark page says of itself (library, backend).
func (t *tab) about() map[string]any {
	m, _ := chromedp.Run(t.ctx, chromedp.Evaluate[map[string]any](`window.bench ? window.bench.about : {}`))
	return m
}

// run measures one configuration and cell on a benchmark page.
func (t *tab) run(s spec, timeout time.Duration) (result, error) {
	arg, err := json.Marshal(s)
	if err != nil {
		return result{}, err
	}
	ctx, cancel := context.WithTimeout(t.ctx, timeout)
	defer cancel()
	r, err := chromedp.Run(ctx, chromedp.Evaluate[result]("window.bench.run("+string(arg)+")", chromedp.EvalAwaitPromise))
	if err != nil {
		var ex *chromedp.ExceptionError
		if errors.As(err, &ex) && ex.ExceptionDetails.Exception != nil {
			return result{}, fmt.Errorf("%s %s: %s", s.Config, s.Cell, ex.ExceptionDetails.Exception.Description)
		}
		return result{}, fmt.Errorf("%s %s: %w", s.Config, s.Cell, err)
	}
	return r, nil
}

func (t *tab) close() { t.cancel() }

// benchReady is the ready expression of the benchmark pages (bench/common.js,
// web/bench.js).
const benchReady = `window.bench && (window.bench.error ? -1 : window.bench.ready && window.bench.readyMs)`

// playgroundReady is the playground's: the wasm has rendered the page and the
// trainer worker has answered (as the e2e tests wait for it).
const playgroundReady = `!document.querySelector("#app-wasm-loader") &&
	(() => { const s = document.querySelector("#run-state"); return !!s && s.textContent !== "starting the trainer…"; })() &&
	performance.now()`
