package e2e

import (
	"context"
	"encoding/json"
	"math"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// recordWorkerEvents runs before the page's own scripts: it listens to
// every Worker the page starts and keeps each step's loss from the
// progress events, exactly as the worker computed it.
const recordWorkerEvents = `(() => {
  const Native = window.Worker;
  window.__losses = [];
  window.Worker = function (url, options) {
    const w = new Native(url, options);
    w.addEventListener("message", (e) => {
      let ev;
      try { ev = JSON.parse(e.data); } catch (_) { return; }
      if (ev.kind === "progress" && ev.losses) {
        ev.losses.forEach((l, i) => { window.__losses[ev.firstStep - 1 + i] = l; });
      }
    });
    return w;
  };
  window.Worker.prototype = Native.prototype;
})();`

// TestSameLossesAsTheCommandLine: the same link gives the same loss at
// every step in the browser (the wasm trainer in its worker) and in
// `rnn train` (native), to 1e-6 relative, for every cell kind, with
// padded lines, two layers, SGD with clipping, and character windows.
func TestSameLossesAsTheCommandLine(t *testing.T) {
	const lines = "We are going to watch Avengers End Game\nWe are going home\nEnd Game"
	runs := []struct {
		name  string
		query url.Values
	}{
		{"rnn", url.Values{"cell": {"rnn"}, "layers": {"2"}, "hidden": {"12"}, "embed": {"6"}, "seed": {"7"}}},
		{"rnn_relu", url.Values{"cell": {"rnn_relu"}, "hidden": {"12"}, "seed": {"3"}}},
		{"lstm", url.Values{"cell": {"lstm"}, "layers": {"2"}, "opt": {"sgd"}, "lr": {"0.5"}, "clip": {"0.25"}}},
		{"gru", url.Values{"cell": {"gru"}, "tok": {"char"}, "window": {"8"}, "batch": {"3"}, "hidden": {"16"}}},
	}
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			q := r.query
			q.Set("text", lines)
			q.Set("steps", "60")
			q.Set("autoplay", "1")
			_, got, want := pageAndCommandLine(t, q)
			if len(got) != len(want) || len(want) != 60 {
				t.Fatalf("the page has %d losses, rnn train %d; want 60 each", len(got), len(want))
			}
			worst := 0.0
			for i := range want {
				rel := math.Abs(got[i]-want[i]) / math.Abs(want[i])
				worst = max(worst, rel)
				if rel > 1e-6 {
					t.Fatalf("step %d: page %.17g, rnn train %.17g (relative %.1e)", i+1, got[i], want[i], rel)
				}
			}
			t.Logf("%s: 60 steps, largest relative difference %.1e", r.name, worst)
		})
	}
}

// pageAndCommandLine trains the run of link q (with autoplay) in the page
// until it is done, and with `rnn train` given the same settings, and
// returns the page's tab and the loss of every step of each.
func pageAndCommandLine(t *testing.T, q url.Values) (ctx context.Context, inPage, inCLI []float64) {
	t.Helper()
	ctx = newTab(t, 90*time.Second)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: recordWorkerEvents}); err != nil {
		t.Fatal(err)
	}
	openPlayground(t, ctx, q.Encode())
	waitState(t, ctx, "done")
	eval(t, ctx, `window.__losses`, &inPage)

	return ctx, inPage, cliLosses(t, cliArgs(q)...)
}

// cliArgs are the flags of `rnn train -json -every 1` for the link q: the
// command line's flags are named as the link's keys.
func cliArgs(q url.Values) []string {
	args := []string{"-json", "-every", "1"}
	for key, vals := range q {
		if key != "autoplay" && key != "pace" { // the page's, not the run's
			args = append(args, "-"+key, vals[0])
		}
	}
	return args
}

// cliLosses is the loss of every step `rnn train -json -every 1` prints.
func cliLosses(t *testing.T, args ...string) []float64 {
	t.Helper()
	out, err := exec.Command(filepath.Join(binDir, "rnn"), append([]string{"train"}, args...)...).Output()
	if err != nil {
		t.Fatalf("rnn train %v: %v", args, err)
	}
	var losses []float64
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var e struct{ Loss float64 }
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("rnn train printed %q: %v", line, err)
		}
		losses = append(losses, e.Loss)
	}
	return losses
}
