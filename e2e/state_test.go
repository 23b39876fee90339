package e2e

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rnn-playground/rnn-playground/rnn/safetensors"
)

// Browser tests of a classroom that concern what a student keeps: model files
// that are refused, reloads, two tabs, blocked storage, a broken download.
// docs/reliability.md lists each case with its test.

// badModelFiles writes model files that must be refused, made from the
// notebook's PyTorch checkpoint, and returns name → path.
func badModelFiles(t *testing.T) map[string]string {
	t.Helper()
	good, err := os.ReadFile(filepath.Join(repoRoot, "rnn", "testdata", "pytorch_notebook.safetensors"))
	if err != nil {
		t.Fatal(err)
	}
	rewrite := func(edit func(ts []safetensors.Tensor, meta map[string]string) []safetensors.Tensor) []byte {
		g, err := safetensors.Read(good) // a fresh copy to edit
		if err != nil {
			t.Fatal(err)
		}
		meta := map[string]string{}
		for k, v := range g.Metadata {
			meta[k] = v
		}
		var b bytes.Buffer
		if err := safetensors.Write(&b, edit(g.Tensors, meta), meta); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	huge := bytes.Clone(good)
	binary.LittleEndian.PutUint64(huge, 1<<40)
	files := map[string][]byte{
		"truncated.safetensors":     good[:len(good)/2],
		"header-length.safetensors": huge,
		"header-json.safetensors":   bytes.Replace(good, []byte(`"shape"`), []byte(`"shape" `+"\x00"), 1),
		"not-a-model.safetensors":   []byte(`<script>alert(1)</script>`),
		"nan.safetensors": rewrite(func(ts []safetensors.Tensor, _ map[string]string) []safetensors.Tensor {
			ts[0].Data[0] = math.NaN()
			return ts
		}),
		"vocab.safetensors": rewrite(func(ts []safetensors.Tensor, meta map[string]string) []safetensors.Tensor {
			meta["vocab"] = strings.TrimSuffix(meta["vocab"], "]") + `,"<img src=x onerror=alert(1)>"]`
			return ts
		}),
		"shape.safetensors": rewrite(func(ts []safetensors.Tensor, _ map[string]string) []safetensors.Tensor {
			for i := range ts {
				if ts[i].Name == "linear.bias" {
					ts[i].Shape, ts[i].Data = []int{1}, ts[i].Data[:1]
				}
			}
			return ts
		}),
	}
	dir := t.TempDir()
	paths := map[string]string{}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths[name] = p
	}
	return paths
}

// TestBadModelFilesKeepTheModel: each refused file gives a message naming
// it and what is wrong in a student's words, the technical detail on
// demand; the model in use predicts exactly as before and its run goes on.
func TestBadModelFilesKeepTheModel(t *testing.T) {
	ctx := newTab(t, 120*time.Second)
	watchForInjection(t, ctx)
	openPlayground(t, ctx, "steps=60&autoplay=1")
	waitState(t, ctx, "done")
	before := topGuesses(t, ctx, "We are going")
	for name, path := range badModelFiles(t) {
		if err := chromedp.Do(ctx,
			chromedp.SetUploadFiles(chromedp.CSS("#import-model"), []string{path}),
			waitJS(fmt.Sprintf(`(document.querySelector("#model-message") || {}).textContent?.startsWith(%q)`, name+" was not loaded: ")),
		); err != nil {
			t.Errorf("%s: message %q: %v", name, text(t, ctx, "#model-message"), err)
			continue
		}
		msg := text(t, ctx, "#model-message")
		t.Logf("%s: %s (detail: %s)", name, msg, text(t, ctx, "#model-detail code"))
		// The student reads what the file is; the parser's words wait under "Technical detail".
		if strings.Contains(msg, "is not a model") && text(t, ctx, "#model-detail code") == "" {
			t.Errorf("%s: no technical detail under %q", name, msg)
		}
		if strings.Contains(msg, "safetensors:") || strings.Contains(msg, "header length") {
			t.Errorf("%s: the message %q is the parser's words", name, msg)
		}
		if got := topGuesses(t, ctx, "We are going"); strings.Join(got, "|") != strings.Join(before, "|") {
			t.Errorf("after %s the model guesses %v, before %v", name, got, before)
		}
		if got := text(t, ctx, "#step-count"); got != "60" {
			t.Errorf("after %s the run shows step %q, want 60", name, got)
		}
	}
	if got := injected(t, ctx); len(got) > 0 {
		t.Errorf("a model file ran or made elements: %q", got)
	}
}

// TestReloadDuringTraining: a reload in the middle of a run opens the page
// again, with the model kept when training last paused.
func TestReloadDuringTraining(t *testing.T) {
	ctx := newTab(t, 120*time.Second)
	q := slowRun(t)
	openPlayground(t, ctx, q)
	click(t, ctx, "#play")
	if err := chromedp.Do(ctx, waitJS(`+document.querySelector("#step-count").textContent >= 2`)); err != nil {
		t.Fatal(err)
	}
	click(t, ctx, "#pause")
	waitState(t, ctx, "paused")
	kept := text(t, ctx, "#step-count")
	if err := chromedp.Do(ctx, waitJS(`!!localStorage.getItem("rnn-playground.last-model")`)); err != nil {
		t.Fatal("the paused model was not kept:", err)
	}
	click(t, ctx, "#play")
	if err := chromedp.Do(ctx, waitJS(`+document.querySelector("#step-count").textContent > `+kept)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		started(),
		waitJS(`(document.querySelector("#origin-what") || {}).textContent?.includes("kept at step `+kept+` ")`),
		waitJS(`document.querySelector("#step-count").textContent === "`+kept+`"`),
		waitJS(`+document.querySelector("#loss-chart").dataset.points === `+kept),
	); err != nil {
		t.Fatalf("after the reload: step %q, page %q: %v", text(t, ctx, "#step-count"), pageText(ctx), err)
	}
	waitState(t, ctx, "paused")
	click(t, ctx, "#play")
	if err := chromedp.Do(ctx, waitJS(`+document.querySelector("#step-count").textContent > `+kept+` && document.querySelector("#run-state").textContent === "training"`)); err != nil {
		t.Errorf("training does not go on after the reload: step %q, state %q, error %q: %v",
			text(t, ctx, "#step-count"), text(t, ctx, "#run-state"), text(t, ctx, "#run-error"), err)
	}
}

// TestTwoTabsOfOneStudent: two tabs sharing storage train at once, each
// its own run, both the notebook's numbers; a third finds the model kept.
func TestTwoTabsOfOneStudent(t *testing.T) {
	a := newTab(t, 120*time.Second)
	openPlayground(t, a, "")
	b := sameVisitorTab(t, a, 120*time.Second)
	openPlayground(t, b, "")
	click(t, a, "#play")
	click(t, b, "#play")
	waitState(t, a, "done")
	waitState(t, b, "done")
	for name, ctx := range map[string]context.Context{"first": a, "second": b} {
		if got := logLines(t, ctx); strings.Join(got, "\n") != strings.Join(notebookLog, "\n") {
			t.Errorf("the %s tab's log is\n%s", name, strings.Join(got, "\n"))
		}
	}
	c := sameVisitorTab(t, a, 60*time.Second)
	openPlayground(t, c, "")
	if err := chromedp.Do(c, waitJS(`(document.querySelector("#origin-what") || {}).textContent?.includes("kept at step 151 ")`)); err != nil {
		t.Errorf("a third tab does not find the kept model: %q: %v", text(t, c, "#train"), err)
	}
}

// TestStorageDisabled: with storage refused (blocked site data: reading
// window.localStorage throws) the page trains, answers and says the model
// is not kept.
func TestStorageDisabled(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	// As Chromium's own property: an accessor on window, configurable.
	addScript(t, ctx, `Object.defineProperty(window, "localStorage", { configurable: true,
		get() { throw new DOMException("The operation is insecure.", "SecurityError") } })`)
	openPlayground(t, ctx, "")
	click(t, ctx, "#play")
	waitState(t, ctx, "done")
	if got := logLines(t, ctx); strings.Join(got, "\n") != strings.Join(notebookLog, "\n") {
		t.Errorf("log without storage\n%s", strings.Join(got, "\n"))
	}
	if err := chromedp.Do(ctx, waitJS(`(document.querySelector("#model-message") || {}).textContent?.includes("did not keep the model")`)); err != nil {
		t.Errorf("no message that the model is not kept: %q: %v", text(t, ctx, "#model-message"), err)
	}
	if got := topGuesses(t, ctx, "We are"); len(got) == 0 || !strings.HasPrefix(got[0], "going ") {
		t.Errorf("guesses %v", got)
	}
}

// TestBrokenWasmIsExplained: when app.wasm cannot be compiled (a cut
// download, a proxy's error page) the loader says why instead of spinning,
// and a reload once the file is whole opens the playground. (go-app's
// loader: the message is its error text; the retry is a reload.)
func TestBrokenWasmIsExplained(t *testing.T) {
	ctx := newTab(t, 60*time.Second)
	dist, siteURL := plainStaticSite(t)

	wasm := filepath.Join(dist, "web", "app.wasm")
	good, err := os.ReadFile(wasm)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(wasm, good[:len(good)/3], 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(siteURL+"/"),
		waitJS(`(document.querySelector("#app-wasm-loader-label") || {}).textContent?.includes("WebAssembly")`),
	); err != nil {
		t.Fatalf("no message for a cut app.wasm: %q: %v", text(t, ctx, "#app-wasm-loader-label"), err)
	}
	t.Logf("the loader says: %s", text(t, ctx, "#app-wasm-loader-label"))
	var fits bool
	eval(t, ctx, `(() => { const r = document.getElementById("app-wasm-loader-label").getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth })()`, &fits)
	if said := text(t, ctx, "#app-wasm-loader-label"); !fits || !strings.Contains(said, "reload the page") {
		t.Errorf("the loader's message does not fit the window (%v) or does not say to reload: %q", fits, said)
	}

	if err := os.WriteFile(wasm, good, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Reload(),
		started(),
		waitJS(`document.querySelector("#run-state").textContent === "paused"`),
	); err != nil {
		t.Fatalf("the reload does not open the playground: %v; page %q", err, pageText(ctx))
	}
}
