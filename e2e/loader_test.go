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

	"github.com/chromedp/chromedp"
)

// TestLoadingShowsTheServersCopy holds app.wasm back and looks at the page
// meanwhile, on a phone: the server's copy of the page is in view, shows the
// default run's form as the app then does, and takes no input; a badge, not
// a screen over the page, says it is loading. Once app.wasm is in, the page
// is the app's. app.wasm is downloaded once, by the trainer worker, which
// the page keeps as its trainer: one worker.js.
func TestLoadingShowsTheServersCopy(t *testing.T) {
	ctx := newTab(t, 60*time.Second)
	target, err := url.Parse(baseURL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	release := make(chan struct{})
	var mu sync.Mutex
	fetched := map[string]int{}
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		fetched[r.URL.Path]++
		mu.Unlock()
		switch r.URL.Path {
		case "/app-worker.js":
			http.NotFound(w, r) // no service worker: it would fetch app.wasm too, to keep it
			return
		case "/web/app.wasm":
			select {
			case <-release:
			case <-r.Context().Done():
				return
			}
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(site.Close)
	var once sync.Once
	open := func() { once.Do(func() { close(release) }) }
	t.Cleanup(open) // before site.Close, which waits for the held request

	asPhone(t, ctx)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(site.URL+"/"),
		waitJS(`document.readyState === "complete" && !!document.getElementById("app-wasm-loader")`),
	); err != nil {
		t.Fatalf("loading the page: %v", err)
	}
	time.Sleep(300 * time.Millisecond) // what the student sees for as long as app.wasm takes
	var loading struct {
		Inert        bool
		PageInView   bool
		LoaderHeight float64
		Label        string
	}
	eval(t, ctx, `(() => {
		const page = document.querySelector(".page"), loader = document.getElementById("app-wasm-loader");
		return {
			inert: page.inert,
			pageInView: page.checkVisibility() && page.getBoundingClientRect().top < innerHeight / 3,
			loaderHeight: loader.getBoundingClientRect().height,
			label: loader.textContent.trim(),
		};
	})()`, &loading)
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

	open()
	if err := chromedp.Do(ctx, started(),
		waitJS(`document.querySelector("#run-state").textContent === "paused"`),
	); err != nil {
		t.Fatalf("after app.wasm came: %v; page says %q", err, pageText(ctx))
	}
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

	mu.Lock()
	defer mu.Unlock()
	if fetched["/web/app.wasm"] != 1 || fetched["/web/worker.js"] != 1 {
		t.Errorf("app.wasm fetched %d times, worker.js %d times; want each once", fetched["/web/app.wasm"], fetched["/web/worker.js"])
	}
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
