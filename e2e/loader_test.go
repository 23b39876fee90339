package e2e

import (
	"context"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestLoadingShowsTheServersCopy holds app.wasm back and looks at the page
// meanwhile, on a phone: on a first visit to the plain address the server's
// copy of the page is in view, shows the default run's form as the app then
// does, and takes no input; a badge, not a screen over the page, says it is
// loading. Once app.wasm is in, the page is the app's. app.wasm is
// downloaded once, by the trainer worker, which the page keeps as its
// trainer: one worker.js.
func TestLoadingShowsTheServersCopy(t *testing.T) {
	ctx := newTab(t, 60*time.Second)
	site := holdWasm(t)
	asPhone(t, ctx)
	recordShifts(t, ctx)
	recordFrames(t, ctx)
	loading := openLoading(t, ctx, site.url+"/")
	if !loading.Inert || !loading.PageInView || loading.LoaderHeight > 80 || loading.Label != "Loading RNN Playground…" {
		t.Errorf("while app.wasm loads: %+v; want the page in view and inert, and a badge under 80 px saying it loads", loading)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()) // the phone's screen, badge included
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(shotDir, "loading-phone.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	prerendered := formValues(t, ctx)
	if len(prerendered) < 10 {
		t.Fatalf("the server's copy has %d form fields: %v", len(prerendered), prerendered)
	}

	site.release()
	if err := chromedp.Do(ctx, started(),
		waitJS(`document.querySelector("#run-state").textContent === "paused"`),
	); err != nil {
		t.Fatalf("after app.wasm came: %v; page says %q", err, pageText(ctx))
	}
	time.Sleep(500 * time.Millisecond) // the parts the page renders in steps
	frames := recordedFrames(t, ctx)
	if full := maxTrain(frames); full < 200 {
		t.Fatalf("the Train card never held more than %d characters: %+v", full, frames)
	} else {
		inView := false // from the first frame that shows the copy's Train card
		for i, f := range frames {
			inView = inView || f.PageShown && f.Train >= full/2
			if inView && f.Train < full/2 {
				t.Errorf("frame %d of %d: the Train card in view holds %d characters of %d: the page emptied it while taking over", i, len(frames), f.Train, full)
				break
			}
		}
	}
	noLayoutShift(t, ctx)
	var inert bool
	eval(t, ctx, `document.querySelector(".page").inert`, &inert)
	if inert {
		t.Error("the app's page is inert")
	}
	live := formValues(t, ctx)
	for _, id := range slices.Sorted(maps.Keys(prerendered)) {
		if got, ok := live[id]; ok && got != prerendered[id] {
			t.Errorf("#%s: the server's copy shows %q, the app %q", id, prerendered[id], got)
		}
	}
	if n := site.fetches("/web/app.wasm"); n != 1 || site.fetches("/web/worker.js") != 1 {
		t.Errorf("app.wasm fetched %d times, worker.js %d times; want each once", n, site.fetches("/web/worker.js"))
	}
}

// TestLoadingCoversACopyThatWouldChange: where the server's copy is not what
// the app will show (a teacher's link sets the run and hides cards; a Korean
// page), the loader covers the page until the app runs, in the page's
// language, rather than show a page that then changes.
func TestLoadingCoversACopyThatWouldChange(t *testing.T) {
	for _, tt := range []struct{ name, query, label string }{
		{"teacher's link", "?text=the+cat+sat+on+the+mat&cell=lstm&hide=model,share&title=Cats", "Loading RNN Playground…"},
		{"Korean", "?lang=ko", "RNN Playground를 불러오는 중…"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := newTab(t, 60*time.Second)
			site := holdWasm(t)
			asPhone(t, ctx)
			recordShifts(t, ctx)
			recordFrames(t, ctx)
			loading := openLoading(t, ctx, site.url+"/"+tt.query)
			if loading.PageInView || loading.LoaderHeight < 800 || loading.Label != tt.label {
				t.Errorf("while app.wasm loads: %+v; want the page covered, saying %q", loading, tt.label)
			}
			site.release()
			if err := chromedp.Do(ctx, started()); err != nil {
				t.Fatalf("after app.wasm came: %v; page says %q", err, pageText(ctx))
			}
			// From the cover to the app's whole page, with nothing between:
			// no frame without the cover shows an empty or half-filled page.
			frames := recordedFrames(t, ctx)
			full := maxTrain(frames)
			covered := false // from the first frame with the cover
			for i, f := range frames {
				covered = covered || f.Covered
				if covered && !f.Covered && (!f.PageShown || f.Train < full/2) {
					t.Errorf("frame %d of %d: %+v, neither the cover nor the page (Train card: %d characters at most)", i, len(frames), f, full)
					break
				}
			}
			// Under the cover too: a shift there counts in Lighthouse's CLS.
			noLayoutShift(t, ctx)
		})
	}
}

// frame is what one animation frame showed while the page loaded.
type frame struct {
	Covered   bool // go-app's screen is over the page
	PageShown bool // the page (the server's copy, or the app's) is visible
	Train     int  // the characters of the Train card, -1 without one
}

// recordFrames has the next page note, at every animation frame, what it
// shows: the cover, the page, and how much of the Train card, which is in
// view on a phone at the start.
func recordFrames(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__frames = [];
		(function note() {
			const cover = document.getElementById("app-wasm-loader"), page = document.querySelector(".page"), train = document.getElementById("train");
			if (document.body) {
				window.__frames.push({
					covered: !!cover && cover.checkVisibility(),
					pageShown: !!page && page.checkVisibility({visibilityProperty: true}),
					train: train ? train.innerText.length : -1,
				});
			}
			requestAnimationFrame(note);
		})();`,
	}); err != nil {
		t.Fatal(err)
	}
}

func recordedFrames(t *testing.T, ctx context.Context) []frame {
	t.Helper()
	var frames []frame
	eval(t, ctx, `window.__frames`, &frames)
	if len(frames) < 10 {
		t.Fatalf("only %d animation frames recorded", len(frames))
	}
	return frames
}

// maxTrain is the most the Train card held in any frame.
func maxTrain(frames []frame) int {
	n := 0
	for _, f := range frames {
		n = max(n, f.Train)
	}
	return n
}

// loadingState is what a student sees while app.wasm loads.
type loadingState struct {
	Inert        bool    // the server's copy takes no input
	PageInView   bool    // and is visible, its top on the screen
	LoaderHeight float64 // the loader in view: a badge, or go-app's screen over the page
	Label        string  // what the loader says
}

// openLoading navigates to u, whose app.wasm is held back, and reads the
// page once it has loaded all else.
func openLoading(t *testing.T, ctx context.Context, u string) loadingState {
	t.Helper()
	if err := chromedp.Do(ctx,
		chromedp.Navigate(u),
		waitJS(`document.readyState === "complete" && !!document.getElementById("app-wasm-loader")`),
	); err != nil {
		t.Fatalf("loading %s: %v", u, err)
	}
	time.Sleep(300 * time.Millisecond) // what the student sees for as long as app.wasm takes
	var s loadingState
	eval(t, ctx, `(() => {
		const page = document.querySelector(".page");
		const loader = [document.getElementById("rnn-loading"), document.getElementById("app-wasm-loader")].find(e => e && e.checkVisibility());
		return {
			inert: page.inert,
			pageInView: page.checkVisibility({visibilityProperty: true}) && page.getBoundingClientRect().top < innerHeight / 3,
			loaderHeight: loader.getBoundingClientRect().height,
			label: loader.textContent.trim(),
		};
	})()`, &s)
	return s
}

// heldSite is the playground's server behind a proxy that holds app.wasm
// back until release and counts the requests for each path. It serves no
// service worker, which would fetch app.wasm too, to keep it.
type heldSite struct {
	url     string
	release func()

	mu      sync.Mutex
	fetched map[string]int
}

func (s *heldSite) fetches(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fetched[path]
}

func holdWasm(t *testing.T) *heldSite {
	t.Helper()
	target, err := url.Parse(baseURL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	held := make(chan struct{})
	s := &heldSite{fetched: map[string]int{}}
	var once sync.Once
	s.release = func() { once.Do(func() { close(held) }) }
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.fetched[r.URL.Path]++
		s.mu.Unlock()
		switch r.URL.Path {
		case "/app-worker.js":
			http.NotFound(w, r)
			return
		case "/web/app.wasm":
			select {
			case <-held:
			case <-r.Context().Done():
				return
			}
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(s.release) // before srv.Close, which waits for the held request
	s.url = srv.URL
	return s
}

// formValues reads the run's form (text, model and training sections): each
// field's value, or for a radio button or checkbox whether it is checked.
func formValues(t *testing.T, ctx context.Context) map[string]string {
	t.Helper()
	var v map[string]string
	eval(t, ctx, `Object.fromEntries([...document.querySelectorAll("#text [id], #model [id], #train [id]")]
		.filter(e => ["INPUT", "SELECT", "TEXTAREA"].includes(e.tagName))
		.map(e => [e.id, e.type === "radio" || e.type === "checkbox" ? String(e.checked) : e.value]))`, &v)
	return v
}

// recordShifts records every layout shift of the tab's next page, those
// after input included, as Lighthouse counts them.
func recordShifts(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__shifts = []; new PerformanceObserver(l => window.__shifts.push(...l.getEntries().map(e => e.value))).observe({type: "layout-shift", buffered: true});`,
	}); err != nil {
		t.Fatal(err)
	}
}

// noLayoutShift fails if the shifts recordShifts saw add up to more than
// 0.05 (Lighthouse's good: under 0.1).
func noLayoutShift(t *testing.T, ctx context.Context) {
	t.Helper()
	var shifts []float64
	eval(t, ctx, `window.__shifts`, &shifts)
	if cls := sum(shifts); cls > 0.05 {
		t.Errorf("layout shifts from navigation to the app's page: %v, %.3f in all (Lighthouse's good: under 0.1)", shifts, cls)
	}
}

func sum(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s
}

// TestTypingWhileThePageStarts types into the text box from the moment it
// takes input until the page has started, on a phone four times slower
// than this machine: the page starts in many short tasks (app/steps.go),
// and a render of the text box must never be split by the browser's turn,
// in which a key would land in the box and then be overwritten by the
// render's older text. Every key typed is in the text box at the end.
func TestTypingWhileThePageStarts(t *testing.T) {
	ctx := newTab(t, 60*time.Second)
	asPhone(t, ctx)
	if _, err := chromedp.Call(ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: 4}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(baseURL+"/"),
		waitJS(`(() => { const t = document.querySelector("#opt-text"); return !!t && !t.closest("[inert]") })()`),
	); err != nil {
		t.Fatalf("the text box never took input: %v; page says %q", err, pageText(ctx))
	}
	var before string
	eval(t, ctx, `(() => { const t = document.querySelector("#opt-text"); t.focus(); t.selectionStart = t.selectionEnd = t.value.length; return t.value })()`, &before)
	typed, whileStarting := "", 0
	for i := 0; i < 200; i++ {
		var done bool
		eval(t, ctx, isStarted, &done)
		if done && i >= whileStarting+5 && whileStarting > 0 {
			break
		}
		if !done {
			whileStarting++
		}
		ch := string(rune('a' + i%26))
		if err := chromedp.Do(ctx, chromedp.KeyEvent(ch)); err != nil {
			t.Fatal(err)
		}
		typed += ch
		time.Sleep(30 * time.Millisecond)
	}
	if whileStarting < 10 {
		t.Fatalf("only %d keys typed while the page started: nothing to check", whileStarting)
	}
	if err := chromedp.Do(ctx, started()); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // the last keys' input events
	var after string
	eval(t, ctx, `document.querySelector("#opt-text").value`, &after)
	if after != before+typed {
		t.Errorf("typed %q (%d keys while the page started) after %q; the text box holds %q", typed, whileStarting, before, after)
	}
}
