// Command browserbench measures the playground against its speed goals: it
// trains the notebook, classroom and large configurations (RNN, LSTM, GRU
// each) with our trainer in the playground's Web Worker, with TensorFlow.js
// 4.22 (cpu and wasm backends) and brain.js in the same headless Chromium,
// with PyTorch and the same Go code natively, and writes the current figures
// of docs/benchmarks.md: the section between <!-- browser:begin --> and
// <!-- browser:end -->, every other byte of the file left alone.
//
//	(cd bench && npm ci)                # once: the pinned anchors
//	make -f wasm.Makefile build         # web/app.wasm
//	go run ./cmd/browserbench -out docs/benchmarks.md
//
// It starts the real server (cmd/serve) for our pages and a loopback file
// server for bench/; nothing is fetched from elsewhere. A full run takes
// about a quarter of an hour on 2 cores. It is a command, not a test.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/rnn-playground/rnn-playground/rnn"
)

// memoryEarlySteps is when the memory check takes its first reading.
const memoryEarlySteps = 100

// Page names in the report.
const (
	playgroundPage = "RNN Playground (/)"
	oursBenchPage  = "RNN Playground trainer only (/web/bench.html)"
	tfWasmPage     = "TensorFlow.js 4.22, wasm backend"
	tfCPUPage      = "TensorFlow.js 4.22, cpu backend"
	brainPage      = "brain.js 1.6.1"
)

type options struct {
	root, out, chromium, python string
	only, configs               map[string]bool
	visits                      int
	maxStep                     time.Duration
	memorySteps                 int
	firstDelays                 []time.Duration
	oneWorker                   bool
	firstVisits                 int
	stdout                      bool
}

func main() {
	var o options
	var only, cfgs, firstDelays string
	flag.StringVar(&o.root, "root", ".", "the repository root (holds web/, bench/ and rnn/testdata)")
	flag.StringVar(&o.out, "out", "docs/benchmarks.md", "file whose current figures, between the browser markers, are rewritten (relative to -root)")
	flag.StringVar(&o.chromium, "chromium", "", "Chromium to run (default: chromium on PATH)")
	flag.StringVar(&o.python, "python", "/usr/bin/python3", "Python with torch, for "+pytorchScript)
	flag.StringVar(&only, "only", "", "comma-separated trainers to run: ours,native,tfjs-wasm,tfjs-cpu,brainjs,pytorch (default all)")
	flag.StringVar(&cfgs, "configs", "", "comma-separated configurations: notebook,classroom,large (default all)")
	flag.IntVar(&o.visits, "visits", 9, "first visits of the playground page timed for page-ready (the median resists a few disturbed ones)")
	flag.DurationVar(&o.maxStep, "max-step", 15*time.Second, "skip a large-configuration cell whose step, predicted from the classroom one, would take longer")
	flag.IntVar(&o.memorySteps, "memory-steps", 1000, "classroom steps of the memory check (0: skip it)")
	flag.StringVar(&firstDelays, "first", "0s,2s", "comma-separated delays between page ready and Play for the notebook's first runs on fresh visits (empty: none)")
	flag.IntVar(&o.firstVisits, "first-visits", 3, "fresh visits per first-run measurement")
	flag.BoolVar(&o.oneWorker, "one-worker", true, "also run our classroom and large rows at workers=1 (the per-core goals)")
	flag.BoolVar(&o.stdout, "stdout", false, "print the section instead of writing -out")
	flag.Parse()
	o.only, o.configs = set(only), set(cfgs)
	for _, d := range strings.Split(firstDelays, ",") {
		if d = strings.TrimSpace(d); d == "" {
			continue
		}
		delay, err := time.ParseDuration(d)
		if err != nil {
			fmt.Fprintln(os.Stderr, "browserbench: -first:", err)
			os.Exit(2)
		}
		o.firstDelays = append(o.firstDelays, delay)
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "browserbench:", err)
		os.Exit(1)
	}
}

func set(list string) map[string]bool {
	if list == "" {
		return nil
	}
	m := map[string]bool{}
	for _, s := range strings.Split(list, ",") {
		m[strings.TrimSpace(s)] = true
	}
	return m
}

func (o options) wants(t trainer) bool {
	if t == oursOne { // with ours, unless -one-worker=false
		return o.oneWorker && (o.wants(ours) || o.only[t.Key])
	}
	return o.only == nil || o.only[t.Key]
}

func run(o options) error {
	root, err := filepath.Abs(o.root)
	if err != nil {
		return err
	}
	r := &report{
		Started: time.Now(),
		About:   map[string]string{},
		Results: map[string]map[string]result{},
		Missing: map[string]string{},
		Command: "go run ./cmd/browserbench " + strings.Join(os.Args[1:], " "),
	}
	texts := map[string]string{}
	for _, c := range configs {
		if o.configs != nil && !o.configs[c.Name] {
			continue
		}
		text, err := c.text(root)
		if err != nil {
			return err
		}
		texts[c.Name] = text
		for _, cell := range cells {
			s, err := newSpec(c, cell, text)
			if err != nil {
				return err
			}
			r.Specs = append(r.Specs, s)
		}
	}
	for _, t := range everybody {
		if !o.wants(t) {
			r.Missing[t.Key] = "left out with -only"
		}
	}
	r.Machine = describeMachine(root)
	loadAtStart := loadAverage()

	// Natively first, with the browser not yet started.
	if o.wants(pytorch) {
		r.measurePyTorch(root, o.python, texts)
	}
	if o.wants(native) {
		r.measureNative(texts, o.maxStep)
	}
	if err := r.measureBrowser(root, o); err != nil {
		return err
	}

	r.Elapsed = time.Since(r.Started)
	if loadAtStart != "" {
		r.Machine = append(r.Machine, fmt.Sprintf("Load average (1, 5, 15 min) at the start: %s; at the end: %s (2 cores: above 2, other work was running)",
			loadAtStart, loadAverage()))
	}
	section := r.markdown()
	if o.stdout {
		fmt.Print(section)
		return nil
	}
	out := o.out
	if !filepath.IsAbs(out) {
		out = filepath.Join(root, out)
	}
	if err := writeSection(out, section); err != nil {
		return err
	}
	logf("wrote the current figures of %s in %s", out, r.Elapsed.Round(time.Second))
	return nil
}

// tooSlow predicts a large-configuration step from the same trainer's
// classroom step, scaled by the products' FLOPs, and says why to skip it when
// the prediction exceeds maxStep: one such step of TensorFlow.js's cpu
// backend can take a minute, which would double the run.
func tooSlow(done map[string]result, specs []spec, s spec, maxStep time.Duration) (string, bool) {
	if s.Config != "large" {
		return "", false
	}
	for _, c := range specs {
		if c.Config != "classroom" || c.Cell != s.Cell {
			continue
		}
		res, ok := done[key(c)]
		if !ok || !res.ok() {
			return "", false
		}
		g := gates(s.Cell)
		predicted := time.Duration(res.step().Median * stepFLOPs(s, g) / stepFLOPs(c, g) * float64(time.Millisecond))
		if predicted > maxStep {
			return fmt.Sprintf("skipped: about %s a step, predicted from its classroom step (more than -max-step %s)",
				predicted.Round(time.Second), maxStep), true
		}
	}
	return "", false
}

// measurePyTorch runs bench/pytorch_bench.py on the configurations of texts.
func (r *report) measurePyTorch(root, python string, texts map[string]string) {
	logf("PyTorch: %s -json", pytorchScript)
	var names []string
	for name := range texts {
		names = append(names, name)
	}
	sort.Strings(names)
	res, version, err := runPyTorch(root, python, names, 6*time.Minute)
	if err != nil {
		r.Missing[pytorch.Key] = err.Error()
		logf("PyTorch: %v", err)
		return
	}
	r.Results[pytorch.Key] = res
	r.About[pytorch.Key] = "PyTorch " + firstNonEmpty(version, "(version not reported)") +
		" (Debian python3-torch), one thread, run by " + pytorchScript + " on the same configurations and batches. " +
		"Its ms/step is the median of single steps with their fastest and slowest (ours: of repeats of several steps), " +
		"and its notebook total is 151 × that median."
}

// measureNative times every spec with the Go code compiled natively.
func (r *report) measureNative(texts map[string]string, maxStep time.Duration) {
	r.Results[native.Key] = map[string]result{}
	for _, s := range r.Specs {
		c := configNamed(s.Config)
		cell, _ := rnn.ParseCell(s.Cell)
		if why, skip := tooSlow(r.Results[native.Key], r.Specs, s, maxStep); skip {
			r.Results[native.Key][key(s)] = result{Err: why}
			logf("native %s %s: %s", s.Config, s.Cell, why)
			continue
		}
		res, err := measureNative(s, texts[s.Config], c.rnnConfig(cell))
		if err != nil {
			res.Err = err.Error()
		}
		r.Results[native.Key][key(s)] = res
		logResult("native", s, res)
	}
	r.About[native.Key] = fmt.Sprintf("rnn.Trainer.Step compiled natively by %s for %s/%s, one goroutine: the reference for the wasm build's speed.",
		runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// measureBrowser starts the servers and Chromium, times the playground's
// first visits, then every spec on every benchmark page.
func (r *report) measureBrowser(root string, o options) error {
	tmp, err := os.MkdirTemp("", "browserbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	needPlayground := o.wants(ours) || o.wants(oursOne)
	needFiles := o.wants(tfWasm) || o.wants(tfCPU) || o.wants(brainJS)
	var playBase, filesBase string
	if needPlayground {
		base, stop, err := startPlayground(root, tmp)
		if err != nil {
			return err
		}
		defer stop()
		playBase = base
	}
	if needFiles {
		base, stop, err := startFiles(filepath.Join(root, "bench"))
		if err != nil {
			return err
		}
		defer stop()
		filesBase = base
	}
	br, err := startBrowser(o.chromium)
	if err != nil {
		return err
	}
	defer br.close()
	r.Machine = append(r.Machine, "Browser: "+firstNonEmpty(br.version, "Chromium")+", headless")

	if needPlayground {
		r.Pages = append(r.Pages, visitPlayground(br, playBase, o.visits))
	}
	// Every page stays open and each configuration and cell runs on one page
	// after the other, so that the trainers compared in a row ran minutes
	// apart at most, under the same load from the rest of the machine.
	pages := []*benchPage{
		// Our download is the playground page's, measured above (CDP does not
		// see a dedicated worker's fetches, and bench.html has only the worker).
		{t: ours, name: oursBenchPage, url: playBase + "/web/bench.html", download: func(string) bool { return false }},
		// The same trainer on one worker: a page of its own, so that each
		// page's worker keeps its own state between runs.
		{t: oursOne, name: oursBenchPage + ", workers=1", url: playBase + "/web/bench.html", download: func(string) bool { return false },
			suffix: "&workers=1"},
		{t: tfWasm, name: tfWasmPage, url: filesBase + "/tfjs.html?backend=wasm", download: inNodeModules},
		{t: tfCPU, name: tfCPUPage, url: filesBase + "/tfjs.html?backend=cpu", download: inNodeModules},
		{t: brainJS, name: brainPage, url: filesBase + "/brainjs.html", download: inNodeModules},
	}
	var open []*benchPage
	for _, pg := range pages {
		if !o.wants(pg.t) {
			continue
		}
		err := pg.open(br)
		if pg.t != oursOne { // the same page as ours
			r.Pages = append(r.Pages, pg.load)
		}
		if err != nil {
			r.Missing[pg.t.Key] = err.Error()
			logf("%s: %v", pg.name, err)
			continue
		}
		defer pg.close()
		r.About[pg.t.Key] = describeTrainer(pg.t, pg.about)
		r.Results[pg.t.Key] = map[string]result{}
		open = append(open, pg)
	}
	for _, s := range r.Specs {
		for _, pg := range open {
			if pg.t == oursOne && s.Mode == "notebook" {
				continue // B = 1: one worker at any setting
			}
			res := pg.run(br, s, r.Results[pg.t.Key], r.Specs, o.maxStep)
			r.Results[pg.t.Key][key(s)] = res
			logResult(pg.name, s, res)
		}
	}
	if len(open) > 0 && open[0].t == ours && len(o.firstDelays) > 0 {
		r.measureFirstRuns(br, open[0].url, o.firstDelays, max(1, o.firstVisits))
	}
	if o.memorySteps > memoryEarlySteps && len(open) > 0 && open[0].t == ours {
		for _, s := range r.Specs {
			if s.Config == "classroom" && s.Cell == "RNN" { // the fastest cell: the most steps in the time
				logf("memory: %d classroom %s steps in one run, in a fresh worker", o.memorySteps, s.Cell)
				// A fresh page: the first one's worker still holds the large runs'
				// memory. Our old pages are closed so that their workers are gone,
				// and the run has one worker: the one whose memory is read.
				for _, pg := range open {
					if pg.t == ours || pg.t == oursOne {
						pg.close()
						pg.tab = nil
					}
				}
				fresh := &benchPage{t: ours, name: oursBenchPage, url: open[0].url, download: open[0].download}
				if err := fresh.open(br); err != nil {
					r.Memory = &memoryCheck{Err: err.Error()}
					break
				}
				one := s
				one.Query += "&workers=1"
				m := checkMemory(br, fresh, one, memoryEarlySteps, o.memorySteps)
				fresh.close()
				r.Memory = &m
				logf("memory: %.1f MB after %d steps, %.1f MB after %d %s", m.EarlyBytes/1e6, m.EarlySteps, m.LateBytes/1e6, m.Steps, m.Err)
			}
		}
	}
	return nil
}

func configNamed(name string) config {
	for _, c := range configs {
		if c.Name == name {
			return c
		}
	}
	panic("unknown configuration " + name) // specs are built from configs
}

func logResult(who string, s spec, r result) {
	if !r.ok() {
		logf("%s %s %s: %s", who, s.Config, s.Cell, r.Err)
		return
	}
	st := r.step()
	logf("%s %s %s: %s ms/step (%s–%s, n=%d), %.0f tokens/s", who, s.Config, s.Cell,
		num(st.Median), num(st.Min), num(st.Max), st.N, r.tokensPerSec(s.Tokens()))
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, time.Now().Format("15:04:05 ")+format+"\n", args...)
}
