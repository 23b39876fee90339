package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/rnn-playground/rnn-playground/e2e/headless"
)

// The harness: one server and one browser for the whole package, a new
// tab per test.
var (
	repoRoot   string // the module root, where the server finds web/
	baseURL    string // the running server, e.g. http://127.0.0.1:41234
	browserCtx context.Context
	binDir     string // binaries built for the tests
	shotDir    string // where screenshots go: $SCREENSHOTS, else binDir
	skipReason string // why the browser tests cannot run here
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	root, err := filepath.Abs("..")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	repoRoot = root
	chromium := headless.Find()
	if chromium == "" {
		if headless.Required() {
			fmt.Fprintln(os.Stderr, "e2e: Chromium is required in CI (apt-get install -y chromium)")
			return 1
		}
		skipReason = "Chromium not found (apt-get install chromium); browser tests skipped"
		fmt.Fprintln(os.Stderr, "e2e:", skipReason)
		return m.Run()
	}
	if _, err := os.Stat(filepath.Join(root, "web", "app.wasm")); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: web/app.wasm is missing: build it first with `make -f wasm.Makefile build`")
		return 1
	}

	binDir, err = os.MkdirTemp("", "rnn-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(binDir)
	// Tests write only to temporary folders; `make -f wasm.Makefile
	// screenshots` sets SCREENSHOTS to refresh docs/screenshots.
	shotDir = os.Getenv("SCREENSHOTS")
	if shotDir == "" {
		shotDir = binDir
	}
	var serve string
	for _, cmd := range []string{"serve", "rnn"} {
		bin, err := headless.Build(root, binDir, cmd)
		if err != nil {
			fmt.Fprintln(os.Stderr, "e2e:", err)
			return 1
		}
		if cmd == "serve" {
			serve = bin
		}
	}
	base, stop, err := headless.Serve(serve, root)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer stop()
	baseURL = base

	ctx, cancel, err := headless.Start(chromium)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer cancel()
	browserCtx = ctx
	return m.Run()
}

// newTab opens a tab for one test, with a deadline so a stuck page fails
// the test instead of hanging the suite. Each tab is a new visitor: its
// own browser context, with empty storage, caches and service workers, so
// what one test leaves behind (a kept model) cannot change another.
func newTab(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	if skipReason != "" {
		t.Skip(skipReason)
	}
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(ctx, timeout)
	t.Cleanup(cancelT)
	return ctx
}

// sameVisitorTab opens another tab for the visitor of tab: the same
// browser context, so it shares storage and the service worker (a reload
// in a new tab, a second tab of the same student).
func sameVisitorTab(t *testing.T, tab context.Context, timeout time.Duration) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(tab)
	t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(ctx, timeout)
	t.Cleanup(cancelT)
	return ctx
}

// openPlayground navigates to the page with query and waits until the wasm
// has rendered and the trainer worker has answered.
func openPlayground(t *testing.T, ctx context.Context, query string) {
	t.Helper()
	u := baseURL + "/"
	if query != "" {
		u += "?" + query
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(u),
		started(),
		waitJS(`(() => { const s = document.querySelector("#run-state"); return !!s && s.textContent !== "starting the trainer…" && s.textContent !== "loading the model…" })()`),
	); err != nil {
		t.Fatalf("opening %s: %v; page says: %q", u, err, pageText(ctx))
	}
}

// started waits until the app runs and has rendered the whole page: go-app
// removes its loader once Go has started, and the page renders its parts
// in steps after that, marking its main element when the last is in
// (app/steps.go).
func started() chromedp.Action[chromedp.Void] {
	return waitJS(isStarted)
}

// isStarted is true once the app runs and has rendered the whole page.
const isStarted = `!document.getElementById("app-wasm-loader") && !!document.querySelector("main[data-rendered]")`

// asPhone makes the tab a phone: 390 × 844 CSS px at 2× scale, touch.
func asPhone(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
}

// wider reports whether the page is wider than the screen (it scrolls
// sideways).
func wider(t *testing.T, ctx context.Context) bool {
	t.Helper()
	var w bool
	eval(t, ctx, `document.documentElement.scrollWidth > window.innerWidth`, &w)
	return w
}

// hookClipboard makes the page's clipboard writes readable by copied:
// what a Copy button really put there, not what its label says.
func hookClipboard(t *testing.T, ctx context.Context) {
	t.Helper()
	var ok bool
	eval(t, ctx, `(() => { window.__copied = []; navigator.clipboard.writeText = s => { window.__copied.push(s); return Promise.resolve() }; return true })()`, &ok)
}

// copied is the last text the page wrote to the clipboard since
// hookClipboard, once it has written one: a click reaches the page's Go
// through its event loop, after the click itself has returned.
func copied(t *testing.T, ctx context.Context) string {
	t.Helper()
	wait, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_ = chromedp.Do(wait, waitJS(`(window.__copied || []).length > 0`)) // none: "" below
	var s string
	eval(t, ctx, `(window.__copied || []).at(-1) || ""`, &s)
	return s
}

// pageText is the start of the page's text, to say what a failed test saw.
func pageText(ctx context.Context) string {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 600) : ""`))
	if err != nil {
		return "(unreadable: " + err.Error() + ")"
	}
	return s
}

// waitJS polls a JavaScript expression until it is true.
func waitJS(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingInterval(20*time.Millisecond))
}

// eval evaluates a JavaScript expression into out.
func eval[T any](t *testing.T, ctx context.Context, expr string, out *T) {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	*out = v
}

// text is an element's text content.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	var s string
	eval(t, ctx, fmt.Sprintf(`(document.querySelector(%q) || {textContent: ""}).textContent`, sel), &s)
	return s
}

// click clicks the element and fails the test if it cannot.
func click(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatalf("clicking %s: %v", sel, err)
	}
}

// waitState waits for the trainer state label to read want.
func waitState(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	if err := chromedp.Do(ctx, waitJS(fmt.Sprintf(`document.querySelector("#run-state").textContent === %q`, want))); err != nil {
		t.Fatalf("waiting for state %q (now %q): %v", want, text(t, ctx, "#run-state"), err)
	}
}

// logLines reads the notebook log as printed: each header, then its rows.
func logLines(t *testing.T, ctx context.Context) []string {
	t.Helper()
	var lines []string
	eval(t, ctx, `[...document.querySelectorAll("#log .log-entry")].flatMap(e =>
		[e.querySelector(".log-header").textContent, ...[...e.querySelectorAll(".log-row")].map(r => r.textContent)])`, &lines)
	return lines
}

// cliLog is the log `rnn train` prints for the same settings, without the
// blank lines between entries.
func cliLog(t *testing.T, args ...string) []string {
	t.Helper()
	out, err := exec.Command(filepath.Join(binDir, "rnn"), append([]string{"train"}, args...)...).Output()
	if err != nil {
		t.Fatalf("rnn train %v: %v", args, err)
	}
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		if l = strings.TrimRight(l, " "); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// trainToEnd presses Train once it is enabled and waits for the run to
// finish. After an edit the page rebuilds the model and Train stays
// disabled until the new run is ready; a click before that would be lost.
func trainToEnd(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, waitJS(`(() => {
		const state = document.querySelector("#run-state").textContent, play = document.querySelector("#play");
		if (state === "paused" && play && !play.disabled) play.click();
		return state === "done";
	})()`)); err != nil {
		t.Fatalf("training to the end: state %q: %v", text(t, ctx, "#run-state"), err)
	}
}
