//go:build !wasm

package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/rnn-playground/rnn-playground/e2e/headless"
)

// TestCSPInChromium loads the real build in headless Chromium, from the live
// server (policy in a header) and from the static site under a prefix on a
// plain file server (policy in a <meta> tag): the wasm must start and the
// console must show no violation. A deliberate violation at the end proves
// that the console is really being read.
func TestCSPInChromium(t *testing.T) {
	need := func(what string) {
		t.Helper()
		if headless.Required() {
			t.Fatal(what)
		}
		t.Skip(what)
	}
	chromium := headless.Find()
	if chromium == "" {
		need("Chromium not found (apt-get install -y chromium)")
	}
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, "web", "app.wasm")); err != nil {
		need("web/app.wasm not built (make -f wasm.Makefile build)")
	}

	live, err := newSite(root)
	if err != nil {
		t.Fatal(err)
	}
	dist := filepath.Join(t.TempDir(), "dist")
	if err := writeStaticSite(dist, root, "/rnn-playground"); err != nil {
		t.Fatal(err)
	}
	pages := http.StripPrefix("/rnn-playground", http.FileServer(http.Dir(dist)))

	browser, cancel, err := headless.Start(chromium)
	if err != nil {
		t.Fatal(err)
	}
	defer cancel()

	for _, tt := range []struct {
		name    string
		handler http.Handler
		path    string
	}{
		{"live", live, "/?autoplay=1"},
		{"static", pages, "/rnn-playground/?autoplay=1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			tab, cancel := chromedp.NewContext(browser)
			defer cancel()
			tab, cancel = context.WithTimeout(tab, 2*time.Minute)
			defer cancel()
			expectNoViolation(t, tab, srv.URL+tt.path)
		})
	}
}

// expectNoViolation opens url in the tab, waits for the app to start, and
// fails on any CSP message in the console.
func expectNoViolation(t *testing.T, tab context.Context, url string) {
	if err := chromedp.Do(tab); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var console []string
	messages := chromedp.Console(tab) // subscribed from here on
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			mu.Lock()
			console = append(console, m.Text)
			mu.Unlock()
		}
	}()
	violations := func() []string {
		mu.Lock()
		defer mu.Unlock()
		var v []string
		for _, m := range console {
			if strings.Contains(m, "Content Security Policy") || strings.Contains(m, "Content-Security-Policy") {
				v = append(v, m)
			}
		}
		return v
	}

	// autoplay starts training, so the Worker compiles the same wasm too.
	err := chromedp.Do(tab,
		chromedp.Navigate(url),
		chromedp.WaitNotPresent(chromedp.CSS("#app-wasm-loader")), // removed once the app has rendered (loader.js)
		chromedp.Sleep(3*time.Second),                             // let the page and the Worker work
	)
	if err != nil {
		mu.Lock()
		defer mu.Unlock()
		t.Fatalf("the app did not start under the policy: %v\nconsole: %q", err, console)
	}
	if v := violations(); len(v) > 0 {
		t.Fatalf("CSP violations:\n%s", strings.Join(v, "\n"))
	}

	err = chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](
		`{ const s = document.createElement("script"); s.textContent = "window.injected = 1"; document.body.append(s); }`))
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); len(violations()) == 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("an injected inline script raised no CSP message: the console is not being read, or the policy allows inline script")
		}
	}
}
