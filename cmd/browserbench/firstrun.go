package main

import (
	"fmt"
	"strings"
	"time"
)

// firstRun is what a student meets: the notebook's run on a first visit,
// in a fresh browser context (nothing compiled or cached yet), Play pressed
// Delay after the trainer said it was ready. V8 runs new wasm code in its
// baseline compiler (Liftoff) and compiles hot functions again, optimised
// (TurboFan), while they run, so the first run can be much slower than the
// later ones; the trainer worker warms its code up at start
// (app/trainer/warmup.go), which bench.html?warmup=0 turns off.
type firstRun struct {
	WarmUp bool
	Delay  time.Duration
	Res    result // one run per visit
}

func (f firstRun) label() string {
	w := "no warm-up"
	if f.WarmUp {
		w = "warm-up"
	}
	if f.Delay == 0 {
		return "first run, " + w + ", Play as soon as ready"
	}
	return fmt.Sprintf("first run, %s, Play %s after ready", w, f.Delay)
}

// measureFirstRuns times the first notebook run of each cell on fresh
// visits of our benchmark page (url), with and without the warm-up, for
// each delay, visits times each.
func (r *report) measureFirstRuns(br *browser, url string, delays []time.Duration, visits int) {
	r.FirstRuns = map[string][]firstRun{}
	for _, s := range r.Specs {
		if s.Mode != "notebook" {
			continue
		}
		one := s
		one.Repeats, one.MinRepeats = 1, 1
		for _, d := range delays {
			for _, warm := range []bool{false, true} {
				fr := firstRun{WarmUp: warm, Delay: d}
				u := url
				if !warm {
					u += "?warmup=0"
				}
				for range visits {
					res, err := firstVisit(br, u, d, one)
					if err != nil {
						fr.Res.Err = err.Error()
						break
					}
					if len(res.ComputeMs) != 1 { // a build without computeMs
						fr.Res.Err = "the trainer did not report its computeMs"
						break
					}
					fr.Res.TotalsMs = append(fr.Res.TotalsMs, res.TotalsMs...)
					fr.Res.ComputeMs = append(fr.Res.ComputeMs, res.ComputeMs...)
					fr.Res.MsPerStep = append(fr.Res.MsPerStep, res.MsPerStep...)
				}
				r.FirstRuns[key(s)] = append(r.FirstRuns[key(s)], fr)
				if fr.Res.ok() {
					logf("%s %s, %s: %s ms, %s ms of it training (medians of %d)", s.Config, s.Cell, fr.label(),
						num(summarize(fr.Res.TotalsMs).Median), num(summarize(fr.Res.ComputeMs).Median), len(fr.Res.TotalsMs))
				} else {
					logf("%s %s, %s: %s", s.Config, s.Cell, fr.label(), firstNonEmpty(fr.Res.Err, "no measurement"))
				}
			}
		}
	}
}

// firstVisit opens url in a fresh browser context and runs spec (one
// notebook run) delay after the page is ready.
func firstVisit(br *browser, url string, delay time.Duration, spec spec) (result, error) {
	tab, _, err := br.open(url, benchReady, 2*time.Minute)
	if err != nil {
		return result{}, err
	}
	defer tab.close()
	time.Sleep(delay)
	return tab.run(spec, time.Minute)
}

// writeNotebookTime splits our notebook runs into the time spent training
// (the worker's computeMs) and the rest (messages, JSON, the event loops),
// first runs against the later ones.
func (r *report) writeNotebookTime(b *strings.Builder) {
	specs := r.specsOf("notebook")
	if len(specs) == 0 {
		return
	}
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p("### notebook: where our 151 steps' time goes\n\n")
	p("Play → `done` event as the page sees it, and the part of it the worker spent training (its `computeMs`: the steps with their log entries); ")
	p("the rest is the messages, their JSON and the two event loops. First runs: each on a fresh visit of `/web/bench.html` (empty cache, new worker), ")
	p("with the worker's warm-up (app/trainer/warmup.go) and without it (`?warmup=0`), each the median (min–max) of its visits. ")
	p("All runs: the runs of the table above, one page, from its first run on.\n\n")
	p("| cell | run | Play → done, ms | training, ms | the rest, ms |\n|---|---|--:|--:|--:|\n")
	row := func(cell, label string, res result) {
		if !res.ok() || len(res.ComputeMs) != len(res.TotalsMs) {
			p("| %s | %s | – | | %s |\n", cell, label, cellText(firstNonEmpty(res.Err, "no computeMs")))
			return
		}
		t, c := summarize(res.TotalsMs), summarize(res.ComputeMs)
		rest := make([]float64, len(res.TotalsMs))
		for i := range rest {
			rest[i] = res.TotalsMs[i] - res.ComputeMs[i]
		}
		p("| %s | %s | %s (%s–%s) | %s (%s–%s) | %s |\n", cell, fmt.Sprintf("%s (%d)", label, t.N),
			num(t.Median), num(t.Min), num(t.Max), num(c.Median), num(c.Min), num(c.Max), num(summarize(rest).Median))
	}
	for _, s := range specs {
		for _, fr := range r.FirstRuns[key(s)] {
			row(s.Cell, fr.label(), fr.Res)
		}
		row(s.Cell, "all runs", r.result(ours, s))
	}
	p("\n")
}
