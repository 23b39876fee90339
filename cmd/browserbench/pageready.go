package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// readyMarks is a script run in the playground page before its own: it
// stamps, in ms since navigation (performance.now), each stage between
// navigation and ready, without touching the page's code — it wraps
// WebAssembly's instantiate functions and the Worker constructor and
// watches the DOM. The trainer worker compiles app.wasm and sends the page
// the module (cmd/serve/loader.js); its first messages after that are JSON
// whose "kind" comes first.
const readyMarks = `(() => {
  const marks = (window.__readyMarks = {});
  const mark = (name) => { if (!(name in marks)) marks[name] = performance.now(); };
  for (const f of ["instantiate", "instantiateStreaming"]) {
    const instantiate = WebAssembly[f];
    WebAssembly[f] = async (...args) => {
      mark("page: wasm instantiate start");
      const r = await instantiate.apply(WebAssembly, args);
      mark("page: wasm instantiated");
      return r;
    };
  }
  const W = window.Worker;
  window.Worker = class extends W {
    constructor(...args) {
      mark("worker created");
      super(...args);
      this.addEventListener("message", (e) => {
        if (e.data instanceof WebAssembly.Module) mark("worker: app.wasm compiled, sent to the page");
        const head = typeof e.data === "string" ? e.data.slice(0, 24) : "";
        if (head.includes('"started"')) mark("worker: app.wasm started");
        if (head.includes('"ready"')) mark("worker: trainer built (ready event)");
      });
    }
    postMessage(...args) {
      mark("page: first command sent");
      return super.postMessage(...args);
    }
  };
  let loaderSeen = false;
  new MutationObserver(() => {
    if (document.getElementById("app-wasm-loader")) loaderSeen = true;
    else if (loaderSeen) mark("page: all rendered (loader removed)");
    const s = document.getElementById("run-state");
    if (s && s.textContent !== "starting the trainer…") mark("page: ready shown");
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();`

// readyStages reads the marks of a page opened with readyMarks, with the
// navigation's and app.wasm's own timings, in time order.
func readyStages(ctx context.Context) (map[string]float64, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[map[string]float64](`(() => {
		const m = Object.assign({}, window.__readyMarks || {});
		const nav = performance.getEntriesByType("navigation")[0];
		if (nav) m["HTML received"] = nav.responseEnd;
		const dcl = nav && nav.domContentLoadedEventEnd;
		if (dcl) m["DOMContentLoaded"] = dcl;
		for (const e of performance.getEntriesByType("resource")) {
			if (e.name.endsWith("/app.js")) m["app.js received"] = e.responseEnd;
		}
		return m;
	})()`))
}

// addInitScript makes the tab of ctx run script before every document's own.
func addInitScript(script string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: script})
		return err
	})
}

// writeReadyStages prints the stages of the playground's first visits:
// for each, the median time since navigation over the visits.
func writeReadyStages(b *strings.Builder, visits []map[string]float64) {
	if len(visits) == 0 {
		return
	}
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	byName := map[string][]float64{}
	for _, v := range visits {
		for name, ms := range v {
			byName[name] = append(byName[name], ms)
		}
	}
	type stage struct {
		name string
		at   summary
	}
	var stages []stage
	for name, ms := range byName {
		stages = append(stages, stage{name, summarize(ms)})
	}
	sortStages := func(i, j int) bool { return stages[i].at.Median < stages[j].at.Median }
	for i := 1; i < len(stages); i++ { // insertion sort: a dozen stages
		for j := i; j > 0 && sortStages(j, j-1); j-- {
			stages[j], stages[j-1] = stages[j-1], stages[j]
		}
	}
	p("The playground's first visits stage by stage (ms since navigation, median of %d; the page's own clock, marks set by a script injected before the page's own, `cmd/browserbench/pageready.go`):\n\n", len(visits))
	p("| stage | at, ms: median (min–max) | since the stage before |\n|---|--:|--:|\n")
	prev := 0.0
	for _, s := range stages {
		p("| %s | %s (%s–%s) | %s |\n", s.name, num(s.at.Median), num(s.at.Min), num(s.at.Max), num(s.at.Median-prev))
		prev = s.at.Median
	}
	p("\n")
}
