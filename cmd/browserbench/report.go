package main

import (
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"time"
)

// Markers of the section this command owns in docs/benchmarks.md, its
// current figures; the rest of the file (how to run each benchmark, the
// goals, what limits the notebook) is written by hand and kept as is.
const (
	beginMarker = "<!-- browser:begin -->"
	endMarker   = "<!-- browser:end -->"
)

// trainer is a column of the report: ours, or an anchor.
type trainer struct {
	Key, Name string
}

var (
	ours      = trainer{"ours", "RNN Playground (wasm, Web Worker)"}
	oursOne   = trainer{"ours-1", "RNN Playground, workers=1"} // classroom and large: one core, for the per-core goals
	native    = trainer{"native", "same Go code, native"}
	tfWasm    = trainer{"tfjs-wasm", "TensorFlow.js wasm"}
	tfCPU     = trainer{"tfjs-cpu", "TensorFlow.js cpu"}
	brainJS   = trainer{"brainjs", "brain.js"}
	pytorch   = trainer{"pytorch", "PyTorch, native"}
	anchors   = []trainer{tfWasm, tfCPU, brainJS, pytorch}
	everybody = []trainer{ours, oursOne, native, tfWasm, tfCPU, brainJS, pytorch}
)

// pageLoad is a page's navigation-to-ready time over several first visits
// and what such a visit downloads.
type pageLoad struct {
	Name      string
	ReadyMs   []float64
	GzipBytes int64 // everything fetched, as a gzip-only host sends it
	Files     int
	Stages    []map[string]float64 // per visit: stage → ms since navigation (pageready.go)
	Err       string
}

// report is everything one run measured.
type report struct {
	Started time.Time
	Elapsed time.Duration
	Machine []string          // lines describing the machine and versions
	About   map[string]string // trainer key → library and backend, as the page said
	Specs   []spec
	Results map[string]map[string]result // trainer key → "config/cell" → result
	Pages   []pageLoad
	Memory  *memoryCheck
	// ours, notebook: "config/cell" → the first run of a fresh visit
	FirstRuns map[string][]firstRun
	Missing   map[string]string // trainer key → why its column is empty
	Command   string
	Warnings  []string
}

func key(s spec) string { return s.Config + "/" + s.Cell }

// cellText makes s safe inside a table cell: one line, no column breaks.
func cellText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, "|", "\\|")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

func (r *report) result(t trainer, s spec) result {
	if msg, ok := r.Missing[t.Key]; ok {
		return result{Err: msg}
	}
	res, ok := r.Results[t.Key][key(s)]
	if !ok {
		return result{Err: "not run"}
	}
	return res
}

// markdown renders the current figures (without their markers).
func (r *report) markdown() string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }

	p("## Current figures\n\n")
	p("Written by `%s` on %s (%s for the whole run). ", r.Command, r.Started.UTC().Format("2006-01-02 15:04 UTC"), r.Elapsed.Round(time.Second))
	p("Every browser trainer ran in the same headless Chromium on the same batches, one run at a time, each configuration and cell on every page in turn; PyTorch and the native Go ran in the same run, before the browser. ")
	p("One run on a shared 2-core machine is noisy: the ratios are what count. ")
	p("To run it again: `make -f wasm.Makefile bench-browser` (about a quarter of an hour; ")
	p("`go run ./cmd/browserbench -only ours,tfjs-wasm -configs classroom` for a part).\n\n")
	for _, m := range r.Machine {
		p("- %s\n", m)
	}
	p("\n")

	r.writeGoals(&b)
	for _, c := range configs {
		r.writeConfig(&b, c.Name)
		if c.Name == "notebook" {
			r.writeNotebookTime(&b)
		}
	}
	r.writePages(&b)
	r.writeNotes(&b)
	return b.String()
}

func (r *report) specsOf(config string) []spec {
	var out []spec
	for _, s := range r.Specs {
		if s.Config == config {
			out = append(out, s)
		}
	}
	return out
}

// writeGoals checks the speed, memory and download goals against this run.
func (r *report) writeGoals(b *strings.Builder) {
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p("### The goals in this run\n\n")
	p("| goal | RNN | LSTM | GRU |\n|---|---|---|---|\n")
	row := func(goal, config string, f func(s spec) string) {
		p("| %s: %s |", config, goal)
		for _, cell := range []string{"RNN", "LSTM", "GRU"} {
			v := "–"
			for _, s := range r.specsOf(config) {
				if s.Cell == cell {
					v = f(s)
				}
			}
			p(" %s |", v)
		}
		p("\n")
	}
	row("151 steps ≤ 5 ms in the browser", "notebook", func(s spec) string {
		res := r.result(ours, s)
		if !res.ok() {
			return "–"
		}
		t := summarize(res.TotalsMs).Median
		return fmt.Sprintf("%s ms %s", num(t), mark(t <= 5))
	})
	if fr, ok := r.studentFirstRun(); ok {
		row(fmt.Sprintf("the same, first run of a visit (Play %s after ready, warm-up on)", fr), "notebook", func(s spec) string {
			for _, f := range r.FirstRuns[key(s)] {
				if f.WarmUp && f.Delay == fr && f.Res.ok() {
					t := summarize(f.Res.TotalsMs).Median
					return fmt.Sprintf("%s ms %s", num(t), mark(t <= 5))
				}
			}
			return "–"
		})
	}
	row("≥ 3× TensorFlow.js-wasm tokens/s", "classroom", func(s spec) string {
		x := r.speedup(s, tfWasm)
		if math.IsNaN(x) {
			return "–"
		}
		return fmt.Sprintf("%.2f× %s", x, mark(x >= 3))
	})
	row("faster than PyTorch natively (LSTM, GRU)", "classroom", func(s spec) string {
		x := r.speedup(s, pytorch)
		if math.IsNaN(x) {
			return "–"
		}
		if s.Cell == "RNN" {
			return fmt.Sprintf("%.2f×", x)
		}
		return fmt.Sprintf("%.2f× %s", x, mark(x > 1))
	})
	row("≥ 4 GFLOP/s per core in Chromium", "classroom", func(s spec) string {
		res, ok := r.perCore(s)
		if !ok {
			return "–"
		}
		g := stepFLOPs(s, gates(s.Cell)) / (res.step().Median / 1000) / 1e9
		return fmt.Sprintf("%.2f %s", g, mark(g >= 4))
	})
	row("wasm step ≤ 2× native", "classroom", func(s spec) string {
		w, ok := r.perCore(s)
		n := r.result(native, s)
		if !ok || !n.ok() {
			return "–"
		}
		x := w.step().Median / n.step().Median
		return fmt.Sprintf("%.2f× %s", x, mark(x <= 2))
	})
	p("\n")
	p("The ratios to TensorFlow.js and PyTorch take our trainer as a student's tab runs it, with the playground's default workers "+
		"(min(hardwareConcurrency, 4), at most the batch's rows: %s here); the per-core goals (GFLOP/s, wasm against native) take its run at workers=1.\n\n",
		r.defaultWorkers())
	if m := r.Memory; m != nil {
		if m.Err != "" {
			p("Memory check: %s.\n\n", cellText(m.Err))
		} else {
			flat := m.LateBytes <= m.EarlyBytes
			scaled := ""
			if m.Steps < 10000 {
				scaled = " (scaled down from 10,000 steps to fit the run)"
			}
			p("Memory flat%s: the trainer worker's wasm memory was %.1f MB after %d classroom %s steps "+
				"and %.1f MB after %d steps of the same run %s.\n\n", scaled, m.EarlyBytes/1e6, m.EarlySteps, m.Cell, m.LateBytes/1e6, m.Steps, mark(flat))
		}
	}
	for _, pl := range r.Pages {
		if pl.Name != playgroundPage || pl.Err != "" {
			continue
		}
		ready := summarize(pl.ReadyMs).Median
		p("Page ready ≤ 1 s: %s ms %s. First visit ≤ 2.2 MB gzip: %s %s",
			num(ready), mark(ready <= 1000), mb(pl.GzipBytes), mark(float64(pl.GzipBytes) <= 2.2e6))
		for _, other := range r.Pages {
			if other.Name == tfWasmPage && other.Err == "" {
				p(" (TensorFlow.js with its wasm backend: %s)", mb(other.GzipBytes))
			}
		}
		p(".\n\n")
	}
}

func mark(ok bool) string {
	if ok {
		return "✓"
	}
	return "✗"
}

func gates(cell string) int {
	switch cell {
	case "LSTM":
		return 4
	case "GRU":
		return 3
	}
	return 1
}

// studentFirstRun is the delay of the first runs that stand for a student's:
// the longest one measured.
func (r *report) studentFirstRun() (time.Duration, bool) {
	var d time.Duration
	found := false
	for _, runs := range r.FirstRuns {
		for _, f := range runs {
			if f.WarmUp && (!found || f.Delay > d) {
				d, found = f.Delay, true
			}
		}
	}
	return d, found
}

// perCore is our one-core result for s: the workers=1 run, or the
// default run if it used one worker.
func (r *report) perCore(s spec) (result, bool) {
	if one := r.result(oursOne, s); one.ok() {
		return one, true
	}
	if res := r.result(ours, s); res.ok() && res.Workers <= 1 {
		return res, true
	}
	return result{}, false
}

// defaultWorkers says how many workers our default runs used.
func (r *report) defaultWorkers() string {
	seen := map[int]bool{}
	var list []string
	for _, s := range r.Specs {
		if res := r.result(ours, s); res.ok() && s.Config != "notebook" && !seen[res.Workers] {
			seen[res.Workers] = true
			w := fmt.Sprint(res.Workers)
			if res.Workers == 0 {
				w = "1 (a build without workers)"
			}
			list = append(list, w)
		}
	}
	if len(list) == 0 {
		return "not measured"
	}
	return strings.Join(list, ", ")
}

// speedup is ours over the anchor: tokens/s ratio (the 151 steps' ratio for
// the notebook). NaN when either is missing.
func (r *report) speedup(s spec, anchor trainer) float64 {
	a, o := r.result(anchor, s), r.result(ours, s)
	if !a.ok() || !o.ok() {
		return math.NaN()
	}
	if s.Mode == "notebook" && len(a.TotalsMs) > 0 && len(o.TotalsMs) > 0 {
		return summarize(a.TotalsMs).Median / summarize(o.TotalsMs).Median
	}
	return a.step().Median / o.step().Median
}

func (r *report) writeConfig(b *strings.Builder, config string) {
	specs := r.specsOf(config)
	if len(specs) == 0 {
		return
	}
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	s0 := specs[0]
	p("### %s: V=%d, E=%d, H=%d, %d layer(s), T=%d, B=%d, Adam lr %g\n\n", config, s0.V, s0.E, s0.H, s0.L, s0.T, s0.B, s0.LR)
	notebook := s0.Mode == "notebook"
	if notebook {
		p("| cell | trainer | %d steps, ms: median (min–max) | ms/step | tokens/s | ours is faster by | loss first → last |\n", s0.Steps)
		p("|---|---|---|---|---|---|---|\n")
	} else {
		p("| cell | trainer | ms/step: median (min–max) | samples × steps | tokens/s | ours is faster by | loss first → last |\n")
		p("|---|---|---|---|---|---|---|\n")
	}
	for _, s := range specs {
		for _, t := range everybody {
			if _, ran := r.Results[t.Key][key(s)]; t == oursOne && !ran {
				continue // the notebook (B = 1) trains on one worker anyway
			}
			res := r.result(t, s)
			name := t.Name
			if t == ours && res.Workers > 1 {
				name += fmt.Sprintf(", %d workers", res.Workers)
			}
			if t == ours || t == oursOne {
				name = "**" + name + "**"
			}
			if !res.ok() {
				p("| %s | %s | – | | | | %s |\n", s.Cell, name, cellText(res.Err))
				continue
			}
			ratio := ""
			if t != ours && t != oursOne && t != native {
				if x := r.speedup(s, t); !math.IsNaN(x) {
					ratio = fmt.Sprintf("%.2f×", x)
				}
			}
			st := res.step()
			tokens := fmt.Sprintf("%.0f", res.tokensPerSec(s.Tokens()))
			loss := losses(res)
			if notebook {
				total := fmt.Sprintf("≈ %s (%d × median step)", num(float64(s.Steps)*st.Median), s.Steps)
				if len(res.TotalsMs) > 0 {
					tot := summarize(res.TotalsMs)
					total = fmt.Sprintf("%s (%s–%s)", num(tot.Median), num(tot.Min), num(tot.Max))
				}
				p("| %s | %s | %s | %s | %s | %s | %s |\n", s.Cell, name, total, num(st.Median), tokens, ratio, loss)
			} else {
				samples := fmt.Sprintf("%d × %d", st.N, max(1, res.StepsPerRepeat))
				switch {
				case res.Sampling != "":
					samples = res.Sampling
				case res.Note != "":
					samples = "1 (warm-up only)"
				}
				p("| %s | %s | %s (%s–%s) | %s | %s | %s | %s |\n", s.Cell, name,
					num(st.Median), num(st.Min), num(st.Max), samples, tokens, ratio, loss)
			}
		}
	}
	p("\n")
}

func losses(r result) string {
	if len(r.Losses) < 2 {
		return ""
	}
	return fmt.Sprintf("%.3g → %.3g", r.Losses[0], r.Losses[1])
}

func (r *report) writePages(b *strings.Builder) {
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p("### Page ready and first-visit download\n\n")
	p("Navigation → ready, each visit in a fresh browser context (empty cache). Download: every distinct URL the visit fetched ")
	p("(page, scripts, workers, service-worker cache), each as a gzip-only host such as GitHub Pages sends it. ")
	p("The trainer-only page is ready when its worker has started app.wasm; its download is the playground's app.wasm, counted in the first row. ")
	p("The anchors' download counts their library files only.\n\n")
	p("| page | ready, ms: median (min–max) | visits | first visit, gzip | files |\n|---|---|---|---|---|\n")
	for _, pl := range r.Pages {
		if pl.Err != "" {
			p("| %s | – | | | %s |\n", pl.Name, cellText(pl.Err))
			continue
		}
		st := summarize(pl.ReadyMs)
		gz, files := "–", "–"
		if pl.Files > 0 {
			gz, files = mb(pl.GzipBytes), fmt.Sprint(pl.Files)
		}
		p("| %s | %s (%s–%s) | %d | %s | %s |\n", pl.Name, num(st.Median), num(st.Min), num(st.Max), st.N, gz, files)
	}
	p("\n")
	for _, pl := range r.Pages {
		if pl.Name == playgroundPage {
			writeReadyStages(b, pl.Stages)
		}
	}
}

func (r *report) writeNotes(b *strings.Builder) {
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p("### How each trainer was run\n\n")
	for _, t := range everybody {
		if a := r.About[t.Key]; a != "" {
			p("- **%s**: %s\n", t.Name, a)
		}
	}
	for _, t := range everybody {
		if msg, ok := r.Missing[t.Key]; ok {
			p("- **%s**: no numbers in this run: %s\n", t.Name, cellText(msg))
		}
	}
	for _, w := range r.Warnings {
		p("- %s\n", w)
	}
	p("\n")
}

// num prints a duration in ms with about three significant digits.
func num(ms float64) string {
	switch {
	case math.IsNaN(ms):
		return "–"
	case ms >= 100:
		return fmt.Sprintf("%.0f", ms)
	case ms >= 10:
		return fmt.Sprintf("%.1f", ms)
	case ms >= 1:
		return fmt.Sprintf("%.2f", ms)
	}
	return fmt.Sprintf("%.3f", ms)
}

func mb(n int64) string { return fmt.Sprintf("%.2f MB", float64(n)/1e6) }

// writeSection replaces what lies between the markers in the file at path
// with section, creating the file or appending the markers if needed.
func writeSection(path, section string) error {
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	doc, err := replaceSection(string(old), section)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return os.WriteFile(path, []byte(doc), 0o644)
}

// replaceSection puts section between the markers of doc, leaving every
// other byte alone; a document without markers gets them at its end.
func replaceSection(doc, section string) (string, error) {
	body := beginMarker + "\n" + strings.TrimSpace(section) + "\n" + endMarker
	i := strings.Index(doc, beginMarker)
	j := strings.Index(doc, endMarker)
	switch {
	case i < 0 && j < 0:
		if doc != "" && !strings.HasSuffix(doc, "\n") {
			doc += "\n"
		}
		if doc != "" {
			doc += "\n"
		}
		return doc + body + "\n", nil
	case i < 0 || j < 0 || j < i:
		return "", errors.New("the browser markers are unbalanced: fix them by hand")
	case strings.Count(doc, beginMarker) > 1 || strings.Count(doc, endMarker) > 1:
		return "", errors.New("the browser markers appear more than once")
	}
	return doc[:i] + body + doc[j+len(endMarker):], nil
}
