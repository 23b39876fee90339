package e2e

import (
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// pagesPrefix is where GitHub Pages would serve the site: /REPO/.
const pagesPrefix = "/rnn-playground"

// TestStaticSiteUnderPrefixAndOffline writes the static site as `make -f
// wasm.Makefile static` does, serves it under a sub-path with a plain file
// server, trains the notebook run, then cuts the network (DevTools offline
// emulation, and the file server shut down) and trains again from the
// service worker's cache, from a shared link.
func TestStaticSiteUnderPrefixAndOffline(t *testing.T) {
	ctx := newTab(t, 120*time.Second)
	site := pagesSite(t)
	defer site.Close()
	root := site.URL + pagesPrefix + "/"

	trainNotebook := func(what, u string) {
		t.Helper()
		if err := chromedp.Do(ctx,
			chromedp.Navigate(u),
			started(),
			waitJS(`(() => { const s = document.querySelector("#run-state"); return !!s && s.textContent !== "starting the trainer…" })()`),
		); err != nil {
			t.Fatalf("%s: opening %s: %v", what, u, err)
		}
		if text(t, ctx, "#run-state") == "paused" {
			click(t, ctx, "#play")
		}
		waitState(t, ctx, "done")
		if got := logLines(t, ctx); strings.Join(got, "\n") != strings.Join(notebookLog, "\n") {
			t.Errorf("%s: log\n%s\nwant the notebook's", what, strings.Join(got, "\n"))
		}
	}
	trainNotebook("static site", root)

	// Wait until the service worker controls the page and has cached the wasm.
	const cached = `(async () => {
		if (!navigator.serviceWorker.controller) return false;
		for (const k of await caches.keys()) {
			if (await (await caches.open(k)).match(location.pathname.replace(/[^/]*$/, "") + "web/app.wasm")) return true;
		}
		return false })()`
	deadline := time.Now().Add(30 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cached, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the service worker did not cache app.wasm")
		}
		time.Sleep(200 * time.Millisecond)
	}

	// Cut the network: nothing reaches the file server any more.
	site.CloseClientConnections()
	site.Close()
	offline := []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}}
	yes := true
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: &yes, MatchedNetworkConditions: offline,
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
		Offline: true, DownloadThroughput: -1, UploadThroughput: -1,
	}); err != nil {
		t.Fatal(err)
	}
	var online bool
	eval(t, ctx, `navigator.onLine`, &online)
	if online {
		t.Error("navigator.onLine is still true")
	}
	trainNotebook("offline", root+"?autoplay=1")
	var controlled bool
	eval(t, ctx, `!!navigator.serviceWorker.controller`, &controlled)
	if !controlled {
		t.Error("offline, the page is not served by the service worker")
	}
}

// writeStaticSite writes the static export as `make -f wasm.Makefile
// static` does, with serve's extra flags (such as -prefix), into a
// temporary folder, and returns the folder.
func writeStaticSite(t *testing.T, flags ...string) string {
	t.Helper()
	dist := filepath.Join(t.TempDir(), "dist")
	write := exec.Command(filepath.Join(binDir, "serve"), append([]string{"-static", dist}, flags...)...)
	write.Dir, write.Stderr = repoRoot, os.Stderr
	if out, err := write.Output(); err != nil {
		t.Fatalf("writing the static site: %v\n%s", err, out)
	}
	return dist
}

// pagesSite serves the static export under pagesPrefix from a plain file
// server, as GitHub Pages serves a project site.
func pagesSite(t *testing.T) *httptest.Server {
	t.Helper()
	dist := writeStaticSite(t, "-prefix", pagesPrefix)
	mux := http.NewServeMux()
	mux.Handle(pagesPrefix+"/", http.StripPrefix(pagesPrefix+"/", http.FileServer(http.Dir(dist))))
	return httptest.NewServer(mux)
}
