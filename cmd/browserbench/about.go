package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// describeTrainer says how an anchor was run, from what its page reported.
func describeTrainer(t trainer, about map[string]any) string {
	lib := fmt.Sprint(about["library"])
	switch t {
	case ours:
		return "the playground's own trainer: `bench/playground/bench.html`, which the harness serves beside web/ as /web/bench.html, starts `web/worker.js` (the same app.wasm, in trainer mode) and sends it the " +
			"playground's messages (reset, step, play, pause). The notebook's time runs from Play to the `done` event; the other configurations " +
			"time Play from the progress events (one every ~30 ms), so each step includes the worker's yields and messages. " +
			"The settings leave `workers` at the playground's default (data-parallel helper workers on shares of each batch). " +
			"The worker warms its code up once the page has its first run and says it is drawn (app/trainer/warmup.go: notebook steps of each cell kind while it is idle; bench.html says so at once), " +
			"so the notebook rows, which start at once, run partly beside that warm-up."
	case oursOne:
		return "the same page and messages with `&workers=1` in the settings: one worker, one core."
	case tfWasm:
		return fmt.Sprintf("%s, wasm backend (SIMD %v, threads %v: the page is not cross-origin isolated, so one thread like ours). "+
			"tf.layers model trained with `optimizer.minimize` and `tf.train.adam(1e-3, 0.9, 0.999, 1e-8)`. The wasm backend cannot train an "+
			"Embedding (its gradient kernel UnsortedSegmentSum is missing), so one-hot inputs feed a bias-free Dense layer, which computes the same "+
			"product. LSTM and GRU use the logistic sigmoid for their gates as PyTorch does; tf.layers' GRU applies the reset gate before the "+
			"recurrent product (no resetAfter), a variant with the same cost.", lib, about["simd"], about["threads"])
	case tfCPU:
		return lib + ", cpu backend (plain JavaScript): the same model with an Embedding layer, the same optimizer settings."
	case brainJS:
		return lib + " (`brain.js` on npm, `latest`; 2.0 is still a beta that needs gpu.js and headless-gl), `brain.recurrent.RNN/LSTM/GRU` " +
			"built with inputSize = E, hiddenLayers = [H]×layers and learningRate 1e-3, and driven by `initialize()` and `trainPattern()` " +
			"(what `train()` calls; `train()` itself would force E = V). It cannot batch: one step trains the B rows one by one, updating after " +
			"each; its update rule is its own RMSProp-like one with clipping, not Adam; and each row gets a start and an end token (T+2 predictions). " +
			"Its loss column is its own error measure (perplexity/100), not cross-entropy."
	}
	return lib
}

func describeMachine(root string) []string {
	var lines []string
	cpu, cores := "unknown CPU", runtime.NumCPU()
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	lines = append(lines, fmt.Sprintf("Machine: %s, %d cores seen by Go (shared with other work while it ran)", cpu, cores))
	lines = append(lines, fmt.Sprintf("Go: %s; wasm built by `make -f wasm.Makefile build`", runtime.Version()))
	if v := npmVersion(root, "@tensorflow/tfjs"); v != "" {
		lines = append(lines, fmt.Sprintf("Anchors from bench/package-lock.json: @tensorflow/tfjs %s, @tensorflow/tfjs-backend-wasm %s, brain.js %s",
			v, npmVersion(root, "@tensorflow/tfjs-backend-wasm"), npmVersion(root, "brain.js")))
	}
	return lines
}

// loadAverage is /proc/loadavg's first three fields: how busy the shared
// machine was, which says how far to trust the run.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], ", ")
}

// npmVersion reads the installed version of a package under bench/node_modules.
func npmVersion(root, pkg string) string {
	b, err := os.ReadFile(filepath.Join(root, "bench", "node_modules", pkg, "package.json"))
	if err != nil {
		return ""
	}
	var meta struct{ Version string }
	if json.Unmarshal(b, &meta) != nil {
		return ""
	}
	return meta.Version
}
