package e2e

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestWorkerFailureOffersRetry breaks the trainer's script: the page says
// the trainer stopped and offers to try again, which works once the script
// is back. (The site is the static export on a plain file server, whose
// files the test can change; without the service worker, so nothing is
// cached.)
func TestWorkerFailureOffersRetry(t *testing.T) {
	ctx := newTab(t, 60*time.Second)
	dist, siteURL := plainStaticSite(t)

	script := filepath.Join(dist, "web", "worker.js")
	good, err := os.ReadFile(script)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(script, []byte(`throw new Error("broken on purpose");`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(siteURL+"/"),
		started(),
		waitJS(`!!document.querySelector("#failure #retry")`),
	); err != nil {
		t.Fatalf("no failure message with a broken worker: %v; page says %q", err, pageText(ctx))
	}
	if got := text(t, ctx, "#failure"); !strings.Contains(got, "The trainer stopped") {
		t.Errorf("failure message = %q", got)
	}

	if err := os.WriteFile(script, good, 0o644); err != nil {
		t.Fatal(err)
	}
	click(t, ctx, "#retry")
	if err := chromedp.Do(ctx, waitJS(`document.querySelector("#run-state").textContent === "paused"`)); err != nil {
		t.Fatalf("Try again: %v; page says %q", err, pageText(ctx))
	}
	if n := text(t, ctx, "#failure"); n != "" {
		t.Errorf("the failure message stays after a successful retry: %q", n)
	}
	click(t, ctx, "#play")
	waitState(t, ctx, "done")
	if got := logLines(t, ctx); strings.Join(got, "\n") != strings.Join(notebookLog, "\n") {
		t.Errorf("after Try again the log is\n%s", strings.Join(got, "\n"))
	}
}

// plainStaticSite writes the static export and serves it from a plain file
// server whose files a test may change. The service worker is left out
// (404), so nothing is cached between loads. It returns the folder and URL.
func plainStaticSite(t *testing.T) (dist, siteURL string) {
	t.Helper()
	dist = writeStaticSite(t)
	files := http.FileServer(http.Dir(dist))
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/app-worker.js" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(site.Close)
	return dist, site.URL
}
